import type { Config } from './config.js';
import { connect, type Connection } from './data/connect.js';
import { ConsoleReplica } from './data/console-replica.js';
import type { Database } from './data/database.js';
import { CypherConsole, type ConsoleLimits } from './domain/atlas/cypher-console.js';

/**
 * Settings of the console's local Neo4j beyond the defaults: it may not fetch from any address
 * (LOAD CSV is refused by plan anyway), and one query may hold only a little memory.
 */
export const CONSOLE_NEO4J_CONF = [
  'internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0',
  'db.memory.transaction.max=64m',
  'dbms.memory.transaction.total.max=192m',
];

export function consoleLimits(config: Config): ConsoleLimits {
  return {
    timeoutMs: config.CYPHER_TIMEOUT_MS,
    rowCap: config.CYPHER_ROW_CAP,
    byteCap: config.CYPHER_BYTE_CAP,
    maxConcurrent: config.CYPHER_MAX_CONCURRENT,
  };
}

/** Where the console's copy lives: a database to connect to, or why there is none. */
export type ConsoleDatabase = { connection: Connection } | { off: string };

/**
 * Opens the console's Neo4j: CONSOLE_NEO4J_URI, or a local server of its own when the graph is
 * local too. It never fails the app's start: a console that cannot start is off, saying why.
 */
export async function openConsoleDatabase(config: Config, log: (line: string) => void = () => {}): Promise<ConsoleDatabase> {
  if (config.CYPHER_CONSOLE === 'off') return { off: 'The query console is turned off on this server (CYPHER_CONSOLE=off).' };
  if (config.NEO4J_URI && !config.CONSOLE_NEO4J_URI) {
    return {
      off: 'The query console needs a Neo4j database of its own for its copy of the public graph, and none is configured (CONSOLE_NEO4J_URI).',
    };
  }
  try {
    const connection = await connect(
      {
        ...config,
        NEO4J_URI: config.CONSOLE_NEO4J_URI,
        NEO4J_USERNAME: config.CONSOLE_NEO4J_USERNAME,
        NEO4J_PASSWORD: config.CONSOLE_NEO4J_PASSWORD,
        NEO4J_DATABASE: config.CONSOLE_NEO4J_DATABASE,
        NEO4J_LOCAL_BOLT_PORT: config.CONSOLE_LOCAL_BOLT_PORT,
        NEO4J_LOCAL_HEAP: '256m',
        NEO4J_LOCAL_PAGECACHE: '64m',
        NEO4J_MAX_POOL_SIZE: 10,
      },
      (line) => log(`[console] ${line}`),
      `${config.NEO4J_LOCAL_INSTANCE}-console`,
      CONSOLE_NEO4J_CONF,
    );
    return { connection };
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    log(`The query console is off: its Neo4j could not be opened (${reason}).`);
    return { off: `The query console is off on this server: its Neo4j could not be opened (${reason}).` };
  }
}

export interface QueryConsole {
  console: CypherConsole;
  replica?: ConsoleReplica;
  /** Stops refreshing the copy and closes the console's Neo4j (stopping it when it is local). */
  close(): Promise<void>;
}

/** The console over its database, with the copy of `main`'s public graph kept fresh in the background. */
export function queryConsole(main: Database, where: ConsoleDatabase, config: Config, log: (line: string) => void = () => {}): QueryConsole {
  const limits = consoleLimits(config);
  if ('off' in where) return { console: CypherConsole.off(where.off), close: async () => {} };
  const replica = new ConsoleReplica(main, where.connection.db, { hidden: [], refreshMs: config.CONSOLE_REFRESH_MS, log });
  replica.start();
  return {
    console: CypherConsole.over({ db: where.connection.db, asOf: () => replica.lastSync?.asOf }, limits),
    replica,
    async close() {
      await replica.stop();
      await where.connection.close();
    },
  };
}
