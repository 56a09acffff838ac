import type { Database } from '../../data/database.js';
import { DomainError, forbiddenQuery } from '../errors.js';

/**
 * The researchers' Cypher console. Its isolation does not come from reading the query's text: it
 * runs against the console's own Neo4j, which holds only the public graph (see
 * data/console-replica.ts), and it accepts a query only when the planner's plan for it consists of
 * read operators and allowed procedures. Each query runs in a read transaction with a time limit,
 * and its answer is capped in rows and bytes; a few queries run at once at most.
 */

/** Read-only procedures a researcher may call; every other procedure is refused. */
export const ALLOWED_PROCEDURES = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
] as const;
const PROCEDURES = new Set(ALLOWED_PROCEDURES.map((p) => p.toLowerCase()));

/**
 * Plan operators that only read, as Neo4j 5 names them in a plan (without the `@database` suffix
 * and the mode in brackets, as in `Expand(All)`). Anything else (writes, LOAD CSV, SHOW and
 * TERMINATE commands, batched transactions, operators of later versions) is refused.
 */
const READ_OPERATORS = new Set([
  // Results, paging, ordering and projection
  'ProduceResults',
  'EmptyResult',
  'Limit',
  'ExhaustiveLimit',
  'Skip',
  'Top',
  'PartialTop',
  'Sort',
  'PartialSort',
  'Filter',
  'Projection',
  'Distinct',
  'OrderedDistinct',
  'EagerAggregation',
  'OrderedAggregation',
  'Eager',
  'CacheProperties',
  'Unwind',
  'PartitionedUnwind',
  'Argument',
  'Optional',
  'NullifyMetadata',
  'ProjectEndpoints',
  'Union',
  'OrderedUnion',
  'AtMostOneRow',
  // Subqueries, existence tests and joins
  'Apply',
  'SemiApply',
  'AntiSemiApply',
  'LetSemiApply',
  'LetAntiSemiApply',
  'SelectOrSemiApply',
  'SelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSelectOrAntiSemiApply',
  'ConditionalApply',
  'AntiConditionalApply',
  'RollUpApply',
  'Anti',
  'CartesianProduct',
  'NodeHashJoin',
  'ValueHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'TriadicSelection',
  'TriadicBuild',
  'TriadicFilter',
  // Finding nodes
  'AllNodesScan',
  'NodeByLabelScan',
  'UnionNodeByLabelsScan',
  'IntersectionNodeByLabelsScan',
  'SubtractionNodeByLabelsScan',
  'NodeByIdSeek',
  'NodeByElementIdSeek',
  'NodeIndexSeek',
  'NodeUniqueIndexSeek',
  'NodeIndexSeekByRange',
  'NodeUniqueIndexSeekByRange',
  'NodeIndexScan',
  'NodeIndexContainsScan',
  'NodeIndexEndsWithScan',
  'MultiNodeIndexSeek',
  'AssertingMultiNodeIndexSeek',
  'NodeCountFromCountStore',
  'RelationshipCountFromCountStore',
  // Finding relationships
  'DirectedRelationshipByIdSeek',
  'UndirectedRelationshipByIdSeek',
  'DirectedRelationshipByElementIdSeek',
  'UndirectedRelationshipByElementIdSeek',
  'DirectedAllRelationshipsScan',
  'UndirectedAllRelationshipsScan',
  'DirectedRelationshipTypeScan',
  'UndirectedRelationshipTypeScan',
  'DirectedUnionRelationshipTypesScan',
  'UndirectedUnionRelationshipTypesScan',
  'DirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeek',
  'DirectedRelationshipIndexScan',
  'UndirectedRelationshipIndexScan',
  'DirectedRelationshipIndexContainsScan',
  'UndirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan',
  'UndirectedRelationshipIndexEndsWithScan',
  'DirectedRelationshipUniqueIndexSeek',
  'UndirectedRelationshipUniqueIndexSeek',
  'DirectedRelationshipIndexSeekByRange',
  'UndirectedRelationshipIndexSeekByRange',
  // Traversal
  'Expand',
  'OptionalExpand',
  'VarLengthExpand',
  'BFSPruningVarExpand',
  'PruningVarExpand',
  'ShortestPath',
  'StatefulShortestPath',
  'Repeat',
  // Checked against ALLOWED_PROCEDURES below
  'ProcedureCall',
]);

/** An operator's name without its database suffix (`Filter@neo4j`) and mode (`Expand(All)`). */
export function operatorName(type: string): string {
  return type
    .replace(/@.*$/, '')
    .replace(/\(.*\)$/, '')
    .trim();
}

