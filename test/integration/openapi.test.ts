/**
 * The OpenAPI document as the ecosystem's tools see it: Redocly CLI's `recommended` lint (with the
 * rules redocly.yaml turns off, each with its reason) and swagger-parser's validation, both on the
 * document the running app serves; every operation complete (operationId, tag, summary, examples,
 * problems, security); every public read's examples give a real answer of the declared shape; and
 * the interactive reference page served offline.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/http/api-examples.js';
import { anyObject } from '../../src/http/api-schemas.js';
import type { Registered } from '../../src/http/api-router.js';
import { apiRouters } from '../../src/http/routes/index.js';
import { projectPath } from '../../src/paths.js';
import { startTestApp, testConfig, type JsonBody, type TestApp } from '../helpers/env.js';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { example?: unknown }> }>;
  'x-required-role'?: string;
}

let app: TestApp;
let doc: JsonBody;
let file: string;
const operations: { method: string; path: string; op: Operation }[] = [];
/** The declared routes by operationId, with their zod schemas. */
const routes = new Map<string, Registered>();

beforeAll(async () => {
  app = await startTestApp({}, { console: true });
  doc = (await app.get('/api/v1/openapi.json')).body;
  const dir = projectPath('test-artifacts', 'openapi');
  mkdirSync(dir, { recursive: true });
  file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>))
    for (const [method, op] of Object.entries(ops)) operations.push({ method, path: p, op });
  for (const router of Object.values(apiRouters(app.db, testConfig()))) for (const r of router.routes) routes.set(r.operationId, r);
}, 180_000);
afterAll(() => app?.close());

