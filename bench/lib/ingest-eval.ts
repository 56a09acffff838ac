/**
 * Scoring of the ingest extractor on the hand-labelled news items in test/fixtures/ingest-labelled.yaml,
 * shared by `npm run eval:ingest` and the unit test that holds the figures reached.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { nameKey } from '../../src/domain/ingest/extract/known-names.js';
import { INITIATIVE_KINDS, type InitiativeKind } from '../../src/domain/ingest/extract/lexicon.js';
import type { IngestItem, Proposal } from '../../src/domain/ingest/types.js';

export const INGEST_FIXTURE = fileURLToPath(new URL('../../test/fixtures/ingest-labelled.yaml', import.meta.url));

export { INITIATIVE_KINDS };
const SCORED = [
  'places',
  'organisations',
  'initiatives',
  'references',
  'goals',
  'pathways',
  'approaches',
  'themes',
  'cases',
  'years',
  'amounts',
] as const;

const entity = z.union([
  z.string(),
  z.strictObject({
    id: z.string().optional(),
    name: z.string().optional(),
    country: z.string().optional(),
    ambiguous: z.boolean().optional(),
    also: z.array(z.string()).optional(),
    kind: z.enum(INITIATIVE_KINDS).optional(),
  }),
]);
export type Entity = z.infer<typeof entity>;
const fixtureSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: z.string(),
        /** Written after the extractor was tuned; reported on their own too. */
        heldOut: z.boolean().default(false),
        /** The kinds the item is labelled for; the others are not scored on it. All unless given. */
        scope: z.array(z.enum(SCORED)).optional(),
        title: z.string(),
        date: z.union([z.string(), z.date()]).optional(),
        text: z.string(),
        expect: z.strictObject({
          places: z.array(entity).default([]),
          organisations: z.array(entity).default([]),
          initiatives: z.array(entity).default([]),
          references: z.array(z.string()).default([]),
          goals: z.array(z.number().int()).default([]),
          pathways: z.array(z.number().int()).default([]),
          approaches: z.array(z.string()).default([]),
          themes: z.array(z.string()).default([]),
          cases: z.array(z.strictObject({ actors: z.array(z.string()), approaches: z.array(z.string()).default([]) })).default([]),
          years: z.array(z.number().int()).default([]),
          amounts: z.array(z.strictObject({ currency: z.string(), value: z.number() })).default([]),
        }),
      }),
    )
    .min(20),
});
export type Fixture = z.infer<typeof fixtureSchema>['items'][number];

export function readIngestLabelled(file: string = INGEST_FIXTURE): Fixture[] {
  return fixtureSchema.parse(parse(readFileSync(file, 'utf8'))).items;
}

export interface Tally {
  /** Proposals that were right, when not the same as hits (per-kind initiative rows); hits otherwise. */
  correct?: number;
  proposed: number;
  expected: number;
  hits: number;
  misses: string[];
  extras: string[];
}
export type Tallies = Map<string, Tally>;

/** Counts one-to-one matches between what was proposed and what was expected. */
function scoreInto<P, E>(
  counting: Tallies[],
  kind: string,
  item: string,
  proposed: P[],
  expected: E[],
  same: (p: P, e: E) => boolean,
  show: (x: P | E) => string,
): void {
  for (const tallies of counting) {
    let t = tallies.get(kind);
    if (!t) tallies.set(kind, (t = { proposed: 0, expected: 0, hits: 0, misses: [], extras: [] }));
    count(t, item, proposed, expected, same, show);
  }
}

export function count<P, E>(
  t: Tally,
  item: string,
  proposed: P[],
  expected: E[],
  same: (p: P, e: E) => boolean,
  show: (x: P | E) => string,
): void {
  const left = [...expected];
  t.proposed += proposed.length;
  t.expected += expected.length;
  for (const p of proposed) {
    const k = left.findIndex((e) => same(p, e));
    if (k >= 0) {
      t.hits++;
      left.splice(k, 1);
    } else t.extras.push(`${item}: ${show(p)}`);
  }
  for (const e of left) t.misses.push(`${item}: ${show(e)}`);
}

