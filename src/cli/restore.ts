import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connectForCommand, databaseFor } from '../data/connect.js';
import { migrate } from '../data/migrate.js';
import { readVerifiedBackup } from '../domain/backup/files.js';
import { BackupError } from '../domain/backup/format.js';
import { checkAgainstSchema, restoreGraph } from '../domain/backup/restore.js';
import { runCli } from './run.js';

const usage = 'Usage: npm run restore -- FILE [--yes]   (FILE.sha256 must be beside it; --yes skips the question)';

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
    parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { yes: { type: 'boolean', short: 'y' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`Error: ${(err as Error).message}. ${usage}`);
    process.exitCode = 1;
    return;
  }
  if (parsed.values.help) return console.log(usage);
  const [file, ...extra] = parsed.positionals;
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
        if (!(await confirmed(`This replaces the whole graph in ${where}${backup.meta.accounts ? ', accounts included,' : ''} with the backup. Type "restore" to go ahead: `))) {
          console.error('Nothing was changed.');
          return;
        }
      }
      const report = await restoreGraph(db, backup, (l) => console.error(l));
      console.log(
        `Restored ${report.nodes.toLocaleString('en')} nodes and ${report.relationships.toLocaleString('en')} relationships from ${file} in ${report.seconds.toFixed(1)} s; the graph read back equals the backup.`,
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
