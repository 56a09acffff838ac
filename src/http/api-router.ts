import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { parseWith } from './validate.js';

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ApiRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Middleware that runs first, such as a role check. */
  before?: RequestHandler[];
  /** Shown in the OpenAPI document: who may call the route. */
  access?: 'curator' | 'admin';
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Statuses besides 200 that the route answers with a problem document. */
  problems?: number[];
  handler: (input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }, req: Request, res: Response) => Promise<unknown>;
}

type Registered = ApiRoute<AnyObject, AnyObject, z.ZodType>;

/** Routes without query parameters refuse any; one schema for all of them (zod compiles a schema on its first parse). */
const NO_QUERY = z.strictObject({});

/**
 * A router whose routes declare their inputs as zod schemas: each input is parsed before the handler
 * runs (a failure is a 400 naming the field), and the same declarations produce the OpenAPI document.
 */
export class ApiRouter {
  readonly router = Router();
  readonly routes: Registered[] = [];

  add<
    P extends AnyObject = z.ZodObject<Record<never, never>>,
    Q extends AnyObject = z.ZodObject<Record<never, never>>,
    B extends z.ZodType = z.ZodUndefined,
  >(route: ApiRoute<P, Q, B>): this {
    this.routes.push(route);
    this.router[route.method](route.path, ...(route.before ?? []), async (req, res) => {
      const input = {
        params: route.params ? parseWith(route.params, req.params, 'path') : {},
        query: parseWith(route.query ?? NO_QUERY, req.query, 'query'),
        body: route.body ? parseWith(route.body, req.body ?? {}, 'body') : undefined,
      };
      const result = await route.handler(input as never, req, res);
      if (!res.headersSent) res.json(result);
    });
    return this;
  }
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: AnyObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = jsonSchema(field as z.ZodType);
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      description: (s.description as string | undefined) ?? undefined,
      schema: s,
    };
  });
}

/** Builds an OpenAPI 3.1 document from the declared routes. */
export function openApiDocument(routes: Registered[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = { '200': { description: 'OK', content: { 'application/json': {} } } };
    for (const status of [400, ...(r.access ? [401, 403] : []), ...(r.problems ?? [])]) {
      responses[String(status)] = {
        description: 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      description: r.description,
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.access ? { security: [{ bearerToken: [] }, { sessionCookie: [] }], 'x-required-role': r.access } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: "a curator's API token (pa_...)" },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            field: { type: 'string', description: 'the input field at fault, for 400' },
          },
        },
      },
    },
  };
}
