import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID as randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Database } from '../../src/data/database.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken, TokenVerifier } from '../../src/domain/accounts/tokens.js';
import { checkReadable, readVerifiedBackup, writeBackup, type BackupFile } from '../../src/domain/backup/files.js';
import { BackupError, backupText, contentDigest, parseBackup, type Backup } from '../../src/domain/backup/format.js';
import { batchRanges, settingBytes } from '../../src/domain/backup/limits.js';
import { readBackupGraph } from '../../src/domain/backup/read.js';
import { readMarkers, recoverInterruptedRestore, RestoreError } from '../../src/domain/backup/recovery.js';
import { checkAgainstSchema, restoreGraph } from '../../src/domain/backup/restore.js';
import { createNode, deleteNode, updateNode } from '../../src/domain/curation/writes.js';
import { mergeNodes } from '../../src/domain/curation/merge.js';
import { testConfig, testDb } from '../helpers/env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tag = randomUUID().slice(0, 8);
const curator = { id: 'backup-test', name: `backup-${tag}` };
const made = [`case-backup-a-${tag}`, `case-backup-b-${tag}`, `case-backup-c-${tag}`];
let db: Database;
let dir: string;
let accountId: string;
let token: string;
/** Pathway 12's name before the file ran; tests that rename it behind the app's back put it back. */
let pathway12: string;

const count = async (query: string) => Number((await db.read(query))[0]?.n);
const everything = () => count('MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:GraphChange AND NOT n:ChangeFeed RETURN count(n) AS n');
const ALL = { accounts: true, reviewQueue: true };

