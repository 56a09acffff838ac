import { UN_SDG } from '../exchange/formats/jsonld.js';

/**
 * schema.org JSON-LD for the pages, in a <script type="application/ld+json"> element, for search
 * engines and other readers of structured data. Nodes have the ids the JSON-LD export gives them
 * (<base>/nodes/<id>; goals and targets the UN's http://metadata.un.org/sdg/12 and .../12.7), so a
 * page's data and the export describe the same things.
 */

type Json = Record<string, unknown>;

/** A neighbour as the profile readers give it (see src/domain/atlas/catalogue.ts). */
export interface LinkedRef {
  id: string;
  kind: string;
  url: string;
  name?: string | null;
  number?: number | null;
  code?: string | null;
  country?: string | null;
}

export interface SourceRef {
  id: string;
  title: string | null;
  date: string | null;
  url: string | null;
  sourceType?: string | null;
}

const SOURCE_TYPES: Record<string, string> = { news: 'NewsArticle', publication: 'Report', web: 'WebPage', dataset: 'Dataset' };

/** Text for a script element: no `<`, `>` or `&` (so no `</script>` or `<!--` can end it early) and no line separators. */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A year stored as an integer, as the text schema.org dates take. */
const yearText = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined);

const clean = (o: Json): Json =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));

export class SchemaOrg {
  constructor(private readonly base: string) {}

  nodeId(id: string): string {
    return `${this.base}/nodes/${encodeURIComponent(id)}`;
  }

  page(path: string): string {
    return `${this.base}${path}`;
  }

  /** A reference to a neighbour: its id, type and name, enough for a reader to follow it. */
  ref(n: LinkedRef): Json {
    switch (n.kind) {
      case 'goal':
        return this.goalRef({ number: n.number ?? 0, name: n.name ?? '' });
      case 'target':
        return clean({
          '@type': 'DefinedTerm',
          '@id': `${UN_SDG}${n.code}`,
          name: `Target ${n.code}`,
          termCode: n.code,
          url: this.page(n.url),
        });
      case 'pathway':
        return clean({ '@type': 'DefinedTerm', '@id': this.nodeId(n.id), name: `Pathway ${n.number}: ${n.name}`, url: this.page(n.url) });
      case 'place':
        return clean({
          '@type': 'Place',
          '@id': this.nodeId(n.id),
          name: n.name,
          url: this.page(n.url),
          address: n.country ? { '@type': 'PostalAddress', addressCountry: n.country } : undefined,
        });
      case 'organisation':
        return clean({ '@type': 'Organization', '@id': this.nodeId(n.id), name: n.name, url: this.page(n.url) });
      case 'initiative':
        return clean({ '@type': 'Project', '@id': this.nodeId(n.id), name: n.name, url: this.page(n.url) });
      case 'case':
        return clean({ '@type': 'CreativeWork', '@id': this.nodeId(n.id), name: n.name, url: this.page(n.url) });
      case 'theme':
      case 'approach':
        return clean({ '@type': 'DefinedTerm', '@id': this.nodeId(n.id), name: n.name, url: this.page(n.url) });
      default:
        return clean({ '@type': 'Thing', '@id': this.nodeId(n.id), name: n.name, url: this.page(n.url) });
    }
  }

  goalRef(g: { number: number; name: string }): Json {
    return {
      '@type': 'DefinedTerm',
      '@id': `${UN_SDG}${g.number}`,
      name: g.name ? `SDG ${g.number}: ${g.name}` : `SDG ${g.number}`,
      termCode: String(g.number),
      url: this.page(`/sdgs/${g.number}`),
      inDefinedTermSet: SDG_SET,
    };
  }

  source(s: SourceRef): Json {
    return clean({
      '@type': SOURCE_TYPES[s.sourceType ?? ''] ?? 'CreativeWork',
      '@id': this.nodeId(s.id),
      name: s.title,
      datePublished: s.date,
      url: s.url,
    });
  }

  /** The atlas as a whole, which each page's subject is part of. */
  dataset(): Json {
    return { '@type': 'Dataset', '@id': this.page('/api/export'), name: 'Pathway Atlas', url: this.page('/open-data') };
  }

