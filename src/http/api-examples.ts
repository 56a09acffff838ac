/**
 * Examples of every operation for the OpenAPI document: parameters, request bodies and answers,
 * taken from a running atlas on the seed graph (lists cut to their first items, long texts
 * shortened). test/integration/openapi.test.ts checks that every operation has them, that the
 * answers fit the declared schemas and that the parameters give a real answer.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';

export interface OperationExamples {
  /** Values of path and query parameters. */
  params?: Record<string, unknown>;
  request?: unknown;
  response?: unknown;
}

/** The operations' examples, by operation id: data kept in api-examples.json beside this file. */
export const EXAMPLES = z
  .record(
    z.string(),
    z.object({ params: z.record(z.string(), z.unknown()).optional(), request: z.unknown().optional(), response: z.unknown().optional() }),
  )
  .parse(JSON.parse(readFileSync(projectPath('src/http/api-examples.json'), 'utf8'))) as Record<string, OperationExamples>;

/** One problem document for each status the API answers with one. */
export const PROBLEM_EXAMPLES: Record<number, Record<string, unknown>> = {
  '400': {
    type: '/problems/invalid-input',
    title: 'Bad request',
    status: 400,
    detail: 'Invalid query parameter "limit": Too big: expected number to be <=100.',
    instance: '/api/v1/cases?limit=500',
    requestId: '0c6f3f9e-3b9b-4a57-9a55-2f1a4b0f3c11',
    field: 'limit',
    errors: [
      {
        field: 'limit',
        in: 'query',
        message: 'Too big: expected number to be <=100',
      },
    ],
  },
  '401': {
    type: '/problems/unauthenticated',
    title: 'Unauthorized',
    status: 401,
    detail: 'Sign in as a curator (at /signin), or send an API token as "Authorization: Bearer <token>".',
    instance: '/api/v1/nodes',
    requestId: 'b3ae6644-e953-44c6-a0c2-c04689c037ae',
  },
  '403': {
    type: '/problems/forbidden',
    title: 'Forbidden',
    status: 403,
    detail: 'The security token of this form is missing or out of date: reload the page and try again.',
    instance: '/api/v1/nodes',
    requestId: '7f1d2c8e-2f0c-4b5e-9d3a-5c2e1b0a9f77',
  },
  '404': {
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No case with id "case-nowhere".',
    instance: '/api/v1/cases/case-nowhere',
    requestId: '1e0b8d6a-4c2f-4f8e-8a51-6d3c2b1a0e99',
  },
  '409': {
    type: '/problems/conflict',
    title: 'Conflict',
    status: 409,
    detail: 'The place-leuven you edited has changed since (version 4, your edit was based on 3): reload it and apply your change again.',
    instance: '/api/v1/nodes/place-leuven',
    requestId: '45038212-4194-4894-84c9-a99bbb6e97cd',
    id: 'place-leuven',
    currentVersion: 4,
    yourVersion: 3,
    state: 'live',
  },
  '413': {
    type: '/problems/http-413',
    title: 'Payload too large',
    status: 413,
    detail: 'The request body is larger than the limit of 100 kB for this address.',
    instance: '/api/v1/cypher',
    requestId: 'a4d9c0f1-6b2e-4c3d-8e7f-0a1b2c3d4e5f',
    limit: 102400,
    limitText: '100 kB',
  },
  '428': {
    type: '/problems/precondition-required',
    title: 'Precondition required',
    status: 428,
    detail:
      'Say which version you edited, with an If-Match header (the ETag of the node) or a version field, so that a newer edit is not overwritten.',
    instance: '/api/v1/nodes/place-leuven',
    requestId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  },
  '429': {
    type: '/problems/rate-limited',
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests: this address may make 600 API requests a minute; try again in 12 s.',
    instance: '/api/v1/cases',
    requestId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    limit: 600,
    windowSeconds: 60,
    retryAfter: 12,
  },
  '503': {
    type: '/problems/unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The graph database is not reachable right now.',
    instance: '/api/v1/pathways',
    requestId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  },
  '504': {
    type: '/problems/timeout',
    title: 'Query timed out',
    status: 504,
    detail: 'The query ran longer than 5000 ms and was stopped.',
    instance: '/api/v1/cypher',
    requestId: '6e5d4c3b-2a19-4f8e-8d7c-6b5a49382716',
    timeoutMs: 5000,
  },
};
