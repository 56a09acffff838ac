import express, { type Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { invalidInput } from '../../domain/errors.js';
import { exportGraph } from '../../domain/exchange/export.js';
import { exportQuerySchema } from '../../domain/exchange/filters.js';
import { importGraph, type ImportInput } from '../../domain/exchange/import.js';
import { ApiRouter } from '../api-router.js';

/** Import bodies may be far larger than the app's 100 kB JSON limit, on this route only. */
export const IMPORT_BODY_LIMIT = '20mb';

const importQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: report what would change and write nothing'),
  format: z.enum(['json', 'yaml', 'csv']).optional().describe('the file format; found from the body or its Content-Type when left out'),
  name: z
    .string()
    .regex(/^[\w .-]{1,100}$/, 'must be a file name such as ILLUSTRATES.csv')
    .optional()
    .describe('the file name; gives a single relationship CSV its type (ILLUSTRATES.csv)'),
});

/** The address the atlas is published at, for the ids of JSON-LD. */
export const publicBaseUrl = (config: Config): string => config.PUBLIC_BASE_URL;

/** Which format a body is in when the caller did not say: a zip is CSV, then the Content-Type, then a leading `{`. */
function sniff(req: Request, bytes: Uint8Array): 'json' | 'yaml' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'csv';
  const type = (req.get('content-type') ?? '').toLowerCase();
  if (/json/.test(type)) return 'json';
  if (/yaml|yml/.test(type)) return 'yaml';
  if (/csv|zip/.test(type)) return 'csv';
  const text = new TextDecoder()
    .decode(bytes.subarray(0, 200))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{')) return 'json';
  throw invalidInput('format', 'say which format the body is in: format=json, yaml or csv');
}

/** The body as the caller sent it; a small application/json body has already been parsed by the app. */
function importInput(req: Request, format: 'json' | 'yaml' | 'csv' | undefined, name: string | undefined): ImportInput {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body)) {
    if (body && typeof body === 'object' && Object.keys(body).length) {
      if (format && format !== 'json')
        throw invalidInput('format', `the body was sent as application/json; send ${format} as application/octet-stream or text/plain`);
      return { format: 'json', text: body, name: name ?? 'the request body' };
    }
    throw invalidInput('body', 'must hold the file to import');
  }
  if (!body.length) throw invalidInput('body', 'must hold the file to import');
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const chosen = format ?? sniff(req, bytes);
  if (chosen === 'csv') return { format: 'csv', bytes, name: name ?? 'the request body' };
  const text = new TextDecoder('utf-8').decode(bytes);
  return chosen === 'json'
    ? { format: 'json', text, name: name ?? 'the request body' }
    : { format: 'yaml', text, name: name ?? 'upload.yaml' };
}

/**
 * Open data: `GET /api/export` for everyone (the whole graph or a filtered part as JSON, a CSV zip,
 * GraphML or JSON-LD), and `POST /api/import` behind `guard` (curators): JSON, YAML or CSV, with a
 * dry run that reports what would be created and changed. Adds the routes to `api`, so that an
 * ApiRouter whose routes feed the OpenAPI document can carry them.
 */
export function addExchangeRoutes(api: ApiRouter, db: Database, config: Config, guard: RequestHandler): ApiRouter {
  const baseUrl = config.PUBLIC_BASE_URL;
  return api
    .add({
      method: 'get',
      path: '/api/export',
      operationId: 'exportGraph',
      files: {
        'application/json': 'format=json: {format, version, exportedAt, nodes, relationships}; imports back losslessly',
        'application/zip': 'format=csv: nodes/<Label>.csv and relationships/<TYPE>.csv with a README',
        'application/graphml+xml': 'format=graphml: for Gephi, Cytoscape desktop, yEd, NetworkX',
        'application/ld+json': 'format=jsonld: schema.org terms, goals and targets as UN URIs',
      },
      tag: 'open data',
      summary: 'The graph, or a filtered part of it, as a file: json, csv (a zip), graphml or jsonld',
      description:
        'Filters select cases (pathway, sdg, country) with their direct neighbours and every relationship among them; kinds keeps only nodes of those kinds. The json format imports back losslessly through POST /api/import.',
      query: exportQuerySchema,
      handler: async ({ query }, _req, res) => {
        const { format, ...filters } = query;
        const file = await exportGraph(db, filters, format, { baseUrl });
        res.attachment(file.filename);
        res.set('Content-Type', file.contentType);
        res.send(typeof file.body === 'string' ? file.body : Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
      },
    })
    .add({
      method: 'post',
      path: '/api/import',
      operationId: 'importGraph',
      rawBody: {
        description:
          'The file to import: a JSON export, a YAML seed file, a CSV zip or one nodes/relationships CSV. Any Content-Type is read (text/yaml, text/csv and application/zip too); application/json bodies are limited to 100 kB app-wide, so send large files as application/octet-stream.',
        mediaTypes: ['application/octet-stream', 'application/json'],
      },
      tag: 'open data',
      access: 'curator',
      before: [guard, express.raw({ type: () => true, limit: IMPORT_BODY_LIMIT })],
      summary: 'Import a JSON export, a YAML seed file or CSV (a zip or one file); dryRun=true writes nothing',
      description: `The body is the file (at most ${IMPORT_BODY_LIMIT}; send it as application/octet-stream, text/yaml, text/csv or application/zip, since application/json bodies are limited to 100 kB app-wide). A real run writes everything in one transaction, or nothing when any record is bad; the problem names each bad record. The report lists what was (or would be) created and changed, with the changed properties.`,
      query: importQuerySchema,
      problems: [413],
      handler: async ({ query }, req) => {
        const q = query;
        return importGraph(db, importInput(req, q.format, q.name), { dryRun: q.dryRun, timeoutMs: config.IMPORT_TIMEOUT_MS });
      },
    });
}

/** The open-data routes as a router of their own (see addExchangeRoutes). */
export function exchangeRouter(db: Database, config: Config, guard: RequestHandler): Router {
  return addExchangeRoutes(new ApiRouter(), db, config, guard).router;
}
