/**
 * Compares the search libraries considered for the read model on the benchmark's 50,000-case graph
 * (the same generator as `npm run bench`, built in memory, no database): MiniSearch with facet sets
 * (what the read model uses, src/domain/read-model/case-index.ts) against Orama (BM25, facets and
 * filters built in). For each: build time, heap held, and query latencies (p50/p95 over repeated
 * runs) for a very common word, a word of middling frequency, a rare word, two facet filters with
 * every facet counted, and text with facets.
 *
 * Usage: node --expose-gc --import tsx bench/search-libraries.ts   (npm run bench:search-libraries)
 */
import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';
import { seedFileSchema } from '../src/domain/seed/file.js';
import { planSeed, readSeeds } from '../src/domain/seed/plan.js';
import { documentTerms } from '../src/domain/read-model/analyse.js';
import { caseDoc, FACETS, type CaseDoc } from '../src/domain/read-model/case-docs.js';
import { CaseIndex } from '../src/domain/read-model/case-index.js';
import { GraphMirror } from '../src/domain/read-model/mirror.js';
import { DEFAULT_SEED, DEFAULT_SIZES, generateSynthetic, vocabularyOf } from './lib/synthetic.js';

const heap = () => {
  global.gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

async function timeIt(runs: number, work: () => unknown) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return percentiles(ms);
}

function buildDocs(): CaseDoc[] {
  const real = readSeeds().files;
  const generated = generateSynthetic(vocabularyOf(planSeed(real)), DEFAULT_SIZES, DEFAULT_SEED);
  const data = seedFileSchema.parse(generated.data);
  const plan = planSeed([...real, { file: 'synthetic', data }]);
  const mirror = GraphMirror.fromRecords(plan.nodes, plan.relationships);
  return [...mirror.nodes.values()].filter((n) => n.kind === 'case').map((n) => caseDoc(mirror, n));
}

/** Words by how many cases use them: the most common, one in the middle, a rare one. */
function sampleWords(docs: CaseDoc[]) {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(documentTerms(`${d.name} ${d.summary}`))) df.set(t, (df.get(t) ?? 0) + 1);
  const sorted = [...df].filter(([t]) => /^[a-z]{4,}$/.test(t)).sort((a, b) => b[1] - a[1]);
  const pick = (i: number) => sorted[Math.min(sorted.length - 1, i)]!;
  return { common: pick(0), middle: pick(Math.floor(sorted.length / 20)), rare: pick(Math.floor(sorted.length / 2)) };
}

async function main() {
  console.log(global.gc ? 'Heap figures after a full collection.' : 'Run with node --expose-gc for exact heap figures.');
  let t = performance.now();
  const docs = buildDocs();
  console.log(
    `${docs.length.toLocaleString('en')} case documents from the benchmark graph in ${((performance.now() - t) / 1000).toFixed(1)} s.`,
  );
  const words = sampleWords(docs);
  console.log(
    `Words: common "${words.common[0]}" (${words.common[1]} cases), middle "${words.middle[0]}" (${words.middle[1]}), rare "${words.rare[0]}" (${words.rare[1]})`,
  );
  const country = docs.find((d) => d.facets.country.length)?.facets.country[0] ?? 'DE';
  const RUNS = 40;

  // ---- MiniSearch + facet sets (the read model's CaseIndex) ----
  let before = heap();
  t = performance.now();
  const index = new CaseIndex();
  for (const d of docs) index.put(d);
  index.order('newest');
  const msBuild = (performance.now() - t) / 1000;
  const msHeap = heap() - before;
  const q = (terms: string[], filters = {}) =>
    index.search({
      text: terms.length ? { groups: [terms], mode: 'all' } : undefined,
      filters,
      sort: terms.length ? 'relevance' : 'newest',
    });
  const two = { pathway: ['12'], sdg: ['12'] };
  console.log(`\nMiniSearch + facet sets: built in ${msBuild.toFixed(1)} s, heap ${mb(msHeap)}`);
  console.log(`  common word:          ${await timeIt(RUNS, () => q([words.common[0]]))}`);
  console.log(`  middle word:          ${await timeIt(RUNS, () => q([words.middle[0]]))}`);
  console.log(`  rare word:            ${await timeIt(RUNS, () => q([words.rare[0]]))}`);
  console.log(`  two filters + facets: ${await timeIt(RUNS, () => q([], two))}`);
  console.log(`  three filters:        ${await timeIt(RUNS, () => q([], { ...two, country: [country] }))}`);
  console.log(`  middle word + facets: ${await timeIt(RUNS, () => q([words.middle[0]], two))}`);

  // ---- Orama ----
  before = heap();
  t = performance.now();
  const facetSchema = Object.fromEntries(FACETS.filter((f) => f !== 'year').map((f) => [f, 'string[]' as const]));
  const db: AnyOrama = create({
    schema: {
      id: 'string',
      name: 'string',
      altNames: 'string',
      about: 'string',
      summary: 'string',
      outcome: 'string',
      year: 'number',
      ...facetSchema,
    },
  });
  await insertMultiple(
    db,
    docs.map((d) => ({
      id: d.id,
      name: d.name,
      altNames: d.altNames,
      about: d.about,
      summary: d.summary,
      outcome: d.outcome,
      year: d.year ?? 0,
      ...Object.fromEntries(FACETS.filter((f) => f !== 'year').map((f) => [f, d.facets[f]])),
    })),
    1000,
  );
  const orBuild = (performance.now() - t) / 1000;
  const orHeap = heap() - before;
  const facets = Object.fromEntries(FACETS.filter((f) => f !== 'year').map((f) => [f, { limit: 50 }]));
  const o = (term: string, where: Record<string, string[]> = {}) =>
    search(db, {
      ...(term ? { term } : {}),
      properties: ['name', 'altNames', 'about', 'summary', 'outcome'],
      where: Object.fromEntries(Object.entries(where).map(([k, v]) => [k, { containsAny: v }])) as never,
      facets: facets,
      limit: 20,
    });
  console.log(`\nOrama: built in ${orBuild.toFixed(1)} s, heap ${mb(orHeap)}`);
  console.log(`  common word:          ${await timeIt(RUNS, () => o(words.common[0]))}`);
  console.log(`  middle word:          ${await timeIt(RUNS, () => o(words.middle[0]))}`);
  console.log(`  rare word:            ${await timeIt(RUNS, () => o(words.rare[0]))}`);
  console.log(`  two filters + facets: ${await timeIt(RUNS, () => o('', two))}`);
  console.log(`  three filters:        ${await timeIt(RUNS, () => o('', { ...two, country: [country] }))}`);
  console.log(`  middle word + facets: ${await timeIt(RUNS, () => o(words.middle[0], two))}`);
}

await main();
