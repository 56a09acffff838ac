import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { connectForCommand } from '../data/connect.js';
import { exportGraph } from '../domain/exchange/export.js';
import { exportQuerySchema } from '../domain/exchange/filters.js';
import { runCli } from './run.js';

const usage =
  'Usage: npm run export -- [--format json|csv|graphml|jsonld] [--out FILE | --out -] [--kinds case,place] [--pathway 12] [--sdg 12] [--country BE]';

/** A mistake in the command line: the sentence alone, no stack trace. */
function usageError(message: string): void {
  console.error(`Error: ${message}. ${usage}`);
  process.exitCode = 1;
}

/** `--name value` and `--name=value` pairs, or the argument that is neither. */
function options(args: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(args[i]!);
    const value = m?.[2] ?? args[i + 1];
    if (!m || value === undefined || (m[2] === undefined && value.startsWith('--'))) return `cannot read "${args[i]}"`;
    if (m[2] === undefined) i++;
    out[m[1]!] = value;
  }
  return out;
}

await runCli(async () => {
  const given = options(process.argv.slice(2));
  if (typeof given === 'string') return usageError(given);
  const { out, ...rest } = given;
  const parsed = exportQuerySchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    return usageError(`--${field}: ${issue.code === 'unrecognized_keys' ? 'unknown option' : issue.message}`);
  }
  const { format, ...filters } = parsed.data;
  const config = loadConfig();
  const conn = await connectForCommand(config, (l) => console.error(l));
  try {
    const file = await exportGraph(conn.db, filters, format, { baseUrl: config.PUBLIC_BASE_URL });
    if (out === '-') process.stdout.write(file.body);
    else writeFileSync(out ?? file.filename, file.body);
    console.error(
      `Exported ${file.nodes} nodes and ${file.relationships} relationships as ${format}${out === '-' ? '' : ` to ${out ?? file.filename}`}.`,
    );
  } finally {
    await conn.close();
  }
});