describe('the OpenAPI document and the ecosystem', () => {
  it('when Redocly CLI lints the live document with the recommended rules, then it reports no error and no warning', () => {
    const run = spawnSync(
      projectPath('node_modules', '.bin', 'redocly'),
      ['lint', file, '--config', projectPath('redocly.yaml'), '--format', 'json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(run.status).toBe(0);
  });

  it('when Redocly lints a document with an unresolved reference, then it fails, so the test above can fail', () => {
    const broken = structuredClone(doc);
    broken.paths['/api/v1/cypher'].post.requestBody.content['application/json'].schema = { $ref: '#/$defs/__schema0' };
    const brokenFile = file.replace('openapi.json', 'broken.json');
    writeFileSync(brokenFile, JSON.stringify(broken));
    const run = spawnSync(projectPath('node_modules', '.bin', 'redocly'), ['lint', brokenFile, '--config', projectPath('redocly.yaml')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('no-unresolved-refs');
  });

  it('when swagger-parser validates the live document, then it passes and resolves every reference', async () => {
    const api = await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(api.paths ?? {})).toContain('/api/v1/cypher');
    await expect(SwaggerParser.validate({ ...structuredClone(doc), paths: { '/x': { get: { responses: 'no' } } } })).rejects.toThrow();
  });

  it('names this atlas as its first server, so that "try it" and clients call the running app', () => {
    expect(doc.servers[0].url).toBe(app.url);
  });
});

describe('every operation', () => {
  it('is under /api/v1 and has a unique operationId, a declared tag, a summary and its security', () => {
    const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    expect(operations.length).toBeGreaterThanOrEqual(41);
    for (const { method, path: p, op } of operations) {
      const where = `${method.toUpperCase()} ${p}`;
      expect({ where, id: op.operationId }).toEqual({ where, id: expect.stringMatching(/^[a-z][A-Za-z]+$/) });
      expect({ where, path: p }).toEqual({ where, path: expect.stringMatching(/^\/api\/v1\//) });
      expect({ where, tags: op.tags?.every((t) => tags.has(t)) && op.tags.length === 1 }).toEqual({ where, tags: true });
      expect({ where, summary: op.summary }).toEqual({ where, summary: expect.any(String) });
      expect({ where, security: op.security }).toEqual({
        where,
        security: op['x-required-role'] ? [{ bearerToken: [] }, { sessionCookie: [] }] : [],
      });
    }
  });

  it('answers its problems as application/problem+json, 401 and 403 where a role is needed', () => {
    for (const { method, path: p, op } of operations) {
      const statuses = Object.keys(op.responses);
      const expected = ['400', '429', '503', '504', ...(op['x-required-role'] ? ['401', '403'] : [])];
      expect({ where: `${method} ${p}`, has: expected.filter((s) => !statuses.includes(s)) }).toEqual({ where: `${method} ${p}`, has: [] });
      for (const s of statuses.filter((x) => Number(x) >= 400)) expect(op.responses[s]!.$ref).toMatch(/^#\/components\/responses\//);
    }
    for (const r of Object.values(doc.components.responses as Record<string, { content: Record<string, unknown> }>))
      expect(Object.keys(r.content)).toEqual(['application/problem+json']);
  });

  it('has examples of its request body and of its answer', () => {
    for (const { method, path: p, op } of operations) {
      const where = `${method} ${p}`;
      const success = Object.entries(op.responses).find(([s]) => s.startsWith('2'))![1];
      const examples = Object.entries(success.content ?? {}).filter(([, c]) => c.example !== undefined);
      const requests = Object.values(op.requestBody?.content ?? {}).filter((c) => c.example !== undefined);
      expect({ where, answer: examples.length > 0, request: requests.length > 0 }).toEqual({
        where,
        answer: true,
        request: !!op.requestBody,
      });
    }
  });

  it('declares the operations that the app routes', () => {
    expect(new Set(routes.keys())).toEqual(new Set(operations.map((o) => o.op.operationId)));
  });
});

/** The example's address: path parameters put in, query parameters as the document's form style (lists joined by commas). */
function exampleUrl(p: string, op: Operation): string {
  let url = p;
  const query: string[] = [];
  for (const param of op.parameters) {
    if (param.example === undefined) continue;
    const value = Array.isArray(param.example) ? param.example.join(',') : JSON.stringify(param.example).replace(/^"|"$/g, '');
    if (param.in === 'path') url = url.replace(`{${param.name}}`, encodeURIComponent(value));
    else query.push(`${param.name}=${encodeURIComponent(value)}`);
  }
  return query.length ? `${url}?${query.join('&')}` : url;
}

describe('the examples', () => {
  it('when each public read is called with its example parameters, then it answers 200 with the declared shape, as its example does', async () => {
    const reads = operations.filter((o) => o.method === 'get' && !o.op['x-required-role'] && o.op.operationId !== 'exportGraph');
    expect(reads.length).toBeGreaterThanOrEqual(22);
    for (const { path: p, op } of reads) {
      const url = exampleUrl(p, op);
      expect({ url, unfilled: url.includes('{') }).toEqual({ url, unfilled: false });
      const res = await app.get(url);
      const schema: z.ZodType = routes.get(op.operationId!)!.response ?? anyObject;
      const live = schema.safeParse(res.body);
      const example = schema.safeParse(EXAMPLES[op.operationId!]!.response);
      expect({ url, status: res.status, live: live.error?.issues ?? [], example: example.error?.issues ?? [] }).toEqual({
        url,
        status: 200,
        live: [],
        example: [],
      });
    }
  }, 180_000);

  it('when the Cypher example is run on the console, then it answers in the declared shape', async () => {
    await app.console!.replica!.syncNow();
    const res = await app.post('/api/v1/cypher', EXAMPLES.runCypher!.request);
    expect(res.status).toBe(200);
    expect(routes.get('runCypher')!.response!.safeParse(res.body).error?.issues ?? []).toEqual([]);
    expect(res.body.rows).toEqual([
      { n: 9, name: expect.any(String) },
      { n: 12, name: expect.any(String) },
    ]);
  });

  it('when the export example is asked for, then the file is JSON of the pathways', async () => {
    const op = operations.find((o) => o.op.operationId === 'exportGraph')!;
    const res = await app.get(exampleUrl(op.path, op.op));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'pathway-atlas', version: 1 });
    expect(res.body.nodes).toHaveLength(15);
  });
});

describe('the interactive reference at /api/docs', () => {
  it('loads Swagger UI from the app itself, with no inline script and no other origin', async () => {
    const res = await fetch(`${app.url}/api/docs`);
    const html = await res.text();
    expect(res.status).toBe(200);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toMatch(/\bsrc="\/static\//);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const asset of [
      '/static/vendor/swagger-ui/swagger-ui-bundle.js',
      '/static/vendor/swagger-ui/swagger-ui.css',
      '/static/api-docs.js',
    ]) {
      const a = await fetch(app.url + asset);
      expect({ asset, status: a.status, type: a.headers.get('content-type') }).toEqual({
        asset,
        status: 200,
        type: expect.stringMatching(/javascript|css/),
      });
      await a.arrayBuffer();
    }
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('lists every operation for readers without JavaScript', async () => {
    const html = await (await fetch(`${app.url}/api/docs`)).text();
    for (const { method, path: p } of operations) expect(html).toContain(`${method.toUpperCase()} ${p}`);
  });
});
