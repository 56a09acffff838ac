import { countryName, isEuMember, SIZE_BAND_LABELS, sizeBand, worldRegion } from '../model/places.js';
import { CRITERION_KINDS, parseStoredProfile, type RESULT_MEASURES, type CaseProfile } from '../model/profile.js';
import { cpvDivision, cpvDivisionEntry, cpvEntry, exchangeRates, toEuro } from '../model/vocabularies.js';

/** A source as a profile value cites it: the title and address when the graph knows it, else its id. */
export interface CitedSource {
  id: string;
  title: string;
  url: string | null;
}
type KnownSource = { id: string; title?: string | null; url?: string | null };

export const CRITERION_TITLES: Record<(typeof CRITERION_KINDS)[number], string> = {
  selection: 'Selection criteria',
  award: 'Award criteria',
  'technical-specification': 'Technical specifications',
  'contract-clause': 'Contract performance clauses',
};

export const MEASURE_TITLES: Record<(typeof RESULT_MEASURES)[number], string> = {
  co2e: 'Greenhouse gases (CO2e)',
  energy: 'Energy',
  'cost-savings': 'Cost savings',
  jobs: 'Jobs',
  other: 'Other result',
};

/** A CPV code with its labels and division, for pages and the API. */
export function cpvView(code: string) {
  const division = cpvDivision(code);
  return {
    code,
    label: cpvEntry(code)?.labels.en ?? code,
    labels: cpvEntry(code)?.labels ?? {},
    division,
    divisionLabel: cpvDivisionEntry(division)?.labels.en ?? null,
  };
}

/**
 * A case's stored profile (JSON text) as pages and the API show it: every value with the sources
 * that state it, CPV codes with their labels, and the contract value also in euro where the rate
 * table has the currency and year (labelled as converted, with the rate and where it comes from).
 */
export function profileView(raw: unknown, known: KnownSource[]) {
  const profile: CaseProfile | undefined = parseStoredProfile(raw);
  if (!profile) return undefined;
  const byId = new Map(known.map((s) => [s.id, s]));
  const cite = (ids: string[]): CitedSource[] =>
    ids.map((id) => {
      const s = byId.get(id);
      return { id, title: s?.title ?? id, url: s?.url ?? null };
    });
  const value = profile.value;
  const euro = value ? toEuro(value.amount, value.currency, value.year) : undefined;
  return {
    background: profile.background && { ...profile.background, sources: cite(profile.background.sources) },
    purchase: profile.purchase && { ...profile.purchase, sources: cite(profile.purchase.sources) },
    cpv: profile.cpv && {
      ...profile.cpv,
      codes: profile.cpv.codes.map(cpvView),
      sources: cite(profile.cpv.sources),
    },
    procedure: profile.procedure && { ...profile.procedure, sources: cite(profile.procedure.sources) },
    buyer: profile.buyer && { ...profile.buyer, sources: cite(profile.buyer.sources) },
    contact: profile.contact && { ...profile.contact, sources: cite(profile.contact.sources) },
    value: value && {
      ...value,
      sources: cite(value.sources),
      converted:
        euro && value.currency !== 'EUR'
          ? {
              amount: euro.amount,
              currency: 'EUR',
              rate: euro.rate,
              year: value.year,
              note: `converted at the ${value.year} average rate (${exchangeRates().source})`,
            }
          : null,
    },
    period: profile.period && { ...profile.period, sources: cite(profile.period.sources) },
    criteria: CRITERION_KINDS.flatMap((kind) => {
      const items = (profile.criteria ?? []).filter((c) => c.kind === kind);
      return items.length ? [{ kind, title: CRITERION_TITLES[kind], items: items.map((c) => ({ ...c, sources: cite(c.sources) })) }] : [];
    }),
    results: (profile.results ?? []).map((r) => ({ ...r, title: MEASURE_TITLES[r.measure], sources: cite(r.sources) })),
    lessons: (profile.lessons ?? []).map((l) => ({ ...l, sources: cite(l.sources) })),
    documents: (profile.documents ?? []).map((d) => ({ ...d, sources: cite(d.sources) })),
  };
}

export type ProfileView = NonNullable<ReturnType<typeof profileView>>;

/** What a place page and the API say about a place's size and region. */
export function placeFacts(p: Record<string, unknown>) {
  const country = typeof p.country === 'string' ? p.country : undefined;
  const band = sizeBand(p.placeType, p.population);
  return {
    countryName: country ? countryName(country) : null,
    region: country ? (worldRegion(country) ?? null) : null,
    inEu: country ? isEuMember(country) : false,
    sizeBand: band ?? null,
    sizeBandLabel: band ? SIZE_BAND_LABELS[band] : null,
  };
}
