import type { ItemScan } from './scan.js';
import type { AmountFact, YearFact } from '../types.js';

/**
 * Years ("in 2017", "2018-2019", "January 2020 to December 2022") and amounts of money
 * ("EUR 5 million", "€1.2m", "5 million euros", "USD 2.5bn", "£40,000").
 */

const YEAR = String.raw`(?:19[5-9]\d|20\d\d)`;
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const RANGE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/-])(?:${MONTH}\s+)?(${YEAR})\s*(?:-|–|—|to|until|and)\s*(?:${MONTH}\s+)?(${YEAR}|\d\d)(?![\p{L}\p{N}%])`,
  'gu',
);
const SINGLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/:€$£-]|\d\s)(${YEAR})(?![\p{N}%]|\s\d|\.\d|,\d|\s*(?:%|per cent|percent|tonnes|people|participants|km|kWh|MW|euros?|EUR))`,
  'gu',
);
/** Names that end in a year but are not about that year. */
const NOT_A_YEAR = /(?:Horizon|Agenda|Vision|Europe|Strategy|Plan)\s*$/;

const CURRENCY_WORDS: Record<string, string> = {
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '€': 'EUR',
  usd: 'USD',
  us$: 'USD',
  $: 'USD',
  dollars: 'USD',
  'us dollars': 'USD',
  gbp: 'GBP',
  '£': 'GBP',
  pounds: 'GBP',
  sek: 'SEK',
  nok: 'NOK',
  dkk: 'DKK',
  chf: 'CHF',
  cny: 'CNY',
  rmb: 'CNY',
  yuan: 'CNY',
  jpy: 'JPY',
  '¥': 'JPY',
  yen: 'JPY',
  pln: 'PLN',
  czk: 'CZK',
  huf: 'HUF',
  cad: 'CAD',
  aud: 'AUD',
  inr: 'INR',
  brl: 'BRL',
  zar: 'ZAR',
  krona: 'SEK',
  kronor: 'SEK',
  kroner: 'NOK',
};
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
};
const CUR_SYMBOL = String.raw`(?:US\$|€|\$|£|¥|EUR|USD|GBP|SEK|NOK|DKK|CHF|CNY|RMB|JPY|PLN|CZK|HUF|CAD|AUD|INR|BRL|ZAR)`;
const CUR_WORD = String.raw`(?:euros?|EUR|US dollars|dollars|USD|pounds|GBP|SEK|NOK|DKK|CHF|yuan|yen|kronor|kroner|krona|PLN|CZK)`;
const NUMBER = String.raw`(\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)`;
const MULT = String.raw`(?:\s*(thousand|millions?|billions?|mn|mio|bn|m|b|k)\b)?`;
const BEFORE = new RegExp(String.raw`(?<![\p{L}])(${CUR_SYMBOL})\s?${NUMBER}${MULT}`, 'gu');
const AFTER = new RegExp(String.raw`(?<![\p{L}\p{N}.,])${NUMBER}${MULT}\s*(${CUR_WORD})\b`, 'gu');

function parseNumber(raw: string): number {
  // "1,200,000" and "1 200 000" group thousands; "1,5" is a decimal comma.
  if (/^\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?$/.test(raw)) return Number(raw.replace(/[,\s]/g, ''));
  return Number(raw.replace(',', '.'));
}

function evidence(scan: ItemScan, at: number): string {
  return scan.sentence(at)?.text ?? '';
}

export function findYears(scan: ItemScan, from = 0): YearFact[] {
  const text = scan.text;
  const out: YearFact[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(RANGE)) {
    if (m.index < from) continue;
    const year = Number(m[1]);
    const endRaw = m[2]!;
    const endYear = endRaw.length === 2 ? Math.floor(year / 100) * 100 + Number(endRaw) : Number(endRaw);
    if (endYear <= year || endYear - year > 30) continue;
    const start = m.index;
    const end = start + m[0].length;
    out.push({ year, endYear, text: m[0], evidence: evidence(scan, start), span: { start, end } });
    taken.push([start, end]);
  }
  for (const m of text.matchAll(SINGLE)) {
    const start = m.index;
    if (start < from || taken.some(([s, e]) => start >= s && start < e)) continue;
    if (NOT_A_YEAR.test(text.slice(Math.max(0, start - 12), start))) continue;
    out.push({ year: Number(m[1]), text: m[1]!, evidence: evidence(scan, start), span: { start, end: start + 4 } });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

export function findAmounts(scan: ItemScan, from = 0): AmountFact[] {
  const text = scan.text;
  const out: AmountFact[] = [];
  const add = (start: number, raw: string, num: string, mult: string | undefined, cur: string) => {
    if (start < from || out.some((a) => start < a.span.end && a.span.start < start + raw.length)) return;
    const currency = CURRENCY_WORDS[cur.toLowerCase()] ?? cur.toUpperCase();
    const value = parseNumber(num) * (mult ? (MULTIPLIERS[mult.toLowerCase()] ?? 1) : 1);
    if (!Number.isFinite(value)) return;
    out.push({ text: raw, currency, value, evidence: evidence(scan, start), span: { start, end: start + raw.length } });
  };
  for (const m of text.matchAll(BEFORE)) add(m.index, m[0], m[2]!, m[3], m[1]!);
  for (const m of text.matchAll(AFTER)) add(m.index, m[0], m[1]!, m[2], m[3]!);
  return out.sort((a, b) => a.span.start - b.span.start);
}
