import neo4j from 'neo4j-driver';
import type { Config } from '../config.js';
import { startLocalNeo4j, type LocalNeo4jHandle } from '../neo4j/local-server.js';
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
    return new ConnectError(`Neo4j at ${uri} is refusing sign-ins for now after too many failures: wait a minute and check NEO4J_PASSWORD.`);
  }
  return new ConnectError(
    `Neo4j at ${uri} is not answering (${(err as Error).message.split('\n')[0]}): start that server or correct NEO4J_URI.`,
  );
}

export function driverFor(uri: string, username: string, password: string) {
  return neo4j.driver(uri, neo4j.auth.basic(username, password), {
    disableLosslessIntegers: false,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxConnectionPoolSize: 50,
    maxTransactionRetryTime: 5_000,
    userAgent: 'pathway-atlas',
    logging: { level: 'error', logger: () => {} },
  });
}

/** Opens the configured Neo4j: the one NEO4J_URI names, or a local server started here. */
export async function connect(config: Config, log: (line: string) => void = () => {}, instance = config.NEO4J_LOCAL_INSTANCE): Promise<Connection> {
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
      log,
    });
    ({ uri, username, password } = local);
  }
  const driver = driverFor(uri, username, password);
  const db = new Database(driver, config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS);
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
