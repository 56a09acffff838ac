import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.js';

export const graphDir = projectPath('graph');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.cypher') ? [full] : [];
  });
}

/** Parameters of a query: a plain object whose values the driver sends (numbers as Neo4j integers). */
export type Params = Record<string, unknown>;
/** A row as a query returns it, converted to plain values (integers as numbers, temporals as strings). */
export type Row = Record<string, unknown>;

declare const shape: unique symbol;

/**
 * A named Cypher statement with the types of its parameters and of each row it returns. The types
 * are declared where the query is defined (`defineQuery<Params, Row>(name)`) and checked wherever
 * it runs, so callers never cast a row. The text is read from `graph/queries/<name>.cypher` when
 * the query is defined, so a misspelt name fails as the app starts.
 */
export interface Query<P extends object = Params, R = Row> {
  readonly name: string;
  readonly text: string;
  /** Carries the types only; never set. */
  readonly [shape]?: { params: P; row: R };
}

/** The parameters a query is run with: optional when it declares none (or only optional ones). */
export type ParamArgs<P extends object> = Record<string, never> extends P ? [params?: P] : [params: P];

const defined = new Map<string, Query<object, unknown>>();

function fileText(name: string): string {
  return readFileSync(path.join(graphDir, 'queries', `${name}.cypher`), 'utf8');
}

/** Declares the query `graph/queries/<name>.cypher`, e.g. `defineQuery<{ id: string }, CaseRow>('cases/get-case')`. */
export function defineQuery<P extends object = Params, R = Row>(name: string): Query<P, R> {
  let query = defined.get(name);
  if (!query) {
    query = { name, text: fileText(name) };
    defined.set(name, query);
  }
  return query as Query<P, R>;
}

/**
 * A query put together from named parts (a search built from the filters asked for); its name
 * says which parts, for metrics and logs. The parts themselves are defined with `defineQuery`.
 */
export function composeQuery<P extends object = Params, R = Row>(name: string, text: string): Query<P, R> {
  return { name, text };
}

/** The names of every query defined so far (for the check that each file is used and each name has a file). */
export function definedQueryNames(): string[] {
  return [...defined.keys()];
}

/** Every query name under graph/queries, for start-up checks and tests. */
export function allQueryNames(): string[] {
  const root = path.join(graphDir, 'queries');
  return walk(root).map((f) =>
    path
      .relative(root, f)
      .replace(/\.cypher$/, '')
      .split(path.sep)
      .join('/'),
  );
}

/** Splits a schema file into statements (separated by `;` at line end); `//` comment lines are dropped. */
export function schemaStatements(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function schemaFiles(): string[] {
  const dir = path.join(graphDir, 'schema');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Joins query parts (a `match-…` with its `return-…`) into one query named after its parts. */
export function joinQueries<P extends object = Params, R = Row>(...parts: Query<object, unknown>[]): Query<P, R> {
  return composeQuery<P, R>(parts.map((p) => p.name).join('+'), parts.map((p) => p.text).join('\n'));
}
