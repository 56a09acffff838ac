import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { constants } from 'node:buffer';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { finished } from 'node:stream/promises';
import type { Database } from '../../data/database.js';
import { backupText, BackupError, parseBackup, type Backup } from './format.js';
import { readBackupGraph } from './read.js';
import { readMarkers } from './recovery.js';

export interface BackupFile {
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  nodes: number;
  relationships: number;
  accounts: boolean;
  reviewQueue: boolean;
}

/** `pathway-atlas-backup-20200115T103000Z.json`: sortable, and safe in any file system. */
export function backupFilename(at: Date): string {
  return `pathway-atlas-backup-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')}.json`;
}

/** Where a backup goes: a folder (existing, or named with a trailing slash) gets a timestamped file. */
export function backupTarget(out: string, at: Date): string {
  const isDir = out.endsWith('/') || out.endsWith(path.sep) || (existsSync(out) && statSync(out).isDirectory());
  return isDir ? path.join(out, backupFilename(at)) : out;
}

const sha256Line = (hex: string, file: string) => `${hex}  ${path.basename(file)}\n`;

/**
 * Writes a backup of the graph to `target` (mode 600: it may hold password hashes) with its SHA-256
 * in `<target>.sha256`, in the format `sha256sum -c` reads. The file appears only once complete.
 * The review queue (:IngestBatch) is left out unless `reviewQueue` is true.
 */
export async function writeBackup(
  db: Database,
  target: string,
  opts: { accounts: boolean; reviewQueue?: boolean; now?: Date },
): Promise<BackupFile> {
  const now = opts.now ?? new Date();
  const reviewQueue = opts.reviewQueue ?? false;
  // Mid-switch the graph is part old, part restored; while loading, the live graph is whole.
  const switching = (await readMarkers(db)).find((m) => m.phase !== 'staging');
  if (switching) {
    throw new BackupError(
      `A restore of ${switching.source} is switching the graph over (or was interrupted doing so): let it finish, or run npm run restore -- --recover, then back up.`,
    );
  }
  const graph = await readBackupGraph(db, { accounts: opts.accounts, reviewQueue });
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const hash = createHash('sha256');
  let bytes = 0;
  let buffered = '';
  const flush = async () => {
    hash.update(buffered);
    bytes += Buffer.byteLength(buffered);
    if (!out.write(buffered)) await once(out, 'drain');
    buffered = '';
  };
  for (const piece of backupText(graph, { createdAt: now.toISOString(), accounts: opts.accounts, reviewQueue })) {
    buffered += piece;
    if (buffered.length >= 1 << 16) await flush();
  }
  await flush();
  out.end();
  await finished(out);
  chmodSync(partial, 0o600);
  renameSync(partial, target);
  const sha256 = hash.digest('hex');
  const checksumFile = `${target}.sha256`;
  writeFileSync(checksumFile, sha256Line(sha256, target));
  return {
    file: target,
    checksumFile,
    sha256,
    bytes,
    nodes: graph.nodes.length,
    relationships: graph.relationships.length,
    accounts: opts.accounts,
    reviewQueue,
  };
}

/** Reading and checking a backup holds it in memory several times over (text, parsed records, typed values): measured about 4 times its size at the peak. */
const MEMORY_PER_BYTE = 6;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;

/** Refuses, before reading it, a file larger than this process can hold in memory or than one JavaScript string. */
export function checkReadable(file: string, bytes: number, heapLimit = getHeapStatistics().heap_size_limit): void {
  if (bytes > constants.MAX_STRING_LENGTH) {
    throw new BackupError(
      `${file} is ${mib(bytes)}; this version reads backups of up to ${mib(constants.MAX_STRING_LENGTH)}. Nothing was restored.`,
    );
  }
  if (bytes * MEMORY_PER_BYTE > heapLimit) {
    const needed = Math.ceil((bytes * MEMORY_PER_BYTE * 1.25) / 2 ** 20);
    throw new BackupError(
      `${file} is ${mib(bytes)}: reading it needs about ${mib(bytes * MEMORY_PER_BYTE)} of memory, more than this process may use (${mib(heapLimit)}). Run the restore with NODE_OPTIONS=--max-old-space-size=${needed} on a machine with that much memory to spare. Nothing was restored.`,
    );
  }
}

/** Reads a backup after checking it against the SHA-256 beside it, then checks every record in it. */
export function readVerifiedBackup(file: string): Backup {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  const stat = statSync(file);
  if (!stat.isFile()) throw new BackupError(`${file} is not a file; name a backup file (pathway-atlas-backup-<time>.json).`);
  checkReadable(file, stat.size);
  const checksumFile = `${file}.sha256`;
  if (!existsSync(checksumFile)) {
    throw new BackupError(
      `${file} has no checksum beside it (${checksumFile}, written by npm run backup), so it cannot be checked; nothing was restored.`,
    );
  }
  const expected = /^([0-9a-fA-F]{64})\b/.exec(readFileSync(checksumFile, 'utf8').trim())?.[1]?.toLowerCase();
  if (!expected) throw new BackupError(`${checksumFile} does not hold a SHA-256 checksum; nothing was restored.`);
  const bytes = readFileSync(file);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) {
    throw new BackupError(
      `${file} does not match its checksum (SHA-256 ${actual.slice(0, 16)}… where ${checksumFile} says ${expected.slice(0, 16)}…): the file is damaged or was changed; nothing was restored.`,
    );
  }
  return parseBackup(bytes.toString('utf8'), path.basename(file));
}
