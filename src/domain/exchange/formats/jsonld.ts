import { pageUrl } from '../../atlas/urls.js';
import type { Kind } from '../../model/kinds.js';
import { kindOf } from '../content.js';
import type { ExGraph, ExNode, ExRel } from '../types.js';
import { elementType, isList, type Point, type Props, type Scalar, type Value } from '../values.js';

/**
 * JSON-LD: schema.org, Dublin Core terms and SKOS where they fit, the UN's identifiers for goals and
 * targets (http://metadata.un.org/sdg/12, .../12.7), the atlas's own nodes as <base>/nodes/<id>, and
 * the rest in the atlas vocabulary, whose namespace (ATLAS_VOCAB) is the same wherever the atlas is
 * served. Relationships are properties of their start node; a relationship's provenance is kept on an
 * rdf:Statement about it that is also a prov:Entity: prov:wasDerivedFrom names the sources that
 * report it, atlas:basis says whether they state it or a curator judged it from them.
 * docs/linked-data.md describes the terms; graph/shapes/atlas.shacl.ttl is their SHACL shapes.
 */

export const SCHEMA = 'https://schema.org/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const DCTERMS = 'http://purl.org/dc/terms/';
const PROV = 'http://www.w3.org/ns/prov#';
export const UN_SDG = 'http://metadata.un.org/sdg/';
/** The atlas's own terms: a constant namespace, independent of PUBLIC_BASE_URL. */
export const ATLAS_VOCAB = 'https://w3id.org/pathway-atlas/vocab#';

const TYPES: Record<Kind, string[]> = {
  case: ['schema:CreativeWork'],
  place: ['schema:Place'],
  organisation: ['schema:Organization'],
  initiative: ['schema:Project'],
  source: ['schema:CreativeWork'],
  event: ['schema:Event'],
  pathway: ['skos:Concept'],
  goal: ['skos:Concept'],
  target: ['skos:Concept'],
  theme: ['skos:Concept', 'schema:DefinedTerm'],
  approach: ['skos:Concept', 'schema:DefinedTerm'],
};

const SOURCE_TYPE_CLASSES: Record<string, string> = {
  news: 'schema:NewsArticle',
  publication: 'schema:Report',
  web: 'schema:WebPage',
  dataset: 'schema:Dataset',
};

/** Relationship types (or type:fromKind) that have a fitting schema.org or SKOS property; the rest are atlas terms. */
const REL_PROPERTIES: Record<string, string> = {
  'LOCATED_IN:case': 'schema:spatialCoverage',
  LOCATED_IN: 'schema:location',
  'PART_OF:place': 'schema:containedInPlace',
  'PART_OF:organisation': 'schema:parentOrganization',
  PART_OF: 'schema:isPartOf',
  BASED_IN: 'schema:location',
  PUBLISHED_BY: 'schema:publisher',
  REPORTED_IN: 'schema:subjectOf',
  ABOUT_THEME: 'schema:about',
  FUNDED_BY: 'schema:funder',
  ORGANISED_BY: 'schema:organizer',
  BELONGS_TO: 'skos:broader',
};

/** The basis of a link as a term of the atlas vocabulary. */
const BASIS_TERMS: Record<string, string> = { stated: 'atlas:stated', curated: 'atlas:curated' };

/** Internal helpers of the app (search keys, copies of links) that the linked data leaves out. */
const INTERNAL = new Set(['kind', 'searchKey', 'altNamesText', 'sourceIds']);

const camel = (type: string) => type.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const localName = (curie: string) => curie.slice(curie.indexOf(':') + 1);

/**
 * A date as precisely as its source gives it, typed so that linked-data tools read it: a year is an
 * xsd:gYear, a year and month an xsd:gYearMonth, a whole date an xsd:date.
 */
export function dateLiteral(value: string | undefined): { '@value': string; '@type': string } | undefined {
  if (value === undefined) return undefined;
  const type = /^\d{4}$/.test(value) ? 'xsd:gYear' : /^\d{4}-\d{2}$/.test(value) ? 'xsd:gYearMonth' : 'xsd:date';
  return { '@value': value, '@type': type };
}

