import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { KINDS } from '../../model/kinds.js';
import { groupLabel } from '../content.js';
import { ImportError } from '../errors.js';
import type { ExGraph, ImportSet, InNode, InRel } from '../types.js';
import {
  elementType,
  isList,
  jsonValueSchema,
  parseTyped,
  toJson,
  VALUE_TYPES,
  type Point,
  type Props,
  type Scalar,
  type Value,
  type ValueType,
} from '../values.js';
import { csvLine, CsvSyntaxError, parseCsv, type CsvRow } from './csv-text.js';

/**
 * CSV layout: a zip with nodes/<Label>.csv per kind (columns id, labels, then one per property) and
 * relationships/<TYPE>.csv per type (columns from, to, then one per property). A property column
 * is named `name` for text and `name:type` otherwise (int, float, boolean, date, datetime,
 * localdatetime, time, localtime, duration, point, a list as type[]; json when the values of a
 * column cannot share one type). List items are joined with `|`; a `|` or `\` inside an item is
 * written `\|` or `\\`. An empty cell means the node has no such property.
 */
export const CSV_README = `Pathway Atlas open data: CSV layout

nodes/<Label>.csv          one file per kind of node (Case, Place, Organisation, ...)
  id                       the node's id (a node without one has a blank id such as _:b1, local to this export)
  labels                   all its labels, joined with |
  other columns            one per property
relationships/<TYPE>.csv   one file per relationship type (LOCATED_IN, ILLUSTRATES, ...)
  from, to                 the ids of the two nodes
  other columns            one per property (sources: the ids of the Source nodes that report the link;
                           basis: stated or curated; note: why)

A property column is named after the property for text, and "name:type" for other types: int,
float, boolean, date, datetime, localdatetime, time, localtime, duration, point ({"srid","x","y"}),
and type[] for a list. List items are joined with | ; a | or \\ inside an item is written \\| or \\\\.
A column whose values cannot share one type is "name:json": each cell holds the value as in the
JSON export ({"$type": ..., "value": ...} where plain JSON would lose the type). An empty cell
means "no such property". Files are UTF-8, comma-separated, RFC 4180 quoting, CRLF line ends.
`;

const SYSTEM_NODE = ['id', 'labels'];
const SYSTEM_REL = ['from', 'to'];

// ---------------------------------------------------------------- writing

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula (CSV injection). Such a cell of a text column is written with a leading apostrophe, which
 * spreadsheets show as text; reading strips it again. Cells that already start with apostrophes
 * before such a character get one more, so that the round trip is exact for every text. Number
 * columns are left as they are: their cells are numbers, never formulas.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

const isNumeric = (type: ValueType | 'json') => type !== 'json' && ['int', 'float'].includes(elementType(type));

function escapeItem(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|');
}

function scalarText(t: string, v: Scalar): string {
  if (t === 'point') return JSON.stringify(v);
  return (v as Exclude<Scalar, Point>).toString();
}

/** The column type for a set of values: their shared type, or json when a cell could not say it exactly. */
function columnType(values: Value[]): ValueType | 'json' {
  const types = new Set(values.map((v) => v.type));
  if (types.size !== 1) return 'json';
  const type = values[0]!.type;
  const fits = values.every((v) => {
    if (isList(v.type)) {
      const items = v.value as Scalar[];
      return items.length > 0 && !(elementType(v.type) === 'string' && items.some((x) => x === ''));
    }
    return !(v.type === 'string' && v.value === '');
  });
  return fits ? type : 'json';
}

function cellText(type: ValueType | 'json', v: Value): string {
  if (type === 'json') return JSON.stringify(toJson(v));
  const t = elementType(v.type);
  if (isList(v.type)) return (v.value as Scalar[]).map((x) => escapeItem(scalarText(t, x))).join('|');
  return scalarText(t, v.value as Scalar);
}

function headerName(name: string, type: ValueType | 'json', system: string[]): string {
  return type === 'string' && !system.includes(name) && !name.includes(':') ? name : `${name}:${type}`;
}

