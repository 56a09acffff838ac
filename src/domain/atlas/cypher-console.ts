import type { Database, Row } from '../../data/database.js';
import { withoutCard } from './case-cards.js';
import { DomainError, forbiddenQuery } from '../errors.js';

/** Read-only procedures a researcher may call; every other procedure is refused. */
const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
  'db.index.fulltext.querynodes',
  'db.index.fulltext.queryrelationships',
]);

const WRITE_OR_ADMIN = /\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|FOREACH|DROP|ALTER|GRANT|DENY|REVOKE|RENAME|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE|SHOW|USE|INSERT|FINISH)\b/i;

/** Removes comments, string literals and quoted names, so keywords inside them are not read as clauses. */
function codeOnly(query: string): string {
  return query
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''")
    .replace(/`(?:``|[^`])*`/g, 'x');
}

/** Refuses anything but a plain read: write clauses, LOAD CSV, admin commands, non-allowed procedures. */
export function checkReadOnly(query: string): void {
  const code = codeOnly(query);
  if (PRIVATE.test(query)) throw forbiddenQuery('That part of the database is not open to queries.');
  if (/\bLOAD\s+CSV\b/i.test(code)) throw forbiddenQuery('LOAD CSV is not allowed: the query console reads the graph only.');
  if (/\bPERIODIC\b|\bIN\s+TRANSACTIONS\b/i.test(code)) throw forbiddenQuery('Batched transactions are not allowed in the query console.');
  const clause = WRITE_OR_ADMIN.exec(code);
  if (clause) throw forbiddenQuery(`${clause[1]!.toUpperCase()} is not allowed: the query console runs read-only queries.`);
  for (const m of code.matchAll(/\bCALL\s+([A-Za-z_][\w.]*)\s*\(/gi)) {
    if (!ALLOWED_PROCEDURES.has(m[1]!.toLowerCase())) {
      throw forbiddenQuery(`The procedure ${m[1]} is not allowed; allowed are ${[...ALLOWED_PROCEDURES].join(', ')}.`);
    }
  }
}

/** Nodes and relationships that hold the app's own records (accounts, tokens), never to be read here. */
const PRIVATE = /\b(Account|ApiToken|OF_ACCOUNT|SchemaMigration)\b/;

/**
 * The console reads the atlas, not the app's private records: a plan may not scan every node or
 * relationship (which would reach them without naming them), nor touch their labels and types.
 */
export function checkPlanStaysInTheAtlas(operators: { type: string; details: string }[]): void {
  for (const op of operators) {
    if (/AllNodesScan|AllRelationshipsScan/.test(op.type)) {
      throw forbiddenQuery('Start from labelled nodes, such as (c:Case) or (n:Entity): scanning every node is not allowed here.');
    }
    if (PRIVATE.test(op.details)) throw forbiddenQuery('That part of the database is not open to queries.');
  }
}

function isClientError(err: unknown): err is Error & { code: string } {
  return typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('Neo.ClientError.');
}

/** A node returned whole comes without its case card (derived JSON text, see case-cards.ts); asked for by name, a card property is returned. */
function withoutCards(value: unknown): Row {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out = Array.isArray(o.labels) ? withoutCard(o) : o;
    return Object.fromEntries(Object.entries(out).map(([k, x]) => [k, strip(x)]));
  };
  return strip(value) as Row;
}

/** Runs a researcher's read-only Cypher in a read transaction with a time limit and a row cap. */
export async function runReadOnlyCypher(
  db: Database,
  input: { query: string; params: Record<string, unknown> },
  limits: { timeoutMs: number; rowCap: number },
) {
  checkReadOnly(input.query);
  try {
    const plan = await db.explain(input.query, input.params);
    if (plan.queryType !== 'r') throw forbiddenQuery('Only read queries may run here: the planner says this query writes or changes the schema.');
    checkPlanStaysInTheAtlas(plan.operators);
    const started = Date.now();
    const result = await db.readCapped(input.query, input.params, limits.rowCap, limits.timeoutMs);
    return {
      columns: result.keys,
      rows: result.rows.map(withoutCards),
      rowCount: result.rows.length,
      truncated: result.truncated,
      rowCap: limits.rowCap,
      timeoutMs: limits.timeoutMs,
      elapsedMs: Date.now() - started,
    };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (isClientError(err)) {
      if (err.code.includes('AccessMode') || err.code.includes('Forbidden')) throw forbiddenQuery('Only read queries may run here.');
      throw new DomainError('invalid-input', `The query was refused by Neo4j: ${err.message.split('\n')[0]}`, { field: 'query', neo4jCode: err.code });
    }
    throw err;
  }
}
