import type { CaseVersion } from './case-versions.js';

/**
 * How to cite a case: its stable address and the version cited, as CSL-JSON (citation processors:
 * Zotero, citeproc-js, pandoc) and as BibTeX. The atlas is the (corporate) author and publisher; the
 * version's date is the issued date, and `accessed` is the day the citation was made.
 */

export const PUBLISHER = 'Pathway Atlas';

export interface Citation {
  url: string;
  /** The date (YYYY-MM-DD) of the version cited, when known, and what dates it. */
  versionDate: string | null;
  versionNote: string;
  accessed: string;
}

const datePart = (iso: string) => iso.slice(0, 10);
const dateParts = (day: string) => day.split('-').map(Number);

/** The citation of a case: its stable URL, the date of its version and how that date was found. */
export function citationOf(c: CaseVersion, base: string, now: Date): Citation {
  const versionDate = c.updated ? datePart(c.updated) : null;
  const how =
    c.dated === 'history'
      ? `version ${c.version ?? 1} of ${versionDate}`
      : c.dated === 'source'
        ? `as loaded from the curated seed, reported ${versionDate}`
        : c.dated === 'year'
          ? `as loaded from the curated seed (${c.year})`
          : 'undated';
  return { url: `${base}/cases/${encodeURIComponent(c.id)}`, versionDate, versionNote: how, accessed: datePart(now.toISOString()) };
}

export function cslJson(c: CaseVersion, cite: Citation): Record<string, unknown>[] {
  return [
    {
      id: c.id,
      type: 'webpage',
      title: c.name,
      ...(c.summary ? { abstract: c.summary } : {}),
      author: [{ literal: PUBLISHER }],
      'container-title': PUBLISHER,
      publisher: PUBLISHER,
      URL: cite.url,
      ...(cite.versionDate ? { issued: { 'date-parts': [dateParts(cite.versionDate)] } } : {}),
      accessed: { 'date-parts': [dateParts(cite.accessed)] },
      ...(c.version ? { version: String(c.version) } : {}),
      note: `Pathway Atlas case ${c.id}, ${cite.versionNote}`,
    },
  ];
}

/**
 * A BibTeX field value: braces balanced by construction (every brace and TeX special escaped) and
 * the whole wrapped in braces, so capitals and punctuation survive.
 */
export function bibValue(value: string): string {
  // Control characters (line breaks included) become spaces; TeX's special characters are escaped.
  const escaped = [...value].map((ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : (TEX_SPECIALS[ch] ?? ch))).join('');
  return `{${escaped}}`;
}

const TEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function bibtex(c: CaseVersion, cite: Citation): string {
  const key = `pathwayatlas-${c.id}`;
  const [year, month] = cite.versionDate ? dateParts(cite.versionDate) : [];
  const fields: [string, string][] = [
    ['title', `{${bibValue(c.name)}}`],
    ['author', `{${bibValue(PUBLISHER)}}`],
    ['howpublished', bibValue(PUBLISHER)],
    ['publisher', bibValue(PUBLISHER)],
    ...(year ? ([['year', `{${year}}`]] as [string, string][]) : []),
    ...(month ? ([['month', MONTHS[month - 1]!]] as [string, string][]) : []),
    ...(c.version ? ([['version', `{${c.version}}`]] as [string, string][]) : []),
    // The address goes in as it is: url fields are verbatim in BibTeX's url package and biblatex.
    ['url', `{${cite.url}}`],
    ['urldate', `{${cite.accessed}}`],
    ['note', bibValue(`Pathway Atlas case ${c.id}, ${cite.versionNote}. Accessed ${cite.accessed}`)],
  ];
  return `@misc{${key},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}\n`;
}