function table(
  rows: { system: string[]; props: Props }[],
  systemNames: string[],
  skip: (name: string, row: { props: Props }) => boolean,
): string {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.props)) if (!skip(k, r)) names.add(k);
  const ordered = [...names].sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a < b ? -1 : 1));
  const types = new Map(ordered.map((k) => [k, columnType(rows.flatMap((r) => (r.props[k] && !skip(k, r) ? [r.props[k]] : [])))]));
  let out = csvLine([...systemNames, ...ordered.map((k) => headerName(k, types.get(k)!, systemNames))].map(neutralise));
  for (const r of rows) {
    const cells = ordered.map((k) => {
      if (!r.props[k] || skip(k, r)) return '';
      const type = types.get(k)!;
      const text = cellText(type, r.props[k]);
      return isNumeric(type) ? text : neutralise(text);
    });
    out += csvLine([...r.system.map(neutralise), ...cells]);
  }
  return out;
}

/** The CSV files of a graph, by path inside the zip. */
export function toCsvFiles(graph: ExGraph): Record<string, string> {
  const files: Record<string, string> = { 'README.txt': CSV_README };
  const groups = new Map<string, ExGraph['nodes']>();
  for (const n of graph.nodes) {
    const g = groupLabel(n.labels);
    groups.set(g, [...(groups.get(g) ?? []), n]);
  }
  const kindOrder = Object.values(KINDS) as string[];
  const groupNames = [...groups.keys()].sort(
    (a, b) => (kindOrder.indexOf(a) + 1 || 99) - (kindOrder.indexOf(b) + 1 || 99) || (a < b ? -1 : 1),
  );
  for (const g of groupNames) {
    const nodes = groups.get(g)!;
    // the id property is the id column, unless the node has no text id (then it is a typed column)
    const skip = (name: string, row: { props: Props }) => name === 'id' && row.props.id?.type === 'string';
    files[`nodes/${g}.csv`] = table(
      nodes.map((n) => ({ system: [n.key, n.labels.join('|')], props: n.props })),
      SYSTEM_NODE,
      skip,
    );
  }
  const types = [...new Set(graph.relationships.map((r) => r.type))].sort();
  for (const type of types) {
    const rels = graph.relationships.filter((r) => r.type === type);
    files[`relationships/${type}.csv`] = table(
      rels.map((r) => ({ system: [r.from, r.to], props: r.props })),
      SYSTEM_REL,
      () => false,
    );
  }
  return files;
}

export function toCsvZip(graph: ExGraph, exportedAt: Date): Uint8Array {
  const files = toCsvFiles(graph);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime: exportedAt }]])), {
    level: 6,
  });
}

// ---------------------------------------------------------------- reading

interface Column {
  index: number;
  name: string;
  type: ValueType | 'json';
}

function parseHeader(header: string): { name: string; type: ValueType | 'json' | undefined } {
  const at = header.lastIndexOf(':');
  if (at > 0) {
    const type = header.slice(at + 1);
    if (type === 'json' || (VALUE_TYPES as string[]).includes(type)) return { name: header.slice(0, at), type: type as ValueType | 'json' };
    return { name: header, type: undefined };
  }
  return { name: header, type: 'string' };
}

function splitItems(text: string): string[] {
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
    } else if (c === '|') {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items;
}

function scalarFromText(t: string, text: string): unknown {
  switch (t) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'float':
      return ['NaN', 'Infinity', '-Infinity'].includes(text)
        ? text
        : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())
          ? Number(text)
          : text;
    case 'point':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

function cellValue(type: ValueType | 'json', text: string): Value | string {
  if (type === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return 'must be a JSON value';
    }
    const parsed = jsonValueSchema.safeParse(raw);
    if (!parsed.success) return parsed.error.issues[0]!.message;
    return parsed.data ?? 'must not be null';
  }
  const t = elementType(type);
  const raw = isList(type) ? splitItems(text).map((x) => scalarFromText(t, x)) : scalarFromText(t, text);
  return parseTyped(type, raw);
}

