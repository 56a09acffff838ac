import neo4j from 'neo4j-driver';
import { z } from 'zod';

/**
 * Property values as the exchange formats carry them, with their Neo4j type kept: an integer stays
 * an integer and a float a float (even 51.0), a date stays a date. Inside the program an integer is
 * held as its decimal text (exact beyond 2^53), a float as a number (NaN and infinities included),
 * a temporal as its ISO text as Neo4j prints it, a point as {srid, x, y, z?}.
 */
export const SCALAR_TYPES = [
  'string',
  'boolean',
  'int',
  'float',
  'date',
  'datetime',
  'localdatetime',
  'time',
  'localtime',
  'duration',
  'point',
] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];
export type ValueType = ScalarType | `${ScalarType}[]`;
export interface Point {
  srid: number;
  x: number;
  y: number;
  z?: number;
}
export type Scalar = string | boolean | number | Point;
export interface Value {
  type: ValueType;
  value: Scalar | Scalar[];
}
export type Props = Record<string, Value>;

export const TEMPORAL_TYPES = ['date', 'datetime', 'localdatetime', 'time', 'localtime', 'duration'] as const;
export const VALUE_TYPES: ValueType[] = SCALAR_TYPES.flatMap((t) => [t, `${t}[]` as const]);

export const isList = (t: ValueType): t is `${ScalarType}[]` => t.endsWith('[]');
export const elementType = (t: ValueType): ScalarType => t.replace('[]', '') as ScalarType;

/** Neo4j's valueType() names, without "NOT NULL", to ours. */
const NEO4J_TYPES: Record<string, ScalarType> = {
  STRING: 'string',
  BOOLEAN: 'boolean',
  INTEGER: 'int',
  FLOAT: 'float',
  DATE: 'date',
  'ZONED DATETIME': 'datetime',
  'LOCAL DATETIME': 'localdatetime',
  'ZONED TIME': 'time',
  'LOCAL TIME': 'localtime',
  DURATION: 'duration',
  POINT: 'point',
};

function point(raw: unknown): Point {
  const p = raw as { srid: number; x: number; y: number; z?: number | null };
  return p.z === null || p.z === undefined ? { srid: p.srid, x: p.x, y: p.y } : { srid: p.srid, x: p.x, y: p.y, z: p.z };
}

/**
 * A property as graph/queries/exchange returns it: Neo4j's valueType() and the value with integers
 * and temporals already turned into text by Cypher.
 */
export function fromGraph(neo4jType: string, raw: unknown): Value {
  const name = neo4jType.replaceAll(' NOT NULL', '');
  const list = /^LIST<(.*)>$/.exec(name);
  if (list) {
    const inner = list[1]!;
    if (inner === 'NOTHING') return { type: 'string[]', value: [] };
    const t = NEO4J_TYPES[inner];
    if (!t) throw new Error(`Unsupported Neo4j property type ${neo4jType}`);
    return { type: `${t}[]`, value: (raw as unknown[]).map((v) => (t === 'point' ? point(v) : (v as Scalar))) };
  }
  const t = NEO4J_TYPES[name];
  if (!t) throw new Error(`Unsupported Neo4j property type ${neo4jType}`);
  return { type: t, value: t === 'point' ? point(raw) : (raw as Scalar) };
}

// ---- JSON: plain JSON wherever the JSON type says it all, {"$type", "value"} where it does not ----

const FLOAT_WORDS = ['NaN', 'Infinity', '-Infinity'] as const;
const floatOut = (n: number): number | string => (Number.isFinite(n) ? n : String(n));
const plainInt = (s: string) => Number.isSafeInteger(Number(s));
const plainFloat = (n: number) => Number.isFinite(n) && !Number.isInteger(n);