/** The procedure a ProcedureCall step calls, from its details (`db.labels() :: (label :: STRING)`). */
function procedureOf(details: string): string {
  return (/^\s*([\w.`]+)\s*\(/.exec(details)?.[1] ?? details.trim().split(/\s/)[0] ?? '').replaceAll('`', '');
}

/** Refuses a plan with any step that is not a known read, or a call of a procedure not on the list. */
export function checkPlan(plan: { queryType: string; operators: { type: string; details: string }[] }): void {
  if (plan.queryType !== 'r')
    throw forbiddenQuery('Only read queries may run here: the planner says this query writes or changes the schema.');
  for (const op of plan.operators) {
    const name = operatorName(op.type);
    if (name === 'ProcedureCall') {
      const procedure = procedureOf(op.details);
      if (!PROCEDURES.has(procedure.toLowerCase())) {
        throw forbiddenQuery(
          `The procedure ${procedure || '(unnamed)'} is not allowed here; allowed are ${ALLOWED_PROCEDURES.join(', ')}.`,
        );
      }
    } else if (!READ_OPERATORS.has(name)) {
      throw forbiddenQuery(
        name === 'LoadCSV'
          ? 'LOAD CSV is not allowed: the query console reads the graph only.'
          : `The console runs read queries only, and this query's plan has a ${name} step, which is not one of them (no writes, LOAD CSV, SHOW, TERMINATE or batched transactions).`,
      );
    }
  }
}

function isClientError(err: unknown): err is Error & { code: string } {
  return typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('Neo.ClientError.');
}

export interface ConsoleLimits {
  timeoutMs: number;
  rowCap: number;
  /** Bytes of JSON rows an answer may carry. */
  byteCap: number;
  /** Queries running at once across all clients. */
  maxConcurrent: number;
}

/** Where the console reads: its copy of the public graph, and when that copy was last refreshed. */
export interface ConsoleSource {
  db: Database;
  asOf(): Date | undefined;
}

export class CypherConsole {
  private active = 0;

  private constructor(
    private readonly source: ConsoleSource | { off: string },
    readonly limits: ConsoleLimits,
  ) {}

  static over(source: ConsoleSource, limits: ConsoleLimits): CypherConsole {
    return new CypherConsole(source, limits);
  }

  /** A console that answers every query with 503 and says why. */
  static off(reason: string): CypherConsole {
    return new CypherConsole({ off: reason }, { timeoutMs: 0, rowCap: 0, byteCap: 0, maxConcurrent: 0 });
  }

  async run(input: { query: string; params: Record<string, unknown> }) {
    if ('off' in this.source) throw new DomainError('unavailable', this.source.off);
    const { db } = this.source;
    const asOf = this.source.asOf();
    if (!asOf) throw new DomainError('unavailable', 'The query console is still copying the public graph; try again in a few seconds.');
    if (this.active >= this.limits.maxConcurrent) {
      throw new DomainError('unavailable', `The query console is busy with ${this.active} other queries; try again in a few seconds.`);
    }
    this.active += 1;
    try {
      checkPlan(await db.explain(input.query, input.params));
      const started = Date.now();
      const result = await db.readCapped(input.query, input.params, {
        rowCap: this.limits.rowCap,
        byteCap: this.limits.byteCap,
        timeoutMs: this.limits.timeoutMs,
        fetchSize: 50,
      });
      return {
        columns: result.keys,
        rows: result.rows,
        rowCount: result.rows.length,
        truncated: result.truncated !== false,
        ...(result.truncated ? { truncatedBy: result.truncated } : {}),
        rowCap: this.limits.rowCap,
        byteCap: this.limits.byteCap,
        bytes: result.bytes,
        timeoutMs: this.limits.timeoutMs,
        elapsedMs: Date.now() - started,
        graphAsOf: asOf.toISOString(),
      };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      // Neo4j reports a query over the memory limit as transient, which the database layer passes on as busy.
      const { code: own, cause } = err as { code?: unknown; cause?: { code?: unknown } };
      const code = typeof own === 'string' ? own : typeof cause?.code === 'string' ? cause.code : '';
      if (
        /MemoryPoolOutOfMemory|TransactionOutOfMemory|MemoryLimitExceeded/.test(code) ||
        /MemoryPoolOutOfMemory/.test(String((err as Error & { cause?: { code?: unknown } }).cause?.code))
      ) {
        throw new DomainError(
          'too-large',
          'The query needed more memory than the console allows one query: return fewer or smaller values, or aggregate.',
        );
      }
      if (isClientError(err)) {
        if (err.code.includes('AccessMode') || err.code.includes('Forbidden')) throw forbiddenQuery('Only read queries may run here.');
        throw new DomainError('invalid-input', `The query was refused by Neo4j: ${err.message.split('\n')[0]}`, {
          field: 'query',
          neo4jCode: err.code,
        });
      }
      throw err;
    } finally {
      this.active -= 1;
    }
  }
}
