import { contextFromSeeds, fixedContextFiles } from '../../src/domain/ingest/extract/context.js';
import { extract } from '../../src/domain/ingest/extract/extract.js';
import type { IngestContext, IngestItem, Proposal } from '../../src/domain/ingest/types.js';
import { readSeeds } from '../../src/domain/seed/plan.js';

let seedContext: IngestContext | undefined;
/** The seed graph's names (the frameworks, the vocabulary and the seed newsletter's graph), read from seeds/ without a database. */
export function seedGraphContext(): IngestContext {
  seedContext ??= contextFromSeeds(fixedContextFiles(readSeeds().files));
  return seedContext;
}

export const emptyContext: IngestContext = { names: [], pathways: [], goals: [], targets: [] };

/** No implicit goals, so tests of other extractors do not depend on the SDG lexicon. */
export const noGoals = { classify: () => ({ sdgs: [], targets: [] }) };

/** The one item a short text makes. */
export function readOne(text: string, context: IngestContext = emptyContext): IngestItem {
  const { items } = extract(text, context, noGoals);
  if (items.length !== 1) throw new Error(`expected one item, got ${items.length}`);
  return items[0]!;
}

export function ofKind(item: IngestItem, kind: Proposal['kind']): Proposal[] {
  return item.proposals.filter((p) => p.kind === kind);
}

/** The text a proposal's span points at. */
export function spanned(item: IngestItem, p: Proposal): string {
  return p.span ? item.text.slice(p.span.start, p.span.end) : '';
}
