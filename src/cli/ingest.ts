import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connectForCommand } from '../data/connect.js';
import { proposeFromText } from '../domain/ingest/ingest.js';
import type { IngestItem, Proposal } from '../domain/ingest/types.js';
import { runCli, UsageError } from './run.js';

const usage = `Usage:
  npm run --silent ingest -- --json FILE    proposals as JSON on standard output
  npm run ingest -- FILE                    a readable summary per news item
FILE may be - to read standard input. Nothing is written to the graph.`;

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `There is no file ${file}.`
        : code === 'EISDIR'
          ? `${file} is a folder, not a file.`
          : `Cannot read ${file} (${code ?? (err as Error).message}).`,
    );
  }
}

const KIND_TITLES: Record<string, string> = {
  place: 'Places',
  organisation: 'Organisations',
  initiative: 'Initiatives',
  case: 'Cases',
  pathway: 'Pathways',
  goal: 'Goals',
  target: 'Targets',
  approach: 'Approaches',
  theme: 'Themes',
};

function describe(p: Proposal): string {
  const known = p.id ? p.id : 'new';
  const extra: string[] = [];
  if (p.ambiguous)
    extra.push(`ambiguous: ${(p.candidates ?? []).map((c) => `${c.country} ${c.population.toLocaleString('en-GB')}`).join(' | ')}`);
  else if (!p.id && typeof p.details?.country === 'string') extra.push(String(p.details.country));
  if (p.origin === 'reference') extra.push('named');
  return `${p.name} [${known}] ${p.confidence.toFixed(2)}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

function summary(item: IngestItem, n: number): string {
  const lines = [`${n}. ${item.title || '(untitled)'}${item.date ? ` — ${item.date}` : ''}`];
  for (const kind of Object.keys(KIND_TITLES)) {
    const list = item.proposals.filter((p) => p.kind === kind);
    if (!list.length) continue;
    if (kind === 'case') {
      lines.push(`   ${KIND_TITLES[kind]}:`);
      for (const c of list)
        lines.push(
          `     - ${c.name} ${c.id ? `[${c.id}]` : '[draft]'} ${c.confidence.toFixed(2)}${typeof c.details?.summary === 'string' && c.details.summary ? `\n       ${c.details.summary}` : ''}`,
        );
      continue;
    }
    lines.push(`   ${KIND_TITLES[kind]}: ${list.map(describe).join(', ')}`);
  }
  const { years, amounts } = item.facts;
  if (years.length) lines.push(`   Years: ${[...new Set(years.map((y) => y.text))].join(', ')}`);
  if (amounts.length) lines.push(`   Amounts: ${amounts.map((a) => a.text).join(', ')}`);
  return lines.join('\n');
}

await runCli(async () => {
  const parsed = parseArgs({
    args: process.argv.slice(2),
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  const unknown = Object.keys(parsed.values).filter((k) => k !== 'json' && k !== 'help');
  if (parsed.values.help) return console.log(usage);
  if (unknown.length) throw new UsageError(`Unknown option --${unknown.join(', --')}.\n${usage}`);
  if (parsed.positionals.length !== 1) throw new UsageError(usage);
  const text = await readInput(parsed.positionals[0]!);
  const conn = await connectForCommand(loadConfig(), (l) => console.error(l));
  try {
    const result = await proposeFromText(conn.db, text);
    if (parsed.values.json) {
      const items = result.items.map(({ title, date, offset, proposals, facts }) => ({ title, date, offset, proposals, facts }));
      process.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
    } else {
      console.log(result.items.map((item, k) => summary(item, k + 1)).join('\n\n'));
    }
  } finally {
    await conn.close();
  }
});
