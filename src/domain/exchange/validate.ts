import { httpUrl } from '../model/schemas.js';
import { KINDS, LABELS, SLUG } from '../model/kinds.js';
import { searchKey, withArticle } from '../text.js';
import {
  ENTITY_EXTRA_LABELS,
  IMPORTABLE_LABELS,
  MODEL_TYPES,
  PRIVATE_LABELS,
  RECORD_LABELS,
  RECORD_TYPE,
  isBlank,
  kindOf,
} from './content.js';
import type { ImportSet, InNode } from './types.js';
import { relKey } from './types.js';
import type { Props } from './values.js';

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** Fills the properties the app derives (kind, search key, alternate-name text) where a file leaves them out. */
function fillDerived(n: InNode): void {
  const kind = kindOf(n.labels);
  if (!kind) return;
  const p = n.props;
  p.kind ??= { type: 'string', value: kind };
  const altNames = p.altNames?.type === 'string[]' ? (p.altNames.value as string[]) : undefined;
  if (!p.altNamesText && altNames?.length) p.altNamesText = { type: 'string', value: altNames.join(' | ') };
  if (!p.searchKey && p.name?.type === 'string') p.searchKey = { type: 'string', value: searchKey(p.name.value as string, altNames) };
}

function checkProps(where: string, props: Props, problems: string[]) {
  for (const key of Object.keys(props)) {
    if (!PROPERTY_NAME.test(key))
      problems.push(`${where}: property name "${key}" must be letters, digits and _ (starting with a letter or _)`);
    else if (/^(url|website)$|Url$/.test(key)) {
      const v = props[key]!;
      const texts = v.type === 'string' ? [v.value as string] : v.type === 'string[]' ? (v.value as string[]) : [];
      if (texts.some((t) => !httpUrl.safeParse(t).success))
        problems.push(`${where}: property "${key}" must be an http or https address with a host name`);
    }
  }
}

function checkNode(n: InNode, problems: string[]): void {
  const bad = n.labels.filter((l) => !IMPORTABLE_LABELS.has(l));
  for (const l of bad) {
    problems.push(
      (PRIVATE_LABELS as readonly string[]).includes(l)
        ? `${n.where}: label "${l}" may not be imported`
        : `${n.where}: unknown label "${l}"; a node is an Entity with one of ${LABELS.join(', ')}, or a record (${RECORD_LABELS.join(', ')})`,
    );
  }
  if (bad.length) return;
  const kinds = n.labels.filter((l) => (LABELS as string[]).includes(l));
  if (n.labels.includes('Entity')) {
    if (kinds.length !== 1)
      problems.push(`${n.where}: an Entity needs exactly one kind label (${LABELS.join(', ')}); it has ${kinds.length}`);
    const stray = n.labels.filter((l) => l !== 'Entity' && !kinds.includes(l) && !ENTITY_EXTRA_LABELS.includes(l));
    if (stray.length) problems.push(`${n.where}: an Entity may not also be a ${stray.join(', ')}`);
    if (isBlank(n.key) || !SLUG.test(n.key))
      problems.push(`${n.where}: the id "${n.key}" must be a slug of lower-case letters, digits and dashes`);
    if (n.props.name?.type !== 'string' || !(n.props.name.value as string).trim())
      problems.push(`${n.where}: property "name" must be non-empty text`);
    const kind = kindOf(n.labels);
    if (kind && n.props.kind && (n.props.kind.type !== 'string' || n.props.kind.value !== kind)) {
      problems.push(`${n.where}: property "kind" must be "${kind}" for ${withArticle(KINDS[kind])}`);
    }
  } else {
    if (kinds.length) problems.push(`${n.where}: a ${kinds.join(', ')} must also carry the label Entity`);
    else if (!n.labels.some((l) => (RECORD_LABELS as readonly string[]).includes(l)))
      problems.push(`${n.where}: a node needs a kind label or a record label`);
  }
  if (isBlank(n.key)) {
    if (!/^_:[A-Za-z0-9_-]+$/.test(n.key)) problems.push(`${n.where}: a blank id must look like _:b1`);
    if (n.props.id?.type === 'string') problems.push(`${n.where}: a node with a text id property may not have a blank id`);
  } else if (n.props.id && (n.props.id.type !== 'string' || n.props.id.value !== n.key)) {
    problems.push(`${n.where}: property "id" must equal the node's id "${n.key}"`);
  }
  checkProps(n.where, n.props, problems);
}

/**
 * Checks what can be checked without the graph and returns the problems, each naming its record;
 * completes each node with its id property and the properties the app derives, where missing.
 */
export function checkImportSet(set: ImportSet): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const n of set.nodes) {
    if (!n.key) continue;
    const first = seen.get(n.key);
    if (first) problems.push(`${n.where}: the id "${n.key}" is already used by ${first}`);
    seen.set(n.key, n.where);
    checkNode(n, problems);
    if (!isBlank(n.key) && !n.props.id) n.props = { ...n.props, id: { type: 'string', value: n.key } };
    fillDerived(n);
  }
  const rels = new Map<string, string>();
  for (const r of set.relationships) {
    if (!MODEL_TYPES.has(r.type) && !RECORD_TYPE.test(r.type)) problems.push(`${r.where}: unknown relationship type "${r.type}"`);
    for (const end of [r.from, r.to])
      if (isBlank(end) && !seen.has(end)) problems.push(`${r.where}: no node "${end}" in the file (blank ids are local to one file)`);
    const key = relKey(r);
    const first = rels.get(key);
    if (first) problems.push(`${r.where}: the same relationship is already given by ${first}`);
    rels.set(key, r.where);
    checkProps(r.where, r.props, problems);
  }
  return problems;
}