  case(c: CaseData, version: { updated: string | null; published: string | null; dated: string | null }): Json {
    // The goals the case serves, directly or through one of their targets, then the targets.
    const goals = new Map(c.goals.map((g) => [g.number ?? 0, this.ref(g)]));
    for (const t of c.targets) {
      const number = Number(String(t.code).split('.')[0]);
      if (!goals.has(number)) goals.set(number, this.goalRef({ number, name: '' }));
    }
    const sdgs = [...goals.values(), ...c.targets.map((t) => this.ref(t))];
    return clean({
      '@context': 'https://schema.org',
      '@type': 'CreativeWork',
      '@id': this.nodeId(c.id),
      url: this.page(c.url),
      mainEntityOfPage: this.page(c.url),
      identifier: c.id,
      name: c.name,
      headline: c.name,
      description: c.summary,
      alternateName: c.altNames,
      temporalCoverage: yearText(c.year),
      creativeWorkStatus: c.status,
      version: c.version,
      // Times the app recorded; a case loaded from the seed and never changed has none of its own.
      dateCreated: version.dated === 'history' ? version.published : undefined,
      dateModified: version.dated === 'history' ? version.updated : undefined,
      about: [...sdgs, ...c.pathways.map((p) => this.ref(p)), ...c.places.map((p) => this.ref(p)), ...c.themes.map((t) => this.ref(t))],
      spatialCoverage: c.places.map((p) => this.ref(p)),
      mentions: [...c.organisations, ...c.approaches].map((o) => this.ref(o)),
      isPartOf: [...c.initiatives.map((i) => this.ref(i)), this.dataset()],
      citation: c.sources.map((s) => this.source(s)),
    });
  }

  place(p: PlaceData): Json {
    return clean({
      '@context': 'https://schema.org',
      '@type': 'Place',
      '@id': this.nodeId(p.id),
      url: this.page(p.url),
      identifier: p.id,
      name: p.name,
      alternateName: p.altNames,
      description: p.description,
      address: p.country ? { '@type': 'PostalAddress', addressCountry: p.country } : undefined,
      geo:
        typeof p.lat === 'number' && typeof p.lon === 'number'
          ? { '@type': 'GeoCoordinates', latitude: p.lat, longitude: p.lon }
          : undefined,
      containedInPlace: p.partOf.map((x) => this.ref(x)),
      containsPlace: p.contains.map((x) => this.ref(x)),
      subjectOf: p.cases.map((c) => this.ref({ ...c, kind: 'case', url: `/cases/${encodeURIComponent(c.id)}` })),
      isPartOf: this.dataset(),
    });
  }

  organisation(o: OrganisationData): Json {
    return clean({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      '@id': this.nodeId(o.id),
      url: this.page(o.url),
      identifier: o.id,
      name: o.name,
      alternateName: o.altNames,
      description: o.description,
      sameAs: o.externalUrl,
      address: o.country ? { '@type': 'PostalAddress', addressCountry: o.country } : undefined,
      location: o.basedIn.map((x) => this.ref(x)),
      parentOrganization: o.partOf.map((x) => this.ref(x)),
      subOrganization: o.units.map((x) => this.ref(x)),
      subjectOf: o.cases.map((c) => this.ref({ ...c, kind: 'case', url: `/cases/${encodeURIComponent(c.id)}` })),
    });
  }

  initiative(i: InitiativeData): Json {
    return clean({
      '@context': 'https://schema.org',
      '@type': 'Project',
      '@id': this.nodeId(i.id),
      url: this.page(i.url),
      identifier: i.id,
      name: i.name,
      alternateName: i.altNames,
      description: i.description,
      sameAs: i.externalUrl,
      foundingDate: yearText(i.startYear),
      dissolutionDate: yearText(i.endYear),
      member: i.participants.map((x) => this.ref(x)),
      funder: i.funders.map((x) => this.ref(x)),
      parentOrganization: i.partOf.map((x) => this.ref(x)),
      knowsAbout: [...i.goals, ...i.targets, ...i.pathways, ...i.themes].map((x) => this.ref(x)),
      subjectOf: i.cases.map((c) => this.ref({ ...c, kind: 'case', url: `/cases/${encodeURIComponent(c.id)}` })),
    });
  }

  pathway(p: PathwayData): Json {
    return clean({
      '@context': 'https://schema.org',
      '@type': 'DefinedTerm',
      '@id': this.nodeId(p.id),
      url: this.page(`/pathways/${p.number}`),
      identifier: p.id,
      name: `Pathway ${p.number}: ${p.name}`,
      alternateName: p.title,
      description: p.description,
      termCode: String(p.number),
      inDefinedTermSet: {
        '@type': 'DefinedTermSet',
        '@id': this.nodeId('src-basque-declaration'),
        name: 'The 15 pathways of the Basque Declaration',
      },
      subjectOf: this.dataset(),
      about: p.goals.map((g) => this.goalRef(g)),
    });
  }

