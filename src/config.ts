import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);
const perMinute = optionalText.pipe(
  z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number of requests a minute (0 turns the limit off)')
    .transform(Number)
    .optional(),
);

export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  NEO4J_URI: optionalText.pipe(
    z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must look like neo4j://host:7687 or bolt://host:7687')
      .optional(),
  ),
  NEO4J_USERNAME: z.string().default('neo4j'),
  NEO4J_PASSWORD: optionalText,
  NEO4J_DATABASE: optionalText,
  NEO4J_LOCAL_DIR: z.string().default('.neo4j'),
  NEO4J_LOCAL_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a name of lower-case letters, digits and dashes')
    .default('default'),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'must be a size such as 512m or 1g')
    .default('512m'),
  NEO4J_LOCAL_PAGECACHE: z
    .string()
    .regex(/^\d+[mg]$/, 'must be a size such as 256m or 1g')
    .default('256m'),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Time limit of a review batch's commit, which writes all its accepted proposals in one transaction. */
  INGEST_COMMIT_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(60_000),
  /** Time limit of an import, which plans and writes a whole file (up to a whole atlas) in one transaction. */
  IMPORT_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(120_000),
  CYPHER_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(5_000),
  CYPHER_ROW_CAP: z.coerce.number().int().positive().max(100_000).default(1_000),
  /** Bytes of JSON rows one console answer may carry; the rows after it are left out and the answer says so. */
  CYPHER_BYTE_CAP: z.coerce.number().int().min(1_000).max(100_000_000).default(2_000_000),
  /** Console queries running at once, across all clients; more are answered 503 with Retry-After. */
  CYPHER_MAX_CONCURRENT: z.coerce.number().int().positive().max(100).default(2),
  /** `off` turns the researchers' Cypher console off (its endpoint answers 503 saying so). */
  CYPHER_CONSOLE: z.enum(['on', 'off']).default('on'),
  /**
   * The Neo4j holding the console's copy of the public graph. Unset: a second local server (instance
   * `<NEO4J_LOCAL_INSTANCE>-console` on CONSOLE_LOCAL_BOLT_PORT) when the graph itself is local.
   * Its `:Entity` nodes are replaced by the copy; it must not be the graph's own database.
   */
  CONSOLE_NEO4J_URI: optionalText.pipe(
    z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must look like neo4j://host:7688 or bolt://host:7688')
      .optional(),
  ),
  CONSOLE_NEO4J_USERNAME: z.string().default('neo4j'),
  CONSOLE_NEO4J_PASSWORD: optionalText,
  CONSOLE_NEO4J_DATABASE: optionalText,
  CONSOLE_LOCAL_BOLT_PORT: port.default(7688),
  /** How often the console's copy is refreshed besides after each write through the app (writes by commands or other instances); 0: only after writes. */
  CONSOLE_REFRESH_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** How often the read model looks for writes made by other processes (commands, other instances); 0: only after its own writes. */
  READ_MODEL_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1_000),
  SEED_ON_START: z.enum(['if-empty', 'never', 'always']).default('if-empty'),
  /** How long one attempt to open a connection to Neo4j may take. */
  NEO4J_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** How long a query may wait for a connection from the pool (opening one included). */
  NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** How long a transaction is retried after a transient failure (deadlock, leader switch, lost connection). */
  NEO4J_RETRY_TIME_MS: z.coerce.number().int().min(0).max(120_000).default(2_000),
  NEO4J_MAX_POOL_SIZE: z.coerce.number().int().positive().max(1_000).default(50),
  /** How long ordered case lists and the coverage matrix are reused by one app instance; 0 turns it off. */
  READ_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** How long a stopping app waits for requests in flight before it closes their connections. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .regex(/^[\w.:/, -]+$/, 'must be true, false, a hop count or a comma-separated list of addresses or subnets')
      .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
      .optional(),
  ),
  SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  SIGNIN_BASE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  /** Left unset: info, or warn under NODE_ENV=test so test output stays readable (see logLevel). */
  LOG_LEVEL: optionalText.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  /** Requests per client address and minute; 0 turns the limit off. Unset: the defaults below, off under NODE_ENV=test. */
  RATE_LIMIT_API_PER_MINUTE: perMinute,
  RATE_LIMIT_CYPHER_PER_MINUTE: perMinute,
  /** POST /api/sdgs/classify per client address and minute; 0 turns it off. Unset: 60, off under NODE_ENV=test. */
  RATE_LIMIT_CLASSIFY_PER_MINUTE: perMinute,
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, only loopback clients may read it. */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** The address the atlas is published at (JSON-LD ids are made from it), without a trailing slash. */
  PUBLIC_BASE_URL: optionalText
    .pipe(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://atlas.example.org' }).default('http://localhost:3000'),
    )
    .transform((u) => u.replace(/\/+$/, '')),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export const DEFAULT_RATE_LIMITS = { api: 600, cypher: 30 } as const;

/** The log level in force: LOG_LEVEL, else warn in tests (errors still show) and info elsewhere. */
export function logLevel(config: Config): NonNullable<Config['LOG_LEVEL']> {
  return config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'warn' : 'info');
}

/** Requests per minute and client address (0: no limit); tests that want a limit set it themselves. */
export function rateLimits(config: Config): { api: number; cypher: number } {
  const test = config.NODE_ENV === 'test';
  return {
    api: config.RATE_LIMIT_API_PER_MINUTE ?? (test ? 0 : DEFAULT_RATE_LIMITS.api),
    cypher: config.RATE_LIMIT_CYPHER_PER_MINUTE ?? (test ? 0 : DEFAULT_RATE_LIMITS.cypher),
  };
}

/** Parses the environment once; a bad value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Environment variable ${issue.path.join('.')} ${issue.message}.`);
  }
  const c = parsed.data;
  if (c.CONSOLE_NEO4J_URI && c.CONSOLE_NEO4J_URI === c.NEO4J_URI && (c.CONSOLE_NEO4J_DATABASE ?? '') === (c.NEO4J_DATABASE ?? '')) {
    throw new ConfigError(
      "Environment variable CONSOLE_NEO4J_URI names the graph's own database: the console needs a database of its own, which holds only its copy of the public graph.",
    );
  }
  if (
    !c.NEO4J_URI &&
    !c.CONSOLE_NEO4J_URI &&
    c.CYPHER_CONSOLE === 'on' &&
    c.CONSOLE_LOCAL_BOLT_PORT === c.NEO4J_LOCAL_BOLT_PORT &&
    c.NEO4J_LOCAL_BOLT_PORT !== 0
  ) {
    throw new ConfigError(
      "Environment variables NEO4J_LOCAL_BOLT_PORT and CONSOLE_LOCAL_BOLT_PORT name the same port: the console's local Neo4j needs a port of its own.",
    );
  }
  return c;
}