/** SHA-256 of the whole database: every node (labels, every property with its type) and relationship, whatever its label. */
async function databaseChecksum(): Promise<string> {
  const valueText =
    "[k IN keys(x) | [k, valueType(x[k]), CASE WHEN valueType(x[k]) STARTS WITH 'LIST' THEN [v IN x[k] | toString(v)] ELSE [toString(x[k])] END]]";
  const nodes = await db.read(`MATCH (x) RETURN elementId(x) AS ref, labels(x) AS labels, ${valueText} AS props`);
  const lineOf = new Map(
    nodes.map((n) => [n.ref as string, JSON.stringify([[...(n.labels as string[])].sort(), (n.props as string[][]).sort()])]),
  );
  const rels = await db.read(`MATCH (a)-[x]->(b) RETURN elementId(a) AS a, type(x) AS type, ${valueText} AS props, elementId(b) AS b`);
  const relLines = rels.map((r) =>
    JSON.stringify([lineOf.get(r.a as string), r.type, (r.props as string[][]).sort(), lineOf.get(r.b as string)]),
  );
  const hash = createHash('sha256');
  for (const line of [...lineOf.values()].sort()) hash.update(`${line}\n`);
  for (const line of relLines.sort()) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** A folder of the test's own for the files it makes, removed when the test ends. */
function ownDir(): string {
  const own = mkdtempSync(path.join(dir, 'test-'));
  onTestFinished(() => rmSync(own, { recursive: true, force: true }));
  return own;
}

/** A backup of the graph as it is now (accounts included), made by the test that uses it. */
const backupNow = (name = 'atlas.json'): Promise<BackupFile> => writeBackup(db, path.join(ownDir(), name), { accounts: true });

/** Renames Pathway 12 without the app, as a change made after a backup; the name is put back when the test ends. */
async function renamePathway12(name: string): Promise<void> {
  onTestFinished(async () => {
    await db.write('MATCH (p:Entity {id: $id}) SET p.name = $name', { id: 'pathway-12', name: pathway12 });
  });
  await db.write('MATCH (p:Entity {id: $id}) SET p.name = $name', { id: 'pathway-12', name });
}
const pathway12Name = async () => (await db.read('MATCH (p:Pathway {id: "pathway-12"}) RETURN p.name AS name'))[0]?.name;

const restoreLeftovers = () =>
  count('MATCH (n) WHERE n:RestoreStaged OR n:RestoreMarker OR n:RestoreBatch OR n:RestorePromoted RETURN count(n) AS n');
const newCase = (id: string) => ({
  id,
  name: `Backup test case ${id}`,
  summary: 'A town bought refurbished laptops.',
  year: 2020,
  sources: ['src-basque-declaration'],
});

/** The test's own env for a command: the run's Neo4j through NEO4J_URI. */
function commandEnv(): NodeJS.ProcessEnv {
  const c = testConfig();
  return {
    ...process.env,
    NEO4J_URI: c.NEO4J_URI,
    NEO4J_USERNAME: c.NEO4J_USERNAME,
    NEO4J_PASSWORD: c.NEO4J_PASSWORD ?? '',
    NEO4J_DATABASE: c.NEO4J_DATABASE ?? '',
    NODE_ENV: 'test',
  };
}

function npm(script: string, args: string[]) {
  const res = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [`src/cli/${script}.ts`, ...args], {
    cwd: root,
    env: commandEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: res.status, out: res.stdout, err: res.stderr };
}

beforeAll(async () => {
  db = testDb();
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-'));
  pathway12 = String((await db.read('MATCH (p:Entity {id: $id}) RETURN p.name AS name', { id: 'pathway-12' }))[0]?.name);
  // Curation records of every kind, typed values and an account with a token, beside the seed.
  for (const id of made) await createNode(db, curator, 'case', newCase(id));
  await updateNode(db, curator, made[0]!, 1, { summary: 'A town bought refurbished laptops and phones.' });
  await deleteNode(db, curator, made[1]!, 1);
  await mergeNodes(db, curator, made[0]!, made[2]!);
  await db.write(
    `MATCH (c:Entity {id: $id}) SET c.checkedOn = date('2020-01-15'), c.spot = point({latitude: 51.05, longitude: 3.72}), c.weight = 51.0, c.big = 9007199254740993`,
    { id: made[0] },
  );
  await db.write(`CREATE (:BackupProbe {note: $tag, at: datetime('2020-01-15T10:00:00+01:00')})`, { tag });
  const account = await createAccount(db, { name: `backup${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
  accountId = account.id;
  token = (await createToken(db, accountId, { name: 'backup test' })).token;
});

afterAll(async () => {
  // The graph is back as it was before the file ran: the seed, and what other files left.
  await db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: made });
  await db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: curator.name });
  await db.write('MATCH (n:BackupProbe) DETACH DELETE n');
  await db.write('MATCH (a:Account {id: $id}) OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a) DETACH DELETE a, t', { id: accountId });
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('when the graph is backed up, emptied and restored, then it reads back equal, accounts and tokens included', async () => {
    const before = await readBackupGraph(db, ALL);
    const backup = await backupNow();
    expect(backup.nodes).toBe(before.nodes.length);
    expect(backup.relationships).toBe(before.relationships.length);
    expect(statSync(backup.file).mode & 0o777).toBe(0o600);
    expect(readFileSync(backup.checksumFile, 'utf8')).toBe(`${backup.sha256}  atlas.json\n`);
    const labels = new Set(before.nodes.flatMap((n) => n.labels));
    for (const l of ['Entity', 'Change', 'Deleted', 'Merged', 'Account', 'ApiToken', 'BackupProbe']) expect(labels).toContain(l);

    await db.autoCommit('MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    expect(await everything()).toBe(0);

    const read = readVerifiedBackup(backup.file);
    await checkAgainstSchema(db, read.graph);
    const report = await restoreGraph(db, read);
    expect(report).toMatchObject({ nodes: backup.nodes, relationships: backup.relationships, switchedAtOnce: true });

    const after = await readBackupGraph(db, ALL);
    expect(after.nodes.length).toBe(before.nodes.length);
    expect(after.relationships.length).toBe(before.relationships.length);
    expect(contentDigest(after)).toBe(contentDigest(before));
    expect(await count('MATCH (n:RestoreBatch) RETURN count(n) AS n')).toBe(0);
    const typed = (
      await db.read(
        `MATCH (c:Entity {id: $id}) RETURN valueType(c.checkedOn) AS d, valueType(c.spot) AS p, valueType(c.weight) AS w, toString(c.big) AS big`,
        { id: made[0] },
      )
    )[0];
    expect(typed).toEqual({ d: 'DATE NOT NULL', p: 'POINT NOT NULL', w: 'FLOAT NOT NULL', big: '9007199254740993' });
    // The token's hash came back, so the script that held it still gets in.
    expect(await new TokenVerifier(db).check(token)).toMatchObject({ ok: true, user: { id: accountId } });
  });

  it('when the file is damaged, then restore refuses it by its checksum and the graph is untouched', async () => {
    const backup = await backupNow();
    const own = path.dirname(backup.file);
    const damaged = path.join(own, 'damaged.json');
    const bytes = readFileSync(backup.file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(damaged, bytes);
    writeFileSync(`${damaged}.sha256`, readFileSync(backup.checksumFile, 'utf8').replace('atlas.json', 'damaged.json'));
    expect(() => readVerifiedBackup(damaged)).toThrow(/does not match its checksum.*nothing was restored/s);

    const nodes = await everything();
    const res = npm('restore', [damaged, '--yes']);
    expect(res.status).toBe(1);
    expect(res.err).toMatch(/^Error: .*damaged\.json does not match its checksum/m);
    expect(res.err).not.toMatch(/\n\s+at /);
    expect(await everything()).toBe(nodes);

    rmSync(`${damaged}.sha256`);
    expect(() => readVerifiedBackup(damaged)).toThrow(/has no checksum beside it/);
    expect(() => readVerifiedBackup(own)).toThrow(/is not a file; name a backup file/);
    const dirRes = npm('restore', [own, '--yes']);
    expect(dirRes.status).toBe(1);
    expect(dirRes.err).toMatch(/^Error: .* is not a file/m);
    expect(dirRes.err).not.toMatch(/\n\s+at /);
  });

  it('when a backup is larger than the command can hold in memory, then it is refused before it is read, with the setting that would let it through', () => {
    expect(() => checkReadable('big.json', 200 * 2 ** 20, 1024 * 2 ** 20)).toThrow(
      /big\.json is 200 MiB: reading it needs about 1,200 MiB of memory, more than this process may use \(1,024 MiB\)\. Run the restore with NODE_OPTIONS=--max-old-space-size=1500 .*Nothing was restored\./,
    );
    expect(() => checkReadable('huge.json', 2 ** 30, 64 * 2 ** 30)).toThrow(
      /huge\.json is 1,024 MiB; this version reads backups of up to 512 MiB/,
    );
    expect(() => checkReadable('fine.json', 133 * 2 ** 20, 4 * 2 ** 30)).not.toThrow();
  });

  it('when a hand-made backup lists labels and properties in another order, then it restores and reads back equal', async () => {
    const backup = await backupNow();
    const read = readVerifiedBackup(backup.file);
    const shuffled = {
      nodes: read.graph.nodes.map((n) => ({
        ...n,
        labels: [...n.labels].reverse(),
        props: Object.fromEntries(Object.entries(n.props).reverse()),
      })),
      relationships: [...read.graph.relationships].reverse(),
    };
    const file = path.join(path.dirname(backup.file), 'shuffled.json');
    const text = [...backupText(shuffled, { createdAt: new Date().toISOString(), accounts: true, reviewQueue: false })].join('');
    writeFileSync(file, text);
    writeFileSync(`${file}.sha256`, `${createHash('sha256').update(text).digest('hex')}  shuffled.json\n`);
    const again = readVerifiedBackup(file);
    expect(again.contentSha256).toBe(read.contentSha256);
    await restoreGraph(db, again);
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(read.contentSha256);
  });

  it('when a record is wrong or breaks the schema, then the whole file is refused before anything is deleted', async () => {
    const doc = JSON.parse(readFileSync((await backupNow()).file, 'utf8'));
    const dangling = {
      ...doc,
      relationships: [...doc.relationships, { type: 'ABOUT_THEME', from: made[0], to: 'theme-nowhere', properties: {} }],
    };
    expect(() => parseBackup(JSON.stringify(dangling), 'dangling.json')).toThrow(/no node "theme-nowhere" in the backup/);

    const edited = {
      ...doc,
      nodes: doc.nodes.map((n: { id: string; properties: Record<string, unknown> }) =>
        n.id === made[0] ? { ...n, properties: { ...n.properties, name: 'Edited by hand' } } : n,
      ),
    };
    expect(() => parseBackup(JSON.stringify(edited), 'edited.json')).toThrow(/do not match the content digest/);

    // Two cases with one id: the file is consistent, but the schema's uniqueness constraint refuses it.
    const twin = doc.nodes.find((n: { id: string }) => n.id === made[0]);
    const clash = parseBackup(JSON.stringify(doc));
    clash.graph.nodes.push({ key: '_:twin', labels: twin.labels, props: { ...clash.graph.nodes.find((n) => n.key === made[0])!.props } });
    const nodes = await everything();
    const err = await checkAgainstSchema(db, clash.graph).catch((e) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toMatch(new RegExp(`node _:twin: Entity id is the same as node ${made[0]}'s`));
    expect(await everything()).toBe(nodes);
  });

  it('when npm run backup and npm run restore are used, then they round-trip through a timestamped file', async () => {
    const before = contentDigest(await readBackupGraph(db, ALL));
    const out = path.join(ownDir(), 'cli') + path.sep;
    const backedUp = npm('backup', ['--out', out]);
    // The whole result (with stderr) shows on failure.
    expect(backedUp).toMatchObject({ status: 0 });
    const file = /\s(\S*pathway-atlas-backup-\d{8}T\d{6}Z\.json)\s/.exec(backedUp.out)?.[1];
    expect(file).toBeDefined();
    await renamePathway12('Changed after the backup');

    const restored = npm('restore', [path.resolve(root, file!), '--yes']);
    expect(restored).toMatchObject({ status: 0 });
    expect(restored.out).toMatch(/Restored [\d,]+ nodes and [\d,]+ relationships .* the graph read back equals the backup/);
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(before);
    expect(await pathway12Name()).toBe(pathway12);
  });

  it('when a restore fails in a late batch, then the whole database is exactly as it was', async () => {
    const file = await backupNow('late.json');
    await renamePathway12('Changed after the backup');
    const read = readVerifiedBackup(file.file);
    const lastBatch = Math.ceil(read.graph.relationships.length / 100) - 1;
    expect(lastBatch).toBeGreaterThan(2);
    const before = await databaseChecksum();

    const failed = await restoreGraph(db, read, {
      maxBatchRecords: 100,
      afterBatch: (step, batch) => {
        if (step === 'relationships' && batch === lastBatch) throw new Error(`injected failure after relationships batch ${batch}`);
      },
    }).catch((e) => e);

    expect(failed).toBeInstanceOf(RestoreError);
    expect(failed.message).toMatch(/injected failure after relationships batch .* the graph is exactly as it was/);
    expect(await databaseChecksum()).toBe(before);
    expect(await pathway12Name()).toBe('Changed after the backup');
    expect(await restoreLeftovers()).toBe(0);
  });

  it('when the restoring process dies while loading, then the next recovery removes the loaded copy and the database is exactly as it was', async () => {
    const read = readVerifiedBackup((await backupNow('dies-loading.json')).file);
    await renamePathway12('Changed again after the backup');
    const before = await databaseChecksum();
    const visible = contentDigest(await readBackupGraph(db, ALL));

    // The restore's own connection goes away half-way through the nodes: nothing it does after reaches Neo4j.
    const doomed = testDb();
    const failed = await restoreGraph(doomed, read, {
      maxBatchRecords: 100,
      afterBatch: (step, batch) => (step === 'nodes' && batch === 3 ? doomed.close() : undefined),
    }).catch((e) => e);
    expect(failed).toBeInstanceOf(RestoreError);
    expect(failed.message).toMatch(
      /before the live graph was touched; the graph is as it was\. Removing the partly loaded copy failed too/,
    );
    expect(await count('MATCH (n:RestoreStaged) RETURN count(n) AS n')).toBe(400);
    expect((await readMarkers(db)).map((m) => m.phase)).toEqual(['staging']);
    // What the app and a backup read is untouched meanwhile.
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(visible);

    expect(await recoverInterruptedRestore(db)).toMatchObject({ state: 'undone' });
    expect(await databaseChecksum()).toBe(before);
    expect(await restoreLeftovers()).toBe(0);
    expect(await recoverInterruptedRestore(db)).toEqual({ state: 'none' });
  });

  it('when the restoring process dies half-way through promoting the loaded copy, then the next recovery finishes the switch and nothing restored is lost', async () => {
    const file = await backupNow('dies-switching.json');
    const read = readVerifiedBackup(file.file);
    await renamePathway12('Changed before the switch');

    const doomed = testDb();
    const failed = await restoreGraph(doomed, read, {
      maxBatchRecords: 100,
      atomicSwitch: false,
      afterBatch: (step, batch) => (step === 'promote' && batch === 5 ? doomed.close() : undefined),
    }).catch((e) => e);
    expect(failed).toBeInstanceOf(RestoreError);
    expect(failed.message).toMatch(/interrupted while switching .* run npm run restore -- --recover, or start the app, and it is finished/);
    expect((await readMarkers(db)).map((m) => m.phase)).toEqual(['switching']);
    expect(await count('MATCH (n:RestorePromoted) RETURN count(n) AS n')).toBe(600);
    await expect(writeBackup(db, path.join(path.dirname(file.file), 'mid-switch.json'), { accounts: true })).rejects.toThrow(
      /is switching the graph over .* npm run restore -- --recover/,
    );

    // The dead restore ran in this process, so the recovery runs here too (another process would take it for alive).
    const lines: string[] = [];
    expect(await recoverInterruptedRestore(db, (l) => lines.push(l))).toMatchObject({ state: 'finished', equal: true });
    expect(lines.join('\n')).toMatch(
      /was interrupted while switching to the restored graph; finishing it.*\nFinished: the graph equals that backup\./s,
    );
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(read.contentSha256);
    expect(await pathway12Name()).toBe(pathway12);
    expect(await restoreLeftovers()).toBe(0);
  });

  it('when the one-transaction switch is cut off, then the graph the app reads is still the old one and the next recovery switches it at once', async () => {
    const read = readVerifiedBackup((await backupNow('dies-atomic.json')).file);
    await renamePathway12('Changed before the atomic switch');
    const visible = contentDigest(await readBackupGraph(db, ALL));

    const doomed = testDb();
    const failed = await restoreGraph(doomed, read, { afterBatch: (step) => (step === 'staged' ? doomed.close() : undefined) }).catch(
      (e) => e,
    );
    expect(failed).toBeInstanceOf(RestoreError);
    expect(failed.graph).toBe('interrupted');
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(visible);

    expect(await recoverInterruptedRestore(db)).toMatchObject({ state: 'finished', equal: true });
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(read.contentSha256);
    expect(await restoreLeftovers()).toBe(0);
  });

  it('when the app writes a node in the way of a restored one during a batched switch, then the switch deletes it again and ends equal to the backup', async () => {
    const read = readVerifiedBackup((await backupNow('clash.json')).file);
    const last = read.graph.nodes.filter((n) => n.labels.includes('Entity')).at(-1)!;
    let wrote = false;
    const report = await restoreGraph(db, read, {
      maxBatchRecords: 200,
      atomicSwitch: false,
      afterBatch: async (step) => {
        if (step !== 'promote' || wrote) return;
        wrote = true;
        await db.write('CREATE (:Entity {id: $id, name: "Written by the app mid-switch"})', { id: last.key });
      },
    });
    expect(wrote).toBe(true);
    expect(report.nodes).toBe(read.graph.nodes.length);
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(read.contentSha256);
    expect(await restoreLeftovers()).toBe(0);
  });

  it('when two restores start at once, then one goes ahead, the other is refused, and the graph equals the backup', async () => {
    const read = readVerifiedBackup((await backupNow()).file);
    const second = testDb();
    const results = await Promise.allSettled([restoreGraph(db, read), restoreGraph(second, read)]);
    await second.close();
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(RestoreError);
    expect(refused[0].message).toMatch(/Another restore .* is running; wait for it to end\. Nothing was restored\./);
    expect(contentDigest(await readBackupGraph(db, ALL))).toBe(read.contentSha256);
    expect(await restoreLeftovers()).toBe(0);
  });

  it('when a record is larger than Neo4j can take in one transaction, then the restore is refused before anything is written', async () => {
    const read = readVerifiedBackup((await backupNow()).file);
    const huge = {
      key: `batch-backup-${tag}-huge`,
      labels: ['BackupProbe'],
      props: { text: { type: 'string' as const, value: 'x'.repeat(80 * 2 ** 20) } },
    };
    const tooLarge: Backup = { ...read, graph: { nodes: [...read.graph.nodes, huge], relationships: read.graph.relationships } };
    const before = await databaseChecksum();

    const err = await restoreGraph(db, tooLarge).catch((e) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toMatch(
      new RegExp(
        `records too large for this Neo4j: Neo4j allows 256\\.0 MiB per transaction \\(dbms\\.memory\\.transaction\\.total\\.max\\).*nothing was restored:\\n- node ${huge.key} \\(BackupProbe\\) needs about 2[4-9]\\d\\.\\d MiB`,
        's',
      ),
    );
    expect(await databaseChecksum()).toBe(before);
  });

  it('when the review queue holds batches, then a backup leaves them out unless asked, and restoring it keeps the live queue', async () => {
    const batch = `batch-backup-${tag}-queue`;
    onTestFinished(async () => {
      await db.write('MATCH (b:IngestBatch {id: $id}) DETACH DELETE b', { id: batch });
    });
    const own = ownDir();
    await db.write('CREATE (:IngestBatch {id: $id, title: "Backup test batch", items: $items})', { id: batch, items: 'x'.repeat(100_000) });
    const plain = await writeBackup(db, path.join(own, 'no-queue.json'), { accounts: true });
    const withQueue = await writeBackup(db, path.join(own, 'queue.json'), { accounts: true, reviewQueue: true });
    const inFile = (file: string) => (JSON.parse(readFileSync(file, 'utf8')).nodes as { id: string }[]).some((n) => n.id === batch);
    expect(inFile(plain.file)).toBe(false);
    expect(JSON.parse(readFileSync(plain.file, 'utf8')).reviewQueue).toBe(false);
    expect(inFile(withQueue.file)).toBe(true);
    expect(withQueue.bytes - plain.bytes).toBeGreaterThan(100_000);

    await db.write('MATCH (b:IngestBatch {id: $id}) SET b.title = "Edited after the backups"', { id: batch });
    await restoreGraph(db, readVerifiedBackup(plain.file));
    expect((await db.read('MATCH (b:IngestBatch {id: $id}) RETURN b.title AS title', { id: batch }))[0]?.title).toBe(
      'Edited after the backups',
    );
    await restoreGraph(db, readVerifiedBackup(withQueue.file));
    expect((await db.read('MATCH (b:IngestBatch {id: $id}) RETURN b.title AS title', { id: batch }))[0]?.title).toBe('Backup test batch');

    const cli = npm('backup', ['--out', path.join(own, 'cli-queue.json'), '--with-review-queue', '--no-accounts']);
    expect(cli).toMatchObject({ status: 0 });
    expect(cli.out).toMatch(/\(without accounts\), review queue included/);
    expect(inFile(path.join(own, 'cli-queue.json'))).toBe(true);
  });

  it('when another restore is running, then a restore is refused and the graph is untouched', async () => {
    const read = readVerifiedBackup((await backupNow()).file);
    const marker = `other-${tag}`;
    // Gone once the recovery below has run; removed here too when the test stops before it.
    onTestFinished(async () => {
      await db.write('MATCH (m:RestoreMarker {id: $marker}) DETACH DELETE m', { marker });
    });
    const sleeper = spawn('sleep', ['60']);
    try {
      await db.write('CREATE (m:RestoreMarker) SET m = $marker, m.phase = "staging", m.beat = timestamp()', {
        marker: {
          id: marker,
          source: 'other.json',
          startedAt: new Date().toISOString(),
          host: os.hostname(),
          pid: sleeper.pid,
          accounts: true,
          reviewQueue: false,
          contentSha256: '0'.repeat(64),
        },
      });
      const before = await databaseChecksum();
      const err = await restoreGraph(db, read).catch((e) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect(err.message).toMatch(
        new RegExp(
          `Another restore \\(of other\\.json, process ${sleeper.pid} on .*\\) is running; wait for it to end\\. Nothing was restored\\.`,
        ),
      );
      expect(await databaseChecksum()).toBe(before);
    } finally {
      sleeper.kill();
      await new Promise((r) => sleeper.once('exit', r));
    }
    const res = npm('restore', ['--recover']);
    expect(res).toMatchObject({ status: 0 });
    expect(res.err).toMatch(/A restore of other\.json .* was interrupted while loading; removing what it loaded/);
    expect(res.out).toMatch(/The interrupted restore was undone: the graph is as it was before it\./);
    expect(await restoreLeftovers()).toBe(0);
    expect(npm('restore', ['--recover']).out).toMatch(/No restore was interrupted; nothing to do\./);
  });

  it('when memory settings and batch needs are measured, then sizes are read and batches stay within both limits', () => {
    expect(settingBytes('256.00MiB')).toBe(256 * 2 ** 20);
    expect(settingBytes('0B')).toBe(0);
    expect(settingBytes('2g')).toBe(2 * 2 ** 30);
    expect(settingBytes('lots')).toBeUndefined();
    expect(batchRanges([5, 5, 5, 20, 1, 1, 1], 10, 2)).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
      [4, 6],
      [6, 7],
    ]);
    expect(batchRanges([], 10, 2)).toEqual([]);
  });
});