export function entityMatches(p: Proposal, e: Entity): boolean {
  if (typeof e === 'string') return /^(place|org|initiative)-/.test(e) ? p.id === e : nameKey(p.name) === nameKey(e);
  if (e.id) return p.id === e.id;
  const names = [e.name!, ...(e.also ?? [])].map(nameKey);
  const mentioned = nameKey(p.name);
  if (!names.includes(mentioned)) return false;
  if (e.ambiguous !== undefined && Boolean(p.ambiguous) !== e.ambiguous) return false;
  if (e.country && !p.ambiguous && p.details?.country && p.details.country !== e.country) return false;
  return true;
}
export const showEntity = (x: Proposal | Entity) =>
  typeof x === 'string' ? x : 'kind' in x ? `${x.name}${x.id ? ` (${x.id})` : ''}${x.ambiguous ? ' [ambiguous]' : ''}` : JSON.stringify(x);

/** Scores one item into each of the tallies given; kinds outside the item's scope are skipped. */
export function evaluate(f: Fixture, item: IngestItem, counting: Tallies[]): void {
  const inScope = (k: (typeof SCORED)[number]) => !f.scope || f.scope.includes(k);
  const score = <P, E>(
    kind: string,
    id: string,
    proposed: P[],
    expected: E[],
    same: (p: P, e: E) => boolean,
    show: (x: P | E) => string,
  ) => {
    const key = SCOPE_OF[kind];
    if (!key || inScope(key)) scoreInto(counting, kind, id, proposed, expected, same, show);
  };
  const by = (kind: string) => item.proposals.filter((p) => p.kind === kind && p.origin !== 'draft');
  score('place', f.id, by('place'), f.expect.places, entityMatches, showEntity);
  // A network or alliance is a named initiative to find, whether proposed as an organisation or an initiative.
  const isNetwork = (e: Entity) => typeof e === 'object' && e.kind === 'network';
  const networkLabels = f.expect.initiatives.filter(isNetwork);
  const asNetwork = by('organisation').filter((p) => networkLabels.some((e) => entityMatches(p, e)));
  const organisations = by('organisation').filter((p) => !asNetwork.includes(p));
  const initiatives = [...by('initiative'), ...asNetwork];
  score('organisation', f.id, organisations, f.expect.organisations, entityMatches, showEntity);
  score('initiative', f.id, initiatives, f.expect.initiatives, entityMatches, showEntity);
  if (inScope('initiatives')) scoreInitiativeKinds(counting, f, initiatives, asNetwork);
  const refs = item.proposals.filter((p) => p.origin === 'reference').map((p) => p.id!);
  score('explicit reference', f.id, refs, f.expect.references, (a, b) => a === b, String);
  const implicit = item.proposals
    .filter((p) => p.kind === 'goal' && p.details?.classifier)
    .sort((a, b) => Number((a.details!.classifier as { rank: number }).rank) - Number((b.details!.classifier as { rank: number }).rank))
    .slice(0, 3)
    .map((p) => Number(p.id!.replace('sdg-', '')));
  score(
    'implicit goal (top 3)',
    f.id,
    implicit,
    f.expect.goals,
    (a, b) => a === b,
    (x) => `SDG ${x}`,
  );
  const pathways = item.proposals
    .filter((p) => p.kind === 'pathway' && p.origin === 'lexicon')
    .map((p) => Number(p.id!.replace('pathway-', '')));
  score(
    'implicit pathway',
    f.id,
    pathways,
    f.expect.pathways,
    (a, b) => a === b,
    (x) => `Pathway ${x}`,
  );
  score(
    'approach',
    f.id,
    by('approach').map((p) => p.id!),
    f.expect.approaches,
    (a, b) => a === b,
    String,
  );
  score(
    'theme',
    f.id,
    by('theme').map((p) => p.id!),
    f.expect.themes,
    (a, b) => a === b,
    String,
  );
  const drafts = item.proposals.filter((p) => p.kind === 'case' && p.origin === 'draft');
  score(
    'case draft',
    f.id,
    drafts,
    f.expect.cases,
    (p, e) => {
      const actors = (p.details?.actors as { name: string; id?: string }[]) ?? [];
      return actors.some((a) => e.actors.some((x) => x === a.id || nameKey(x) === nameKey(a.name)));
    },
    (x) => ('kind' in x ? x.name : `actors ${x.actors.join(', ')}`),
  );
  score(
    'year',
    f.id,
    item.facts.years.map((y) => y.year),
    f.expect.years,
    (a, b) => a === b,
    String,
  );
  score(
    'amount',
    f.id,
    item.facts.amounts,
    f.expect.amounts,
    (a, b) => a.currency === b.currency && Math.abs(a.value - b.value) < 0.5,
    (x) => `${x.currency} ${x.value}`,
  );
}

