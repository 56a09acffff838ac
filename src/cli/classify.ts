import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createSdgTagger, loadSdgLexicon } from '../domain/sdg-tagger/tagger.js';
import { runCli, UsageError } from './run.js';

const usage = 'Usage: npm run --silent classify -- [--jsonl] [--lexicon FILE] FILE   (FILE "-" reads standard input)';

const jsonlRecord = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
});

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (err as Error).message);
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

/** Parses every line before classifying any, so a bad line fails the run without partial output. */
function parseJsonl(file: string, content: string): Array<z.infer<typeof jsonlRecord>> {
  const records: Array<z.infer<typeof jsonlRecord>> = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new UsageError(`${file} line ${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const parsed = jsonlRecord.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path[0];
      const missing = key !== undefined && typeof value === 'object' && value !== null && !(String(key) in value);
      const problem =
        key === undefined ? 'the line is not an object' : missing ? `"${String(key)}" is missing` : `"${String(key)}": ${issue.message}`;
      throw new UsageError(`${file} line ${i + 1}: expected an object with "id" and "text"; ${problem}`);
    }
    records.push(parsed.data);
  });
  return records;
}

function main(args: string[]): void {
  let jsonl = false;
  let lexiconFile: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--jsonl') jsonl = true;
    else if (a === '--lexicon') {
      lexiconFile = args[++i];
      if (!lexiconFile) throw new UsageError(`--lexicon needs a file. ${usage}`);
    } else if (a === '--help' || a === '-h') {
      console.log(usage);
      return;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}. ${usage}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError(`give exactly one input file. ${usage}`);
  const file = files[0]!;
  const content = readInput(file);
  const classify = createSdgTagger(loadSdgLexicon(lexiconFile));
  if (!jsonl) {
    console.log(JSON.stringify(classify(content), null, 2));
    return;
  }
  const out: string[] = [];
  for (const { id, text } of parseJsonl(file, content)) {
    const { sdgs, targets } = classify(text);
    out.push(JSON.stringify({ id, sdgs, targets }));
  }
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
}

await runCli(() => main(process.argv.slice(2)));
