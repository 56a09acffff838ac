/**
 * A synthetic graph of realistic shape beside the real seed, built as seed records (the same lists a
 * YAML seed file holds) so that the real seed schema validates them and the real `planSeed` turns
 * them into exactly the node and relationship rows the seed loader would write.
 */
import { createHash } from 'node:crypto';
import type { SeedFile } from '../../src/domain/seed/file.js';
import type { SeedPlan } from '../../src/domain/seed/plan.js';
import { Rng, WeightedPicker } from './prng.js';
import {
  CASE_NAME_PATTERNS,
  CASE_VERBS,
  COMPANY_SUFFIX,
  COMPANY_SUFFIX2,
  COMPANY_WORDS,
  COUNTRIES,
  INITIATIVE_PATTERNS,
  NAME_END,
  NAME_MIDDLE,
  NAME_START,
  ORG_KINDS,
  OUTCOMES,
  REGION_WORDS,
  SOURCE_KINDS,
  SOURCE_TITLES,
  THEME_TEXT,
  TOPICS,
  type Country,
} from './words.js';

/** Bump when the generator's output changes, so an older synthetic graph is regenerated. */
export const GENERATOR_VERSION = 1;
export const SYN_PREFIX = 'syn-';

export interface SyntheticSizes {
  cases: number;
  places: number;
  organisations: number;
  initiatives: number;
  sources: number;
}

export const DEFAULT_SIZES: SyntheticSizes = { cases: 50_000, places: 5_000, organisations: 2_000, initiatives: 500, sources: 5_000 };
export const DEFAULT_SEED = 20_160_429; // the Basque Declaration's date

type Link = NonNullable<SeedFile['links']>[number];
type PlaceRec = NonNullable<SeedFile['places']>[number];
type OrgRec = NonNullable<SeedFile['organisations']>[number];
type InitiativeRec = NonNullable<SeedFile['initiatives']>[number];
type CaseRec = NonNullable<SeedFile['cases']>[number];
type SourceRec = NonNullable<SeedFile['sources']>[number];

/** What the generator needs from the real seed: the fixed vocabulary the synthetic nodes link to. */
export interface SeedVocabulary {
  pathways: { id: string; number: number }[];
  goals: { id: string; number: number }[];
  targets: { id: string; code: string; goal: number }[];
  /** Pathway id -> the goal ids it ALIGNS_WITH. */
  alignments: Map<string, string[]>;
  themes: { id: string; name: string }[];
  approaches: { id: string; name: string }[];
}

