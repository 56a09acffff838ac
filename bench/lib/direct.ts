/**
 * The two key endpoints' work done directly: the same domain functions the routes call
 * (src/http/routes/api.ts), on the same Database, without Express and HTTP.
 */
import type { Database } from '../../src/data/database.js';
import { casesForPathway } from '../../src/domain/atlas/cases.js';
import { getCase } from '../../src/domain/atlas/profiles.js';
import type { Samples } from './endpoints.js';

export interface DirectCall {
  /** The endpoint key whose HTTP figures this compares with. */
  key: string;
  label: string;
  fn: string;
  call: (i: number) => Promise<unknown>;
}

export function directCalls(db: Database, s: Samples): DirectCall[] {
  return [
    {
      key: 'pathway-cases',
      label: 'cases for Pathway 12, paged',
      fn: 'casesForPathway(db, 12, {limit: 20, offset})',
      call: (i) => casesForPathway(db, 12, { limit: 20, offset: s.pathwayOffsets[i % s.pathwayOffsets.length]! }),
    },
    {
      key: 'case',
      label: "a case's page",
      fn: 'getCase(db, id)',
      call: (i) => getCase(db, s.caseIds[i % s.caseIds.length]!),
    },
  ];
}
