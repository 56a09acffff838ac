import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { loadConfig } from '../config.js';
import { connectForCommand } from '../data/connect.js';
import type { Database } from '../data/database.js';
import { migrate } from '../data/migrate.js';
import {
  createAccount,
  getAccountByName,
  listAccounts,
  newAccountSchema,
  removeAccount,
  setPassword,
  setRole,
} from '../domain/accounts/accounts.js';
import { assertTokenId, createToken, listTokens, newTokenSchema, revokeToken } from '../domain/accounts/tokens.js';
import { runCli, UsageError } from './run.js';

const usage = `Usage:
  npm run users -- add NAME --role reader|curator|admin [--password-stdin]
  npm run users -- list
  npm run users -- remove NAME
  npm run users -- password NAME [--password-stdin]
  npm run users -- role NAME reader|curator|admin
  npm run users -- token NAME [--name LABEL] [--expires-days N]
  npm run users -- tokens NAME
  npm run users -- revoke TOKEN_ID`;

/** How each checked field is spelled on the command line. */
const FIELD_LABELS: Record<string, string> = { role: '--role', expiresDays: '--expires-days' };

function parse<S extends z.ZodType>(schema: S, value: unknown, labels: Record<string, string> = FIELD_LABELS): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new UsageError(`${labels[field] ?? (field || 'input')} ${issue.message}.`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let answer = '';
    const onData = (chars: string) => {
      for (const c of chars) {
        if (c === '\r' || c === '\n') {
          done();
          return resolve(answer);
        }
        if (c === '\u0003') {
          done();
          return reject(new UsageError('Cancelled.'));
        }
        answer = c === '\u007f' || c === '\b' ? answer.slice(0, -1) : answer + c;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError('No terminal to ask for the password on: pipe it in with --password-stdin.');
  const first = await askHidden('Password (at least 12 characters): ');
  const again = await askHidden('The same password again: ');
  if (first !== again) throw new UsageError('The two passwords differ.');
  return first;
}

const when = (t: string | null) => (t ? t.slice(0, 16).replace('T', ' ') : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

type Options = { role?: string; 'password-stdin'?: boolean; name?: string; 'expires-days'?: string };

const COMMANDS: Record<
  string,
  { args: number; options: (keyof Options)[]; run: (db: Database, args: string[], o: Options) => Promise<void> }
> = {
  add: {
    args: 1,
    options: ['role', 'password-stdin'],
    async run(db, [name], o) {
      if (!o.role) throw new UsageError('Say which role with --role reader, --role curator or --role admin.');
      const account = parse(newAccountSchema.pick({ name: true, role: true }), { name, role: o.role });
      const password = await newPassword(Boolean(o['password-stdin']));
      const created = await createAccount(db, parse(newAccountSchema, { ...account, password }));
      console.log(`Added ${created.role} "${created.name}".`);
    },
  },
  list: {
    args: 0,
    options: [],
    async run(db) {
      const accounts = await listAccounts(db);
      if (!accounts.length) return console.log('No accounts yet: add one with `npm run users -- add NAME --role admin`.');
      const rows = accounts.map((a) => [a.name, a.role, when(a.createdAt), when(a.lastSignInAt), String(a.activeTokens)]);
      console.log(table([['NAME', 'ROLE', 'CREATED (UTC)', 'LAST SIGN-IN', 'TOKENS'], ...rows]));
    },
  },
  remove: {
    args: 1,
    options: [],
    async run(db, [name]) {
      const account = await getAccountByName(db, name!);
      await removeAccount(db, account.id);
      console.log(`Removed account "${account.name}" and its tokens.`);
    },
  },
  password: {
    args: 1,
    options: ['password-stdin'],
    async run(db, [name], o) {
      const account = await getAccountByName(db, name!);
      const password = parse(newAccountSchema.shape.password, await newPassword(Boolean(o['password-stdin'])), { '': 'password' });
      await setPassword(db, account, password);
      console.log(`New password set for "${account.name}"; its sessions were ended.`);
    },
  },
  role: {
    args: 2,
    options: [],
    async run(db, [name, newRole]) {
      const role = parse(newAccountSchema.shape.role, newRole, { '': 'role' });
      const account = await getAccountByName(db, name!);
      if (account.role === role) return console.log(`"${account.name}" is already a ${role}.`);
      await setRole(db, account.id, role);
      console.log(`"${account.name}" is now a ${role}; its sessions were ended.`);
    },
  },
  token: {
    args: 1,
    options: ['name', 'expires-days'],
    async run(db, [name], o) {
      const input = parse(newTokenSchema, { name: o.name, expiresDays: o['expires-days'] }, { ...FIELD_LABELS, name: '--name' });
      const account = await getAccountByName(db, name!);
      const created = await createToken(db, account.id, input);
      console.error(`Token "${created.name}" for ${created.account} (id ${created.id}), expires ${when(created.expiresAt)} UTC.`);
      console.error('Copy it now: it is not shown again.');
      console.log(created.token);
    },
  },
  tokens: {
    args: 1,
    options: [],
    async run(db, [name]) {
      const account = await getAccountByName(db, name!);
      const tokens = await listTokens(db, account.id);
      if (!tokens.length) return console.log(`"${account.name}" has no tokens.`);
      const state = (t: (typeof tokens)[number]) => (t.revokedAt ? `revoked ${when(t.revokedAt)}` : t.expired ? 'expired' : 'active');
      const rows = tokens.map((t) => [
        t.id,
        t.name,
        `pa_${t.prefix}_…`,
        when(t.createdAt),
        when(t.expiresAt),
        when(t.lastUsedAt),
        state(t),
      ]);
      console.log(table([['ID', 'LABEL', 'PREFIX', 'CREATED', 'EXPIRES', 'LAST USED', 'STATE'], ...rows]));
    },
  },
  revoke: {
    args: 1,
    options: [],
    async run(db, [id]) {
      const token = await revokeToken(db, assertTokenId(id!));
      console.log(`Revoked token "${token.name}" of ${token.account}.`);
    },
  },
};

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        name: { type: 'string' },
        'expires-days': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
  const [command, ...args] = parsed.positionals;
  const spec = command ? COMMANDS[command] : undefined;
  if (!spec) throw new UsageError(command ? `Unknown command "${command}".\n${usage}` : usage);
  if (args.length !== spec.args) throw new UsageError(`"${command}" takes ${spec.args === 0 ? 'no arguments' : 'one argument'}.\n${usage}`);
  const extra = Object.keys(parsed.values).filter((k) => !spec.options.includes(k as keyof Options));
  if (extra.length) throw new UsageError(`"${command}" does not take --${extra.join(', --')}.\n${usage}`);
  return { spec, args, options: parsed.values };
}

await runCli(async () => {
  const { spec, args, options } = parseCommandLine(process.argv.slice(2));
  const conn = await connectForCommand(loadConfig(), (l) => console.error(l));
  try {
    await migrate(conn.db);
    await spec.run(conn.db, args, options);
  } finally {
    await conn.close();
  }
});
