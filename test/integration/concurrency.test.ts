/**
 * Optimistic concurrency under real parallel requests: in each round two writes based on the same
 * version race (two edits, an edit and a delete, a merge and an edit of the duplicate, a merge and
 * a link added to the duplicate). Exactly one wins; the other is refused (409), and nothing the
 * winner wrote is lost.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

const ROUNDS = 50;
let app: TestApp;
let curator: Record<string, string>;
let accountId: string;
const tag = randomUUID().slice(0, 8);
const made: string[] = [];

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...curator, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function place(name: string): Promise<string> {
  const id = `place-race-${name}-${tag}`;
  made.push(id);
  const res = await call('POST', '/api/nodes', { kind: 'place', id, name: `Race ${name} ${tag}`, placeType: 'city', country: 'ES', sources: ['src-basque-declaration'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return id;
}

async function version(path: string): Promise<number> {
  const body = (await (await fetch(app.url + path)).json()) as { version: number };
  expect(Number.isInteger(body.version)).toBe(true);
  return body.version;
}

beforeAll(async () => {
  app = await startTestApp();
  const account = await createAccount(app.db, { name: `race${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
  accountId = account.id;
  curator = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'race' })).token}` };
});

afterAll(async () => {
  if (!app) return;
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: made });
  await app.db.write('MATCH (c:Change {by: $by}) DETACH DELETE c', { by: `race${tag}` });
  await removeAccount(app.db, accountId);
  await app.close();
});

describe(`${ROUNDS} rounds of writes racing on the same version`, () => {
  const outcomes: Record<string, number[]> = {};

  it('gives exactly one success a round and loses nothing the winner wrote', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const kind = ['two edits', 'edit and delete', 'merge and edit', 'merge and link'][round % 4]!;
      const a = await place(`a${round}`);
      const v = await version(`/api/places/${a}`);
      let answers: { status: number; body: any }[];
      if (kind === 'two edits') {
        answers = await Promise.all(
          ['first', 'second'].map((who) => call('PATCH', `/api/nodes/${a}`, { altNames: [`${who} ${round}`] }, { 'if-match': `"${v}"` })),
        );
        const winner = answers.findIndex((r) => r.status === 200);
        expect(winner, JSON.stringify(answers)).toBeGreaterThanOrEqual(0);
        const stored = (await call('GET', `/api/places/${a}`)).body;
        expect(stored.altNames).toEqual([`${['first', 'second'][winner]} ${round}`]);
        expect(stored.version).toBe(v + 1);
      } else if (kind === 'edit and delete') {
        answers = await Promise.all([
          call('PATCH', `/api/nodes/${a}`, { altNames: [`kept ${round}`] }, { 'if-match': `"${v}"` }),
          call('DELETE', `/api/nodes/${a}`, undefined, { 'if-match': `"${v}"` }),
        ]);
        const live = await call('GET', `/api/places/${a}`);
        if (answers[0]!.status === 200) expect(live.body.altNames).toEqual([`kept ${round}`]);
        else expect(live.status).toBe(404);
      } else {
        const b = await place(`b${round}`);
        const vb = await version(`/api/places/${b}`);
        const merge = call('POST', '/api/merge', { survivor: a, duplicate: b, survivorVersion: v, duplicateVersion: vb });
        const other =
          kind === 'merge and edit'
            ? call('PATCH', `/api/nodes/${b}`, { altNames: [`late ${round}`] }, { 'if-match': `"${vb}"` })
            : call('POST', '/api/links', { from: 'initiative-procura-plus', type: 'HAS_PARTICIPANT', to: b, toVersion: vb, sources: ['src-basque-declaration'] });
        answers = await Promise.all([merge, other]);
        const survivor = (await call('GET', `/api/places/${a}`)).body;
        if (answers[0]!.status === 200) {
          // The merge won: the duplicate's name is on the survivor, and the other write was refused.
          expect(survivor.altNames).toContain(`Race b${round} ${tag}`);
        } else {
          // The other write won: it is there, on the duplicate that still stands alone.
          const dup = (await call('GET', `/api/places/${b}`)).body;
          if (kind === 'merge and edit') expect(dup.altNames).toEqual([`late ${round}`]);
          else expect(dup.initiatives.map((i: any) => i.id)).toContain('initiative-procura-plus');
        }
      }
      const statuses = answers.map((r) => r.status).sort();
      (outcomes[kind] ??= []).push(...statuses);
      expect(statuses.filter((s) => s >= 200 && s < 300), `${kind} in round ${round}: ${JSON.stringify(answers)}`).toHaveLength(1);
      expect(statuses.filter((s) => s >= 300).every((s) => s === 409), `${kind} in round ${round}: ${JSON.stringify(answers)}`).toBe(true);
    }
    expect(Object.values(outcomes).flat()).toHaveLength(ROUNDS * 2);
  }, 240_000);
});
