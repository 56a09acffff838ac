/**
 * Splits a feed into its news items. A news item starts with a title line followed, after at most
 * two blank lines, by a line that holds only a date ("15 January 2020", "January 15, 2020",
 * "2020-01-15", optionally in Markdown emphasis or after "Date:" / "Published:"). Text with no such
 * title and date pair is one item.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';
const LEAD =
  '^\\s*(?:[*_#>]+\\s*)*(?:(?:date|published|posted(?: on)?|updated)\\s*:?\\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?';
const TAIL = '\\s*[*_]*\\s*$';

const DAY_MONTH_YEAR = new RegExp(`${LEAD}${DAY}\\s+${MONTH},?\\s+${YEAR}${TAIL}`, 'i');
const MONTH_DAY_YEAR = new RegExp(`${LEAD}${MONTH}\\s+${DAY},?\\s+${YEAR}${TAIL}`, 'i');
const ISO = new RegExp(`${LEAD}${YEAR}-(\\d{2})-(\\d{2})${TAIL}`, 'i');
const NUMERIC = new RegExp(`${LEAD}(\\d{1,2})[./](\\d{1,2})[./]${YEAR}${TAIL}`, 'i');

function monthNumber(name: string): number {
  const lower = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.startsWith(lower.slice(0, 3))) + 1;
}

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** The ISO date a line holds when the line is only a date; null otherwise. */
export function parseDateLine(line: string): string | null {
  let m = DAY_MONTH_YEAR.exec(line);
  if (m) return iso(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  m = MONTH_DAY_YEAR.exec(line);
  if (m) return iso(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = ISO.exec(line);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(line);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** A heading's text without Markdown marks. */
export function cleanTitle(line: string): string {
  return line
    .trim()
    .replace(/^#{1,6}\s+/, '')
    .replace(/^(\*\*|__)(.*)\1$/, '$2')
    .replace(/^[*_](.*)[*_]$/, '$1')
    .replace(/\s+#+$/, '')
    .trim();
}

function titleLike(line: string): boolean {
  const t = cleanTitle(line);
  return t.length >= 3 && t.length <= 250 && !/^[-*+]\s/.test(line.trim()) && parseDateLine(line) === null;
}

export interface ItemBounds {
  title: string;
  date: string | null;
  start: number;
  end: number;
  /** Where the text after the title and date lines begins. */
  bodyStart: number;
}

interface Line {
  text: string;
  start: number;
  end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const t of text.split('\n')) {
    lines.push({ text: t, start, end: start + t.length });
    start += t.length + 1;
  }
  return lines;
}

const blank = (l: Line | undefined) => !l || l.text.trim() === '';

/** Finds the items of a feed, or one item for a single article. */
export function splitItems(text: string): ItemBounds[] {
  const lines = linesOf(text);
  const headers: { title: number; date: number; iso: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const date = parseDateLine(lines[i]!.text);
    if (!date) continue;
    let j = i - 1;
    while (j >= 0 && blank(lines[j]) && i - j <= 3) j--;
    if (j < 0 || blank(lines[j]) || i - j > 3) continue;
    if (!titleLike(lines[j]!.text)) continue;
    if (j > 0 && !blank(lines[j - 1]) && !/^#/.test(lines[j]!.text.trim())) continue;
    if (headers.length && headers[headers.length - 1]!.date >= j) continue;
    headers.push({ title: j, date: i, iso: date });
  }

  const end = text.trimEnd().length;
  if (!headers.length) return [singleItem(lines, end)];

  const items: ItemBounds[] = [];
  const firstStart = lines[headers[0]!.title]!.start;
  const preamble = text.slice(0, firstStart);
  if (preamble.split(/\s+/).filter(Boolean).length >= 40) items.push(singleItem(linesOf(preamble), preamble.trimEnd().length));
  headers.forEach((h, k) => {
    const start = lines[h.title]!.start;
    const next = headers[k + 1];
    const stop = next ? lines[next.title]!.start : text.length;
    items.push({
      title: cleanTitle(lines[h.title]!.text),
      date: h.iso,
      start,
      end: start + text.slice(start, stop).trimEnd().length,
      bodyStart: Math.min(lines[h.date]!.end + 1, stop),
    });
  });
  return items.filter((it) => it.end > it.start);
}

/** At most `max` characters, cut at a word boundary. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:]+$/, '')}…`;
}

function singleItem(lines: Line[], end: number): ItemBounds {
  const firstIndex = lines.findIndex((l) => !blank(l));
  if (firstIndex < 0) return { title: '', date: null, start: 0, end: 0, bodyStart: 0 };
  const first = lines[firstIndex]!;
  const heading =
    /^#{1,6}\s/.test(first.text.trim()) || (blank(lines[firstIndex + 1]) && titleLike(first.text) && !/[.:;,]$/.test(first.text.trim()));
  const title = heading ? cleanTitle(first.text) : shorten(cleanTitle(first.text).split(/(?<=[.!?])\s/)[0]!, 120);
  let date: string | null = null;
  let bodyStart = heading ? Math.min(first.end + 1, end) : first.start;
  let seen = 0;
  for (let i = firstIndex + (heading ? 1 : 0); i < lines.length && seen < 4; i++) {
    if (blank(lines[i])) continue;
    seen++;
    const d = parseDateLine(lines[i]!.text);
    if (d) {
      date = d;
      bodyStart = Math.min(lines[i]!.end + 1, end);
      break;
    }
  }
  return { title, date, start: first.start, end, bodyStart };
}