const SCOPE_OF: Record<string, (typeof SCORED)[number]> = {
  place: 'places',
  organisation: 'organisations',
  initiative: 'initiatives',
  'explicit reference': 'references',
  'implicit goal (top 3)': 'goals',
  'implicit pathway': 'pathways',
  approach: 'approaches',
  theme: 'themes',
  'case draft': 'cases',
  year: 'years',
  amount: 'amounts',
};

/** The kind of initiative the extractor says a proposal is (from its head word or noun), programme unless told. */
export function proposedInitiativeKind(p: Proposal, asNetwork: Proposal[]): InitiativeKind {
  if (asNetwork.includes(p)) return 'network';
  const k = p.details?.initiativeKind;
  return typeof k === 'string' && (INITIATIVE_KINDS as readonly string[]).includes(k) ? (k as InitiativeKind) : 'programme';
}

/**
 * Per kind of initiative: recall over the labelled initiatives of that kind, precision over the proposals
 * the extractor gave that kind (a proposal that matches a label is correct whatever kind it was given).
 */
function scoreInitiativeKinds(counting: Tallies[], f: Fixture, proposed: Proposal[], asNetwork: Proposal[]): void {
  const labelKind = (e: Entity): InitiativeKind => (typeof e === 'object' && e.kind) || 'programme';
  const left = [...f.expect.initiatives];
  const matched: Array<[Proposal, Entity | undefined]> = proposed.map((p) => {
    const k = left.findIndex((e) => entityMatches(p, e));
    return [p, k >= 0 ? left.splice(k, 1)[0] : undefined];
  });
  for (const tallies of counting) {
    for (const kind of INITIATIVE_KINDS) {
      const key = `  ${kind}`;
      const t = tallies.get(key) ?? { proposed: 0, expected: 0, hits: 0, misses: [], extras: [] };
      const mine = matched.filter(([p]) => proposedInitiativeKind(p, asNetwork) === kind);
      t.proposed += mine.length;
      t.expected += f.expect.initiatives.filter((e) => labelKind(e) === kind).length;
      // Recall counts the labels of this kind that were found, precision the proposals of this kind that were right.
      t.hits += matched.filter(([, e]) => e && labelKind(e) === kind).length;
      const wrong = mine.filter(([, e]) => !e).map(([p]) => `${f.id}: ${showEntity(p)}`);
      t.extras.push(...wrong);
      t.misses.push(...left.filter((e) => labelKind(e) === kind).map((e) => `${f.id}: ${showEntity(e)}`));
      t.correct = (t.correct ?? 0) + mine.filter(([, e]) => e).length;
      tallies.set(key, t);
    }
  }
}

/** Extracts and scores every labelled item; returns the tallies over all items and over the held-out ones. */
export function scoreIngestSet(fixtures: Fixture[], extractText: (text: string) => IngestItem[]): { all: Tallies; heldOut: Tallies } {
  const all: Tallies = new Map();
  const heldOut: Tallies = new Map();
  for (const f of fixtures) {
    const date = f.date instanceof Date ? f.date.toISOString().slice(0, 10) : f.date;
    const text = `${f.title}\n\n${date ? `${isoToLine(date)}\n\n` : ''}${f.text}`;
    const items = extractText(text);
    if (items.length !== 1) throw new Error(`${f.id}: split into ${items.length} items, expected 1`);
    evaluate(f, items[0]!, f.heldOut ? [all, heldOut] : [all]);
  }
  return { all, heldOut };
}

function isoToLine(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
}

/** Precision and recall of a tally; per-kind initiative rows count correct proposals of their kind for precision. */
export function figures(t: Tally): { precision: number; recall: number } {
  const correct = t.correct ?? t.hits;
  return { precision: t.proposed ? correct / t.proposed : NaN, recall: t.expected ? t.hits / t.expected : NaN };
}
