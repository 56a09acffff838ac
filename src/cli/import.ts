import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { connectForCommand } from '../data/connect.js';
import { migrate } from '../data/migrate.js';
import { DomainError } from '../domain/errors.js';
import { importGraph, type ImportInput, type ImportReport } from '../domain/exchange/import.js';
import { runCli } from './run.js';

const usage =
  'Usage: npm run import -- FILE [--dry-run] [--format json|yaml|csv]   (FILE: an export .json, a seed .yaml or folder, a CSV .zip or .csv)';

/** A mistake in the command line: the sentence alone, no stack trace. */
function usageError(message: string): void {
  console.error(`Error: ${message}`);
  process.exitCode = 1;
}

/** What to import, or why the command line cannot say. */
function inputFor(file: string, format: string | undefined): ImportInput | string {
  if (statSync(file).isDirectory()) {
    if (format && format !== 'yaml') return `A folder is read as seed YAML files. ${usage}`;
    return { format: 'yaml', dir: file };
  }
  const ext = path.extname(file).toLowerCase();
  const chosen =
    format ?? ({ '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.csv': 'csv', '.zip': 'csv' } as Record<string, string>)[ext];
  const name = path.basename(file);
  switch (chosen) {
    case 'json':
      return { format: 'json', text: readFileSync(file, 'utf8'), name };
    case 'yaml':
      return { format: 'yaml', text: readFileSync(file, 'utf8'), name };
    case 'csv':
      return { format: 'csv', bytes: new Uint8Array(readFileSync(file)), name };
    default:
      return `Cannot tell the format of ${name}: name it .json, .yaml, .csv or .zip, or give --format. ${usage}`;
  }
}

function print(report: ImportReport): void {
  const verb = report.dryRun ? 'would be' : 'were';
  const line = (what: string, c: ImportReport['nodes']) =>
    `${what}: ${c.created} ${verb} created, ${c.changed} ${verb} changed, ${c.unchanged} left alone`;
  console.log(report.dryRun ? 'Dry run: nothing was written.' : 'Imported in one transaction.');
  console.log(line('Nodes', report.nodes));
  console.log(line('Relationships', report.relationships));
  for (const id of report.created.nodes) console.log(`  + ${id}`);
  for (const key of report.created.relationships) console.log(`  + ${key}`);
  for (const c of report.changed.nodes) {
    console.log(`  ~ ${c.id}${c.labels ? ` labels ${c.labels.before.join(':')} -> ${c.labels.after.join(':')}` : ''}`);
    for (const [k, v] of Object.entries(c.properties)) console.log(`      ${k}: ${JSON.stringify(v.before)} -> ${JSON.stringify(v.after)}`);
  }
  for (const c of report.changed.relationships) {
    console.log(`  ~ ${c.from} ${c.type} ${c.to}`);
    for (const [k, v] of Object.entries(c.properties)) console.log(`      ${k}: ${JSON.stringify(v.before)} -> ${JSON.stringify(v.after)}`);
  }
}

await runCli(async () => {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const formatAt = args.indexOf('--format');
  const format = formatAt >= 0 ? args[formatAt + 1] : undefined;
  const files = args.filter((a, i) => a !== '--dry-run' && (formatAt < 0 || (i !== formatAt && i !== formatAt + 1)));
  if (files.length !== 1 || files[0]!.startsWith('--') || (formatAt >= 0 && !['json', 'yaml', 'csv'].includes(format ?? '')))
    return usageError(usage);
  if (!existsSync(files[0]!)) return usageError(`There is no file ${files[0]}. ${usage}`);
  const input = inputFor(files[0]!, format);
  if (typeof input === 'string') return usageError(input);
  const config = loadConfig();
  const conn = await connectForCommand(config, (l) => console.error(l));
  try {
    await migrate(conn.db);
    print(await importGraph(conn.db, input, { dryRun, timeoutMs: config.IMPORT_TIMEOUT_MS }));
  } catch (err) {
    // an import's problems are the message, not a stack trace
    if (!(err instanceof DomainError)) throw err;
    console.error(`Error: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await conn.close();
  }
});
