import type { Database } from '../../../data/database.js';
import { defineQuery } from '../../../data/queries.js';
import type { SeedFile } from '../../seed/file.js';
import { ingestContextSchema, NAMED_KINDS, type IngestContext, type KnownName, type NamedKind } from '../types.js';

const knownNames = defineQuery<{ kinds: NamedKind[] }, KnownName>('ingest/list-known-names');
const pathwayGoals = defineQuery<Record<string, never>, { id: string; number: number; name: string; goals: number[] }>(
  'ingest/list-pathway-goals',
);
const goalTargets = defineQuery<Record<string, never>, { id: string; number: number; name: string; targets: string[] }>(
  'ingest/list-goal-targets',
);

/** The graph's known names, pathways, goals and targets, read in one read transaction. */
export async function loadIngestContext(db: Database): Promise<IngestContext> {
  const { names, pathways, goals } = await db.readTx(async (run) => ({
    names: await run(knownNames, { kinds: [...NAMED_KINDS] }),
    pathways: await run(pathwayGoals),
    goals: await run(goalTargets),
  }));
  return ingestContextSchema.parse({
    names,
    pathways,
    goals: goals.map(({ id, number, name }) => ({ id, number, name })),
    targets: goals.flatMap((g) => g.targets),
  });
}

/**
 * The seed files that make the fixed context of the tests and the evaluation: the frameworks, the
 * vocabulary and the graph curated from the seed newsletter. Other seed files may come and go
 * without changing what the labelled set is measured against.
 */
export const FIXED_CONTEXT_FILES = ['pathways.yaml', 'vocabulary.yaml', 'sdg/goals.yaml', 'news/2019-12-iclei-procurement-news.yaml'];

/** Just the fixed context's files among the seed files read. */
export function fixedContextFiles<F extends { file: string }>(files: F[]): F[] {
  const wanted = (f: string) => FIXED_CONTEXT_FILES.some((name) => f.replace(/\\/g, '/').endsWith(`seeds/${name}`));
  return files.filter((f) => wanted(f.file));
}

/** The same context built from validated seed files (no database needed). */
export function contextFromSeeds(files: { data: SeedFile }[]): IngestContext {
  const names: KnownName[] = [];
  const pathways: IngestContext['pathways'] = [];
  const goals: IngestContext['goals'] = [];
  const targets: string[] = [];
  const aligned = new Map<string, number[]>();
  for (const { data } of files) {
    for (const p of data.places ?? [])
      names.push({ kind: 'place', id: p.id, name: p.name, altNames: p.altNames ?? [], country: p.country, placeType: p.placeType });
    for (const o of data.organisations ?? [])
      names.push({
        kind: 'organisation',
        id: o.id,
        name: o.name,
        altNames: o.altNames ?? [],
        country: o.country ?? null,
        orgType: o.orgType,
      });
    for (const i of data.initiatives ?? []) names.push({ kind: 'initiative', id: i.id, name: i.name, altNames: i.altNames ?? [] });
    for (const c of data.cases ?? []) names.push({ kind: 'case', id: c.id, name: c.name, altNames: c.altNames ?? [] });
    for (const a of data.approaches ?? []) names.push({ kind: 'approach', id: a.id, name: a.name, altNames: a.altNames ?? [] });
    for (const t of data.themes ?? []) names.push({ kind: 'theme', id: t.id, name: t.name, altNames: t.altNames ?? [] });
    for (const p of data.pathways ?? []) pathways.push({ id: p.id, number: p.number, name: p.name, goals: [] });
    for (const g of data.goals ?? []) {
      goals.push({ id: g.id, number: g.number, name: g.name });
      targets.push(...g.targets.map((t) => t.code));
    }
    for (const l of data.links ?? []) {
      if (l.type !== 'ALIGNS_WITH') continue;
      const number = Number(l.to.replace(/^sdg-/, ''));
      aligned.set(l.from, [...(aligned.get(l.from) ?? []), number]);
    }
  }
  for (const p of pathways) p.goals = aligned.get(p.id) ?? [];
  pathways.sort((a, b) => a.number - b.number);
  goals.sort((a, b) => a.number - b.number);
  return { names, pathways, goals, targets };
}
