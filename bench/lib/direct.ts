/**
 * The two key endpoints' work done directly: the same domain functions the routes call, on the same
 * Database, without Express and HTTP.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Database } from '../../src/data/database.js';
import { casesForPathway } from '../../src/domain/atlas/cases.js';
import type { Samples } from './endpoints.js';

export interface DirectCall {
  key: string;
  label: string;
  fn: string;
  call?: (i: number) => Promise<unknown>;
  unavailable?: string;
}

const atlasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/domain/atlas');

/** Finds an exported function by one of several names among the domain modules. */
async function findExport(names: string[]): Promise<{ name: string; fn: (...args: unknown[]) => Promise<unknown> } | undefined> {
  for (const file of readdirSync(atlasDir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(path.join(atlasDir, file)).href)) as Record<string, unknown>;
    for (const name of names) {
      if (typeof mod[name] === 'function') return { name: `${name} (${file})`, fn: mod[name] as (...args: unknown[]) => Promise<unknown> };
    }
  }
  return undefined;
}

export async function directCalls(db: Database, s: Samples): Promise<DirectCall[]> {
  const caseFn = await findExport(['getCase', 'caseDetail', 'getCaseDetail', 'caseById', 'casePage']);
  return [
    {
      key: 'pathway-cases',
      label: 'cases for Pathway 12, paged',
      fn: 'casesForPathway(db, 12, {limit: 20, offset})',
      call: (i) => casesForPathway(db, 12, { limit: 20, offset: s.pathwayOffsets[i % s.pathwayOffsets.length]! }),
    },
    caseFn
      ? { key: 'case', label: "a case's page", fn: `${caseFn.name}(db, id)`, call: (i) => caseFn.fn(db, s.caseIds[i % s.caseIds.length]!) }
      : { key: 'case', label: "a case's page", fn: 'getCase(db, id)', unavailable: 'no case detail function exported from src/domain/atlas yet' },
  ];
}
