import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { connect, type Connection } from '../src/data/connect.js';
import { migrate } from '../src/data/migrate.js';
import { loadSeeds } from '../src/seed/load.js';
import { freePort } from '../src/neo4j/local-server.js';

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
  }
}

let connection: Connection | undefined;

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
  connection = await connect(config, (l) => console.log(`[neo4j] ${l}`), instance);
  await migrate(connection.db);
  await loadSeeds(connection.db, { reset: true });
  const local = connection.local;
  project.provide('neo4j', {
    uri: local?.uri ?? config.NEO4J_URI!,
    username: local?.username ?? config.NEO4J_USERNAME,
    password: local?.password ?? config.NEO4J_PASSWORD ?? '',
    database: config.NEO4J_DATABASE,
    local: Boolean(local),
  });
  return async () => {
    await connection?.close();
    if (local) rmSync(local.home, { recursive: true, force: true });
  };
}
