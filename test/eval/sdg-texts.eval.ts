import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planSeed, readSeeds } from '../../src/domain/seed/plan.js';

/**
 * The official text of the 169 targets, as the seed graph loads them, against an independent copy
 * (the UN's global indicator framework, one `<goal>-<target>-title` key per target). The copy is not
 * part of the repository: SDG_REFERENCE gives its path.
 */
if (!process.env.SDG_REFERENCE) throw new Error('Set SDG_REFERENCE to the path of the UN target texts to run this evaluation.');
const referencePath = path.resolve(process.env.SDG_REFERENCE);
if (!existsSync(referencePath)) throw new Error(`The SDG reference texts are not at ${referencePath}: set SDG_REFERENCE to their path.`);

// Typography differs between copies (curly quotes, Unicode hyphens and dashes); the words must not.
const norm = (s: string) =>
  s
    .replace(/['‘’"“”]/g, '')
    .replace(/[-‐–—]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

describe('the SDG texts against an independent copy', () => {
  it('when the seed graph is planned, then every target has the official text of the reference', () => {
    const reference = parse(readFileSync(referencePath, 'utf8')) as Record<string, string>;
    const targets = planSeed(readSeeds().files).nodes.filter((n) => n.label === 'Target');
    const ours = new Map(targets.map((n) => [String(n.props.code), String(n.props.text)]));
    const compared = Object.entries(reference).flatMap(([key, text]) => {
      const m = /^(\d+)-(\w+)-title$/.exec(key);
      return m ? [{ code: `${m[1]}.${m[2]}`, text }] : [];
    });
    expect(compared).toHaveLength(169);
    expect(ours.size).toBe(169);
    for (const { code, text } of compared) expect(norm(ours.get(code) ?? ''), `target ${code}`).toBe(norm(text));
  });
});
