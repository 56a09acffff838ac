import type { Server } from 'node:http';
import { createApp } from './app.js';
import { runCli } from './cli/run.js';
import { loadConfig, type Config } from './config.js';
import { connect, type Connection } from './data/connect.js';
import { migrate } from './data/migrate.js';
import { featureRouters } from './http/routes/index.js';
import { loadSeeds } from './seed/load.js';

export interface RunningServer {
  server: Server;
  connection: Connection;
  url: string;
  stop(): Promise<void>;
}

async function seedIfNeeded(conn: Connection, config: Config, log: (l: string) => void) {
  if (config.SEED_ON_START === 'never') return;
  const [row] = await conn.db.read('MATCH (n:Entity) RETURN count(n) > 0 AS seeded');
  if (config.SEED_ON_START === 'if-empty' && row?.seeded) return;
  const counts = await loadSeeds(conn.db);
  log(`Loaded the seed graph: ${counts.nodes} nodes, ${counts.relationships} relationships.`);
}

/** Brings up Neo4j (local unless NEO4J_URI is set), the schema, the seed, and the web server. */
export async function startWebServer(config: Config = loadConfig(), log: (l: string) => void = console.log): Promise<RunningServer> {
  const connection = await connect(config, log);
  try {
    await migrate(connection.db);
    await seedIfNeeded(connection, config, log);
  } catch (err) {
    await connection.close();
    throw err;
  }
  const app = createApp({ config, db: connection.db, routers: featureRouters(connection.db, config) });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${config.PORT} is already taken: stop what uses it or set PORT.`) : err);
    });
  }).catch(async (err) => {
    await connection.close();
    throw err;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    server,
    connection,
    url,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeIdleConnections();
        });
        await connection.close();
      })();
      return stopping;
    },
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  await runCli(async () => {
    const running = await startWebServer();
    console.log(`Pathway Atlas is serving on ${running.url} (Neo4j: ${running.connection.local ? 'local' : 'external'}).`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`${signal} received: finishing requests and stopping...`);
        running.stop().then(
          () => process.exit(0),
          (err) => {
            console.error(`Error while stopping: ${(err as Error).message}`);
            process.exit(1);
          },
        );
      });
    }
  });
}
