import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);

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
  NEO4J_LOCAL_INSTANCE: z.string().regex(/^[a-z0-9-]+$/, 'must be a name of lower-case letters, digits and dashes').default('default'),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_HEAP: z.string().regex(/^\d+[mg]$/, 'must be a size such as 512m or 1g').default('512m'),
  NEO4J_LOCAL_PAGECACHE: z.string().regex(/^\d+[mg]$/, 'must be a size such as 256m or 1g').default('256m'),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  CYPHER_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(5_000),
  CYPHER_ROW_CAP: z.coerce.number().int().positive().max(100_000).default(1_000),
  SEED_ON_START: z.enum(['if-empty', 'never', 'always']).default('if-empty'),
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
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment once; a bad value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Environment variable ${issue.path.join('.')} ${issue.message}.`);
  }
  return parsed.data;
}