/** Reads one CSV file of the export layout; `name` is its path (nodes/Case.csv, ILLUSTRATES.csv, ...). */
function readCsvFile(name: string, text: string, set: ImportSet, problems: string[]): void {
  let rows: CsvRow[];
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) problems.push(`${name} line ${err.line}: ${err.message}`);
    else throw err;
    return;
  }
  const [header, ...records] = rows;
  if (!header) return;
  const names = header.fields.map(unneutralise);
  const isRel = names.includes('from') && names.includes('to');
  const system = isRel ? SYSTEM_REL : SYSTEM_NODE;
  const base = name
    .split('/')
    .pop()!
    .replace(/\.csv$/i, '');
  if (isRel && !/^[A-Z][A-Z0-9_]*$/.test(base)) {
    problems.push(`${name}: a relationship file must be named after its type, such as ILLUSTRATES.csv`);
    return;
  }
  if (!isRel && !names.includes('id')) {
    problems.push(`${name} line ${header.line}: a node file needs an id column (a relationship file needs from and to)`);
    return;
  }
  const columns: Column[] = [];
  names.forEach((h, index) => {
    if (system.includes(h)) return;
    const { name: prop, type } = parseHeader(h);
    if (!type)
      problems.push(`${name} line ${header.line}: column "${h}" has an unknown type; use one of ${VALUE_TYPES.join(', ')} or json`);
    else columns.push({ index, name: prop, type });
  });
  const at = (h: string) => names.indexOf(h);
  const numeric = new Set(columns.filter((c) => isNumeric(c.type)).map((c) => c.index));
  for (const row of records) {
    if (row.fields.length !== names.length) {
      problems.push(`${name} line ${row.line}: has ${row.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const fields = row.fields.map((f, i) => (numeric.has(i) ? f : unneutralise(f)));
    const id = isRel ? `${fields[at('from')]} ${base} ${fields[at('to')]}` : fields[at('id')]!;
    const where = `${name} line ${row.line} (${id})`;
    const props: Props = {};
    for (const c of columns) {
      const text = fields[c.index]!;
      if (text === '') continue;
      const v = cellValue(c.type, text);
      if (typeof v === 'string') problems.push(`${where} column "${names[c.index]}": ${v}`);
      else props[c.name] = v;
    }
    if (isRel) {
      set.relationships.push({ type: base, from: fields[at('from')]!, to: fields[at('to')]!, props, where } satisfies InRel);
    } else {
      const labelsText = at('labels') >= 0 ? fields[at('labels')]! : '';
      // a hand-made file may leave labels out: nodes/Case.csv then holds entities of that kind
      const labels = labelsText ? labelsText.split('|') : (Object.values(KINDS) as string[]).includes(base) ? ['Entity', base] : [];
      if (!labels.length) problems.push(`${where}: no labels (fill the labels column or name the file after a kind, such as Case.csv)`);
      const key = fields[at('id')]!;
      if (!key) problems.push(`${where}: the id is empty`);
      set.nodes.push({ key, labels, props, where } satisfies InNode);
    }
  }
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** Reads a zip of the export layout, or one node or relationship CSV (`name` gives a relationship file its type). */
export function readCsv(bytes: Uint8Array, name = 'upload.csv'): ImportSet {
  const set: ImportSet = { format: 'csv', nodes: [], relationships: [] };
  const problems: string[] = [];
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch (err) {
      throw new ImportError([`${name}: not a readable zip (${(err as Error).message})`]);
    }
    const csvs = Object.keys(entries)
      .filter((n) => n.toLowerCase().endsWith('.csv') && !n.startsWith('__MACOSX/'))
      .sort();
    if (!csvs.length) throw new ImportError([`${name}: the zip holds no .csv file`]);
    // nodes first, so that messages follow the order a reader expects
    for (const n of csvs.sort((a, b) => Number(a.startsWith('relationships/')) - Number(b.startsWith('relationships/')))) {
      readCsvFile(n, strFromU8(entries[n]!), set, problems);
    }
  } else {
    readCsvFile(name, new TextDecoder('utf-8').decode(bytes), set, problems);
  }
  if (problems.length) throw new ImportError(problems);
  return set;
}
