import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/database.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken, TokenVerifier } from '../../src/domain/accounts/tokens.js';
import { readVerifiedBackup, writeBackup, type BackupFile } from '../../src/domain/backup/files.js';
import { BackupError, contentDigest, parseBackup } from '../../src/domain/backup/format.js';
import { readBackupGraph } from '../../src/domain/backup/read.js';
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
let backup: BackupFile;

const count = async (query: string) => Number((await db.read(query))[0]?.n);
const everything = () => count('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n');
const newCase = (id: string) => ({ id, name: `Backup test case ${id}`, summary: 'A town bought refurbished laptops.', year: 2020, sources: ['src-basque-declaration'] });

/** The test's own env for a command: the run's Neo4j through NEO4J_URI. */
function commandEnv(): NodeJS.ProcessEnv {
  const c = testConfig();
  return { ...process.env, NEO4J_URI: c.NEO4J_URI, NEO4J_USERNAME: c.NEO4J_USERNAME, NEO4J_PASSWORD: c.NEO4J_PASSWORD ?? '', NEO4J_DATABASE: c.NEO4J_DATABASE ?? '', NODE_ENV: 'test' };
}

function npm(script: string, args: string[]) {
  const res = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [`src/cli/${script}.ts`, ...args], { cwd: root, env: commandEnv(), encoding: 'utf8', timeout: 120_000 });
  return { status: res.status, out: res.stdout, err: res.stderr };
}

beforeAll(async () => {
  db = testDb();
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-'));
  // Curation records of every kind, typed values and an account with a token, beside the seed.
  for (const id of made) await createNode(db, curator, 'case', newCase(id));
  await updateNode(db, curator, made[0]!, 1, { summary: 'A town bought refurbished laptops and phones.' });
  await deleteNode(db, curator, made[1]!, 1);
  await mergeNodes(db, curator, made[0]!, made[2]!);
  await db.write(`MATCH (c:Entity {id: $id}) SET c.checkedOn = date('2020-01-15'), c.spot = point({latitude: 51.05, longitude: 3.72}), c.weight = 51.0, c.big = 9007199254740993`, { id: made[0] });
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
    const before = await readBackupGraph(db, { accounts: true });
    backup = await writeBackup(db, path.join(dir, 'atlas.json'), { accounts: true });
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
    expect(report).toMatchObject({ nodes: backup.nodes, relationships: backup.relationships });

    const after = await readBackupGraph(db, { accounts: true });
    expect(after.nodes.length).toBe(before.nodes.length);
    expect(after.relationships.length).toBe(before.relationships.length);
    expect(contentDigest(after)).toBe(contentDigest(before));
    expect(await count('MATCH (n:RestoreBatch) RETURN count(n) AS n')).toBe(0);
    const typed = (await db.read(`MATCH (c:Entity {id: $id}) RETURN valueType(c.checkedOn) AS d, valueType(c.spot) AS p, valueType(c.weight) AS w, toString(c.big) AS big`, { id: made[0] }))[0];
    expect(typed).toEqual({ d: 'DATE NOT NULL', p: 'POINT NOT NULL', w: 'FLOAT NOT NULL', big: '9007199254740993' });
    // The token's hash came back, so the script that held it still gets in.
    expect(await new TokenVerifier(db).check(token)).toMatchObject({ ok: true, user: { id: accountId } });
  });

  it('when the file is damaged, then restore refuses it by its checksum and the graph is untouched', async () => {
    const damaged = path.join(dir, 'damaged.json');
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
  });

  it('when a record is wrong or breaks the schema, then the whole file is refused before anything is deleted', async () => {
    const doc = JSON.parse(readFileSync(backup.file, 'utf8'));
    const dangling = { ...doc, relationships: [...doc.relationships, { type: 'ABOUT_THEME', from: made[0], to: 'theme-nowhere', properties: {} }] };
    expect(() => parseBackup(JSON.stringify(dangling), 'dangling.json')).toThrow(/no node "theme-nowhere" in the backup/);

    const edited = { ...doc, nodes: doc.nodes.map((n: { id: string; properties: Record<string, unknown> }) => (n.id === made[0] ? { ...n, properties: { ...n.properties, name: 'Edited by hand' } } : n)) };
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
    const before = contentDigest(await readBackupGraph(db, { accounts: true }));
    const out = path.join(dir, 'cli') + path.sep;
    const backedUp = npm('backup', ['--out', out]);
    expect(backedUp.status, backedUp.err).toBe(0);
    const file = /\s(\S*pathway-atlas-backup-\d{8}T\d{6}Z\.json)\s/.exec(backedUp.out)?.[1];
    expect(file).toBeDefined();
    await db.write('MATCH (c:Entity {id: $id}) SET c.name = $name', { id: 'pathway-12', name: 'Changed after the backup' });

    const restored = npm('restore', [path.resolve(root, file!), '--yes']);
    expect(restored.status, restored.err).toBe(0);
    expect(restored.out).toMatch(/Restored [\d,]+ nodes and [\d,]+ relationships .* the graph read back equals the backup/);
    expect(contentDigest(await readBackupGraph(db, { accounts: true }))).toBe(before);
    expect((await db.read('MATCH (p:Pathway {id: "pathway-12"}) RETURN p.name AS name'))[0]?.name).not.toBe('Changed after the backup');
  });
});
