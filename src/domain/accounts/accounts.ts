import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { DomainError, notFound } from '../errors.js';
import { hashSecret } from './hashing.js';

/** A reader may sign in (to follow drafts or hold a token) but change nothing. */
export const ROLES = ['reader', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Admin can do everything a curator can; a curator everything a reader can. */
const RANK: Record<Role, number> = { reader: 0, curator: 1, admin: 2 };
export const hasRole = (held: Role, needed: Role): boolean => (RANK[held] ?? 0) >= RANK[needed];

/** Who is signed in, as views and handlers see it. */
export interface User {
  id: string;
  name: string;
  role: Role;
}

export interface AccountSummary extends User {
  createdAt: string;
  lastSignInAt: string | null;
  activeTokens: number;
}

const createAccountQuery = defineQuery<
  { id: string; name: string; role: Role; passwordHash: string },
  { account: User & { createdAt: string } }
>('accounts/create-account');
const listAccountsQuery = defineQuery<Record<string, never>, { account: AccountSummary }>('accounts/list-accounts');
const accountById = defineQuery<{ id: string }, { account: User }>('accounts/get-account-by-id');
const accountByName = defineQuery<{ name: string }, { account: User }>('accounts/get-account-by-name');
const removeAccountQuery = defineQuery<{ id: string }, { lastAdmin: boolean }>('accounts/remove-account');
const setPasswordQuery = defineQuery<{ id: string; passwordHash: string }, { account: User }>('accounts/set-password');
const setRoleQuery = defineQuery<{ id: string; role: Role }, { lastAdmin: boolean; account: User }>('accounts/set-role');

export const MIN_PASSWORD_LENGTH = 12;

export const accountName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._@-]{1,63}$/,
    'must be 2 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit',
  );
export const role = z.enum(ROLES, { error: 'must be reader, curator or admin' });
export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'must be at most 1024 characters');

export const newAccountSchema = z.object({ name: accountName, role, password });
export type NewAccount = z.infer<typeof newAccountSchema>;

function isConstraintViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

/** Creates an account; the password is stored only as a slow salted hash. */
function refuseNameInPassword(name: string, password: string): void {
  if (name.length >= 4 && password.toLowerCase().includes(name)) {
    throw new DomainError('invalid-input', 'password: must not contain the account name.', { field: 'password' });
  }
}

export async function createAccount(db: Database, input: NewAccount): Promise<AccountSummary> {
  refuseNameInPassword(input.name, input.password);
  const passwordHash = await hashSecret(input.password);
  try {
    const [row] = await db.write(createAccountQuery, { id: randomUUID(), name: input.name, role: input.role, passwordHash });
    return { ...row!.account, lastSignInAt: null, activeTokens: 0 };
  } catch (err) {
    if (isConstraintViolation(err))
      throw new DomainError('conflict', `An account named "${input.name}" already exists.`, { field: 'name' });
    throw err;
  }
}

export async function listAccounts(db: Database): Promise<AccountSummary[]> {
  return (await db.read(listAccountsQuery)).map((r) => r.account);
}

export async function findAccountById(db: Database, id: string): Promise<User | undefined> {
  const [row] = await db.read(accountById, { id });
  return row?.account;
}

export async function getAccountByName(db: Database, name: string): Promise<User> {
  const [row] = await db.read(accountByName, { name: name.trim().toLowerCase() });
  if (!row) throw new DomainError('not-found', `No account named "${name}".`, { kind: 'account', name });
  return row.account;
}

/** Removes an account and its tokens; the last admin cannot be removed. */
export async function removeAccount(db: Database, id: string): Promise<void> {
  const [row] = await db.write(removeAccountQuery, { id });
  if (!row) throw notFound('account', id);
  if (row.lastAdmin) throw new DomainError('conflict', 'This is the last admin account: add another admin before removing it.');
}

export const passwordChangeSchema = z.strictObject({
  current: z.string().max(1024, 'must be at most 1024 characters'),
  password,
});

/** Sets a new password and ends every session of the account; the caller starts a new one if it should. */
export async function setPassword(db: Database, account: User, newPassword: string): Promise<User> {
  const parsed = password.safeParse(newPassword);
  if (!parsed.success) throw new DomainError('invalid-input', `password: ${parsed.error.issues[0]!.message}.`, { field: 'password' });
  refuseNameInPassword(account.name, newPassword);
  const [row] = await db.write(setPasswordQuery, { id: account.id, passwordHash: await hashSecret(newPassword) });
  if (!row) throw notFound('account', account.id);
  return row.account;
}

/** Changes an account's role, ending its sessions; the last admin keeps the role. */
export async function setRole(db: Database, id: string, newRole: Role): Promise<User> {
  const [row] = await db.write(setRoleQuery, { id, role: newRole });
  if (!row) throw notFound('account', id);
  if (row.lastAdmin) throw new DomainError('conflict', 'This is the last admin account: add another admin before changing its role.');
  return row.account;
}
