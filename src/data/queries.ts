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

const cache = new Map<string, string>();

/** Loads `graph/queries/<name>.cypher` (e.g. `cases/list-cases-for-pathway`), once. */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(graphDir, 'queries', `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** Every query name under graph/queries, for start-up checks and tests. */
export function allQueryNames(): string[] {
  const root = path.join(graphDir, 'queries');
  return walk(root).map((f) => path.relative(root, f).replace(/\.cypher$/, '').split(path.sep).join('/'));
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
