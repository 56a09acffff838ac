import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { configSchema } from '../../src/config.js';
import { databaseFor, driverFor } from '../../src/data/connect.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { freePort, pidFileOf, processAlive } from '../../src/neo4j/local-server.js';
import type { JsonBody } from '../helpers/env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const instance = `shutdown-${process.pid}`;
const home = path.join(root, '.neo4j', instance);
/** The query console's own local Neo4j, which the app starts and stops beside the graph's. */
const consoleHome = path.join(root, '.neo4j', `${instance}-console`);
const tag = randomUUID().slice(0, 8);
let env: NodeJS.ProcessEnv;
let url: string;
const started: ChildProcess[] = [];

type Exit = { code: number | null; signal: NodeJS.Signals | null };

interface App {
  child: ChildProcess;
  exited: Promise<Exit>;
  output: () => string;
}

/** Resolves once the app's output so far matches `pattern`; rejects when the app exits first or `timeoutMs` pass. */
function outputMatches(app: Omit<App, 'exited'>, pattern: RegExp, timeoutMs: number): Promise<void> {
  const { child, output } = app;
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (pattern.test(output())) done();
    };
    const exited = () => done(new Error(`the app stopped before its output matched ${pattern}:\n${output()}`));
    const timer = setTimeout(
      () => done(new Error(`the app's output did not match ${pattern} within ${timeoutMs / 1000} s:\n${output()}`)),
      timeoutMs,
    );
    function done(err?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exited);
      if (err) reject(err);
      else resolve();
    }
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', exited);
    check();
    if (child.exitCode !== null || child.signalCode !== null) exited();
  });
}

/**
 * Starts the app as `npm start` does (`node --import tsx src/server.ts`: one process, so a signal
 * reaches the app itself) and resolves once it serves. An app the test leaves running is killed when
 * the test ends.
 */
async function startApp(): Promise<App> {
  const [command, args] = [process.execPath, ['--import', 'tsx', 'src/server.ts']];
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<Exit>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  onTestFinished(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  });
  await outputMatches({ child, output: () => output }, /Pathway Atlas is serving on/, 150_000);
  return { child, exited, output: () => output };
}

const jvmPid = (of = home) => Number(readFileSync(pidFileOf(of), 'utf8').trim());

interface Answer {
  status: number;
  body: JsonBody;
}

