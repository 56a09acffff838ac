/**
 * Scores search and similar cases against the labelled sets in test/fixtures/search-relevance.yaml
 * and test/fixtures/similar-cases.yaml. Starts a throw-away local Neo4j (as the test setup does),
 * loads the seed, builds the read model and asks it directly, as the API does (no HTTP):
 *
 *   cases    findCases, as GET /api/cases?q=...
 *   search   findNodes, as GET /api/search?q=...
 *   list     nodeCases, as GET /api/pathways/12/cases
 *   facets   findCases with filters, as GET /api/cases?q=...&country=...
 *   similar  similarTo, as GET /api/cases/:id/similar
 *
 * Prints precision at 5 and nDCG at 10 per group and overall, and the failing queries: those whose
 * hard conditions (first, exclude) fail, whose first answer is not relevant, or whose capped P@5 is
 * below 0.6. Exits 1 when a hard condition fails.
 *
 *   npm run eval:search [-- --verbose] [-- --json FILE]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/data/connect.js';
import { migrate } from '../src/data/migrate.js';
import { ReadModel } from '../src/domain/read-model/read-model.js';
import { loadSeeds } from '../src/domain/seed/load.js';
import { freePort } from '../src/neo4j/local-server.js';
import { evaluate, readSearchRelevance, readSimilarCases, report } from './lib/search-relevance.js';

const verbose = process.argv.includes('--verbose');
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;

async function main(): Promise<void> {
  // Read the sets first: a bad file is reported before a server is started.
  const { queries } = readSearchRelevance();
  const similar = readSimilarCases();
  const instance = `eval-search-${process.pid}`;
  // Always a throw-away local server: the seed is loaded with a reset, which no configured database should suffer.
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: '',
    NEO4J_LOCAL_INSTANCE: instance,
    NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
    NEO4J_LOCAL_HEAP: '512m',
    NEO4J_LOCAL_PAGECACHE: '128m',
  });
  const started = performance.now();
  const connection = await connect(config, (l) => verbose && console.log(`[neo4j] ${l}`), instance);
  try {
    await migrate(connection.db);
    await loadSeeds(connection.db, { reset: true });
    const state = await new ReadModel(connection.db).rebuild();
    console.log(
      `Neo4j started and seed loaded in ${((performance.now() - started) / 1000).toFixed(1)} s; read model of ${state.cases.size} cases and ${state.mirror.nodes.size} nodes.`,
    );
    const t0 = performance.now();
    const results = evaluate(state, queries, similar.cases);
    const ms = performance.now() - t0;
    console.log(`${queries.length} queries and ${similar.cases.length} similar-case lists answered in ${ms.toFixed(0)} ms.`);
    report(results, verbose);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
    if (results.some((r) => r.problems.some((p) => p.startsWith('HARD')))) process.exitCode = 1;
  } finally {
    await connection.close();
    if (connection.local?.home) rmSync(connection.local.home, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`Error: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