/** The JSON form of a value: minimal tagging, the same for the same value (used for comparing too). */
export function toJson(v: Value): unknown {
  const t = elementType(v.type);
  if (isList(v.type)) {
    const items = v.value as Scalar[];
    const plain =
      items.length === 0 ||
      t === 'string' ||
      t === 'boolean' ||
      (t === 'int' && items.every((x) => plainInt(x as string))) ||
      (t === 'float' && items.every((x) => plainFloat(x as number)));
    if (plain) return items.map((x) => (t === 'int' ? Number(x) : x));
    return {
      $type: v.type,
      value: items.map((x) => (t === 'float' ? floatOut(x as number) : t === 'point' ? orderedPoint(x as Point) : x)),
    };
  }
  if (t === 'string' || t === 'boolean') return v.value;
  if (t === 'int') return plainInt(v.value as string) ? Number(v.value) : { $type: 'int', value: v.value };
  if (t === 'float') return plainFloat(v.value as number) ? v.value : { $type: 'float', value: floatOut(v.value as number) };
  if (t === 'point') return { $type: 'point', value: orderedPoint(v.value as Point) };
  return { $type: t, value: v.value };
}

function orderedPoint(p: Point): Point {
  return p.z === undefined ? { srid: p.srid, x: p.x, y: p.y } : { srid: p.srid, x: p.x, y: p.y, z: p.z };
}

/** A key that is equal for equal values (type included). */
export const valueKey = (v: Value): string => JSON.stringify(toJson(v));

// ---- parsing: the same rules for JSON properties and CSV cells ----

const DATE = String.raw`[+-]?\d{4,9}-\d{2}-\d{2}`;
const TIME = String.raw`\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?`;
const OFFSET = String.raw`(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)`;
const ZONE = String.raw`\[[A-Za-z0-9_+\-/]+\]`;
const temporal = (re: string, what: string) => z.string('must be text').regex(new RegExp(`^${re}$`), `must be ${what}`);

const pointSchema = z
  .strictObject({
    srid: z.union([z.literal(4326), z.literal(4979), z.literal(7203), z.literal(9157)]),
    x: z.number(),
    y: z.number(),
    z: z.number().optional(),
  })
  .refine((p) => (p.srid === 4979 || p.srid === 9157) === (p.z !== undefined), 'must have z exactly when srid is 4979 or 9157');

const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;

const intSchema = z.unknown().transform((v, ctx): string => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && /^-?\d{1,19}$/.test(v) && BigInt(v) >= INT64[0] && BigInt(v) <= INT64[1]) return v;
  const message =
    typeof v === 'number' && Number.isInteger(v) ? 'must be a whole number within ±2^53 (write larger ones as text)' : 'must be an integer';
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
});

const floatSchema = z.unknown().transform((v, ctx): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && (FLOAT_WORDS as readonly string[]).includes(v)) return Number(v);
  ctx.addIssue({ code: 'custom', message: 'must be a number (or NaN, Infinity, -Infinity)' });
  return z.NEVER;
});

/** The text or number form of one element of each type. */
export const SCALAR_SCHEMAS: Record<ScalarType, z.ZodType<Scalar>> = {
  string: z.string('must be text'),
  boolean: z.boolean('must be true or false'),
  int: intSchema,
  float: floatSchema,
  date: temporal(DATE, 'a date such as 2019-12-02'),
  datetime: temporal(
    `${DATE}T${TIME}(?:${OFFSET}(?:${ZONE})?|${ZONE})`,
    'a date and time with an offset or zone, such as 2020-01-15T10:00:00+01:00',
  ),
  localdatetime: temporal(`${DATE}T${TIME}`, 'a local date and time such as 2020-01-15T10:00:00'),
  time: temporal(`${TIME}${OFFSET}`, 'a time with an offset such as 10:00:00+01:00'),
  localtime: temporal(TIME, 'a local time such as 10:00:00'),
  duration: z.string().regex(/^-?P(?=.)[0-9YMWD.,-]*(?:T(?=.)[0-9HMS.,-]+)?$/, 'must be an ISO 8601 duration such as P1M2DT3S'),
  point: pointSchema,
};

const TYPED = new Map<string, z.ZodType>(
  VALUE_TYPES.map((type) => [type, isList(type) ? z.array(SCALAR_SCHEMAS[elementType(type)]) : SCALAR_SCHEMAS[type]]),
);

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.length ? ` (at ${issue.path.join('.')})` : '';
  return `${issue.message}${at}`;
}

