import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createApp } from './app.js';
import { readModelOf } from './domain/read-model/read-model.js';
import { runCli } from './cli/run.js';
import { loadConfig, type Config } from './config.js';
import { connect, type Connection } from './data/connect.js';
import { migrate } from './data/migrate.js';
import { recoverInterruptedRestore } from './domain/backup/recovery.js';
import { featureRouters } from './http/routes/index.js';
import { openConsoleDatabase, queryConsole, type ConsoleDatabase, type QueryConsole } from './query-console.js';
import { isSeeded, loadSeeds } from './domain/seed/load.js';

export interface RunningServer {
  server: Server;
  connection: Connection;
  /** The researchers' Cypher console and its copy of the public graph. */
  queryConsole: QueryConsole;
  url: string;
  /** Stops taking requests, lets those in flight finish (up to graceMs), closes the driver and stops the local Neo4j. */
  stop(graceMs?: number): Promise<void>;
}

async function seedIfNeeded(conn: Connection, config: Config, log: (l: string) => void) {
  if (config.SEED_ON_START === 'never') return;
  if (config.SEED_ON_START === 'if-empty' && (await isSeeded(conn.db))) return;
  const counts = await loadSeeds(conn.db);
  log(`Loaded the seed graph: ${counts.nodes} nodes, ${counts.relationships} relationships.`);
}

/**
 * Brings up Neo4j (local unless NEO4J_URI is set) and, beside it, the query console's own Neo4j;
 * then the schema, the seed, the console's copy of the public graph and the web server.
 */
export async function startWebServer(config: Config = loadConfig(), log: (l: string) => void = console.log): Promise<RunningServer> {
  const [opened, consoleOpened] = await Promise.allSettled([connect(config, log), openConsoleDatabase(config, log)]);
  const consoleDb: ConsoleDatabase =
    consoleOpened.status === 'fulfilled' ? consoleOpened.value : { off: 'The query console could not be opened.' };
  const closeConsoleDb = async () => {
    if ('connection' in consoleDb) await consoleDb.connection.close();
  };
  if (opened.status === 'rejected') {
    await closeConsoleDb();
    throw opened.reason;
  }
  const connection = opened.value;
  try {
    await migrate(connection.db);
    // A restore interrupted half-way is undone, or finished once its copy was complete.
    const restore = await recoverInterruptedRestore(connection.db, log);
    if (restore.state === 'running')
      log(
        `A restore of ${restore.marker.source} is running (process ${restore.marker.pid} on ${restore.marker.host}); the seed is left alone.`,
      );
    else await seedIfNeeded(connection, config, log);
  } catch (err) {
    await Promise.all([connection.close(), closeConsoleDb()]);
    throw err;
  }
  const qc = queryConsole(connection.db, consoleDb, config, log);
  const closeAll = async () => {
    await qc.close();
    await connection.close();
  };
  const app = createApp({ config, db: connection.db, routers: featureRouters(connection.db, config, qc.console) });
  try {
    // Lists and search answer from the read model; it is built before the first request.
    const model = readModelOf(connection.db);
    await model.current();
    const stats = model.stats();
    log(`Read model: ${stats.cases} cases and ${stats.nodes} nodes in ${stats.lastBuildMs} ms.`);
  } catch (err) {
    await closeAll();
    throw err;
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${config.PORT} is already taken: stop what uses it or set PORT.`) : err);
    });
  }).catch(async (err) => {
    await closeAll();
    throw err;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  // Once stopping, each answer closes its connection, so keep-alive clients move to another instance.
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (connection.db.closing) res.setHeader('Connection', 'close');
  });
  let stopping: Promise<void> | undefined;
  return {
    server,
    connection,
    queryConsole: qc,
    url,
    stop(graceMs = config.SHUTDOWN_GRACE_MS) {
      stopping ??= (async () => {
        connection.db.closing = true;
        // No new connections; the requests in flight get graceMs to finish, then their connections close.
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs)));
        const cut = await Promise.race([closed.then(() => false), late]);
        clearTimeout(timer);
        if (cut) {
          log(`Requests still open after ${graceMs / 1000} s: closing their connections.`);
          server.closeAllConnections();
          await closed;
        }
        await closeAll();
      })();
      return stopping;
    },
  };
}

/**
 * Stops on SIGTERM, SIGINT (Ctrl-C) or SIGHUP: finishes requests in flight, closes the driver,
 * stops the local Neo4j, exits 0. A second signal, or a stop that overruns its bound, exits at once
 * (the local Neo4j is then killed; it recovers its committed transactions at the next start).
 */
function stopOnSignals(running: RunningServer, config: Config): void {
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      // One Ctrl-C can arrive twice within moments (from the terminal and relayed by tsx or npm).
      if (Date.now() - firstAt < 1_000) return;
      console.error(`${signal} received again: stopping now.`);
      process.exit(1);
    }
    firstAt = Date.now();
    console.log(`${signal} received: finishing requests (up to ${config.SHUTDOWN_GRACE_MS / 1000} s) and stopping...`);
    // The local Neo4j gets 30 s to stop before it is killed; this bounds the whole stop.
    setTimeout(() => {
      console.error('Stopping took too long: exiting now.');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 45_000).unref();
    running.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (err) => {
        console.error(`Error while stopping: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  await runCli(async () => {
    const config = loadConfig();
    // A signal during start-up ends the process at once; its exit handler stops the local Neo4j.
    const duringStart = (signal: NodeJS.Signals) => {
      console.error(`${signal} received during start-up: stopping.`);
      process.exit(130);
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    for (const signal of signals) process.on(signal, duringStart);
    const running = await startWebServer(config);
    for (const signal of signals) process.removeListener(signal, duringStart);
    console.log(
      `Pathway Atlas is serving on ${running.url} (Neo4j: ${running.connection.local ? `local, ${running.connection.local.uri}` : 'external'}).`,
    );
    stopOnSignals(running, config);
  });
}
