import type { Request } from 'express';
import { z } from 'zod';
import { API_V1, requestOrigin, type Registered } from './api-router.js';
import { EXAMPLES, PROBLEM_EXAMPLES, type OperationExamples } from './api-examples.js';
import { anyObject, problemSchema } from './api-schemas.js';
import { SESSION_COOKIE } from './auth.js';

type Json = Record<string, unknown>;

const TAGS: Record<string, string> = {
  pathways: 'The 15 pathways of the Basque Declaration and the cases that illustrate them.',
  goals: 'The 17 Sustainable Development Goals, their 169 targets and their cases; the SDG classifier for texts.',
  cases: 'Good-practice and procurement cases: faceted search, one case in full, similar cases.',
  places: 'Cities, regions and countries, with their cases, initiatives and organisations.',
  organisations: 'Public bodies, networks and companies.',
  initiatives: 'Projects and networks that cases belong to.',
  graph: 'Any node with its links, and subgraphs as Cytoscape.js elements.',
  search: 'Full-text search over every kind of node.',
  stats: 'Counts over the whole graph.',
  query: 'Read-only Cypher over a copy of the public graph.',
  curation: 'Writes by curators: nodes, links, history, reverts and merges. Every edit names the version it is based on.',
  ingest: 'The review queue: proposals read from prose, decided and committed by curators.',
  'open data': 'The graph, whole or filtered, as a file; imports for curators.',
};

/** The problem statuses, as shared responses under components/responses. */
const PROBLEM_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'An input is invalid; `field` and `errors` name the culprits.' },
  401: { name: 'Unauthorized', description: 'Not signed in, and no valid API token sent.' },
  403: { name: 'Forbidden', description: 'Signed in without the role this needs, or a session write without its CSRF token.' },
  404: { name: 'NotFound', description: 'Nothing has that id.' },
  409: { name: 'Conflict', description: 'The version sent is stale, or the write clashes with the graph as it is.' },
  413: { name: 'PayloadTooLarge', description: 'The body or the answer is over a limit.' },
  428: { name: 'PreconditionRequired', description: 'The edit did not say which version it is based on.' },
  429: { name: 'TooManyRequests', description: 'Over the rate limit of this address; Retry-After says when to try again.' },
  503: { name: 'ServiceUnavailable', description: 'Neo4j cannot be reached, or the service is busy; Retry-After says when to try again.' },
  504: {
    name: 'GatewayTimeout',
    description: 'A query ran over its time limit (NEO4J_QUERY_TIMEOUT_MS, or CYPHER_TIMEOUT_MS on the console) and was stopped.',
  },
};

/** Every API request may meet these: a bad input, the rate limit, Neo4j out of reach or a query over its time limit. */
const ALWAYS = [400, 429, 503, 504];

/**
 * z.json() as zod writes it: a union of the scalars with lists and objects of itself. That is every
 * JSON value, which the empty schema says as well, and in a form client generators can follow
 * (openapi-python-client refuses the recursive union).
 */
const JSON_VALUE = {
  description: 'Any JSON value: text, a number, true or false, null, or a list or object of JSON values.',
};
const zodJsonDef = JSON.stringify(
  Object.values((z.toJSONSchema(z.object({ v: z.json() })) as { $defs: Record<string, unknown> }).$defs)[0],
).replace(/#\/\$defs\/__schema\d+/g, '#SELF');

/** JSON Schemas of zod schemas; named schemas (and recursive parts) are moved to components/schemas and referred to there. */
class SchemaSet {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const { $schema: _drop, $defs, ...root } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    const defs = ($defs ?? {}) as Record<string, Json>;
    const names = new Map<string, string>();
    // Named schemas keep their name; unnamed recursive ones (z.json()) are JsonValue, JsonValue2... by content.
    for (const key of Object.keys(defs)) names.set(key, key.startsWith('__schema') ? '' : key);
    const rewrite = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(rewrite)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => {
                const local = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? names.get(v.slice(8)) : undefined;
                return [k, local ? `#/components/schemas/${local}` : rewrite(v)];
              }),
            )
          : value;
    for (const [key, name] of names) {
      if (name) continue;
      if (JSON.stringify(defs[key]).replaceAll(`#/$defs/${key}`, '#SELF') === zodJsonDef) {
        names.set(key, 'JsonValue');
        defs[key] = JSON_VALUE;
        continue;
      }
      for (let n = 1; ; n++) {
        const candidate = n === 1 ? 'JsonValue' : `JsonValue${n}`;
        names.set(key, candidate);
        const existing = this.components[candidate];
        if (!existing || JSON.stringify(existing) === JSON.stringify(rewrite(defs[key]))) break;
      }
    }
    for (const [key, name] of names) {
      const def = rewrite(defs[key]) as Json;
      const existing = this.components[name];
      if (existing && JSON.stringify(existing) !== JSON.stringify(def)) {
        throw new Error(`Two different schemas are named ${name} in the OpenAPI document.`);
      }
      this.components[name] = def;
    }
    return rewrite(root) as Json;
  }
}

const openApiPath = (path: string) => path.replace(/^\/api(?=\/|$)/, API_V1).replace(/:(\w+)/g, '{$1}');

function parameters(set: SchemaSet, schema: Registered['params'], where: 'path' | 'query', examples: Json | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = set.convert(field as z.ZodType, 'input');
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(typeof s.description === 'string' ? { description: s.description } : {}),
      schema: s,
      ...(examples && name in examples ? { example: examples[name] } : {}),
      ...(where === 'query' && s.type === 'array' ? { style: 'form', explode: false } : {}),
    };
  });
}

