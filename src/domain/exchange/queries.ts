import { defineQuery, joinQueries } from '../../data/queries.js';
import type { WireProps } from './values.js';

/**
 * The exchange format's queries, built from the parts in graph/queries/exchange: each `match-…`
 * part binds `x` and a `return-…` part says what comes back. Backups use the same parts.
 */

/** One property as stored: its key, Neo4j's value type and the value in a form JSON keeps. */
export interface PropRow {
  key: string;
  type: string;
  value: unknown;
}
/** A node as return-nodes gives it. */
export interface NodeOut {
  ref: string;
  labels: string[];
  props: PropRow[];
}
/** A relationship as return-relationships gives it; `at` is what the match part bound. */
export interface RelOut<At> {
  at: At;
  type: string;
  props: PropRow[];
}
type Wired<T> = T & WireProps;

export const returnNodes = defineQuery('exchange/return-nodes');
export const returnRelationships = defineQuery('exchange/return-relationships');
export const setTypedProperties = defineQuery('exchange/set-typed-properties');
export const returnCreated = defineQuery('exchange/return-created');
export const returnCount = defineQuery('exchange/return-count');
export const readRelationshipsPart = defineQuery('exchange/read-relationships');

export const selectCaseSubgraph = defineQuery<
  { pathway: number[] | null; sdg: number[] | null; country: string[] | null; labels: string[] | null },
  { id: string }
>('exchange/select-case-subgraph');
export const nodesById = joinQueries<{ ids: string[]; privateLabels: string[] }, NodeOut>(
  defineQuery('exchange/match-entities-by-id'),
  returnNodes,
);
export const contentNodes = joinQueries<{ contentLabels: string[]; privateLabels: string[] }, NodeOut>(
  defineQuery('exchange/match-content-nodes'),
  returnNodes,
);
export const recordsById = joinQueries<{ ids: string[]; recordLabels: string[]; privateLabels: string[] }, NodeOut>(
  defineQuery('exchange/match-records-by-id'),
  returnNodes,
);
export const blankRecords = joinQueries<{ recordLabels: string[]; privateLabels: string[] }, NodeOut>(
  defineQuery('exchange/match-blank-records'),
  returnNodes,
);
/** The relationships between nodes given by element id; `at` holds the ends' element ids. */
export const relationshipsAmong = joinQueries<{ refs: string[] }, RelOut<{ from: string; to: string }>>(
  readRelationshipsPart,
  returnRelationships,
);
/** The stored relationships matching rows (from, type, to); `at` is the row's index. */
export const findRelationships = joinQueries<{ rows: { i: number; from: string; type: string; to: string }[] }, RelOut<number>>(
  defineQuery('exchange/find-relationships'),
  returnRelationships,
);
export const createNodes = joinQueries<{ rows: Wired<{ key: string; labels: string[] }>[] }, { key: string; ref: string }>(
  defineQuery('exchange/create-nodes'),
  setTypedProperties,
  returnCreated,
);
export const updateNodes = joinQueries<{ rows: Wired<{ ref: string; labels: string[]; removeLabels: string[] }>[] }, { count: number }>(
  defineQuery('exchange/update-nodes'),
  setTypedProperties,
  returnCount,
);
export const mergeRelationships = joinQueries<{ rows: Wired<{ from: string; to: string; type: string }>[] }, { count: number }>(
  defineQuery('exchange/merge-relationships'),
  setTypedProperties,
  returnCount,
);
/** Neo4j's own reading of temporal values, to store them as it prints them (or to find the ones it cannot read). */
export const canonicalTemporals = defineQuery<{ values: { i: number; type: string; value: string }[] }, { i: number; text: string }>(
  'exchange/canonical-temporals',
);
