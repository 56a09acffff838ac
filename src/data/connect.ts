import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { runningLocalServer, startLocalNeo4j, type LocalNeo4jHandle, type LocalNeo4jOptions } from '../neo4j/local-server.js';
import { Database } from './database.js';

/** A connection problem the user can fix; the message says how. */
export class ConnectError extends Error {}

export interface Connection {
  db: Database;
  local?: LocalNeo4jHandle;
  /** Closes the driver, then stops the local server if this process started it. */
  close(): Promise<void>;
}

function explain(err: unknown, uri: string): ConnectError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'Neo.ClientError.Security.Unauthorized' || code.includes('Security.Unauthorized')) {
    return new ConnectError(`Neo4j at ${uri} refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD.`);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new ConnectError(`Neo4j at ${uri} has no database by that name: check NEO4J_DATABASE.`);
  }
  if (code.includes('AuthenticationRateLimit')) {
    return new ConnectError(
      `Neo4j at ${uri} is refusing sign-ins for now after too many failures: wait a minute and check NEO4J_PASSWORD.`,
    );
  }
  return new ConnectError(
    `Neo4j at ${uri} is not answering (${(err as Error).message.split('\n')[0]}): start that server or correct NEO4J_URI.`,
  );
}

/** The driver's limits; together they bound how long a query waits for an unreachable Neo4j. */
export type DriverLimits = Pick<
  Config,
  'NEO4J_CONNECTION_TIMEOUT_MS' | 'NEO4J_ACQUISITION_TIMEOUT_MS' | 'NEO4J_RETRY_TIME_MS' | 'NEO4J_MAX_POOL_SIZE'
>;

export const DEFAULT_DRIVER_LIMITS: DriverLimits = {
  NEO4J_CONNECTION_TIMEOUT_MS: 3_000,
  NEO4J_ACQUISITION_TIMEOUT_MS: 5_000,
  NEO4J_RETRY_TIME_MS: 2_000,
  NEO4J_MAX_POOL_SIZE: 50,
};

export function driverFor(uri: string, username: string, password: string, limits: DriverLimits = DEFAULT_DRIVER_LIMITS) {
  return neo4j.driver(uri, neo4j.auth.basic(username, password), {
    disableLosslessIntegers: false,
    connectionTimeout: limits.NEO4J_CONNECTION_TIMEOUT_MS,
    // Acquiring includes opening a connection, so it may not be shorter than that.
    connectionAcquisitionTimeout: Math.max(limits.NEO4J_ACQUISITION_TIMEOUT_MS, limits.NEO4J_CONNECTION_TIMEOUT_MS),
    maxConnectionPoolSize: limits.NEO4J_MAX_POOL_SIZE,
    maxTransactionRetryTime: limits.NEO4J_RETRY_TIME_MS,
    userAgent: 'pathway-atlas',
    logging: { level: 'error', logger: () => {} },
  });
}

/**
 * The longest a query may go unanswered before the app gives up on it: its own time limit plus
 * the driver's retry window and two connection attempts, and a margin. Neo4j enforces the time
 * limit itself; this guards against a server that stops answering without closing the connection.
 */
export function answerDeadlineMs(limits: DriverLimits, queryTimeoutMs: number): number {
  return queryTimeoutMs + limits.NEO4J_RETRY_TIME_MS + 2 * limits.NEO4J_CONNECTION_TIMEOUT_MS + 2_000;
}

/** A Database for a driver made by driverFor with these limits and the configured query time limit. */
export function databaseFor(driver: Driver, config: Config): Database {
  return new Database(driver, config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS, {
    cacheTtlMs: config.READ_CACHE_TTL_MS,
    deadlineMs: (timeoutMs) => answerDeadlineMs(config, timeoutMs),
    retryTimeMs: config.NEO4J_RETRY_TIME_MS,
    pingTimeoutMs: config.NEO4J_CONNECTION_TIMEOUT_MS + 1_000,
  });
}

/** Opens the configured Neo4j: the one NEO4J_URI names, or a local server started here (with `extraConf` settings). */
export async function connect(
  config: Config,
  log: (line: string) => void = () => {},
  instance = config.NEO4J_LOCAL_INSTANCE,
  extraConf: LocalNeo4jOptions['extraConf'] = [],
): Promise<Connection> {
  let local: LocalNeo4jHandle | undefined;
  let uri = config.NEO4J_URI;
  let username = config.NEO4J_USERNAME;
  let password = config.NEO4J_PASSWORD ?? '';
  if (!uri) {
    local = await startLocalNeo4j({
      baseDir: config.NEO4J_LOCAL_DIR,
      instance,
      boltPort: config.NEO4J_LOCAL_BOLT_PORT,
      heap: config.NEO4J_LOCAL_HEAP,
      pageCache: config.NEO4J_LOCAL_PAGECACHE,
      extraConf,
      log,
    });
    ({ uri, username, password } = local);
  }
  const driver = driverFor(uri, username, password, config);
  const db = databaseFor(driver, config);
  try {
    await driver.executeQuery('RETURN 1', {}, { database: config.NEO4J_DATABASE });
  } catch (err) {
    await driver.close();
    await local?.stop();
    throw explain(err, uri);
  }
  return {
    db,
    local,
    async close() {
      await db.close();
      await local?.stop();
    },
  };
}

/**
 * For commands: the local server an `npm start` is already running on this instance (a second
 * server on the same data would stop it), else what connect() opens.
 */
export async function connectForCommand(config: Config, log: (line: string) => void = () => {}): Promise<Connection> {
  const running = config.NEO4J_URI ? undefined : runningLocalServer(config.NEO4J_LOCAL_DIR, config.NEO4J_LOCAL_INSTANCE);
  if (!running) return connect(config, log);
  log(`Using the local Neo4j that is already running on ${running.uri}.`);
  return connect({ ...config, NEO4J_URI: running.uri, NEO4J_USERNAME: running.username, NEO4J_PASSWORD: running.password }, log);
}