  goal(g: GoalData): Json {
    return clean({
      '@context': 'https://schema.org',
      '@type': 'DefinedTerm',
      '@id': `${UN_SDG}${g.number}`,
      url: this.page(`/sdgs/${g.number}`),
      sameAs: this.nodeId(g.id),
      identifier: g.id,
      name: `SDG ${g.number}: ${g.name}`,
      description: g.title,
      termCode: String(g.number),
      inDefinedTermSet: SDG_SET,
      hasPart: g.targets.map((t) => ({
        '@type': 'DefinedTerm',
        '@id': `${UN_SDG}${t.code}`,
        name: `Target ${t.code}`,
        termCode: t.code,
        description: t.text ?? undefined,
        url: this.page(`/targets/${t.code}`),
      })),
    });
  }

  target(t: { id: string; code: string; text: string | null; goal: { number: number; name: string } }): Json {
    return clean({
      '@context': 'https://schema.org',
      '@type': 'DefinedTerm',
      '@id': `${UN_SDG}${t.code}`,
      url: this.page(`/targets/${t.code}`),
      sameAs: this.nodeId(t.id),
      identifier: t.id,
      name: `Target ${t.code}`,
      description: t.text,
      termCode: t.code,
      inDefinedTermSet: SDG_SET,
      isPartOf: this.goalRef(t.goal),
    });
  }

  /** The open-data page: the whole graph as a Dataset with a download in each format. */
  openData(meta: { cases: number; formats: { format: string; encodingFormat: string; name: string }[] }): Json {
    return {
      '@context': 'https://schema.org',
      ...this.dataset(),
      description: `The Pathway Atlas knowledge graph: ${meta.cases} sustainable and innovation procurement and good-practice cases linked to the 15 pathways of the Basque Declaration and to the 17 Sustainable Development Goals and their 169 targets, with the places, organisations and initiatives involved and the source that reports each link.`,
      keywords: ['Sustainable Development Goals', 'SDG', 'Basque Declaration', 'public procurement', 'good practice', 'knowledge graph'],
      isAccessibleForFree: true,
      distribution: meta.formats.map((f) => ({
        '@type': 'DataDownload',
        name: f.name,
        encodingFormat: f.encodingFormat,
        contentUrl: this.page(`/api/export?format=${f.format}`),
      })),
    };
  }
}

const SDG_SET = { '@type': 'DefinedTermSet', '@id': 'http://metadata.un.org/sdg', name: 'Sustainable Development Goals' };

type Brief = { id: string; name: string | null };
interface EntityData {
  id: string;
  url: string;
  name?: unknown;
  altNames?: unknown;
  description?: unknown;
  externalUrl?: string;
}
export interface CaseData extends EntityData {
  summary?: unknown;
  year?: unknown;
  status?: unknown;
  version?: unknown;
  sources: SourceRef[];
  goals: LinkedRef[];
  targets: LinkedRef[];
  pathways: LinkedRef[];
  places: LinkedRef[];
  themes: LinkedRef[];
  approaches: LinkedRef[];
  organisations: LinkedRef[];
  initiatives: LinkedRef[];
}
export interface PlaceData extends EntityData {
  country?: unknown;
  lat?: unknown;
  lon?: unknown;
  partOf: LinkedRef[];
  contains: LinkedRef[];
  cases: Brief[];
}
export interface OrganisationData extends EntityData {
  country?: unknown;
  basedIn: LinkedRef[];
  partOf: LinkedRef[];
  units: LinkedRef[];
  cases: Brief[];
}
export interface InitiativeData extends EntityData {
  startYear?: unknown;
  endYear?: unknown;
  participants: LinkedRef[];
  funders: LinkedRef[];
  partOf: LinkedRef[];
  goals: LinkedRef[];
  targets: LinkedRef[];
  pathways: LinkedRef[];
  themes: LinkedRef[];
  cases: Brief[];
}
export interface PathwayData {
  id: string;
  number: number;
  name: string;
  title: string | null;
  description: string | null;
  goals: { number: number; name: string }[];
}
export interface GoalData {
  id: string;
  number: number;
  name: string;
  title: string | null;
  targets: { code: string; text: string | null }[];
}