function plainJson(raw: unknown): Value | string {
  if (typeof raw === 'string') return { type: 'string', value: raw };
  if (typeof raw === 'boolean') return { type: 'boolean', value: raw };
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) return { type: 'float', value: raw };
    if (!Number.isSafeInteger(raw)) return 'an integer beyond ±2^53 must be written as {"$type": "int", "value": "<digits>"}';
    return { type: 'int', value: String(raw) };
  }
  if (Array.isArray(raw)) {
    if (raw.every((x) => typeof x === 'string')) return { type: 'string[]', value: raw };
    if (raw.every((x) => typeof x === 'boolean')) return { type: 'boolean[]', value: raw };
    if (raw.every((x) => typeof x === 'number')) {
      if (raw.some((n) => !Number.isInteger(n))) return { type: 'float[]', value: raw };
      if (raw.some((n) => !Number.isSafeInteger(n)))
        return 'integers beyond ±2^53 must be written as {"$type": "int[]", "value": ["<digits>"]}';
      return { type: 'int[]', value: raw.map(String) };
    }
    return 'a list must hold values of one type: strings, booleans or numbers (other types as {"$type": "<type>[]", "value": [...]})';
  }
  return `must be a string, boolean, number, list or {"$type", "value"} with $type one of ${VALUE_TYPES.join(', ')}`;
}

/** Parses one element or list of a known type (also used for CSV cells). */
export function parseTyped(type: ValueType, raw: unknown): Value | string {
  const schema = TYPED.get(type);
  if (!schema) return `unknown type "${type}"; use one of ${VALUE_TYPES.join(', ')}`;
  const parsed = schema.safeParse(raw);
  return parsed.success ? { type, value: parsed.data as Scalar | Scalar[] } : describeIssue(parsed.error.issues[0]!);
}

/**
 * A property value in the JSON format: plain JSON where its type says it all, otherwise
 * {"$type": "int" | "float" | "date" | ... | "<type>[]", "value": ...}; null means "no such property".
 */
export const jsonValueSchema = z.unknown().transform((raw, ctx): Value | null => {
  if (raw === null || raw === undefined) return null;
  let result: Value | string;
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    const { $type, value, ...rest } = raw as Record<string, unknown>;
    if (typeof $type !== 'string' || Object.keys(rest).length) result = plainJson(raw);
    else result = parseTyped($type as ValueType, value);
  } else result = plainJson(raw);
  if (typeof result === 'string') {
    ctx.addIssue({ code: 'custom', message: result });
    return z.NEVER;
  }
  return result;
});

// ---- writing: what the driver can send as is, and what Cypher must construct from text ----

export interface WireProps {
  /** Strings, booleans, integers (driver Integers), floats and lists of them: `SET n = plain`. */
  plain: Record<string, unknown>;
  /** Temporals and points, built in Cypher from {key, type, value}. */
  typed: { key: string; type: ValueType; value: unknown }[];
}

export function toWire(props: Props): WireProps {
  const wire: WireProps = { plain: {}, typed: [] };
  for (const [key, v] of Object.entries(props)) {
    const t = elementType(v.type);
    if (t === 'int') wire.plain[key] = isList(v.type) ? (v.value as string[]).map((x) => neo4j.int(x)) : neo4j.int(v.value as string);
    else if (t === 'string' || t === 'boolean' || t === 'float') wire.plain[key] = v.value;
    else if (t === 'point') {
      // Neo4j wants the srid as an integer; a JavaScript number would travel as a float
      const point = (p: Point) => ({ ...p, srid: neo4j.int(p.srid) });
      wire.typed.push({ key, type: v.type, value: isList(v.type) ? (v.value as Point[]).map(point) : point(v.value as Point) });
    } else wire.typed.push({ key, type: v.type, value: v.value });
  }
  return wire;
}

/** Values whose text Neo4j should print in its own canonical way before comparing (temporals). */
export const isTemporal = (v: Value): boolean => (TEMPORAL_TYPES as readonly string[]).includes(elementType(v.type));