function successResponse(set: SchemaSet, r: Registered, ex: OperationExamples, paged: boolean): Json {
  const headers: Json = {};
  if (paged) headers.Link = { $ref: '#/components/headers/Link' };
  for (const h of r.headers ?? []) headers[h] = { $ref: `#/components/headers/${h}` };
  const content: Json = {};
  if (r.files) {
    for (const [type, description] of Object.entries(r.files)) {
      const json = /json/.test(type);
      content[type] = {
        schema: json ? { type: 'object', description } : { type: 'string', format: 'binary', description },
        ...(json && ex.response !== undefined ? { example: ex.response } : {}),
      };
    }
  } else {
    content['application/json'] = {
      schema: set.convert(r.response ?? anyObject, 'output'),
      ...(ex.response !== undefined ? { example: ex.response } : {}),
    };
  }
  return {
    description: r.status === 201 ? 'Created' : 'OK',
    ...(Object.keys(headers).length ? { headers } : {}),
    content,
  };
}

export interface ApiDocument {
  openapi: string;
  info: Json;
  servers?: { url: string; description: string }[];
  paths: Record<string, Record<string, Json>>;
  [key: string]: unknown;
}

/** Builds the OpenAPI 3.1 document of the declared routes (without servers: see withServers). */
export function openApiDocument(routes: Registered[], info: { title: string; version: string; description: string }): ApiDocument {
  const set = new SchemaSet();
  const problem = set.convert(problemSchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  const used = new Set<number>();
  const ids = new Set<string>();
  for (const r of routes) {
    if (ids.has(r.operationId)) throw new Error(`operationId ${r.operationId} is used twice.`);
    ids.add(r.operationId);
    const ex = EXAMPLES[r.operationId] ?? {};
    const paged = !!r.query && 'limit' in r.query.shape && 'offset' in r.query.shape;
    const statuses = [...new Set([...ALWAYS, ...(r.access ? [401, 403] : []), ...(r.problems ?? [])])].sort((a, b) => a - b);
    const responses: Json = { [String(r.status ?? 200)]: successResponse(set, r, ex, paged) };
    for (const status of statuses) {
      used.add(status);
      responses[String(status)] = { $ref: `#/components/responses/${PROBLEM_RESPONSES[status]!.name}` };
    }
    const body = r.body
      ? {
          required: true,
          content: { 'application/json': { schema: set.convert(r.body, 'input'), ...('request' in ex ? { example: ex.request } : {}) } },
        }
      : r.rawBody
        ? {
            required: true,
            description: r.rawBody.description,
            content: Object.fromEntries(
              r.rawBody.mediaTypes.map((t) => [
                t,
                /json/.test(t)
                  ? { schema: { type: 'object' }, ...('request' in ex ? { example: ex.request } : {}) }
                  : { schema: { type: 'string', format: 'binary' } },
              ]),
            ),
          }
        : undefined;
    const p = openApiPath(r.path);
    paths[p] ??= {};
    paths[p][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      parameters: [...parameters(set, r.params, 'path', ex.params), ...parameters(set, r.query, 'query', ex.params)],
      // Public operations need no credentials: an empty list says so (client generators then take a client without a token).
      security: r.access ? [{ bearerToken: [] }, { sessionCookie: [] }] : [],
      ...(r.access ? { 'x-required-role': r.access } : {}),
      ...(body ? { requestBody: body } : {}),
      responses,
    };
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    info,
    tags,
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token of a curator or admin account (pa_...), made with `npm run users -- token` or on the accounts page.',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The session of a signed-in browser; writes with it must also send the X-CSRF-Token header.',
        },
      },
      schemas: { ...set.components, Problem: set.components.Problem ?? problem },
      headers: {
        Link: {
          description: 'RFC 8288 links to the next, previous, first and last pages (rel="next", "prev", "first", "last").',
          schema: { type: 'string' },
          example:
            '<https://atlas.example.org/api/v1/cases?offset=20&limit=20>; rel="next", <https://atlas.example.org/api/v1/cases?offset=0&limit=20>; rel="first"',
        },
        ETag: {
          description: 'The version of the node, to send back in If-Match when editing it.',
          schema: { type: 'string' },
          example: '"3"',
        },
        Location: { description: 'The address of what was created.', schema: { type: 'string' }, example: '/api/nodes/place-ghent' },
      },
      responses: Object.fromEntries(
        [...used]
          .sort((a, b) => a - b)
          .map((status) => [
            PROBLEM_RESPONSES[status]!.name,
            {
              description: PROBLEM_RESPONSES[status]!.description,
              content: {
                'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: PROBLEM_EXAMPLES[status] },
              },
            },
          ]),
      ),
    },
  };
}

/**
 * The document with its servers: the address the client reached (so that "try it" and generated
 * clients call this very atlas), and PUBLIC_BASE_URL when that is another.
 */
export function withServers(document: ApiDocument, req: Request, publicBaseUrl: string): ApiDocument {
  const here = requestOrigin(req);
  const servers = [
    ...(here ? [{ url: here, description: 'this atlas, as the document was read from it' }] : []),
    ...(here !== publicBaseUrl ? [{ url: publicBaseUrl, description: 'the published atlas (PUBLIC_BASE_URL)' }] : []),
  ];
  return { ...document, servers };
}
