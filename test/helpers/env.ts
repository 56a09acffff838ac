import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { configSchema, type Config } from '../../src/config.js';
import { driverFor } from '../../src/data/connect.js';
import { Database } from '../../src/data/database.js';
import type { ReadModel } from '../../src/domain/read-model/read-model.js';
import { featureRouters } from '../../src/http/routes/index.js';
import { openConsoleDatabase, queryConsole, type QueryConsole } from '../../src/query-console.js';

/** The run's Neo4j as the app would see it through NEO4J_URI. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const n = inject('neo4j');
  const c = inject('consoleNeo4j');
  return configSchema.parse({
    NEO4J_URI: n.uri,
    NEO4J_USERNAME: n.username,
    NEO4J_PASSWORD: n.password,
    NEO4J_DATABASE: n.database,
    CONSOLE_NEO4J_URI: c.uri,
    CONSOLE_NEO4J_USERNAME: c.username,
    CONSOLE_NEO4J_PASSWORD: c.password,
    CONSOLE_NEO4J_DATABASE: c.database,
    // Tests refresh the console's copy when they need it (app.console.replica.syncNow()).
    CONSOLE_REFRESH_MS: '0',
    NODE_ENV: 'test',
    ...overrides,
  });
}

export function testDb(overrides: Record<string, string> = {}): Database {
  const c = testConfig(overrides);
  return new Database(driverFor(c.NEO4J_URI!, c.NEO4J_USERNAME, c.NEO4J_PASSWORD ?? ''), c.NEO4J_DATABASE, c.NEO4J_QUERY_TIMEOUT_MS);
}

/**
 * A response body as JSON.parse gives it: untyped JSON whose shape the assertions check (the test
 * rules in eslint.config.js let tests read its members for this reason); undefined when not JSON.
 */
export type JsonBody = ReturnType<typeof JSON.parse>;

/** An answer of the test app: status, headers, the parsed JSON body and the raw text. */
export interface Reply {
  status: number;
  headers: Headers;
  body: JsonBody;
  text: string;
}

export interface TestApp {
  url: string;
  db: Database;
  /** The query console with its copy of the public graph, when started with `{ console: true }`. */
  console?: QueryConsole;
  /** The app's read model (src/domain/read-model), behind lists, search and counts. */
  readModel: ReadModel;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Any method, a JSON body (text is sent as it is), redirects not followed. */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

async function call(url: string, init: RequestInit): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  const body: JsonBody = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, body, text };
}

/** Listens on a free loopback port and returns the server with its base URL. */
export async function listenOnFreePort(app: Express): Promise<{ server: Server; url: string }> {
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The query console over the run's console Neo4j, its copy of `db`'s public graph made before this returns. */
export async function startTestConsole(db: Database, config: Config): Promise<QueryConsole> {
  const qc = queryConsole(db, await openConsoleDatabase(config), config);
  await qc.replica?.syncNow();
  return qc;
}

/**
 * Starts the real app on port 0 against the run's Neo4j; with `console`, also the query console
 * over its own Neo4j, its copy of the public graph made before this returns.
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: { console?: boolean } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const db = testDb(overrides);
  const qc = options.console ? await startTestConsole(db, config) : undefined;
  const app = createApp({ config, db, routers: featureRouters(db, config, qc?.console) });
  const { server, url } = await listenOnFreePort(app);
  return {
    url,
    db,
    console: qc,
    readModel: app.locals.readModel as ReadModel,
    get: (path, headers = {}) => call(url + path, { headers }),
    post: (path, body, headers = {}) =>
      call(url + path, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      }),
    send: (method, path, body, headers = {}) =>
      call(url + path, {
        method,
        redirect: 'manual',
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      (app.locals.readModel as ReadModel).stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await qc?.close();
      await db.close();
    },
  };
}
