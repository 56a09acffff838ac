import type { Database } from '../../data/database.js';
import { defineQuery, joinQueries } from '../../data/queries.js';
import { survivorOf } from '../curation/redirects.js';
import { DomainError, notFound } from '../errors.js';

/**
 * When cases changed, for the Atom feeds and for citations. A case changed or created through the
 * app is dated by its history (:Change entries, createdAt, updatedAt); a case loaded from the seed
 * and never changed has no such record, and the date of its newest source stands in (or its year).
 * `dated` says which.
 */
export type Dating = 'history' | 'source' | 'year';

interface DatesRow {
  updated: string | null;
  published: string | null;
  dated: Dating | null;
}

export interface FeedEntryRow extends DatesRow {
  case: { id: string; name: string; summary: string | null; year: number | null };
  pathways: { number: number; name: string }[];
  goals: number[];
  places: { id: string; name: string; country: string | null }[];
}

interface VersionRow extends DatesRow {
  case: { id: string; name: string; summary: string | null; year: number | null; version: number | null };
  places: string[];
}

const caseDates = defineQuery('publish/case-dates');
const feedCases = joinQueries<{ pathway: number | null; goal: number | null; country: string | null; limit: number }, FeedEntryRow>(
  defineQuery<{ pathway: number | null; goal: number | null; country: string | null }>('publish/match-feed-cases'),
  caseDates,
  defineQuery<{ limit: number }>('publish/return-feed-entries'),
);
const caseVersionQuery = joinQueries<{ id: string }, VersionRow>(
  defineQuery<{ id: string }>('publish/match-case-by-id'),
  caseDates,
  defineQuery<Record<string, never>>('publish/return-case-version'),
);

/**
 * A time as Neo4j writes it (seconds left out when zero, a named zone in brackets) as RFC 3339 in
 * UTC with seconds, as Atom, xsd:dateTime and sitemaps want it.
 */
export function rfc3339(value: string): string {
  const ms = Date.parse(value.replace(/\[[^\]]*\]$/, ''));
  if (Number.isNaN(ms)) throw new Error(`not a time: ${value}`);
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

const timeOrNull = (value: string | null) => (value === null ? null : rfc3339(value));

export interface FeedFilter {
  pathway?: number;
  goal?: number;
  country?: string;
}

export interface FeedEntry {
  id: string;
  name: string;
  summary: string | null;
  year: number | null;
  updated: string | null;
  published: string | null;
  dated: Dating | null;
  pathways: { number: number; name: string }[];
  goals: number[];
  places: { id: string; name: string; country: string | null }[];
}

/** The `limit` most recently changed cases that match the filter, newest first. */
export async function recentCases(db: Database, filter: FeedFilter, limit: number): Promise<FeedEntry[]> {
  const rows = await db.read(feedCases, {
    pathway: filter.pathway ?? null,
    goal: filter.goal ?? null,
    country: filter.country ?? null,
    limit,
  });
  return rows.map((r) => ({
    ...r.case,
    updated: timeOrNull(r.updated),
    published: timeOrNull(r.published),
    dated: r.dated,
    pathways: r.pathways,
    goals: [...r.goals].sort((a, b) => a - b),
    places: r.places,
  }));
}

export interface CaseVersion {
  id: string;
  name: string;
  summary: string | null;
  year: number | null;
  /** The app's version counter; absent on a case loaded from the seed and never changed. */
  version: number | null;
  /** When this version was made (see Dating). */
  updated: string | null;
  published: string | null;
  dated: Dating | null;
  places: string[];
}

/** A live case with the version a citation names; a merged id moves to its survivor, an unknown one is not found. */
export async function caseVersion(db: Database, id: string): Promise<CaseVersion> {
  const [row] = await db.read(caseVersionQuery, { id });
  if (!row) {
    const survivor = await survivorOf(db, id);
    if (survivor) throw new DomainError('moved', `${id} was merged into ${survivor}.`, { from: id, to: survivor });
    throw notFound('case', id);
  }
  return {
    ...row.case,
    updated: timeOrNull(row.updated),
    published: timeOrNull(row.published),
    dated: row.dated,
    places: row.places,
  };
}
