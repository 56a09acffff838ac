import neo4j from 'neo4j-driver';
import { searchKey } from '../text.js';

function altNamesText(names: string[] | undefined): string | undefined {
  return names?.length ? names.join(' | ') : undefined;
}

const INTEGER_PROPS = new Set(['version', 'number', 'year', 'startYear', 'endYear', 'goal', 'population', 'populationYear']);

/** Drops undefined values and sends whole-number fields as Neo4j integers (JS numbers become floats). */
export function compact(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(obj)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, INTEGER_PROPS.has(k) && typeof v === 'number' ? neo4j.int(v) : v]),
  );
}

/**
 * The stored properties of a validated record: a source's own `kind` (news, publication...) is
 * stored as sourceType because `kind` names the node kind; alternate names also go into the text
 * the search indexes use. Used by the seed loader and by curators' writes alike.
 */
export function nodeProperties(record: Record<string, unknown>): Record<string, unknown> {
  const {
    targets: _targets,
    altNames,
    sources,
    kind: sourceType,
    profile,
    population,
    ...rest
  } = record as Record<string, unknown> & {
    altNames?: string[];
    sources?: string[];
    profile?: object;
    population?: { count: number; year?: number; sources: string[] };
  };
  const name = (record.name ?? record.title) as string;
  return {
    ...rest,
    // A case's profile is nested; the graph keeps it as JSON text (see model/profile.ts).
    profile: profile ? JSON.stringify(profile) : undefined,
    population: population?.count,
    populationYear: population?.year,
    populationSources: population?.sources,
    sourceType,
    name,
    altNames,
    altNamesText: altNamesText(altNames),
    searchKey: searchKey(name, altNames),
    sourceIds: sources,
  };
}

/**
 * The nested fields of a stored node in the shape its schema reads: the profile from its JSON text,
 * the population from its count, year and sources. The inverse of nodeProperties for those fields.
 */
export function nestedFields(props: Record<string, unknown>): Record<string, unknown> {
  const { profile, population, populationYear, populationSources, ...rest } = props;
  const out: Record<string, unknown> = { ...rest };
  if (typeof profile === 'string' && profile) out.profile = JSON.parse(profile) as unknown;
  if (population !== undefined && population !== null)
    out.population = {
      count: Number(population),
      year: populationYear === undefined || populationYear === null ? undefined : Number(populationYear),
      sources: populationSources,
    };
  return out;
}
