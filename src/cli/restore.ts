import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connectForCommand, databaseFor } from '../data/connect.js';
import { migrate } from '../data/migrate.js';
import { readVerifiedBackup } from '../domain/backup/files.js';
import { BackupError } from '../domain/backup/format.js';
import { recoverInterruptedRestore } from '../domain/backup/recovery.js';
import { checkAgainstSchema, restoreGraph } from '../domain/backup/restore.js';
import { runCli } from './run.js';

const usage =
  'Usage: npm run restore -- FILE [--yes]   (FILE.sha256 must be beside it; --yes skips the question)\n       npm run restore -- --recover       (undoes or finishes an interrupted restore)';

/** Each batch of a restore may take a while on a slow disk; it gets a generous time limit. */
const RESTORE_TX_TIMEOUT_MS = 300_000;

async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'restore';
  } finally {
    rl.close();
  }
}

await runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { yes: { type: 'boolean', short: 'y' }, recover: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    console.error(`Error: ${(err as Error).message}. ${usage}`);
    process.exitCode = 1;
    return;
  }
  if (parsed.values.help) return console.log(usage);
  const [file, ...extra] = parsed.positionals;
  if (parsed.values.recover) {
    if (file) {
      console.error(`Error: --recover takes no file (given: ${parsed.positionals.join(' ')}). ${usage}`);
      process.exitCode = 1;
      return;
    }
    return recover();
  }
  if (!file || extra.length) {
    console.error(`Error: ${file ? `one file only (also given: ${extra.join(' ')})` : 'name the backup file'}. ${usage}`);
    process.exitCode = 1;
    return;
  }
  const config = loadConfig();
  try {
    // The whole file is checked before the database is touched.
    const backup = readVerifiedBackup(file);
    const { nodes, relationships } = backup.graph;
    console.error(
      `${file}: checksum and ${nodes.length.toLocaleString('en')} nodes, ${relationships.length.toLocaleString('en')} relationships checked (made ${backup.meta.createdAt}${backup.meta.accounts ? ', with accounts' : ', without accounts'}).`,
    );
    const conn = await connectForCommand(config, (l) => console.error(l));
    try {
      const db = databaseFor(conn.db.driver, { ...config, NEO4J_QUERY_TIMEOUT_MS: RESTORE_TX_TIMEOUT_MS });
      await migrate(db);
      await checkAgainstSchema(db, backup.graph);
      if (!parsed.values.yes) {
        const where = config.NEO4J_URI ?? `the local instance "${config.NEO4J_LOCAL_INSTANCE}"`;
        if (!process.stdin.isTTY) throw new BackupError(`Restoring replaces the whole graph in ${where}: add --yes to go ahead.`);
        if (
          !(await confirmed(
            `This replaces the whole graph in ${where}${backup.meta.accounts ? ', accounts included,' : ''} with the backup. Type "restore" to go ahead: `,
          ))
        ) {
          console.error('Nothing was changed.');
          return;
        }
      }
      const dataDir = conn.local?.home ?? (config.NEO4J_URI ? undefined : path.join(config.NEO4J_LOCAL_DIR, config.NEO4J_LOCAL_INSTANCE));
      const report = await restoreGraph(db, backup, { log: (l) => console.error(l), dataDir, source: path.resolve(file) });
      console.log(
        `Restored ${report.nodes.toLocaleString('en')} nodes and ${report.relationships.toLocaleString('en')} relationships from ${file} in ${report.seconds.toFixed(1)} s (${report.batches} batches, switched over ${report.switchedAtOnce ? 'in one transaction' : 'in batches'}); the graph read back equals the backup.`,
      );
      console.log(`Running app instances may show cached lists for up to ${config.READ_CACHE_TTL_MS / 1000} s more.`);
    } finally {
      await conn.close();
    }
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(`Error: ${err.message}`);
    process.exitCode = 1;
  }
});

async function recover(): Promise<void> {
  const config = loadConfig();
  const conn = await connectForCommand(config, (l) => console.error(l));
  try {
    const db = databaseFor(conn.db.driver, { ...config, NEO4J_QUERY_TIMEOUT_MS: RESTORE_TX_TIMEOUT_MS });
    const result = await recoverInterruptedRestore(db, (l) => console.error(l));
    if (result.state === 'none') console.log('No restore was interrupted; nothing to do.');
    else if (result.state === 'running') {
      const m = result.marker;
      console.error(
        `Error: a restore of ${m.source} (process ${m.pid} on ${m.host}, started ${m.startedAt}) is still running; nothing was changed.`,
      );
      process.exitCode = 1;
    } else if (result.state === 'undone') console.log('The interrupted restore was undone: the graph is as it was before it.');
    else if (result.equal) console.log('The interrupted restore was finished: the graph equals its backup.');
    else {
      console.error(
        'Error: the interrupted restore was finished, but the graph differs from its backup (something else wrote to it meanwhile): restore that backup again.',
      );
      process.exitCode = 1;
    }
  } finally {
    await conn.close();
  }
}