export function vocabularyOf(plan: SeedPlan): SeedVocabulary {
  const byLabel = (label: string) => plan.nodes.filter((n) => n.label === label);
  const alignments = new Map<string, string[]>();
  for (const r of plan.relationships) {
    if (r.type !== 'ALIGNS_WITH') continue;
    alignments.set(r.from, [...(alignments.get(r.from) ?? []), r.to]);
  }
  const vocab: SeedVocabulary = {
    pathways: byLabel('Pathway').map((n) => ({ id: n.id, number: Number(n.props.number) })),
    goals: byLabel('Goal').map((n) => ({ id: n.id, number: Number(n.props.number) })),
    targets: byLabel('Target').map((n) => ({ id: n.id, code: String(n.props.code), goal: Number(n.props.goal) })),
    alignments,
    themes: byLabel('Theme').map((n) => ({ id: n.id, name: String(n.props.name) })),
    approaches: byLabel('ProcurementApproach').map((n) => ({ id: n.id, name: String(n.props.name) })),
  };
  for (const [k, v] of Object.entries(vocab)) {
    if (Array.isArray(v) && v.length === 0) throw new Error(`The real seed has no ${k}: the synthetic graph links to them.`);
  }
  return vocab;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const fill = (pattern: string, values: Record<string, string>) => pattern.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
const foldAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const acronym = (s: string) =>
  s
    .split(/\s+/)
    .filter((w) => /^[A-ZÀ-Ý]/.test(w) && !['of', 'for', 'the'].includes(w))
    .map((w) => foldAccents(w.charAt(0)))
    .join('');

/** Weight for a pathway: the benchmark asks for Pathways 9, 10 and 12 to be more common. */
const PATHWAY_WEIGHT: Record<number, number> = { 9: 4, 10: 4, 12: 5 };
const GOAL_WEIGHT: Record<number, number> = { 12: 6, 11: 3, 13: 3, 7: 2, 9: 2, 8: 1.5 };
const THEME_WEIGHT: Record<string, number> = {
  'theme-energy': 5,
  'theme-mobility': 4,
  'theme-climate': 4,
  'theme-circular-economy': 4,
  'theme-food': 3,
  'theme-construction': 3,
  'theme-buildings': 2,
  'theme-ict': 2,
  'theme-waste': 2,
};
const APPROACH_WEIGHT: Record<string, number> = {
  'approach-green-public-procurement': 6,
  'approach-sustainable-public-procurement': 5,
  'approach-innovation-procurement': 3,
  'approach-pre-commercial-procurement': 2,
  'approach-market-engagement': 3,
  'approach-life-cycle-costing': 3,
  'approach-circular-procurement': 3,
  'approach-joint-procurement': 2,
};

export interface SyntheticGraph {
  data: SeedFile;
  counts: Record<string, number>;
}

/** Generates the synthetic seed records; deterministic for a given seed, sizes and vocabulary. */
export function generateSynthetic(vocab: SeedVocabulary, sizes: SyntheticSizes = DEFAULT_SIZES, seed = DEFAULT_SEED): SyntheticGraph {
  const rng = new Rng(seed);
  const links: Link[] = [];
  const year0 = 2005;
  const year1 = 2025;

  // ---- sources (publishers are filled in once the organisations exist) ----
  const sources: SourceRec[] = [];
  const sourceIds: string[] = [];
  for (let i = 1; i <= sizes.sources; i += 1) sourceIds.push(`${SYN_PREFIX}src-${pad(i, 5)}`);
  // A few sources (newsletters, reports) report many things; most report one or two.
  const sourcePicker = WeightedPicker.zipf(sourceIds, 0.7);
  const sourcesFor = (n: number) => sourcePicker.pickDistinct(rng, n);
  const link = (from: string, type: string, to: string, recordSources: string[], noteChance = 0, note?: string) => {
    const src = recordSources.length > 1 && rng.chance(0.2) ? recordSources : [rng.pick(recordSources)];
    const basis = rng.chance(0.75) ? 'stated' : 'curated';
    const l: Link = { from, type, to, source: src.length === 1 ? src[0]! : src, basis };
    if (note && basis === 'curated' && rng.chance(noteChance)) l.note = note;
    links.push(l);
  };

  // ---- places: one per country, regions, then cities, towns and municipalities ----
  const countryPicker = new WeightedPicker(
    COUNTRIES,
    COUNTRIES.map((c) => c.weight),
  );
  const places: PlaceRec[] = [];
  const placeCountry = new Map<string, Country>();
  const placeName = new Map<string, string>();
  const localPlaces = new Map<string, string[]>(); // country code -> city-like place ids
  const regionsOf = new Map<string, string[]>();
  const scatter = (c: Country, f = 1) => ({
    lat: Math.max(-89, Math.min(89, Number((c.lat + (rng.next() * 2 - 1) * c.spread * f).toFixed(5)))),
    lon: Number((((c.lon + (rng.next() * 2 - 1) * c.spread * f * 1.4 + 540) % 360) - 180).toFixed(5)),
  });
  const inventName = () => rng.pick(NAME_START) + rng.pick(NAME_MIDDLE) + rng.pick(NAME_END);
  let placeNo = 0;
  const addPlace = (c: Country, placeType: PlaceRec['placeType'], name: string) => {
    placeNo += 1;
    const id = `${SYN_PREFIX}place-${pad(placeNo, 5)}`;
    const rec: PlaceRec = {
      id,
      name,
      placeType,
      country: c.code,
      ...scatter(c, placeType === 'country' ? 0 : 1),
      sources: sourcesFor(rng.count(1, [0.8, 0.2])),
    };
    if (placeType !== 'country' && rng.chance(0.15)) {
      const folded = foldAccents(name);
      const alt =
        folded !== name
          ? folded
          : name
              .replace(/burg$/, 'bourg')
              .replace(/ville$/, 'stadt')
              .replace(/a$/, 'e');
      rec.altNames = alt !== name ? [alt] : [`${name} ${rng.pick(['am See', 'upon Tyne', 'del Mar', 'an der Weide'])}`];
    }
    if (rng.chance(0.1)) rec.description = `${capitalise(placeType)} in ${c.name}.`;
    places.push(rec);
    placeCountry.set(id, c);
    placeName.set(id, name);
    return id;
  };
  const countryPlace = new Map<string, string>();
  for (const c of COUNTRIES) countryPlace.set(c.code, addPlace(c, 'country', `${c.name} (synthetic)`));
  const regionCount = Math.round(sizes.places * 0.08);
  for (let i = 0; i < regionCount; i += 1) {
    const c = countryPicker.pick(rng);
    const id = addPlace(c, rng.chance(0.7) ? 'region' : 'county', `${rng.pick(REGION_WORDS)} ${inventName()}`);
    regionsOf.set(c.code, [...(regionsOf.get(c.code) ?? []), id]);
    link(id, 'PART_OF', countryPlace.get(c.code)!, places.at(-1)!.sources);
  }
  while (places.length < sizes.places) {
    const c = countryPicker.pick(rng);
    const type = rng.pick(['city', 'city', 'city', 'town', 'town', 'municipality', 'municipality', 'area'] as const);
    const id = addPlace(c, type, inventName());
    localPlaces.set(c.code, [...(localPlaces.get(c.code) ?? []), id]);
    const regions = regionsOf.get(c.code);
    const parent = regions && rng.chance(0.6) ? rng.pick(regions) : rng.chance(0.5) ? countryPlace.get(c.code) : undefined;
    if (parent) link(id, 'PART_OF', parent, places.at(-1)!.sources);
  }
  const cityIds = [...localPlaces.values()].flat().sort();
  // Big cities have many cases, most places a few: Zipf over a fixed shuffled order.
  const cityPicker = WeightedPicker.zipf(shuffle(rng, cityIds), 0.9);
  const anyPlacePicker = WeightedPicker.zipf(
    places.map((p) => p.id),
    0.6,
  );

  // ---- organisations ----
  const orgs: OrgRec[] = [];
  const orgKindPicker = new WeightedPicker(
    ORG_KINDS,
    ORG_KINDS.map((k) => k.weight),
  );
  const authoritiesIn = new Map<string, string[]>();
  for (let i = 1; i <= sizes.organisations; i += 1) {
    const id = `${SYN_PREFIX}org-${pad(i, 4)}`;
    const kind = orgKindPicker.pick(rng);
    const home = cityPicker.pick(rng);
    const c = placeCountry.get(home)!;
    const name = fill(rng.pick(kind.patterns), {
      p: placeName.get(home)!,
      c: c.name,
      w: rng.pick(COMPANY_WORDS),
      s: rng.pick(COMPANY_SUFFIX),
      s2: rng.pick(COMPANY_SUFFIX2),
      topic: rng.pick(TOPICS),
    });
    const rec: OrgRec = { id, name, orgType: kind.orgType as OrgRec['orgType'], sources: sourcesFor(rng.count(1, [0.7, 0.3])) };
    if (!['eu-body', 'un-body'].includes(kind.orgType) || rng.chance(0.5)) rec.country = c.code;
    const abbr = acronym(name);
    if (abbr.length >= 2 && rng.chance(0.3)) rec.altNames = [abbr];
    if (rng.chance(0.6)) rec.url = `https://example.org/${id}`;
    if (rng.chance(0.2))
      rec.description = `${capitalise(kind.orgType.replace('-', ' '))} working on ${rng.pick(TOPICS).toLowerCase()} in ${c.name}.`;
    orgs.push(rec);
    if (kind.orgType === 'public-authority') authoritiesIn.set(c.code, [...(authoritiesIn.get(c.code) ?? []), id]);
    if (kind.orgType === 'public-authority' || rng.chance(0.5)) link(id, 'BASED_IN', home, rec.sources);
  }
  const orgIds = orgs.map((o) => o.id);
  const orgPicker = WeightedPicker.zipf(shuffle(rng, orgIds), 0.8);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));

  // Sources: publishers and text now that places and organisations exist.
  const themeIds = vocab.themes.map((t) => t.id);
  for (const id of sourceIds) {
    const place = cityPicker.pick(rng);
    const theme = rng.pick(themeIds);
    const text = THEME_TEXT[theme];
    const y = rng.int(year0, year1);
    const rec: SourceRec = {
      id,
      title: fill(rng.pick(SOURCE_TITLES), {
        place: placeName.get(place)!,
        object: text ? rng.pick(text.objects) : 'sustainable goods',
        topic: rng.pick(TOPICS),
        c: placeCountry.get(place)!.name,
        y: String(y),
        w: rng.pick(COMPANY_WORDS),
      }),
      date: `${y}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`,
      kind: rng.pick(SOURCE_KINDS),
      url: `https://example.org/${id}`,
    };
    if (rng.chance(0.6)) rec.publisher = orgPicker.pick(rng);
    if (rng.chance(0.3)) rec.description = `Reports on ${rng.pick(TOPICS).toLowerCase()} procurement in ${placeCountry.get(place)!.name}.`;
    sources.push(rec);
  }

  // ---- weighted pickers over the real vocabulary ----
  const pathwayPicker = new WeightedPicker(
    vocab.pathways.map((p) => p.id),
    vocab.pathways.map((p) => PATHWAY_WEIGHT[p.number] ?? 1),
  );
  const goalPicker = new WeightedPicker(
    vocab.goals.map((g) => g.id),
    vocab.goals.map((g) => GOAL_WEIGHT[g.number] ?? 1),
  );
  const goalNumber = new Map(vocab.goals.map((g) => [g.id, g.number]));
  const targetsOfGoal = new Map<number, string[]>();
  for (const t of vocab.targets) targetsOfGoal.set(t.goal, [...(targetsOfGoal.get(t.goal) ?? []), t.id]);
  const target127 = vocab.targets.find((t) => t.code === '12.7')?.id;
  const themePicker = new WeightedPicker(
    themeIds,
    themeIds.map((t) => THEME_WEIGHT[t] ?? 1),
  );
  const approachIds = vocab.approaches.map((a) => a.id);
  const approachPicker = new WeightedPicker(
    approachIds,
    approachIds.map((a) => APPROACH_WEIGHT[a] ?? 1),
  );
  const approachName = new Map(vocab.approaches.map((a) => [a.id, a.name]));

  const pickGoals = (pathways: string[], n: number) => {
    const aligned = [...new Set(pathways.flatMap((p) => vocab.alignments.get(p) ?? []))];
    const out = new Set<string>();
    for (let tries = 0; out.size < n && tries < n * 10; tries += 1) {
      out.add(aligned.length && rng.chance(0.7) ? rng.pick(aligned) : goalPicker.pick(rng));
    }
    return [...out];
  };
  const pickTargets = (goals: string[], n: number) => {
    const out = new Set<string>();
    if (n > 0 && target127 && goals.some((g) => goalNumber.get(g) === 12) && rng.chance(0.5)) out.add(target127);
    const pool = goals.flatMap((g) => targetsOfGoal.get(goalNumber.get(g)!) ?? []);
    for (let tries = 0; out.size < n && pool.length && tries < n * 10; tries += 1) out.add(rng.pick(pool));
    return [...out];
  };

  // ---- initiatives ----
  const initiatives: InitiativeRec[] = [];
  for (let i = 1; i <= sizes.initiatives; i += 1) {
    const id = `${SYN_PREFIX}initiative-${pad(i, 3)}`;
    const c = countryPicker.pick(rng);
    const topic = rng.pick(TOPICS);
    const startYear = rng.int(year0, 2022);
    const name = fill(rng.pick(INITIATIVE_PATTERNS), { w: rng.pick(COMPANY_WORDS), topic, c: c.name, y: String(startYear) });
    const rec: InitiativeRec = {
      id,
      name,
      description: `A ${rng.pick(['European', 'national', 'regional', 'international'])} initiative in which public buyers work together on ${topic.toLowerCase()} procurement, share tender documents and report results.`,
      startYear,
      sources: sourcesFor(rng.count(1, [0.6, 0.4])),
    };
    if (rng.chance(0.7)) rec.endYear = startYear + rng.int(2, 6);
    const abbr = acronym(name);
    if (abbr.length >= 2 && rng.chance(0.4)) rec.altNames = [abbr];
    if (rng.chance(0.5)) rec.url = `https://example.org/${id}`;
    initiatives.push(rec);
    // Participants: a power law, 2 to 30, places and organisations.
    const size = rng.powerLaw(2, 30, 1.3);
    const members = new Set<string>();
    for (let tries = 0; members.size < size && tries < size * 10; tries += 1)
      members.add(rng.chance(0.65) ? cityPicker.pick(rng) : orgPicker.pick(rng));
    for (const m of members) link(id, 'HAS_PARTICIPANT', m, rec.sources);
    const paths = pathwayPicker.pickDistinct(rng, rng.count(1, [0.7, 0.3]));
    for (const p of paths) link(id, 'ILLUSTRATES', p, rec.sources, 0.5, 'The initiative works on what this pathway describes.');
    for (const g of pickGoals(paths, rng.count(1, [0.5, 0.3, 0.2]))) link(id, 'CONTRIBUTES_TO', g, rec.sources);
    if (rng.chance(0.5)) link(id, 'USES_APPROACH', approachPicker.pick(rng), rec.sources);
    if (rng.chance(0.6)) link(id, 'COORDINATED_BY', orgPicker.pick(rng), rec.sources);
    if (rng.chance(0.3)) link(id, 'FUNDED_BY', orgPicker.pick(rng), rec.sources);
  }
  const initiativePicker = WeightedPicker.zipf(
    initiatives.map((i) => i.id),
    0.8,
  );

  // ---- cases ----
  const cases: CaseRec[] = [];
  for (let i = 1; i <= sizes.cases; i += 1) {
    const id = `${SYN_PREFIX}case-${pad(i, 6)}`;
    const recSources = sourcesFor(rng.count(1, [0.75, 0.25]));
    const place = rng.chance(0.95) ? cityPicker.pick(rng) : anyPlacePicker.pick(rng);
    const country = placeCountry.get(place)!;
    const placesOf = [place];
    if (rng.chance(0.2)) {
      const near = localPlaces.get(country.code);
      const second = near && rng.chance(0.7) ? rng.pick(near) : cityPicker.pick(rng);
      if (second !== place) placesOf.push(second);
    }
    // Recent years are more common (more reporting), 2005 to 2025.
    const year = year1 - Math.floor((year1 - year0 + 1) * Math.pow(rng.next(), 1.6));
    const status: CaseRec['status'] =
      year >= 2024 ? (rng.chance(0.3) ? 'planned' : 'ongoing') : year >= 2019 ? (rng.chance(0.4) ? 'ongoing' : 'completed') : 'completed';
    const themes = themePicker.pickDistinct(rng, rng.count(1, [0.7, 0.3]));
    const approaches = approachPicker.pickDistinct(rng, rng.count(0, [0.3, 0.5, 0.2]));
    const pathways = pathwayPicker.pickDistinct(rng, rng.count(1, [0.5, 0.35, 0.15]));
    const goals = pickGoals(pathways, rng.count(1, [0.3, 0.35, 0.2, 0.15]));
    const targets = pickTargets(goals, rng.count(0, [0.3, 0.35, 0.2, 0.15]));
    const initiative = rng.chance(0.3) ? initiativePicker.pick(rng) : undefined;
    const implementers = new Set<string>();
    const nOrgs = rng.count(0, [0.3, 0.45, 0.25]);
    for (let tries = 0; implementers.size < nOrgs && tries < 10; tries += 1) {
      const local = authoritiesIn.get(country.code);
      implementers.add(local && rng.chance(0.6) ? rng.pick(local) : orgPicker.pick(rng));
    }

    const text = THEME_TEXT[themes[0]!];
    const object = text ? rng.pick(text.objects) : `goods and services for ${rng.pick(TOPICS).toLowerCase()}`;
    const pName = placeName.get(place)!;
    const n = String(rng.int(5, 60));
    const approachPhrase = approaches.length ? ` using ${approachName.get(approaches[0]!)!.toLowerCase()}` : '';
    const orgPhrase = implementers.size
      ? ` The tender was run by ${orgName.get([...implementers][0]!)}${initiative ? ' as part of a wider initiative' : ''}.`
      : '';
    const result = text ? ` It ${fill(rng.pick(text.results), { n })}.` : '';
    const outcome = rng.chance(0.4) ? fill(rng.pick(OUTCOMES), { n: String(rng.int(2, 9)) }) : undefined;
    const rec: CaseRec = {
      id,
      name: capitalise(fill(rng.pick(CASE_NAME_PATTERNS), { object, Object: capitalise(object), place: pName })),
      summary: `${pName} (${country.name}) ${rng.pick(CASE_VERBS)} ${object}${approachPhrase} in ${year}.${orgPhrase}${result}`,
      year,
      status,
      sources: recSources,
    };
    if (outcome) rec.outcome = outcome;
    if (rng.chance(0.05)) rec.altNames = [`${acronym(rec.name) || 'P'}-${year}`];
    cases.push(rec);

    for (const p of placesOf) link(id, 'LOCATED_IN', p, recSources);
    for (const p of pathways)
      link(id, 'ILLUSTRATES', p, recSources, 0.5, "A curator's judgement from the source's description of the tender.");
    for (const g of goals) link(id, 'CONTRIBUTES_TO', g, recSources);
    for (const t of targets) link(id, 'CONTRIBUTES_TO', t, recSources);
    for (const a of approaches) link(id, 'USES_APPROACH', a, recSources);
    for (const t of themes) link(id, 'ABOUT_THEME', t, recSources);
    if (initiative) link(id, 'PART_OF', initiative, recSources);
    for (const o of implementers) link(id, 'IMPLEMENTED_BY', o, recSources);
  }

  const data: SeedFile = { sources, places, organisations: orgs, initiatives, cases, links };
  return {
    data,
    counts: {
      sources: sources.length,
      places: places.length,
      organisations: orgs.length,
      initiatives: initiatives.length,
      cases: cases.length,
      links: links.length,
    },
  };
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Only the synthetic rows of a plan made from the real seed plus the synthetic file. */
export function syntheticRows(plan: SeedPlan): SeedPlan {
  return {
    nodes: plan.nodes.filter((n) => n.id.startsWith(SYN_PREFIX)),
    relationships: plan.relationships.filter((r) => r.from.startsWith(SYN_PREFIX) || r.to.startsWith(SYN_PREFIX)),
    files: plan.files,
  };
}

/**
 * A fingerprint of what the synthetic graph looks like in the database: the generator version, its
 * sizes and seed, and the property keys the seed loader produces per label (so a change to the
 * loader's node shape makes the bench regenerate instead of measuring stale data).
 */
export function fingerprint(sizes: SyntheticSizes, seed: number, samplePlan: SeedPlan): string {
  const keys = new Map<string, Set<string>>();
  for (const n of samplePlan.nodes) {
    const set = keys.get(n.label) ?? new Set<string>();
    for (const k of Object.keys(n.props)) set.add(k);
    keys.set(n.label, set);
  }
  const relKeys = new Map<string, Set<string>>();
  for (const r of samplePlan.relationships) {
    const set = relKeys.get(r.type) ?? new Set<string>();
    for (const k of Object.keys(r.props)) set.add(k);
    relKeys.set(r.type, set);
  }
  const shape = (m: Map<string, Set<string>>) => [...m.entries()].map(([k, v]) => `${k}:${[...v].sort().join(',')}`).sort();
  const text = JSON.stringify({ v: GENERATOR_VERSION, sizes, seed, nodes: shape(keys), rels: shape(relKeys) });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
