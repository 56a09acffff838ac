import { ConfigError } from '../config.js';
import { ConnectError } from '../data/connect.js';
import { DatabaseTimeoutError, DatabaseUnavailableError } from '../data/errors.js';
import { DomainError } from '../domain/errors.js';
import { LexiconError } from '../domain/ingest/extract/lexicon.js';
import { SdgLexiconError } from '../domain/sdg-tagger/lexicon.js';
import { LocalNeo4jError } from '../neo4j/local-server.js';
import { SeedError } from '../domain/seed/plan.js';

/** A mistake in a command's arguments or input that the user can fix: printed as one line, exit 1. */
export class UsageError extends Error {}

const EXPECTED = [
  UsageError,
  DomainError,
  DatabaseTimeoutError,
  DatabaseUnavailableError,
  ConfigError,
  ConnectError,
  LocalNeo4jError,
  SeedError,
  LexiconError,
  SdgLexiconError,
];

/** Runs a command; an expected failure prints its sentence alone and exits 1, never a bare stack trace. */
export async function runCli(main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (EXPECTED.some((E) => err instanceof E)) console.error(`Error: ${(err as Error).message}`);
    else console.error(`Error: ${(err as Error).message ?? err}\n${(err as Error).stack ?? ''}`);
    process.exitCode = 1;
  }
}
