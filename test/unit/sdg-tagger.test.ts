import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileSdgLexicon, loadSdgLexicon, loadTargetTexts, SdgLexiconError } from '../../src/domain/sdg-tagger/lexicon.js';
import { classifySdgs, createSdgTagger, type SdgClassification } from '../../src/domain/sdg-tagger/tagger.js';
import { stem } from '../../src/domain/sdg-tagger/text.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const assigned = (r: SdgClassification) =>
  r.sdgs
    .filter((g) => g.assigned)
    .map((g) => g.number)
    .sort((a, b) => a - b);
const goal = (r: SdgClassification, n: number) => r.sdgs.find((g) => g.number === n)!;

describe('classifySdgs', () => {
  it('when a text is plainly about water and sanitation, then SDG 6 alone is assigned with targets 6.1 and 6.2 and their evidence', () => {
    const text =
      'Only a third of rural households have safely managed drinking water. The project drills boreholes and builds latrines, and ' +
      'handwashing stations are installed in every school. Open defecation has fallen in the pilot villages.';
    const r = classifySdgs(text);
    expect(assigned(r)).toEqual([6]);
    expect(r.targets.map((t) => t.code)).toEqual(expect.arrayContaining(['6.1', '6.2']));
    const six = goal(r, 6);
    expect(six.evidence.length).toBeGreaterThanOrEqual(3);
    for (const e of six.evidence) {
      expect(text).toContain(e.sentence);
      expect(e.sentence.toLowerCase()).toContain(e.term.toLowerCase());
    }
    const terms = six.evidence.map((e) => e.term);
    expect(terms).toEqual(expect.arrayContaining(['latrines', 'Open defecation']));
    expect(terms.some((t) => t.endsWith('drinking water'))).toBe(true);
  });

  it('when a text describes energy poverty without naming the goal, then SDG 7 is assigned from implicit evidence', () => {
    const r = classifySdgs(
      'Families in the hill villages still cook on firewood and light their homes with kerosene lamps, because the power line ends forty kilometres away.',
    );
    expect(assigned(r)).toContain(7);
    expect(goal(r, 7).evidence.map((e) => e.term)).toEqual(expect.arrayContaining(['kerosene lamps']));
  });

  it('when a text is about two goals, then both are assigned', () => {
    const r = classifySdgs(
      'Child marriage keeps millions of girls out of secondary school. The programme pays families to keep daughters enrolled, ' +
        'trains teachers in gender-responsive pedagogy and runs community dialogues against early marriage.',
    );
    expect(assigned(r)).toEqual([4, 5]);
  });

  it('always lists all 17 goals once, sorted by score, and targets only with evidence', () => {
    const r = classifySdgs('Solar mini-grids and improved cookstoves reach 40,000 households without electricity.');
    expect(r.sdgs.map((g) => g.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const scores = r.sdgs.map((g) => g.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.targets.length).toBeGreaterThan(0);
    for (const t of r.targets) {
      expect(t.evidence.length).toBeGreaterThan(0);
      expect(t.code.startsWith('7.')).toBe(true);
    }
  });

  it('when a text is about no SDG, then no goal is assigned and there are no targets', () => {
    const r = classifySdgs(
      'The orchestra opens its autumn season with a Mahler symphony, and tickets for the first night sold out within an hour.',
    );
    expect(assigned(r)).toEqual([]);
    expect(r.targets).toEqual([]);
    expect(classifySdgs('')).toEqual({ sdgs: expect.any(Array), targets: [] });
    expect(assigned(classifySdgs(''))).toEqual([]);
  });

  it.each([
    ['The energy of the young players lifted the crowd in the final minutes.', 7],
    ['Water polo returned to the sports day, alongside relay races and a tug-of-war.', 6],
    ['Water polo returned to the sports day, alongside relay races and a tug-of-war.', 16],
    ['The poverty of the plot is matched only by the wooden dialogue.', 1],
    ['The climate in the Mediterranean is ideal for a spring holiday, with mild temperatures.', 13],
    ['Sanitary and phytosanitary standards and technical regulations raise costs for exporters.', 6],
    ['The hiking trail climbs through pine forest to a lake with views of the glacier.', 15],
    ['Power rankings: the champions stay on top after a dominant win on the road.', 7],
  ])('when a text only looks like a goal (%s), then goal %i is not assigned', (text, n) => {
    expect(assigned(classifySdgs(text))).not.toContain(n);
  });

  it('when a long text mentions a goal only in passing, then that goal is not assigned', () => {
    const trade =
      'The trade agreement lowers tariffs on machinery and processed foods, harmonises rules of origin and creates a joint committee on customs cooperation. ' +
      'Exporters from the least developed partner countries gain duty-free and quota-free access for most tariff lines. ' +
      'The parties also agreed on dispute settlement, investment promotion and the exchange of customs data. ';
    const r = classifySdgs(`${trade.repeat(3)}Supporters say the deal will help reduce poverty in the long run.`);
    expect(assigned(r)).toContain(17);
    expect(assigned(r)).not.toContain(1);
  });

  it('matches inflected forms of lexicon terms', () => {
    expect(stem('latrines')).toBe(stem('latrine'));
    expect(stem('vaccinated')).toBe(stem('vaccinate'));
    expect(stem('policies')).toBe(stem('policy'));
    expect(stem('wasting')).not.toBe(stem('waste'));
    expect(assigned(classifySdgs('Health teams vaccinated 80,000 children against measles and polio in the northern districts.'))).toEqual([
      3,
    ]);
  });
});

describe('the evidence paths beyond the term lists', () => {
  const shipped = parse(readFileSync(path.join(root, 'graph/lexicon/sdg-terms.yaml'), 'utf8')) as Record<string, unknown>;
  const without = (key: string) =>
    createSdgTagger(compileSdgLexicon({ ...shipped, [key]: undefined }, 'sdg-terms.yaml', loadTargetTexts()));

  it("when a sentence speaks of a target in the target's own words, then its goal and target are found with those words as evidence", () => {
    const text = 'The ministry wants more young people to have technical and vocational skills for decent jobs and entrepreneurship.';
    const r = classifySdgs(text);
    expect(assigned(r)).toContain(4);
    const wording = goal(r, 4).evidence.find((e) => e.term.includes('…') && e.term.includes('entrepreneurship'));
    expect(wording).toEqual({ term: 'skills … decent … entrepreneurship', sentence: text });
    expect(r.targets.find((t) => t.code === '4.4')?.evidence).toEqual(expect.arrayContaining([wording]));
    // The term lists alone do not see goal 4 here: the target wording is what finds it.
    expect(assigned(without('targetWording')(text))).not.toContain(4);
  });

  it('when an indirect mention names a goal through a target (unpaid care work), then the goal is assigned with that evidence', () => {
    const text = 'In most homes the unpaid care and domestic work still falls to one person, on top of a paid job.';
    const r = classifySdgs(text);
    expect(assigned(r)).toEqual([5]);
    expect(goal(r, 5).evidence.map((e) => e.term)).toEqual(expect.arrayContaining(['unpaid care', 'domestic work']));
    expect(r.targets.map((t) => t.code)).toContain('5.4');
  });

  it.each([
    ['The festival programme has nothing to do with poverty: it celebrates local music.', 1],
    ['The report is not about climate change or emissions, but about school timetables.', 13],
    ['Gender was not considered in the design of the solar programme, which installs panels on clinic roofs.', 5],
  ])('when a term is negated in its clause (%s), then goal %i is not assigned and the term is no evidence', (text, n) => {
    const r = classifySdgs(text);
    expect(assigned(r)).not.toContain(n);
    expect(goal(r, n).evidence).toEqual([]);
    // Without the negation cues the same words would count.
    expect(goal(without('negation')(text), n).evidence.length).toBeGreaterThan(0);
  });

  it('when the negation cue sits in another clause, then the term after the clause break still counts', () => {
    const text =
      'The study is not about climate: it examines how consumers respond to deposit schemes for bottles and cans, and recycling rates.';
    const r = classifySdgs(text);
    expect(assigned(r)).toContain(12);
    expect(assigned(r)).not.toContain(13);
  });

  it('when a goal has a calibrated threshold, then that threshold decides it instead of the global one', () => {
    const lex = loadSdgLexicon();
    expect(lex.scoring.goalAssign?.['16']).toBeLessThan(lex.scoring.assign);
    const stricter = createSdgTagger(
      compileSdgLexicon({ ...shipped, scoring: { ...(shipped.scoring as object), goalAssign: { '16': 99 } } }, 'f.yaml', loadTargetTexts()),
    );
    const text = 'The anti-corruption commission prosecuted officials who demanded bribes for building permits.';
    expect(assigned(classifySdgs(text))).toContain(16);
    expect(assigned(stricter(text))).not.toContain(16);
  });
});

describe('the SDG lexicon', () => {
  const valid = {
    scoring: {
      strong: 3,
      medium: 1.5,
      weak: 0.5,
      assign: 3,
      relative: 0.5,
      lengthUnit: 80,
      repeatBonus: 0.5,
      repeatCap: 3,
      secondaryEvidence: 2,
      evidenceLimit: 8,
    },
  };
  const goals = Array.from({ length: 17 }, (_, i) => ({ goal: i + 1, strong: [`goal${i + 1}word`] }));

  it('loads the shipped lexicon with terms for every goal', () => {
    const lex = loadSdgLexicon();
    const covered = new Set(lex.terms.filter((t) => t.tier !== 'ignore').map((t) => t.goal));
    expect([...covered].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('when a term is malformed, then the error names the file, the goal and the entry', () => {
    const bad = { ...valid, goals: goals.map((g) => (g.goal === 6 ? { ...g, targets: { '6.1': { strong: ['drinking*water'] } } } : g)) };
    expect(() => compileSdgLexicon(bad, 'sdg-terms.yaml')).toThrow(SdgLexiconError);
    expect(() => compileSdgLexicon(bad, 'sdg-terms.yaml')).toThrow(
      /^sdg-terms\.yaml: goals\[5\] \(goal 6\)\.targets\.6\.1\.strong\[0\] "drinking\*water": "\*" may only end a word/,
    );
  });

  it('when a target code does not exist or a goal is missing, then validation says so', () => {
    const badTarget = { ...valid, goals: goals.map((g) => (g.goal === 7 ? { ...g, targets: { '7.9': { strong: ['x'] } } } : g)) };
    expect(() => compileSdgLexicon(badTarget, 'f.yaml')).toThrow(
      /goals\[6\] \(goal 7\)\.targets\.7\.9: "7\.9" is not one of the 169 SDG target codes/,
    );
    expect(() => compileSdgLexicon({ ...valid, goals: goals.slice(1) }, 'f.yaml')).toThrow(/goal 1 is missing/);
  });

  it('when a goal lists the same words twice, then the duplicate is named', () => {
    const dup = { ...valid, goals: goals.map((g) => (g.goal === 2 ? { ...g, medium: ['latrines'], weak: ['latrine'] } : g)) };
    expect(() => compileSdgLexicon(dup, 'f.yaml')).toThrow(/weak\[0\] "latrine": same words as .*medium\[0\] "latrines"/);
  });

  it('when the file is missing or not YAML, then the error names the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sdg-lex-'));
    try {
      expect(() => loadSdgLexicon(path.join(dir, 'none.yaml'))).toThrow(/none\.yaml: cannot read the lexicon \(ENOENT\)/);
      writeFileSync(path.join(dir, 'bad.yaml'), 'goals: [unclosed\n');
      expect(() => loadSdgLexicon(path.join(dir, 'bad.yaml'))).toThrow(/bad\.yaml: not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the labelled set has at least 170 texts and 10 per goal, with valid labels', () => {
    const rows = readFileSync(path.join(root, 'test/fixtures/sdg-labelled.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string; sdgs: number[] });
    expect(rows.length).toBeGreaterThanOrEqual(170);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (let g = 1; g <= 17; g++) expect(rows.filter((r) => r.sdgs.includes(g)).length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.sdgs.length === 0).length).toBeGreaterThanOrEqual(10);
  });
});

describe('npm run classify', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sdg-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        path.join(root, 'node_modules/.bin/tsx'),
        ['src/cli/classify.ts', ...args],
        { cwd: root, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('when given a text file, then it prints {sdgs, targets} for its text', async () => {
    const res = await run([
      file('water.txt', 'The utility replaced leaking pipes and built a wastewater treatment plant for 300,000 residents.'),
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as SdgClassification;
    expect(Object.keys(out)).toEqual(['sdgs', 'targets']);
    expect(out.sdgs).toHaveLength(17);
    expect(assigned(out)).toEqual([6]);
    expect(out.targets[0]!.code).toBe('6.3');
  });

  it('when given --jsonl, then it prints one {id, sdgs, targets} line per input line', async () => {
    const input = file(
      'in.jsonl',
      '{"id":"a","text":"Overfishing has depleted a third of assessed fish stocks."}\n\n{"id":7,"text":"The chess final ended in a draw."}\n',
    );
    const res = await run(['--jsonl', input]);
    expect(res.code).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SdgClassification & { id: unknown });
    expect(lines.map((l) => l.id)).toEqual(['a', 7]);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'sdgs', 'targets']);
    expect(assigned(lines[0]!)).toEqual([14]);
    expect(assigned(lines[1]!)).toEqual([]);
  });

  it('when a JSONL line is not valid JSON, then one error line names the line number and the exit code is 1', async () => {
    const res = await run(['--jsonl', file('bad.jsonl', '{"id":"a","text":"fine"}\n{"id":"b", text}\n')]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^Error: .*bad\.jsonl line 2: not valid JSON/);
  });

  it('when a JSONL line has no text, then the error names the line and the field', async () => {
    const res = await run(['--jsonl', file('notext.jsonl', '{"id":"a"}\n')]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/line 1: expected an object with "id" and "text"; "text" is missing$/);
  });

  it('when the file does not exist or the lexicon is bad, then one clear error line and exit code 1', async () => {
    const missing = await run([path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`Error: cannot read ${path.join(dir, 'nope.txt')}: no such file`);
    const badLex = await run(['--lexicon', file('lex.yaml', 'scoring: {}\ngoals: []\n'), file('t.txt', 'text')]);
    expect(badLex.code).toBe(1);
    expect(badLex.stderr.trim().split('\n')).toHaveLength(1);
    expect(badLex.stderr).toMatch(/lex\.yaml: scoring\.strong: /);
  });
});
