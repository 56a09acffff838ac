/**
 * The researchers' Cypher console under attack: it reads its own copy of the public graph, so no
 * query reaches accounts, tokens, sessions, the review queue or history; the planner's plan must
 * consist of read operators and allowed procedures; answers are capped in time, rows, bytes and
 * queries at once. Every refused query leaves both the graph and the console's copy unchanged.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { CypherConsole, checkPlan, operatorName } from '../../src/domain/atlas/cypher-console.js';
import { featureRouters } from '../../src/http/routes/index.js';
import { listenOnFreePort, startTestApp, testConfig, type Reply, type TestApp } from '../helpers/env.js';

const tag = randomUUID().slice(0, 8);
const SECRET = `secret-review-item-${tag}`;
let app: TestApp;
let accountId: string;
let accountElementId: string;
let tokenPrefix: string;

const run = (query: string, params: object = {}) => app.post('/api/cypher', { query, params });

/** A status with the body beside it, so that a failure shows the answer. */
const answered = (res: Pick<Reply, 'status' | 'body'>) => ({ status: res.status, body: res.body });

function expectProblem(res: Reply, status: number) {
  expect(answered(res)).toMatchObject({ status });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(typeof res.body.detail).toBe('string');
}

/** Every node and relationship of a database with its labels, type and properties, hashed. */
async function checksum(db: TestApp['db']): Promise<string> {
  const nodes = await db.read('MATCH (n) WITH n ORDER BY elementId(n) RETURN collect([elementId(n), labels(n), properties(n)]) AS all');
  const rels = await db.read('MATCH ()-[r]->() WITH r ORDER BY elementId(r) RETURN collect([elementId(r), type(r), properties(r)]) AS all');
  return createHash('sha256')
    .update(JSON.stringify([nodes, rels]))
    .digest('hex');
}

/** The console's copy, read directly. */
const copy = () => app.console!.replica!.copy;

beforeAll(async () => {
  app = await startTestApp(
    { CYPHER_TIMEOUT_MS: '2000', CYPHER_ROW_CAP: '50', CYPHER_BYTE_CAP: '100000', CYPHER_MAX_CONCURRENT: '2' },
    { console: true },
  );
  // Private records of every kind in the graph: an account with a password hash, an API token, a
  // review batch, a change in the history and a soft-deleted node.
  const account = await createAccount(app.db, { name: `console${tag}`, role: 'curator', password: `a long passphrase ${tag}` });
  accountId = account.id;
  const token = await createToken(app.db, account.id, { name: 'console test' });
  tokenPrefix = token.token.slice(0, 12);
  accountElementId = String((await app.db.read('MATCH (a:Account {id: $id}) RETURN elementId(a) AS e', { id: accountId }))[0]!.e);
  await app.db.write(
    `CREATE (:IngestBatch {id: $id, createdBy: $by, items: $secret})
     CREATE (:Change {id: $change, by: $by, summary: $secret})
     CREATE (:Deleted:Case {id: $deleted, name: $secret})`,
    { id: `batch-${tag}`, by: `console${tag}`, secret: SECRET, change: `change-${tag}`, deleted: `case-deleted-${tag}` },
  );
  await app.console!.replica!.syncNow();
});

afterAll(async () => {
  if (!app) return;
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: [`batch-${tag}`, `change-${tag}`, `case-deleted-${tag}`] });
  await removeAccount(app.db, accountId).catch(() => {});
  await app?.close();
});

