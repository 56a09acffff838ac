import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { DomainError, notFound } from '../errors.js';
import { targetId } from '../model/kinds.js';
import { survivorOf } from '../curation/redirects.js';
import { SORTS, type Sort } from '../read-model/case-index.js';
import type { Facet } from '../read-model/case-docs.js';
import { nodeCases, similarTo, summaries } from '../read-model/finder.js';
import { readModelOf, remembered } from '../read-model/read-model.js';
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

/** The framework node whose list it is: its id, the facet its cases share, and the fields shown of it. */
interface ListSubject<K extends string> {
  key: K;
  nodeId: string;
  facet: Facet;
  value: string;
  fields: string[];
}

/** A pathway's, goal's or target's cases, one page, with the node as `key`; 404 when the graph lacks the node. */
async function listFor<K extends string>(db: Database, s: ListSubject<K>, page: Page) {
  const state = await readModelOf(db).current();
  const node = state.mirror.nodes.get(s.nodeId);
  if (!node) throw notFound(s.key, s.value);
  const sort = page.sort ?? 'newest';
  // A page is made once per revision of the read model: lists of the same framework node are read
  // far more often than the atlas changes.
  const list = remembered(state, JSON.stringify(['node-cases', s.nodeId, sort, page.offset, page.limit]), () =>
    nodeCases(state, s.nodeId, { facet: s.facet, value: s.value }, sort, page),
  );
  const props: Record<string, unknown> = { ...node.props, id: node.id };
  const subject = Object.fromEntries(s.fields.map((k) => [k, props[k] ?? null]));
  return { [s.key]: subject, total: list.total, stated: list.stated, limit: page.limit, offset: page.offset, sort, cases: list.cases } as {
    [P in K]: Record<string, unknown>;
  } & { total: number; stated: number; limit: number; offset: number; sort: Sort; cases: typeof list.cases };
}

/** "Cases for Pathway 12": the cases that illustrate a pathway, the examples its sources state first. */
export function casesForPathway(db: Database, number: number, page: Page) {
  const fields = ['id', 'number', 'name', 'title', 'transformation'];
  return listFor(db, { key: 'pathway', nodeId: `pathway-${number}`, facet: 'pathway', value: String(number), fields }, page);
}

/** Cases linked to a goal or to any of its targets. */
export function casesForGoal(db: Database, number: number, page: Page) {
  const fields = ['id', 'number', 'name', 'title', 'colour'];
  return listFor(db, { key: 'goal', nodeId: `sdg-${number}`, facet: 'sdg', value: String(number), fields }, page);
}

export function casesForTarget(db: Database, code: string, page: Page) {
  return listFor(db, { key: 'target', nodeId: targetId(code), facet: 'target', value: code, fields: ['id', 'code', 'text'] }, page);
}

/** Cases located in a place or in any place inside it, newest first. */
export async function casesInPlace(db: Database, placeId: string, limit: number) {
  const state = await readModelOf(db).current();
  return remembered(state, JSON.stringify(['place-cases', placeId, limit]), () => {
    const ids = state.cases.search({ filters: { place: [placeId] }, sort: 'newest', withoutFacets: true }).ids;
    return { total: ids.length, cases: summaries(state, ids.slice(0, limit)) };
  });
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
