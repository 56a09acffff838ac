import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.js';
import { databaseFor, driverFor } from '../../src/data/connect.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { freePort, pidFileOf, processAlive } from '../../src/neo4j/local-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const instance = `shutdown-${process.pid}`;
const home = path.join(root, '.neo4j', instance);
/** The query console's own local Neo4j, which the app starts and stops beside the graph's. */
const consoleHome = path.join(root, '.neo4j', `${instance}-console`);
const tag = randomUUID().slice(0, 8);
let env: NodeJS.ProcessEnv;
let url: string;
let auth: Record<string, string>;
const started: ChildProcess[] = [];

interface App {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** Starts the app as `npm start` does (`tsx src/server.ts`), or as one node process for the crash test. */
async function startApp(how: 'tsx' | 'node'): Promise<App> {
  const [command, args] = how === 'tsx' ? [path.join(root, 'node_modules/.bin/tsx'), ['src/server.ts']] : [process.execPath, ['--import', 'tsx', 'src/server.ts']];
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Pathway Atlas is serving on')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app stopped during start-up:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the app did not start within 150 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, exited, output: () => output };
}

const jvmPid = (of = home) => Number(readFileSync(pidFileOf(of), 'utf8').trim());

/** Waits until the console has its first copy of the graph (it answers 503 before). */
async function consoleReady(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await call('POST', '/api/cypher', { query: 'RETURN 1 AS one' });
    if (res.status === 200) return;
    if (res.status !== 503 || Date.now() > deadline) throw new Error(`the console answered ${res.status}: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function call(method: string, p: string, body?: unknown) {
  const res = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...auth }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const source = `src-shutdown-${tag}`;
const newCase = (id: string) => ({ kind: 'case', id, name: `Shutdown test case ${id}`, summary: 'A school bought organic food.', year: 2023, sources: [source] });

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    NEO4J_URI: '',
    NEO4J_LOCAL_INSTANCE: instance,
    NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
    NEO4J_LOCAL_HEAP: '384m',
    NEO4J_LOCAL_PAGECACHE: '64m',
    CONSOLE_LOCAL_BOLT_PORT: String(await freePort()),
    SESSION_SECRET: `shutdown-test-secret-${randomUUID()}`,
    CYPHER_TIMEOUT_MS: '30000',
    // An empty graph is enough here, and quicker to start with than the seed.
    SEED_ON_START: 'never',
    SHUTDOWN_GRACE_MS: '20000',
  };
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const of of [home, consoleHome]) {
    if (existsSync(pidFileOf(of))) {
      const pid = jvmPid(of);
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(of, { recursive: true, force: true });
  }
});

describe('stopping the app', () => {
  it('when SIGTERM arrives, then requests in flight finish, new ones are refused, the local Neo4j stops, the exit code is 0 and an acknowledged edit is there after the restart', async () => {
    const first = await startApp('tsx');
    // A curator and a token, made through the domain in the app's own database.
    const config = configSchema.parse({ NODE_ENV: 'test', NEO4J_URI: `bolt://127.0.0.1:${env.NEO4J_LOCAL_BOLT_PORT}`, NEO4J_PASSWORD: readFileSync(path.join(home, 'password'), 'utf8').trim() });
    const db = databaseFor(driverFor(config.NEO4J_URI!, 'neo4j', config.NEO4J_PASSWORD!, config), config);
    const account = await createAccount(db, { name: `shutdown${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
    auth = { authorization: `Bearer ${(await createToken(db, account.id, { name: 'shutdown test' })).token}` };
    await db.close();

    expect((await call('POST', '/api/nodes', { kind: 'source', id: source, title: 'A report', date: '2023-01-01', sourceType: 'publication' })).status).toBe(201);
    expect((await call('POST', '/api/nodes', newCase(`case-term-${tag}`))).status).toBe(201);
    const jvm = jvmPid();
    const consoleJvm = jvmPid(consoleHome);
    expect(processAlive(jvm)).toBe(true);
    expect(processAlive(consoleJvm)).toBe(true);
    await consoleReady();

    // A query that takes a few seconds is in flight when the signal comes.
    const slow = call('POST', '/api/cypher', { query: 'UNWIND range(1, 30000000) AS x RETURN sum(x) AS total' });
    await new Promise((r) => setTimeout(r, 500));
    first.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    const answered = await slow;
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.rows[0].total).toBe(450000015000000);

    expect(await first.exited, first.output()).toEqual({ code: 0, signal: null });
    expect(first.output()).toMatch(/SIGTERM received: finishing requests/);
    expect(processAlive(jvm)).toBe(false);
    expect(processAlive(consoleJvm)).toBe(false);
    expect(existsSync(pidFileOf(home))).toBe(false);
    expect(existsSync(pidFileOf(consoleHome))).toBe(false);
  }, 240_000);

  it('when the app process is killed (a crash), then its orphaned Neo4j is stopped at the next start and acknowledged edits are there', async () => {
    // One node process, so that the kill reaches the app alone; the edit made before SIGTERM is back.
    const crashing = await startApp('node');
    const read = await call('GET', `/api/cases/case-term-${tag}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe(`Shutdown test case case-term-${tag}`);
    expect((await call('POST', '/api/nodes', newCase(`case-kill-${tag}`))).status).toBe(201);
    const jvm = jvmPid();
    const consoleJvm = jvmPid(consoleHome);
    crashing.child.kill('SIGKILL');
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Only the app died: the server it started is still running, without its parent.
    expect(processAlive(jvm)).toBe(true);

    const next = await startApp('tsx');
    expect(next.output()).toMatch(/left over from an earlier run/);
    expect(next.output()).toMatch(/\[console\] .*left over from an earlier run/);
    expect(processAlive(jvm)).toBe(false);
    expect(processAlive(consoleJvm)).toBe(false);
    const afterCrash = await call('GET', `/api/cases/case-kill-${tag}`);
    expect(afterCrash.status).toBe(200);
    expect(afterCrash.body.id).toBe(`case-kill-${tag}`);

    const newJvm = jvmPid();
    next.child.kill('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
    expect(processAlive(newJvm)).toBe(false);
  }, 240_000);
});
