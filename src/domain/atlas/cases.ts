import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { DomainError, notFound } from '../errors.js';
import { survivorOf } from '../curation/redirects.js';
import { SORTS, type Sort } from '../read-model/case-index.js';
import type { Facet } from '../read-model/case-docs.js';
import { nodeCases, similarTo, summaries } from '../read-model/finder.js';
import { readModelOf } from '../read-model/read-model.js';
import type { CaseSummary } from '../read-model/summaries.js';

export type { CaseSummary };

export interface Page {
  limit: number;
  offset: number;
  sort?: Sort;
}

/** Paging and order of a framework node's list of cases. */
export const caseListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  sort: z.enum(SORTS).optional().describe('newest (default), oldest or name; cases a source states as examples always come first'),
});

/** The list shape of the given cases, in the given order (unknown ids left out), from the read model. */
export async function readCaseSummaries(db: Database, ids: string[]): Promise<CaseSummary[]> {
  return summaries(await readModelOf(db).current(), ids);
}

const pick = (props: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, props[k] ?? null])) as Record<string, unknown> & { id: string; number: number; name: string };

async function listFor(db: Database, nodeId: string, filter: { facet: Facet; value: string }, page: Page, subjectKeys: string[]) {
  const state = await readModelOf(db).current();
  const node = state.mirror.nodes.get(nodeId);
  if (!node) return undefined;
  const list = nodeCases(state, nodeId, filter, page.sort ?? 'newest', page);
  return {
    subject: pick({ ...node.props, id: node.id }, subjectKeys),
    total: list.total,
    stated: list.stated,
    limit: page.limit,
    offset: page.offset,
    sort: page.sort ?? 'newest',
    cases: list.cases,
  };
}

/** "Cases for Pathway 12": the cases that illustrate a pathway, the examples its sources state first. */
export async function casesForPathway(db: Database, number: number, page: Page) {
  const list = await listFor(db, `pathway-${number}`, { facet: 'pathway', value: String(number) }, page, [
    'id',
    'number',
    'name',
    'title',
    'transformation',
  ]);
  if (!list) throw notFound('pathway', String(number));
  const { subject, ...rest } = list;
  return { pathway: subject, ...rest };
}

/** Cases linked to a goal or to any of its targets. */
export async function casesForGoal(db: Database, number: number, page: Page) {
  const list = await listFor(db, `sdg-${number}`, { facet: 'sdg', value: String(number) }, page, [
    'id',
    'number',
    'name',
    'title',
    'colour',
  ]);
  if (!list) throw notFound('goal', String(number));
  const { subject, ...rest } = list;
  return { goal: subject, ...rest };
}

export async function casesForTarget(db: Database, code: string, page: Page) {
  const list = await listFor(db, `target-${code.toLowerCase().replace('.', '-')}`, { facet: 'target', value: code }, page, [
    'id',
    'code',
    'text',
  ]);
  if (!list) throw notFound('target', code);
  const { subject, ...rest } = list;
  return { target: subject, ...rest };
}

/** Cases located in a place or in any place inside it, newest first. */
export async function casesInPlace(db: Database, placeId: string, limit: number) {
  const state = await readModelOf(db).current();
  const ids = state.cases.search({ filters: { place: [placeId] }, sort: 'newest', withoutFacets: true }).ids;
  return { total: ids.length, cases: summaries(state, ids.slice(0, limit)) };
}

/** Cases a buyer replicating this one would look at, each with the reasons for its rank. */
export async function similarCases(db: Database, id: string, limit: number) {
  const state = await readModelOf(db).current();
  const similar = similarTo(state, id, limit);
  if (!similar) {
    const survivor = await survivorOf(db, id);
    if (survivor) throw new DomainError('moved', `${id} was merged into ${survivor}.`, { from: id, to: survivor });
    throw notFound('case', id);
  }
  return {
    case: id,
    method:
      'What was bought and how (the distinctive words of name, summary, outcome, themes and approaches, rarer words counting for more), together with shared themes, approaches, initiatives, targets, pathways, goals and country, each shared feature weighted down as it gets common.',
    similar,
  };
}
