/** Failures of the data layer that callers can act on; the HTTP layer maps each to a problem document. */

/** Neo4j could not be reached or did not answer in time. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'database-unavailable';
}

/** A transaction ran past its time limit and Neo4j stopped it; nothing it wrote was kept. */
export class DatabaseTimeoutError extends Error {
  readonly code = 'database-timeout';
  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`The query ran longer than ${timeoutMs / 1000} s and was stopped.`, options);
  }
}

/** Two writes made the same unique value (a node id) at the same moment; the later one was refused. */
export class DatabaseConflictError extends Error {
  readonly code = 'database-conflict';
}
