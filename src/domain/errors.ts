/** Domain errors carry a code, never an HTTP status; the HTTP layer maps codes to statuses. */
export type ErrorCode =
  | 'not-found'
  | 'invalid-input'
  | 'conflict'
  | 'forbidden-query'
  | 'unavailable'
  | 'too-large'
  | 'timeout'
  | 'moved'
  | 'precondition-required'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate-limited';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (kind: string, id: string) => new DomainError('not-found', `No ${kind} with id "${id}".`, { kind, id });

export const invalidInput = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError('invalid-input', `${field}: ${message}`, { field, ...extra });

export const forbiddenQuery = (message: string) => new DomainError('forbidden-query', message);