async function call(method: string, p: string, auth: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  const res = await fetch(url + p, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A curator and a token, made through the domain in the running app's own database; the bearer header. */
async function curator(what: string): Promise<Record<string, string>> {
  const config = configSchema.parse({
    NODE_ENV: 'test',
    NEO4J_URI: `bolt://127.0.0.1:${env.NEO4J_LOCAL_BOLT_PORT}`,
    NEO4J_PASSWORD: readFileSync(path.join(home, 'password'), 'utf8').trim(),
  });
  const db = databaseFor(driverFor(config.NEO4J_URI!, 'neo4j', config.NEO4J_PASSWORD!, config), config);
  try {
    const account = await createAccount(db, {
      name: `shutdown${what}${tag}`,
      role: 'curator',
      password: `a long enough passphrase ${tag}`,
    });
    return { authorization: `Bearer ${(await createToken(db, account.id, { name: 'shutdown test' })).token}` };
  } finally {
    await db.close();
  }
}

/** Waits until the console has its first copy of the graph (it answers 503 before). */
async function consoleReady(auth: Record<string, string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await call('POST', '/api/cypher', auth, { query: 'RETURN 1 AS one' });
    if (res.status === 200) return;
    if (res.status !== 503 || Date.now() > deadline) throw new Error(`the console answered ${res.status}: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The requests the app is answering, as its metrics count them (the metrics request itself included). */
async function requestsInFlight(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^http_requests_in_flight (\d+)$/m.exec(text)?.[1]);
}

/** A source and a case citing it, made through the API; the case's id. */
async function acknowledgedEdit(what: string, auth: Record<string, string>): Promise<string> {
  const source = `src-shutdown-${what}-${tag}`;
  const id = `case-${what}-${tag}`;
  expect(
    (
      await call('POST', '/api/nodes', auth, {
        kind: 'source',
        id: source,
        title: 'A report',
        date: '2023-01-01',
        sourceType: 'publication',
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call('POST', '/api/nodes', auth, {
        kind: 'case',
        id,
        name: `Shutdown test case ${id}`,
        summary: 'A school bought organic food.',
        year: 2023,
        sources: [source],
      })
    ).status,
  ).toBe(201);
  return id;
}

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

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // The local servers and their data (accounts and cases the tests made) go with their folders.
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
    const first = await startApp();
    const auth = await curator('term');
    const edited = await acknowledgedEdit('term', auth);
    const jvm = jvmPid();
    const consoleJvm = jvmPid(consoleHome);
    expect(processAlive(jvm)).toBe(true);
    expect(processAlive(consoleJvm)).toBe(true);
    await consoleReady(auth);

    // A query that takes a few seconds is in flight when the signal comes.
    let finished = false;
    const slow = call('POST', '/api/cypher', auth, { query: 'UNWIND range(1, 30000000) AS x RETURN sum(x) AS total' });
    void slow.then(
      () => (finished = true),
      () => (finished = true),
    );
    await vi.waitFor(async () => expect(await requestsInFlight()).toBe(2), { timeout: 10_000, interval: 20 });
    first.child.kill('SIGTERM');
    // The app says so as it stops listening, in the same step.
    await outputMatches(first, /SIGTERM received: finishing requests/, 10_000);
    expect(finished).toBe(false);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    const answered = await slow;
    // The whole answer shows on failure, the problem's detail with it.
    expect(answered).toMatchObject({ status: 200, body: { rows: [{ total: 450000015000000 }] } });

    // With the app's output, to show why on failure.
    expect({ exit: await first.exited, output: first.output() }).toMatchObject({ exit: { code: 0, signal: null } });
    expect(processAlive(jvm)).toBe(false);
    expect(processAlive(consoleJvm)).toBe(false);
    expect(existsSync(pidFileOf(home))).toBe(false);
    expect(existsSync(pidFileOf(consoleHome))).toBe(false);

    // Started again, the app finds nothing left over and the edit acknowledged before the signal.
    const second = await startApp();
    expect(second.output()).not.toMatch(/left over from an earlier run/);
    const read = await call('GET', `/api/cases/${edited}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe(`Shutdown test case ${edited}`);
    second.child.kill('SIGTERM');
    expect({ exit: await second.exited, output: second.output() }).toMatchObject({ exit: { code: 0, signal: null } });
  }, 400_000);

  it('when the app process is killed (a crash), then its orphaned Neo4j is stopped at the next start and acknowledged edits are there', async () => {
    // One node process, so that the kill reaches the app alone.
    const crashing = await startApp();
    const edited = await acknowledgedEdit('kill', await curator('kill'));
    const jvm = jvmPid();
    const consoleJvm = jvmPid(consoleHome);
    crashing.child.kill('SIGKILL');
    await expect(crashing.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    // Only the app died: the server it started is still running, without its parent.
    expect(processAlive(jvm)).toBe(true);

    const next = await startApp();
    expect(next.output()).toMatch(/left over from an earlier run/);
    expect(next.output()).toMatch(/\[console\] .*left over from an earlier run/);
    expect(processAlive(jvm)).toBe(false);
    expect(processAlive(consoleJvm)).toBe(false);
    const afterCrash = await call('GET', `/api/cases/${edited}`);
    expect(afterCrash.status).toBe(200);
    expect(afterCrash.body.id).toBe(edited);

    const newJvm = jvmPid();
    next.child.kill('SIGTERM');
    expect({ exit: await next.exited, output: next.output() }).toMatchObject({ exit: { code: 0, signal: null } });
    expect(processAlive(newJvm)).toBe(false);
  }, 240_000);
});
