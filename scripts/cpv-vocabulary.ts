/**
 * Builds graph/vocabularies/cpv-2008.json, the CPV 2008 codes the atlas accepts, from the official
 * CPV 2008 XML file of the EU Publications Office (cpv_2008.xml: one <CPV CODE="03000000-1"> per
 * code with a <TEXT LANG="EN"> label per EU language), or from the code list of another JSON file of
 * the same layout (to add or check codes). Every code's check digit must have the form NNNNNNNN-N.
 *
 *   npm run cpv:vocabulary -- path/to/cpv_2008.xml [LANG,LANG,...]
 *
 * Without a path the shipped file is read, checked and written back sorted (so a hand edit stays tidy).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { projectPath } from '../src/paths.js';

interface VocabularyFile {
  vocabulary: string;
  source: string;
  licence: string;
  coverage: string;
  languages: string[];
  codes: string[][];
}

const target = projectPath('graph', 'vocabularies', 'cpv-2008.json');
const CODE = /^\d{8}-\d$/;

function fromXml(file: string, languages: string[]): string[][] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'CPV' || name === 'TEXT' });
  const doc = parser.parse(readFileSync(file, 'utf8')) as {
    CPV_CODE?: { CPV: { CODE: string; TEXT: { LANG: string; '#text': string }[] }[] };
  };
  const entries = doc.CPV_CODE?.CPV ?? [];
  if (!entries.length) throw new Error(`${file} holds no <CPV CODE="..."> elements`);
  return entries.map((e) => {
    const label = (lang: string) => e.TEXT.find((t) => t.LANG.toUpperCase() === lang.toUpperCase())?.['#text']?.trim() ?? '';
    return [e.CODE, ...languages.map(label)];
  });
}

const [source, langs] = process.argv.slice(2);
const current = JSON.parse(readFileSync(target, 'utf8')) as VocabularyFile;
const languages = langs ? langs.split(',').map((l) => l.trim().toLowerCase()) : current.languages;
const codes = source ? fromXml(source, languages) : current.codes;
const bad = codes.filter(([code, en]) => !CODE.test(code ?? '') || !en);
if (bad.length) throw new Error(`${bad.length} codes lack a check digit or an English label, e.g. ${JSON.stringify(bad[0])}`);
const out: VocabularyFile = {
  ...current,
  languages,
  coverage: source ? `the full CPV 2008 main vocabulary (${codes.length} codes)` : current.coverage,
  codes: [...new Map(codes.map((c) => [c[0]!, c])).values()].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
};
writeFileSync(
  target,
  `${JSON.stringify({ ...out, codes: [] }, null, 2).replace('"codes": []', `"codes": [\n${out.codes.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]`)}\n`,
);
console.log(`${target}: ${out.codes.length} codes in ${languages.join(', ')}`);
