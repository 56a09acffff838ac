import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connectForCommand, databaseFor } from '../data/connect.js';
import { BACKUP_READ_TIMEOUT_MS } from '../domain/backup/read.js';
import { backupTarget, writeBackup } from '../domain/backup/files.js';
import { runCli } from './run.js';

const usage =
  'Usage: npm run backup [-- --out DIR_OR_FILE] [--no-accounts] [--with-review-queue]   (default: backups/pathway-atlas-backup-<time>.json)';

await runCli(async () => {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      options: {
        out: { type: 'string' },
        'no-accounts': { type: 'boolean' },
        'with-review-queue': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`Error: ${(err as Error).message}. ${usage}`);
    process.exitCode = 1;
    return;
  }
  if (args.help) return console.log(usage);
  const config = loadConfig();
  const now = new Date();
  const target = backupTarget(args.out ?? 'backups/', now);
  const conn = await connectForCommand(config, (l) => console.error(l));
  try {
    const db = databaseFor(conn.db.driver, { ...config, NEO4J_QUERY_TIMEOUT_MS: BACKUP_READ_TIMEOUT_MS });
    const started = performance.now();
    const made = await writeBackup(db, target, { accounts: !args['no-accounts'], reviewQueue: Boolean(args['with-review-queue']), now });
    console.log(
      `Backed up ${made.nodes.toLocaleString('en')} nodes and ${made.relationships.toLocaleString('en')} relationships${made.accounts ? ' (accounts and tokens included: the file holds their hashes, mode 600)' : ' (without accounts)'}${made.reviewQueue ? ', review queue included' : ', without the review queue'} in ${((performance.now() - started) / 1000).toFixed(1)} s:`,
    );
    console.log(`  ${path.relative(process.cwd(), made.file) || made.file}  (${(made.bytes / 2 ** 20).toFixed(1)} MiB)`);
    console.log(`  ${path.relative(process.cwd(), made.checksumFile) || made.checksumFile}  SHA-256 ${made.sha256}`);
  } finally {
    await conn.close();
  }
});
