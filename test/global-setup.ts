import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { connect, type Connection } from '../src/data/connect.js';
import { migrate } from '../src/data/migrate.js';
import { loadSeeds } from '../src/domain/seed/load.js';
import { freePort } from '../src/neo4j/local-server.js';
import { CONSOLE_NEO4J_CONF } from '../src/query-console.js';

export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database?: string;
  local: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
    /** The query console's Neo4j (its copy of the public graph), as CONSOLE_NEO4J_URI names it. */
    consoleNeo4j: TestNeo4j;
  }
}

let connection: Connection | undefined;
let consoleConnection: Connection | undefined;

/** One Neo4j for the whole run: the configured NEO4J_URI, or a throw-away local server. */
export default async function setup(project: TestProject) {
  // Tests empty and reseed their database, so an external server is used only when named for tests.
  const base = loadConfig({
    ...process.env,
    NEO4J_URI: process.env.NEO4J_TEST_URI ?? '',
    NEO4J_USERNAME: process.env.NEO4J_TEST_USERNAME ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_TEST_PASSWORD ?? '',
    NEO4J_DATABASE: process.env.NEO4J_TEST_DATABASE ?? '',
  });
  const instance = `test-${process.pid}`;
  const config = { ...base, NEO4J_LOCAL_BOLT_PORT: await freePort(), NEO4J_LOCAL_HEAP: '768m' };
  // The console's Neo4j: NEO4J_TEST_CONSOLE_URI, or a second throw-away local server started beside the first.
  const consoleConfig = loadConfig({
    ...process.env,
    NEO4J_URI: process.env.NEO4J_TEST_CONSOLE_URI ?? '',
    NEO4J_USERNAME: process.env.NEO4J_TEST_CONSOLE_USERNAME ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_TEST_CONSOLE_PASSWORD ?? '',
    NEO4J_DATABASE: process.env.NEO4J_TEST_CONSOLE_DATABASE ?? '',
    NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
    NEO4J_LOCAL_HEAP: '256m',
    NEO4J_LOCAL_PAGECACHE: '64m',
  });
  const started = await Promise.allSettled([
    connect(config, (l) => console.log(`[neo4j] ${l}`), instance),
    connect(consoleConfig, (l) => console.log(`[console neo4j] ${l}`), `${instance}-console`, CONSOLE_NEO4J_CONF),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // Stop the server that did start, so the run ends instead of waiting on it.
    await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.close()] : [])));
    throw failed.reason;
  }
  [connection, consoleConnection] = started.map((s) => (s as PromiseFulfilledResult<Connection>).value) as [Connection, Connection];
  await migrate(connection.db);
  await loadSeeds(connection.db, { reset: true });
  const described = (c: Connection, conf: typeof config): TestNeo4j => ({
    uri: c.local?.uri ?? conf.NEO4J_URI!,
    username: c.local?.username ?? conf.NEO4J_USERNAME,
    password: c.local?.password ?? conf.NEO4J_PASSWORD ?? '',
    database: conf.NEO4J_DATABASE,
    local: Boolean(c.local),
  });
  project.provide('neo4j', described(connection, config));
  project.provide('consoleNeo4j', described(consoleConnection, consoleConfig));
  const homes = [connection.local?.home, consoleConnection.local?.home];
  return async () => {
    await Promise.all([connection?.close(), consoleConnection?.close()]);
    for (const home of homes) if (home) rmSync(home, { recursive: true, force: true });
  };
}
