/** `npm run bench -- --explain`: per endpoint, the queries one request runs, profiled. */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/data/database.js';
import { featureRouters } from '../../src/http/routes/index.js';
import type { Endpoint } from './endpoints.js';
import { profileQuery, RecordingDatabase, type QueryProfile } from './explain.js';

export async function explainEndpoints(
  db: Database,
  config: Config,
  selected: Endpoint[],
  resultsDir: string,
  log: (l: string) => void,
  samplesPerEndpoint = 2,
): Promise<string> {
  const recorder = new RecordingDatabase(db.driver, config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS);
  const app = createApp({ config, db: recorder, routers: featureRouters(recorder, config) });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const md: string[] = [
    '# Queries per endpoint, profiled',
    '',
    'Each request was made once; every query it ran was then run 3 times (median shown) and once with PROFILE.',
    '',
  ];
  const summary: string[] = [];
  try {
    for (const e of selected) {
      // Spread the samples over the list (e.g. a shallow and a deep page).
      const picks = [
        ...new Set(Array.from({ length: samplesPerEndpoint }, (_, i) => e.paths[Math.floor((i * e.paths.length) / samplesPerEndpoint)]!)),
      ];
      md.push(`## ${e.route}`, '');
      for (const p of picks) {
        recorder.take();
        const t0 = performance.now();
        const res = await fetch(base + p);
        await res.text();
        const httpMs = performance.now() - t0;
        const queries = recorder.take();
        const profiles: QueryProfile[] = [];
        for (const q of queries) profiles.push(await profileQuery(db, q));
        const totalMs = profiles.reduce((s, q) => s + q.medianMs, 0);
        const totalHits = profiles.reduce((s, q) => s + q.dbHits, 0);
        const line = `${p}: HTTP ${res.status} in ${httpMs.toFixed(0)} ms (cold, alone); ${profiles.length} queries, ${totalMs.toFixed(0)} ms, ${totalHits.toLocaleString('en')} db hits`;
        log(line);
        summary.push(line);
        md.push(
          `### \`${p}\``,
          '',
          `HTTP ${res.status} in ${httpMs.toFixed(0)} ms; ${profiles.length} queries, ${totalMs.toFixed(1)} ms in total (median of 3 each), ${totalHits.toLocaleString('en')} db hits.`,
          '',
        );
        for (const q of profiles) {
          log(
            `    ${q.name}: ${q.medianMs.toFixed(1)} ms, ${q.dbHits.toLocaleString('en')} db hits, ${q.rows} rows${q.heaviest[0] ? `; heaviest: ${q.heaviest[0]}` : ''}`,
          );
          md.push(
            `- **${q.name}**: ${q.medianMs.toFixed(1)} ms, ${q.dbHits.toLocaleString('en')} db hits, ${q.rows} rows; params \`${q.params}\``,
            '',
            '  ```',
            ...q.plan.map((l) => `  ${l}`),
            '  ```',
            '',
          );
        }
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'explain.md');
  writeFileSync(file, `${md.join('\n')}\n`);
  return file;
}
