/**
 * Optimistic concurrency under real parallel requests: in each round two writes based on the same
 * version race (two edits, an edit and a delete, a merge and an edit of the duplicate, a merge and
 * a link added to the duplicate). Exactly one wins; the other is refused (409), and nothing the
 * winner wrote is lost. Which one wins is up to the race, so each round's outcome must be one of
 * the two allowed ones, told apart by who won.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

/** Rounds of each kind of race (four kinds, 52 rounds in all). */
const ROUNDS = 13;
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
    // A merged-away id answers 301 to its survivor: seen as such, not followed.
    redirect: 'manual',
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: json ? JSON.parse(text) : undefined };
}

async function place(name: string): Promise<string> {
  const id = `place-race-${name}-${tag}`;
  made.push(id);
  const res = await call('POST', '/api/nodes', {
    kind: 'place',
    id,
    name: `Race ${name} ${tag}`,
    placeType: 'city',
    country: 'ES',
    sources: ['src-basque-declaration'],
  });
  // The whole answer shows on failure.
  expect(res).toMatchObject({ status: 201 });
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

/** What a merge racing another write on the duplicate left behind: both answers, the survivor's names and the duplicate. */
async function afterMergeRace(a: string, b: string, answers: { status: number }[]) {
  const survivor = await call('GET', `/api/places/${a}`);
  expect(survivor.status).toBe(200);
  const dup = await call('GET', `/api/places/${b}`);
  return {
    merge: answers[0]!.status,
    other: answers[1]!.status,
    survivorNames: survivor.body.altNames ?? [],
    duplicate: { status: dup.status, altNames: dup.body?.altNames, initiatives: dup.body?.initiatives?.map((i: { id: string }) => i.id) },
  };
}

describe(`${ROUNDS} rounds of writes racing on the same version`, () => {
  it(`when two edits race (${ROUNDS} rounds), then exactly one wins, the other is refused, and the winner's edit is stored`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await place(`edits${round}`);
      const v = await version(`/api/places/${a}`);
      const answers = await Promise.all(
        ['first', 'second'].map((who) => call('PATCH', `/api/nodes/${a}`, { altNames: [`${who} ${round}`] }, { 'if-match': `"${v}"` })),
      );
      const stored = (await call('GET', `/api/places/${a}`)).body;
      const outcome = { round, statuses: answers.map((r) => r.status), altNames: stored.altNames, version: stored.version };
      expect(outcome).toBeOneOf([
        { round, statuses: [200, 409], altNames: [`first ${round}`], version: v + 1 },
        { round, statuses: [409, 200], altNames: [`second ${round}`], version: v + 1 },
      ]);
    }
  }, 240_000);

  it(`when an edit and a delete race (${ROUNDS} rounds), then exactly one wins, the other is refused, and the place is as the winner left it`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await place(`delete${round}`);
      const v = await version(`/api/places/${a}`);
      const answers = await Promise.all([
        call('PATCH', `/api/nodes/${a}`, { altNames: [`kept ${round}`] }, { 'if-match': `"${v}"` }),
        call('DELETE', `/api/nodes/${a}`, undefined, { 'if-match': `"${v}"` }),
      ]);
      const live = await call('GET', `/api/places/${a}`);
      const outcome = { round, edit: answers[0].status, delete: answers[1].status, read: live.status, altNames: live.body.altNames };
      expect(outcome).toBeOneOf([
        { round, edit: 200, delete: 409, read: 200, altNames: [`kept ${round}`] },
        { round, edit: 409, delete: 200, read: 404, altNames: undefined },
      ]);
    }
  }, 240_000);

  it(`when a merge and an edit of the duplicate race (${ROUNDS} rounds), then exactly one wins, the other is refused, and nothing the winner wrote is lost`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await place(`survivor${round}`);
      const b = await place(`edited${round}`);
      const [v, vb] = [await version(`/api/places/${a}`), await version(`/api/places/${b}`)];
      const answers = await Promise.all([
        call('POST', '/api/merge', { survivor: a, duplicate: b, survivorVersion: v, duplicateVersion: vb }),
        call('PATCH', `/api/nodes/${b}`, { altNames: [`late ${round}`] }, { 'if-match': `"${vb}"` }),
      ]);
      const duplicateName = `Race edited${round} ${tag}`;
      expect({ round, ...(await afterMergeRace(a, b, answers)) }).toBeOneOf([
        // The merge won: the duplicate's name is on the survivor, and the duplicate's id points there.
        { round, merge: 200, other: 409, survivorNames: expect.arrayContaining([duplicateName]), duplicate: { status: 301 } },
        // The edit won: it is there, on the duplicate that still stands alone.
        {
          round,
          merge: 409,
          other: 200,
          survivorNames: expect.not.arrayContaining([duplicateName]),
          duplicate: { status: 200, altNames: [`late ${round}`], initiatives: [] },
        },
      ]);
    }
  }, 240_000);

  it(`when a merge and a link to the duplicate race (${ROUNDS} rounds), then exactly one wins, the other is refused, and nothing the winner wrote is lost`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await place(`merged${round}`);
      const b = await place(`linked${round}`);
      const [v, vb] = [await version(`/api/places/${a}`), await version(`/api/places/${b}`)];
      const answers = await Promise.all([
        call('POST', '/api/merge', { survivor: a, duplicate: b, survivorVersion: v, duplicateVersion: vb }),
        call('POST', '/api/links', {
          from: 'initiative-procura-plus',
          type: 'HAS_PARTICIPANT',
          to: b,
          toVersion: vb,
          sources: ['src-basque-declaration'],
        }),
      ]);
      const duplicateName = `Race linked${round} ${tag}`;
      expect({ round, ...(await afterMergeRace(a, b, answers)) }).toBeOneOf([
        { round, merge: 200, other: 409, survivorNames: expect.arrayContaining([duplicateName]), duplicate: { status: 301 } },
        {
          round,
          merge: 409,
          other: 201,
          survivorNames: expect.not.arrayContaining([duplicateName]),
          duplicate: { status: 200, initiatives: ['initiative-procura-plus'] },
        },
      ]);
    }
  }, 240_000);
});
