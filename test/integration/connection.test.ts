import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { connect, ConnectError } from '../../src/data/connect.js';
import { checkJava, LocalNeo4jError, startLocalNeo4j } from '../../src/neo4j/local-server.js';
import { startTestApp, testConfig, type TestApp } from '../helpers/env.js';

function listenOnFreePort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

describe('connecting to Neo4j', () => {
  it('when NEO4J_URI is set, then the app uses that server and starts nothing locally', async () => {
    const conn = await connect(testConfig());
    try {
      expect(conn.local).toBeUndefined();
      const info = await conn.db.serverInfo();
      expect(info.version).toMatch(/^5\.26\./);
    } finally {
      await conn.close();
    }
  });

  it('when the password is wrong, then one sentence names NEO4J_PASSWORD', async () => {
    await expect(connect(testConfig({ NEO4J_PASSWORD: 'definitely-wrong' }))).rejects.toThrow(
      /refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD/,
    );
  });

  it('when no server answers at NEO4J_URI, then the error says to start it or correct the URI', async () => {
    const s = await listenOnFreePort();
    const port = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    const err = await connect(testConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}` })).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect(err.message).toMatch(/is not answering .*start that server or correct NEO4J_URI/);
  });

  it('when the local Bolt port is taken, then start-up refuses with a sentence naming the port', async () => {
    const s = await listenOnFreePort();
    const port = (s.address() as net.AddressInfo).port;
    try {
      const err = await startLocalNeo4j({
        baseDir: '.neo4j',
        instance: `test-port-${process.pid}`,
        boltPort: port,
        heap: '256m',
        pageCache: '64m',
      }).catch((e) => e);
      expect(err).toBeInstanceOf(LocalNeo4jError);
      expect(err.message).toContain(`Port ${port} is already taken`);
    } finally {
      await new Promise((r) => s.close(r));
      rmSync(path.resolve('.neo4j', `test-port-${process.pid}`), { recursive: true, force: true });
    }
  });

  it('when Java is missing, then the error says to install Java 17 or set NEO4J_URI', () => {
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = '/nonexistent-java-home';
    try {
      expect(() => checkJava()).toThrow(/Java 17 or newer is needed .* or set NEO4J_URI/);
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    }
  });

  it('when an environment variable is malformed, then start-up names it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://x' })).toThrow(/NEO4J_URI must look like/);
  });
});

describe('GET /health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('when Neo4j is up, then 200 with the version it talks to', async () => {
    const res = await app.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', neo4j: { version: expect.stringMatching(/^5\.26\./) } });
  });

  it('when Neo4j cannot be reached, then 503 with a problem document', async () => {
    const s = await listenOnFreePort();
    const port = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    const dead = await startTestApp({ NEO4J_URI: `bolt://127.0.0.1:${port}` });
    try {
      const res = await dead.get('/health');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await dead.close();
    }
  });
});

describe('npm start on the local default', () => {
  const instance = `test-start-${process.pid}`;
  afterAll(() => rmSync(path.resolve('.neo4j', instance), { recursive: true, force: true }));

  it('when no NEO4J_URI is given, then it starts a local Neo4j, serves /health, and leaves no JVM after SIGTERM', async () => {
    const boltPort = await listenOnFreePort().then(async (s) => {
      const p = (s.address() as net.AddressInfo).port;
      await new Promise((r) => s.close(r));
      return p;
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        NEO4J_URI: '',
        PORT: '0',
        NEO4J_LOCAL_INSTANCE: instance,
        NEO4J_LOCAL_BOLT_PORT: String(boltPort),
        NEO4J_LOCAL_HEAP: '256m',
        NEO4J_LOCAL_PAGECACHE: '64m',
        SEED_ON_START: 'never',
        CYPHER_CONSOLE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in time:\n${out}`)), 120_000);
      child.stdout.on('data', () => {
        const m = /serving on (http:\/\/\S+) /.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    const health = await fetch(`${url}/health`).then((r) => r.json());
    expect(health.status).toBe('ok');
    const pidFile = path.resolve('.neo4j', instance, 'run', 'pathway-atlas.pid');
    expect(existsSync(pidFile)).toBe(true);
    const { readFileSync } = await import('node:fs');
    const javaPid = Number(readFileSync(pidFile, 'utf8'));
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(() => process.kill(javaPid, 0)).toThrow();
  }, 180_000);
});
