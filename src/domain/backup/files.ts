import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Database } from '../../data/database.js';
import { backupText, BackupError, parseBackup, type Backup } from './format.js';
import { readBackupGraph } from './read.js';

export interface BackupFile {
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  nodes: number;
  relationships: number;
  accounts: boolean;
}

/** `pathway-atlas-backup-20200115T103000Z.json`: sortable, and safe in any file system. */
export function backupFilename(at: Date): string {
  return `pathway-atlas-backup-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}.json`;
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
 */
export async function writeBackup(db: Database, target: string, opts: { accounts: boolean; now?: Date }): Promise<BackupFile> {
  const now = opts.now ?? new Date();
  const graph = await readBackupGraph(db, { accounts: opts.accounts });
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
  for (const piece of backupText(graph, { createdAt: now.toISOString(), accounts: opts.accounts })) {
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
  return { file: target, checksumFile, sha256, bytes, nodes: graph.nodes.length, relationships: graph.relationships.length, accounts: opts.accounts };
}

/** Reads a backup after checking it against the SHA-256 beside it, then checks every record in it. */
export function readVerifiedBackup(file: string): Backup {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  const checksumFile = `${file}.sha256`;
  if (!existsSync(checksumFile)) {
    throw new BackupError(`${file} has no checksum beside it (${checksumFile}, written by npm run backup), so it cannot be checked; nothing was restored.`);
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
