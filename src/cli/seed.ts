import { loadConfig } from '../config.js';
import { connectForCommand } from '../data/connect.js';
import { migrate } from '../data/migrate.js';
import { loadSeeds } from '../domain/seed/load.js';
import { runCli } from './run.js';

const usage = 'Usage: npm run seed [-- --reset] [-- --dir DIR]';

await runCli(async () => {
  const args = process.argv.slice(2);
  const reset = args.includes('--reset');
  const dirAt = args.indexOf('--dir');
  const dir = dirAt >= 0 ? args[dirAt + 1] : undefined;
  const unknown = args.filter((a, i) => !['--reset', '--dir'].includes(a) && i !== dirAt + 1);
  if (unknown.length || (dirAt >= 0 && !dir)) throw new Error(`Unknown arguments ${unknown.join(' ')}. ${usage}`);
  const conn = await connectForCommand(loadConfig(), (l) => console.error(l));
  try {
    await migrate(conn.db);
    const started = Date.now();
    const counts = await loadSeeds(conn.db, { dir, reset });
    console.log(
      `Loaded ${counts.nodes} nodes and ${counts.relationships} relationships in ${Date.now() - started} ms${reset ? ' after emptying the graph' : ''}.`,
    );
  } finally {
    await conn.close();
  }
});