function context() {
  const iri = (id: string) => ({ '@id': id, '@type': '@id' });
  const ctx: Record<string, unknown> = {
    '@vocab': ATLAS_VOCAB,
    atlas: ATLAS_VOCAB,
    schema: SCHEMA,
    skos: SKOS,
    rdf: RDF,
    rdfs: RDFS,
    xsd: XSD,
    dcterms: DCTERMS,
    prov: PROV,
    identifier: 'schema:identifier',
    name: 'schema:name',
    description: 'schema:description',
    alternateName: 'schema:alternateName',
    headline: 'schema:headline',
    url: iri('schema:url'),
    sameAs: iri('schema:sameAs'),
    mainEntityOfPage: iri('schema:mainEntityOfPage'),
    datePublished: { '@id': 'schema:datePublished' },
    dateModified: { '@id': 'schema:dateModified', '@type': 'xsd:dateTime' },
    startDate: { '@id': 'schema:startDate' },
    endDate: { '@id': 'schema:endDate' },
    foundingDate: { '@id': 'schema:foundingDate', '@type': 'xsd:gYear' },
    dissolutionDate: { '@id': 'schema:dissolutionDate', '@type': 'xsd:gYear' },
    geo: 'schema:geo',
    latitude: { '@id': 'schema:latitude', '@type': 'xsd:double' },
    longitude: { '@id': 'schema:longitude', '@type': 'xsd:double' },
    address: 'schema:address',
    addressCountry: 'schema:addressCountry',
    temporalCoverage: { '@id': 'schema:temporalCoverage', '@type': 'xsd:gYear' },
    creativeWorkStatus: 'schema:creativeWorkStatus',
    version: { '@id': 'schema:version', '@type': 'xsd:integer' },
    title: 'dcterms:title',
    created: { '@id': 'dcterms:created', '@type': 'xsd:dateTime' },
    modified: { '@id': 'dcterms:modified', '@type': 'xsd:dateTime' },
    notation: 'skos:notation',
    prefLabel: 'skos:prefLabel',
    subject: iri('rdf:subject'),
    predicate: iri('rdf:predicate'),
    object: iri('rdf:object'),
    wasDerivedFrom: iri('prov:wasDerivedFrom'),
    basis: iri('atlas:basis'),
    relationshipType: 'atlas:relationshipType',
  };
  for (const p of new Set(Object.values(REL_PROPERTIES))) ctx[localName(p)] = iri(p);
  return ctx;
}

function relProperty(type: string, fromKind: Kind | undefined): string {
  return REL_PROPERTIES[`${type}:${fromKind}`] ?? REL_PROPERTIES[type] ?? `atlas:${camel(type)}`;
}

function expand(curie: string): string {
  const [prefix, local] = [curie.slice(0, curie.indexOf(':')), localName(curie)];
  const ns: Record<string, string> = { schema: SCHEMA, skos: SKOS, atlas: ATLAS_VOCAB };
  return `${ns[prefix] ?? ''}${local}`;
}

function literal(t: string, v: Scalar): unknown {
  switch (t) {
    case 'int':
      return Number.isSafeInteger(Number(v)) ? Number(v) : { '@value': v, '@type': 'xsd:integer' };
    case 'float':
      return Number.isFinite(v) && !Number.isInteger(v)
        ? v
        : { '@value': Number.isFinite(v) ? v : (v as number).toString(), '@type': 'xsd:double' };
    case 'date':
      return { '@value': v, '@type': 'xsd:date' };
    case 'datetime':
    case 'localdatetime':
      return { '@value': (v as string).replace(/\[.*\]$/, ''), '@type': 'xsd:dateTime' };
    case 'time':
    case 'localtime':
      return { '@value': v, '@type': 'xsd:time' };
    case 'duration':
      return { '@value': v, '@type': 'xsd:duration' };
    case 'point': {
      const p = v as Point;
      return { '@type': 'schema:GeoCoordinates', latitude: p.y, longitude: p.x };
    }
    default:
      return v;
  }
}

