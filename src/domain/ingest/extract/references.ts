import { targetId } from '../../model/kinds.js';
import type { IngestContext, Span } from '../types.js';

/**
 * Explicit references to the frameworks: "Pathway 12", "Pathways 6 and 15", "SDG 12", "SDGs 11 and
 * 12", "Goal 11", "Sustainable Development Goal (SDG) 12", "target 12.7", "SDG 12.7". The keyword
 * must come before the number, so "12 goals" or "the 17 SDGs" are not references.
 */

export interface Reference {
  kind: 'pathway' | 'goal' | 'target';
  id: string;
  name: string;
  span: Span;
}

const CODE = String.raw`\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?`;
// Spaces within a line only: a number on the next line is not part of the reference.
const S = String.raw`[ \t\u00a0]`;
/**
 * Numbers joined by commas, "and", "&", "or" or "/"; a later number may repeat the list's own keyword
 * ("SDG 11 and SDG 12", "Pathway 6 and Pathway 15"), never another framework's ("Pathway 7 and SDG 2").
 */
const list = (keyword: string) =>
  String.raw`${CODE}(?:${S}*(?:,${S}*(?:and${S}+|&${S}*|or${S}+)?|and${S}+|&${S}*|or${S}+|\/${S}*)(?:${keyword}${S}*)?${CODE})*`;
const LIST = list('SDG');
const PATHWAY = new RegExp(String.raw`\b[Pp]athways?${S}+(?:[Nn]o\.?${S}*|[Nn]umber${S}+|#${S}*)?(${list('[Pp]athway')})`, 'g');
const GOAL = new RegExp(
  String.raw`\b(?:(?:UN${S}+)?Sustainable${S}+Development${S}+Goals?(?:${S}*\(SDGs?\))?|SDGs?|[Gg]oals?)${S}*(?:#|-|${S})?${S}*(?:[Nn]o\.?${S}*|[Nn]umber${S}+)?(${LIST})`,
  'g',
);
const TARGET = new RegExp(String.raw`\b(?:SDG${S}+)?[Tt]argets?${S}+(?:[Nn]o\.?${S}*)?(${LIST})`, 'g');
const ONE = new RegExp(CODE, 'g');

/** Numbers in a list match, each with its span; a number followed by a digit, % or a unit is not a reference. */
function numbersIn(text: string, match: RegExpExecArray): { code: string; span: Span }[] {
  const list = match[1]!;
  const listStart = match.index + match[0].length - list.length;
  const after = text.slice(listStart + list.length, listStart + list.length + 2);
  if (/^(?:\d|%|\.\d|-\d|\s?%)/.test(after)) return [];
  return [...list.matchAll(ONE)].map((m, k) => {
    const start = listStart + m.index;
    return { code: m[0], span: { start: k === 0 ? match.index : start, end: start + m[0].length } };
  });
}

export function findReferences(text: string, context: Pick<IngestContext, 'targets' | 'pathways' | 'goals'>): Reference[] {
  const refs: Reference[] = [];
  const targets = new Set(context.targets);
  const pathwayName = new Map(context.pathways.map((p) => [p.number, p.name]));
  const goalName = new Map(context.goals.map((g) => [g.number, g.name]));
  const taken: Span[] = [];
  const overlaps = (s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);

  const addTarget = (code: string, span: Span) => {
    const norm = code.toLowerCase();
    if (targets.size && !targets.has(norm)) return;
    refs.push({ kind: 'target', id: targetId(norm), name: `Target ${norm}`, span });
  };

  for (const m of text.matchAll(TARGET)) {
    for (const n of numbersIn(text, m)) if (n.code.includes('.')) addTarget(n.code, n.span);
    taken.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(PATHWAY)) {
    for (const n of numbersIn(text, m)) {
      const number = Number(n.code);
      if (n.code.includes('.') || number < 1 || number > 15) continue;
      refs.push({
        kind: 'pathway',
        id: `pathway-${number}`,
        name: `Pathway ${number}${pathwayName.has(number) ? `: ${pathwayName.get(number)}` : ''}`,
        span: n.span,
      });
    }
  }
  for (const m of text.matchAll(GOAL)) {
    if (overlaps({ start: m.index, end: m.index + m[0].length })) continue;
    for (const n of numbersIn(text, m)) {
      if (n.code.includes('.')) {
        addTarget(n.code, n.span);
        continue;
      }
      const number = Number(n.code);
      if (number < 1 || number > 17) continue;
      refs.push({
        kind: 'goal',
        id: `sdg-${number}`,
        name: `SDG ${number}${goalName.has(number) ? `: ${goalName.get(number)}` : ''}`,
        span: n.span,
      });
    }
  }
  return refs.sort((a, b) => a.span.start - b.span.start);
}
