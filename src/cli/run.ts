import { ConfigError } from '../config.js';
import { ConnectError } from '../data/connect.js';
import { LocalNeo4jError } from '../neo4j/local-server.js';
import { SeedError } from '../seed/load.js';

const EXPECTED = [ConfigError, ConnectError, LocalNeo4jError, SeedError];

/** Runs a command; an expected failure prints its sentence alone and exits 1, never a bare stack trace. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (EXPECTED.some((E) => err instanceof E)) console.error(`Error: ${(err as Error).message}`);
    else console.error(`Error: ${(err as Error).message ?? err}\n${(err as Error).stack ?? ''}`);
    process.exitCode = 1;
  }
}