describe('what the console can reach', () => {
  it('runs a read query with parameters over the public graph and says how fresh its copy is', async () => {
    const res = await run(
      'MATCH (p:Pathway {number: $n})<-[:ILLUSTRATES]-(c:Case) RETURN p.name AS name, p.number AS number, count(c) AS cases',
      { n: 12 },
    );
    expect(answered(res)).toMatchObject({ status: 200 });
    expect(res.body.columns).toEqual(['name', 'number', 'cases']);
    expect(res.body.rows[0].number).toBe(12);
    expect(res.body.rows[0].cases).toBeGreaterThan(0);
    expect(Date.parse(res.body.graphAsOf)).toBeGreaterThan(Date.now() - 120_000);
  });

  it('holds the same public nodes and relationships as the graph', async () => {
    const [main] = await app.db.read(
      'MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->(:Entity) RETURN count(DISTINCT n) AS nodes, count(r) AS rels',
    );
    const res = await run('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels');
    expect(res.body.rows[0]).toEqual(main);
  });

  it.each([
    ['password hashes by internal id', 'MATCH (n) WHERE id(n) IN range(0, 100000) AND n.passwordHash IS NOT NULL RETURN n'],
    ['token hashes', 'MATCH (n) WHERE n.hash IS NOT NULL OR n.prefix IS NOT NULL RETURN n'],
    ['the review queue', 'MATCH (b:IngestBatch) RETURN b.createdBy, b.items'],
    ['accounts by label', 'MATCH (a:Account) RETURN a.name, a.passwordHash'],
    ['tokens by quoted label', 'MATCH (t:`ApiToken`) RETURN t'],
    ['anything that is not an entity', 'MATCH (n) WHERE NOT n:Entity RETURN n'],
    ['history', 'MATCH (c:Change) RETURN c'],
    ['soft-deleted nodes', 'MATCH (d:Deleted) RETURN d'],
    ['relationships to private records', 'MATCH ()-[r]->(x) WHERE NOT x:Entity RETURN properties(x)'],
  ])('finds nothing private: %s', async (_what, query) => {
    const res = await run(query);
    expect(answered(res)).toMatchObject({ status: 200 });
    expect(res.body.rows).toEqual([]);
  });

  it('finds no private record by element id, nor any private label, property or text', async () => {
    const byElement = await run('MATCH (n) WHERE elementId(n) = $e RETURN n', { e: accountElementId });
    expect(byElement.status).toBe(200);
    expect(byElement.body.rows.every((r: { n: { passwordHash?: unknown } }) => r.n.passwordHash === undefined)).toBe(true);
    const labels = await run('CALL db.labels() YIELD label RETURN collect(label) AS labels');
    expect(labels.body.rows[0].labels).toEqual(expect.arrayContaining(['Case', 'Pathway', 'Entity']));
    for (const label of ['Account', 'ApiToken', 'Session', 'IngestBatch', 'Change', 'Deleted', 'Merged', 'SchemaMigration'])
      expect(labels.body.rows[0].labels).not.toContain(label);
    const keys = await run('MATCH (n) UNWIND keys(n) AS k RETURN collect(DISTINCT k) AS keys');
    for (const key of ['passwordHash', 'hash', 'listCard', 'facetGoals']) expect(keys.body.rows[0].keys).not.toContain(key);
    const everything = await app.post('/api/cypher', { query: 'MATCH (n) RETURN n', params: {} });
    expect(everything.text).not.toContain(SECRET);
    expect(everything.text).not.toContain(tokenPrefix);
    expect(everything.text).not.toMatch(/scrypt/);
  });

  it('follows the graph: a new case appears after a refresh and a deleted one disappears', async () => {
    const id = `case-console-${tag}`;
    onTestFinished(async () => {
      await app.db.write('MATCH (c {id: $id}) DETACH DELETE c', { id });
    });
    await app.db.write("CREATE (:Entity:Case {id: $id, name: 'Console freshness case', year: 2024})", { id });
    await app.console!.replica!.syncNow();
    const seen = await run('MATCH (c:Case {id: $id}) RETURN c.name AS name, c.year AS year', { id });
    expect(seen.body.rows).toEqual([{ name: 'Console freshness case', year: 2024 }]);
    await app.db.write('MATCH (c:Case {id: $id}) REMOVE c:Entity SET c:Deleted', { id });
    await app.console!.replica!.syncNow();
    expect((await run('MATCH (c {id: $id}) RETURN c', { id })).body.rows).toEqual([]);
  });

  it('refreshes by itself shortly after a write through the app', async () => {
    const id = `case-console-auto-${tag}`;
    onTestFinished(async () => {
      await app.db.write('MATCH (c {id: $id}) DETACH DELETE c', { id });
    });
    expect((await run('MATCH (c:Case {id: $id}) RETURN c.name AS name', { id })).body.rows).toEqual([]);
    await app.db.write("CREATE (:Entity:Case {id: $id, name: 'Console auto refresh'})", { id });
    // No refresh is asked for: the copy catches up by itself.
    await vi.waitFor(
      async () =>
        expect((await run('MATCH (c:Case {id: $id}) RETURN c.name AS name', { id })).body.rows).toEqual([{ name: 'Console auto refresh' }]),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
  });
});

describe('what the console refuses', () => {
  const port = () => new URL(app.url).port;
  const hostile: [string, () => string][] = [
    // Writes, in plain words and in disguise.
    ['a create', () => "CREATE (n:Entity {id: 'console-x'})"],
    ['a merge', () => 'MATCH (n:Case) MERGE (n)-[:X]->(n)'],
    ['a delete of everything', () => 'MATCH (n) DETACH DELETE n'],
    ['a set', () => "MATCH (n:Case) SET n.name = 'x'"],
    ['a remove', () => 'MATCH (n:Case) REMOVE n:Case'],
    ['a foreach', () => "FOREACH (i IN [1] | CREATE (:Entity {id: 'console-f'}))"],
    ['a write in a subquery', () => "MATCH (n:Case) CALL (n) { CREATE (m:Entity {id: 'console-y'}) } RETURN n"],
    ['a delete in an old-style subquery', () => 'MATCH (n:Case) CALL { WITH n DELETE n } RETURN 1'],
    ['batched transactions', () => "UNWIND range(1, 3) AS i CALL (i) { CREATE (:Entity {id: 'b' + i}) } IN TRANSACTIONS RETURN i"],
    ['a write after a comment', () => "/* MATCH (n) RETURN n */ CREATE (:Entity {id: 'console-c'})"],
    ['a write after a line comment', () => 'MATCH (n:Case) // just reading\nDETACH DELETE n'],
    ['a write with quoted names', () => "CREATE (`n`:`Entity` {`id`: 'console-q'})"],
    ['a write after a string holding a comment marker', () => "WITH 'a//' AS x, \"/*\" AS y CREATE (:Entity {id: 'console-s'})"],
    ['a write after a unicode escape', () => "WITH '\\u0027 //' AS x CREATE (:Entity {id: 'console-u'})"],
    ['a write with a runtime option', () => "CYPHER runtime=slotted CREATE (:Entity {id: 'console-r'})"],
    ['a profiled write', () => "PROFILE CREATE (:Entity {id: 'console-p'})"],
    ['two statements', () => 'RETURN 1; MATCH (n) DETACH DELETE n'],
    ['schema changes', () => 'CREATE INDEX console_x IF NOT EXISTS FOR (n:Case) ON (n.name)'],
    ['dropping a constraint', () => 'DROP CONSTRAINT entity_id'],
    // LOAD CSV, to the app itself, to the machine and to the world.
    [
      'LOAD CSV of the metrics behind a string with a comment marker',
      () => `WITH 'a//' AS x LOAD CSV FROM 'http://127.0.0.1:${port()}/metrics' AS row RETURN row[0] LIMIT 5`,
    ],
    ['LOAD CSV of the health check', () => `LOAD CSV FROM 'http://127.0.0.1:${port()}/health' AS row RETURN row`],
    ['LOAD CSV of a local file', () => "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"],
    ['LOAD CSV from a remote address', () => "LOAD CSV WITH HEADERS FROM 'https://example.org/data.csv' AS row RETURN row"],
    ['LOAD CSV in lower case across lines', () => "load\ncsv from 'http://localhost/x' as r return r"],
    ['LOAD CSV in a subquery', () => "CALL () { LOAD CSV FROM 'http://127.0.0.1/x' AS r RETURN r } RETURN r"],
    ['LOAD CSV from a parameter', () => 'LOAD CSV FROM $url AS r RETURN r'],
    // Administration commands.
    ['SHOW TRANSACTIONS hidden by comment markers', () => '// /*\nSHOW TRANSACTIONS YIELD * RETURN * // */'],
    ['SHOW TRANSACTIONS', () => 'show transactions'],
    ['SHOW SETTINGS', () => 'SHOW SETTINGS'],
    ['SHOW SETTINGS with a filter', () => "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'server' RETURN name, value"],
    ['SHOW INDEXES', () => 'SHOW INDEXES'],
    ['SHOW CONSTRAINTS', () => 'SHOW CONSTRAINTS'],
    ['SHOW PROCEDURES', () => 'SHOW PROCEDURES'],
    ['SHOW FUNCTIONS', () => 'SHOW FUNCTIONS'],
    ['SHOW USERS', () => 'SHOW USERS'],
    ['SHOW DATABASES', () => 'SHOW DATABASES'],
    ['TERMINATE TRANSACTION', () => 'TERMINATE TRANSACTION "neo4j-transaction-101"'],
    ['TERMINATE TRANSACTIONS in a composed command', () => "TERMINATE TRANSACTIONS 'neo4j-transaction-1' YIELD message RETURN message"],
    ['a switch to the system database', () => 'USE system SHOW USERS'],
    // Procedures off the list, with and without parentheses.
    ['db.stats.retrieve without parentheses', () => 'CALL db.stats.retrieve'],
    ['db.stats.retrieve of the query log', () => "CALL db.stats.retrieve('QUERIES')"],
    ['db.info', () => 'CALL db.info'],
    ['db.ping with spaces', () => 'CALL db . ping()'],
    ['db.awaitIndexes', () => 'CALL db.awaitIndexes'],
    ['db.resampleOutdatedIndexes', () => 'CALL db.resampleOutdatedIndexes'],
    ['db.prepareForReplanning', () => 'CALL db.prepareForReplanning'],
    ['db.clearQueryCaches', () => 'CALL db.clearQueryCaches()'],
    ['dbms.components', () => 'CALL dbms.components() YIELD name RETURN name'],
    ['a quoted procedure name', () => 'CALL `db`.`info`()'],
    ['tx.setMetaData', () => "CALL tx.setMetaData({app: 'x'})"],
    ['dbms.listConfig', () => 'CALL dbms.listConfig()'],
  ];

  const refuse = (query: () => string) =>
    app.post('/api/cypher', { query: query(), params: { url: `http://127.0.0.1:${port()}/metrics` } });

  it.each(hostile)('refuses %s', async (_what, query) => {
    const res = await refuse(query);
    expectProblem(res, 400);
    expect(res.text).not.toMatch(/pathway_atlas|http_requests|"ok"|root:x:0/);
  });

  it("leaves the graph and the console's copy exactly as they were after every one of them", async () => {
    // Settled first: earlier writes are copied, so that only a refused query could change the copy.
    await app.console!.replica!.syncNow();
    const mainBefore = await checksum(app.db);
    const copyBefore = await checksum(copy());
    const statuses: [string, number][] = [];
    for (const [what, query] of hostile) statuses.push([what, (await refuse(query)).status]);
    expect(statuses).toEqual(hostile.map(([what]) => [what, 400]));
    expect(await checksum(app.db)).toBe(mainBefore);
    expect(await checksum(copy())).toBe(copyBefore);
  });

  it('names the step or procedure it refuses', async () => {
    expect((await run('CALL db.stats.retrieve')).body.detail).toMatch(/db\.stats\.retrieve is not allowed/);
    expect((await run("LOAD CSV FROM 'http://x/y' AS r RETURN r")).body.detail).toMatch(/LOAD CSV/);
    expect((await run('SHOW SETTINGS')).body.detail).toMatch(/ShowSettings/);
  });

  it('still runs the allowed procedures', async () => {
    const res = await run('CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS types');
    expect(res.status).toBe(200);
    expect(res.body.rows[0].types).toContain('ILLUSTRATES');
    expect((await run('CALL db.schema.visualization')).status).toBe(200);
  });
});

describe("the console's limits", () => {
  it('caps the rows and says so', async () => {
    const res = await run('UNWIND range(1, 500) AS x RETURN x');
    expect(res.body.rowCount).toBe(50);
    expect(res.body.truncated).toBe(true);
    expect(res.body.truncatedBy).toBe('rows');
  });

  it('caps the bytes of an answer and says so', async () => {
    // 50 rows of 32 kB each: the 100 kB cap lets three through.
    const res = await run("WITH reduce(s = 'x', i IN range(1, 15) | s + s) AS big UNWIND range(1, 50) AS i RETURN i, big");
    expect(res.status).toBe(200);
    expect(res.body.truncatedBy).toBe('bytes');
    expect(res.body.rowCount).toBe(3);
    expect(res.body.bytes).toBeLessThanOrEqual(100_000);
    expect(res.text.length).toBeLessThan(120_000);
  });

  it('answers a query that needs too much memory with 413, and stays healthy', async () => {
    const res = await run('UNWIND range(1, 30000000) AS x WITH collect(x) AS xs RETURN size(xs) AS n');
    expectProblem(res, 413);
    expect(res.body.detail).toMatch(/memory/);
    expect((await run('RETURN 1 AS one')).status).toBe(200);
  });

  it('stops a query that runs too long', async () => {
    const res = await run('UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n');
    expectProblem(res, 504);
    expect(res.body.detail).toMatch(/stopped/);
  });

  it('runs two queries at once and answers more with 503 and Retry-After', async () => {
    const slow = 'UNWIND range(1, 200000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n';
    const answers = await Promise.all([1, 2, 3, 4].map(() => run(slow)));
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(busy[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(busy[0]!.body.detail).toMatch(/busy/);
    expect(answers.filter((a) => a.status !== 503).every((a) => a.status === 504)).toBe(true);
  });

  it('answers a syntax error and a body that is not JSON with 400', async () => {
    expectProblem(await run('MATCH (n RETURN n'), 400);
    expectProblem(await app.post('/api/cypher', '{"query": ', { 'content-type': 'application/json' }), 400);
  });
});

describe('a console that is not ready or turned off', () => {
  async function answerOf(cypherConsole: CypherConsole) {
    const config = testConfig();
    const { server, url } = await listenOnFreePort(
      createApp({ config, db: app.db, routers: featureRouters(app.db, config, cypherConsole) }),
    );
    try {
      const res = await fetch(`${url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'RETURN 1' }),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { detail: string } };
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }

  it('answers 503 with Retry-After until its first copy is made', async () => {
    const answer = await answerOf(
      CypherConsole.over({ db: copy(), asOf: () => undefined }, { timeoutMs: 1000, rowCap: 10, byteCap: 10_000, maxConcurrent: 1 }),
    );
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toMatch(/^\d+$/);
    expect(answer.body.detail).toMatch(/still copying/);
  });

  it('answers 503 naming the setting when it is turned off', async () => {
    const answer = await answerOf(CypherConsole.off('The query console is turned off on this server (CYPHER_CONSOLE=off).'));
    expect(answer.status).toBe(503);
    expect(answer.body.detail).toMatch(/CYPHER_CONSOLE=off/);
  });

  it('refuses a console database that is the graph itself', () => {
    const env = { NEO4J_URI: 'bolt://db.example:7687', CONSOLE_NEO4J_URI: 'bolt://db.example:7687' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/CONSOLE_NEO4J_URI/);
    expect(() => loadConfig({ ...env, CONSOLE_NEO4J_URI: 'bolt://console.example:7687' })).not.toThrow();
  });
});

describe('the plan check', () => {
  it('reads operator names without database suffix or mode', () => {
    expect(operatorName('Expand(All)@neo4j')).toBe('Expand');
    expect(operatorName('ProduceResults@neo4j')).toBe('ProduceResults');
  });

  it('refuses an unknown operator and a write query type, and accepts a plain read', () => {
    const read = {
      queryType: 'r',
      operators: [
        { type: 'ProduceResults@neo4j', details: 'n' },
        { type: 'NodeByLabelScan@neo4j', details: 'n:Case' },
      ],
    };
    expect(() => checkPlan(read)).not.toThrow();
    expect(() => checkPlan({ ...read, operators: [...read.operators, { type: 'SomeFutureOperator@neo4j', details: '' }] })).toThrow(
      /SomeFutureOperator/,
    );
    expect(() => checkPlan({ ...read, queryType: 'rw' })).toThrow(/read queries/);
    expect(() =>
      checkPlan({
        queryType: 'r',
        operators: [{ type: 'ProcedureCall@neo4j', details: 'db.stats.retrieve(section) :: (section :: STRING)' }],
      }),
    ).toThrow(/db\.stats\.retrieve/);
    expect(() =>
      checkPlan({ queryType: 'r', operators: [{ type: 'ProcedureCall@neo4j', details: 'db.labels() :: (label :: STRING)' }] }),
    ).not.toThrow();
  });
});
