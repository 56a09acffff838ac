/**
 * Values that would run in a reader's browser or spreadsheet: only http and https addresses are
 * stored anywhere a web address is (curation API, import), pages link nothing else, and CSV cells
 * that a spreadsheet would run as a formula are written as text and read back exactly.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { neutralise, readCsv, toCsvFiles, unneutralise } from '../../src/domain/exchange/formats/csv.js';
import { importGraph } from '../../src/domain/exchange/import.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

const tag = randomUUID().slice(0, 8);
let app: TestApp;
let curator: Record<string, string>;
let accountId: string;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(app.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...curator },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

beforeAll(async () => {
  app = await startTestApp();
  const account = await createAccount(app.db, { name: `urls${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
  accountId = account.id;
  curator = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'urls' })).token}` };
});

afterAll(async () => {
  if (!app) return;
  await app.db.write('MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: `src-urls-${tag}` });
  await app.db.write('MATCH (c:Change {by: $by}) DETACH DELETE c', { by: `urls${tag}` });
  await removeAccount(app.db, accountId);
  await app.close();
});

const BAD_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/x',
  'http:',
  'http://',
  'https:javascript:alert(1)',
  'http://localhost/x',
  `https://example.org/${'a'.repeat(2100)}`,
];

describe('control characters', () => {
  it.each(['\u0000', '\u0007', '\u001b[31m', '\u007f'])('refuses a title holding %j, naming the field, and stores nothing', async (ch) => {
    const id = `src-urls-${tag}-ctl-${ch.charCodeAt(0)}`;
    const res = await call('POST', '/api/nodes', {
      kind: 'source',
      id,
      title: `A report${ch}`,
      date: '2023-01-01',
      sourceType: 'publication',
    });
    expect(res).toMatchObject({ status: 400 });
    expect(res.body.detail).toMatch(/title.*control characters/);
    expect(await app.db.read('MATCH (n {id: $id}) RETURN n', { id })).toEqual([]);
  });

  it('keeps tabs and line breaks in a description', async () => {
    const id = `src-urls-${tag}-ctl-ok`;
    const res = await call('POST', '/api/nodes', {
      kind: 'source',
      id,
      title: 'A report',
      date: '2023-01-01',
      sourceType: 'publication',
      description: 'First line\n\tSecond line',
    });
    expect(res).toMatchObject({ status: 201 });
  });
});

describe('web addresses', () => {
  it.each(BAD_URLS)('refuses a source whose url is %s, naming the field, and stores nothing', async (url) => {
    const id = `src-urls-${tag}-${BAD_URLS.indexOf(url)}`;
    const res = await call('POST', '/api/nodes', {
      kind: 'source',
      id,
      title: 'A report',
      date: '2023-01-01',
      sourceType: 'publication',
      url,
    });
    expect(res).toMatchObject({ status: 400 });
    expect(res.body.detail).toMatch(/url/);
    expect(await app.db.read('MATCH (n {id: $id}) RETURN n', { id })).toEqual([]);
  });

  it('stores an http or https address', async () => {
    const id = `src-urls-${tag}-good`;
    const res = await call('POST', '/api/nodes', {
      kind: 'source',
      id,
      title: 'A report',
      date: '2023-01-01',
      sourceType: 'publication',
      url: 'https://www.example.org/report?x=1#p2',
    });
    expect(res).toMatchObject({ status: 201 });
    expect(await app.db.read('MATCH (n {id: $id}) RETURN n.url AS url', { id })).toEqual([
      { url: 'https://www.example.org/report?x=1#p2' },
    ]);
    const api = await call('GET', `/api/nodes/${id}`);
    expect(api.body).toMatchObject({ url: `/nodes/${id}`, externalUrl: 'https://www.example.org/report?x=1#p2' });
    const page = await (await fetch(`${app.url}/nodes/${id}`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('<a href="https://www.example.org/report?x=1#p2" rel="noopener">Read the source</a>');
  });

  it('links no stored address a page cannot trust, even one written before the check', async () => {
    const id = `src-urls-${tag}-legacy`;
    await app.db.write("CREATE (:Entity:Source {id: $id, kind: 'source', name: 'Legacy', title: 'Legacy', url: 'javascript:alert(1)'})", {
      id,
    });
    const page = await (await fetch(`${app.url}/nodes/${id}`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('Legacy');
    expect(page).not.toContain('javascript:alert(1)');
  });

  it('refuses an import holding a javascript: or data: address and writes nothing', async () => {
    const doc = {
      format: 'pathway-atlas',
      version: 1,
      nodes: [
        { id: `src-urls-${tag}-imp`, labels: ['Entity', 'Source'], properties: { title: 'Imported', url: 'javascript:alert(1)' } },
        {
          id: `src-urls-${tag}-imp2`,
          labels: ['Entity', 'Organisation'],
          properties: { name: 'Imported org', website: 'data:text/html,x' },
        },
      ],
      relationships: [],
    };
    const err = await importGraph(app.db, { format: 'json', text: JSON.stringify(doc), name: 'bad.json' }, { dryRun: false }).catch(
      (e) => e,
    );
    expect(err.message).toMatch(/property "url" must be an http or https address/);
    expect(err.message).toMatch(/property "website" must be an http or https address/);
    expect(await app.db.read('MATCH (n) WHERE n.id STARTS WITH $p RETURN n', { p: `src-urls-${tag}-imp` })).toEqual([]);
  });
});

describe('CSV cells a spreadsheet would run', () => {
  const formulas = [
    '=HYPERLINK("http://evil.example","click")',
    "-2+3+cmd|' /C calc'!A0",
    '+1+1',
    '@SUM(A1)',
    '\tTab',
    '\rReturn',
    "'=already quoted",
    "''-twice",
  ];

  it('writes each with a leading apostrophe and reads each back exactly', () => {
    const graph = {
      nodes: formulas.map((f, i) => ({
        key: `case-f${i}`,
        labels: ['Entity', 'Case'],
        props: { name: { type: 'string' as const, value: f }, year: { type: 'int' as const, value: '-5' } },
      })),
      relationships: [],
    };
    const text = toCsvFiles(graph)['nodes/Case.csv']!;
    const names = text
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => ({ line, first: line.split(',')[2]!.replace(/^"/, '')[0] }));
    expect(names).toHaveLength(formulas.length);
    // The lines whose name a spreadsheet would run (or that lost their name).
    expect(names.filter(({ first }) => first === undefined || /[=+\-@\t\r]/.test(first))).toEqual([]);
    // Numbers stay numbers: the negative year is written as it is.
    expect(text).toMatch(/,-5\r\n/);
    const back = readCsv(new TextEncoder().encode(text), 'Case.csv');
    expect(back.nodes.map((n) => n.props.name!.value)).toEqual(formulas);
    expect(back.nodes.map((n) => n.props.year!.value)).toEqual(formulas.map(() => '-5'));
  });

  it('leaves ordinary text alone, and the pair of functions is exact both ways', () => {
    for (const t of ['Geestland', "it's", "'quoted'", '', '1-2', 'a=b']) {
      expect(neutralise(t)).toBe(t);
      expect(unneutralise(t)).toBe(t);
    }
    for (const t of formulas) expect(unneutralise(neutralise(t))).toBe(t);
  });
});