function literalOf(v: Value): unknown {
  const t = elementType(v.type);
  return isList(v.type) ? (v.value as Scalar[]).map((x) => literal(t, x)) : literal(t, v.value as Scalar);
}

/** An instant the app stored as ISO text (createdAt, updatedAt) or as a Neo4j datetime, as xsd:dateTime. */
function dateTimeLiteral(v: Value | undefined): unknown {
  if (!v) return undefined;
  if (v.type === 'string') return { '@value': v.value, '@type': 'xsd:dateTime' };
  return literalOf(v);
}

const text = (props: Props, key: string) => (props[key]?.type === 'string' ? (props[key].value as string) : undefined);
const num = (props: Props, key: string) => (props[key] ? Number(props[key].value) : undefined);
/** A value that is not a point, as text (a list's items joined with commas, as String() writes it). */
const plainText = (v: Value): string => (v.value as Exclude<Scalar, Point> | Exclude<Scalar, Point>[]).toString();

export function nodeIri(n: Pick<ExNode, 'key' | 'labels' | 'props'>, base: string): string {
  const kind = kindOf(n.labels);
  if (kind === 'goal' && n.props.number) return `${UN_SDG}${num(n.props, 'number')}`;
  if (kind === 'target' && text(n.props, 'code')) return `${UN_SDG}${text(n.props, 'code')}`;
  if (n.key.startsWith('_:')) return n.key;
  return `${base}/nodes/${encodeURIComponent(n.key)}`;
}

function nodeObject(n: ExNode, base: string): Record<string, unknown> {
  const kind = kindOf(n.labels);
  const own = n.labels.filter((l) => l !== 'Entity').map((l) => `atlas:${l}`);
  const types =
    kind === 'source' ? [SOURCE_TYPE_CLASSES[text(n.props, 'sourceType') ?? ''] ?? 'schema:CreativeWork'] : kind ? TYPES[kind] : [];
  const o: Record<string, unknown> = { '@id': nodeIri(n, base), '@type': [...types, ...own] };
  const p = n.props;
  const done = new Set(INTERNAL);
  const take = (key: string, as: string, value = p[key] ? literalOf(p[key]) : undefined) => {
    if (!p[key]) return;
    done.add(key);
    o[as] = value;
  };
  take('id', 'identifier');
  take('name', 'name');
  take('altNames', 'alternateName');
  take('description', 'description');
  take('url', 'url');
  take('summary', 'description');
  take('version', 'version');
  take('createdAt', 'created', dateTimeLiteral(p.createdAt));
  take('updatedAt', 'modified', dateTimeLiteral(p.updatedAt));
  if (kind === 'pathway' || kind === 'goal') take('title', 'title');
  if (kind === 'case') {
    take('year', 'temporalCoverage', p.year ? plainText(p.year) : undefined);
    take('status', 'creativeWorkStatus');
  }
  if (kind === 'goal' || kind === 'target') {
    o.sameAs = `${base}/nodes/${encodeURIComponent(n.key)}`;
    take('code', 'notation');
    take('text', 'description');
  }
  if (kind === 'goal') take('number', 'notation', String(num(p, 'number')));
  if (kind === 'source') {
    take('title', 'headline');
    // The publisher's id, as the seed gives it; PUBLISHED_BY names the same organisation.
    take('publisher', 'publisher', text(p, 'publisher') ? [`${base}/nodes/${encodeURIComponent(text(p, 'publisher')!)}`] : undefined);
    take('date', 'datePublished', dateLiteral(text(p, 'date')));
  }
  if (kind === 'event') {
    take('date', 'startDate', dateLiteral(text(p, 'date')));
    take('endDate', 'endDate', dateLiteral(text(p, 'endDate')));
  }
  if (kind === 'initiative') {
    take('startYear', 'foundingDate', p.startYear ? plainText(p.startYear) : undefined);
    take('endYear', 'dissolutionDate', p.endYear ? plainText(p.endYear) : undefined);
  }
  if ((kind === 'place' || kind === 'organisation') && text(p, 'country')) {
    done.add('country');
    o.address = { '@type': 'schema:PostalAddress', addressCountry: text(p, 'country') };
  }
  if (kind === 'place' && p.lat && p.lon) {
    done.add('lat').add('lon');
    o.geo = { '@type': 'schema:GeoCoordinates', latitude: num(p, 'lat'), longitude: num(p, 'lon') };
  }
  if (kind) o.mainEntityOfPage = `${base}${pageUrl({ kind, id: n.key, number: num(p, 'number'), code: text(p, 'code') })}`;
  // everything else in the atlas vocabulary, under its own name
  for (const [key, v] of Object.entries(p)) if (!done.has(key) && !(key in o)) o[key] = literalOf(v);
  return o;
}

/**
 * The provenance of a relationship: a reified statement (rdf:Statement) that is a prov:Entity
 * derived from the sources that report the link, with the basis of the link and a curator's note.
 */
function statement(r: ExRel, predicate: string, iriOf: (key: string) => string): Record<string, unknown> {
  const s: Record<string, unknown> = {
    '@type': ['rdf:Statement', 'prov:Entity'],
    subject: iriOf(r.from),
    predicate: expand(predicate),
    object: iriOf(r.to),
    relationshipType: r.type,
  };
  for (const [key, v] of Object.entries(r.props)) {
    if (key === 'sources' && v.type === 'string[]') s.wasDerivedFrom = (v.value as string[]).map(iriOf);
    else if (key === 'basis' && v.type === 'string' && BASIS_TERMS[v.value as string]) s.basis = BASIS_TERMS[v.value as string];
    else if (key === 'note') s.description = literalOf(v);
    // Who added the link through the app, and when: as a node's creator and creation are given.
    else if (key === 'addedAt') s.created = dateTimeLiteral(v);
    else if (key === 'addedBy') s.createdBy = literalOf(v);
    else s[key] = literalOf(v);
  }
  return s;
}

export function toJsonLd(graph: ExGraph, meta: { baseUrl: string; exportedAt: string }) {
  const base = meta.baseUrl.replace(/\/+$/, '');
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const iriOf = (key: string) => {
    const n = byKey.get(key);
    return n ? nodeIri(n, base) : key.startsWith('_:') ? key : `${base}/nodes/${encodeURIComponent(key)}`;
  };
  const objects = new Map(graph.nodes.map((n) => [n.key, nodeObject(n, base)]));
  const statements: Record<string, unknown>[] = [];
  for (const r of graph.relationships) {
    const from = byKey.get(r.from);
    const subject = objects.get(r.from);
    if (!from || !subject) continue;
    const predicate = relProperty(r.type, kindOf(from.labels));
    const term = localName(predicate);
    // A property of the same name (a source's publisher id) is already an IRI list; a link is added once.
    const before = subject[term];
    const list = Array.isArray(before) ? (before as unknown[]) : before === undefined ? [] : [before];
    const object = iriOf(r.to);
    subject[term] = list.includes(object) ? list : [...list, object];
    if (Object.keys(r.props).length) statements.push(statement(r, predicate, iriOf));
  }
  const ctx = context();
  // atlas relationship terms hold node references too
  for (const r of graph.relationships) {
    const p = relProperty(r.type, kindOf(byKey.get(r.from)?.labels ?? []));
    if (p.startsWith('atlas:')) ctx[localName(p)] = { '@id': p, '@type': '@id' };
  }
  const dataset = {
    '@id': `${base}/api/export`,
    // atlas:Export tells the export itself apart from Source nodes that are datasets.
    '@type': ['schema:Dataset', 'atlas:Export'],
    name: 'Pathway Atlas',
    description:
      'SDG pathway mapping and good-practice knowledge graph: the pathways of the Basque Declaration, the SDGs and their targets, cases, places, organisations, initiatives and the sources that report them.',
    url: `${base}/open-data`,
    dateModified: meta.exportedAt,
    modified: meta.exportedAt,
  };
  return { '@context': ctx, '@graph': [dataset, ...objects.values(), ...statements] };
}
