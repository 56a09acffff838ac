import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectPath } from '../../src/paths.js';

/**
 * Independent checkers for what the atlas publishes: pySHACL and rdflib for the linked data, lxml
 * with RELAX NG for Atom, citeproc-py for citations. They live in a virtual environment of their own
 * (.venv-linked-data/, ignored by git) made on first use from test/support/linked-data-requirements.txt
 * with the machine's python3 (PYTHON overrides) and pip, and remade when that file changes; a fresh
 * clone needs nothing but Python 3 with venv and a reachable package index.
 */
export const VENV = projectPath('.venv-linked-data');
const REQUIREMENTS = projectPath('test/support/linked-data-requirements.txt');
const SCRIPT = projectPath('test/support/linked_data_check.py');
const STAMP = '.requirements-sha256';

const venvPython = (dir: string) => path.join(dir, 'bin', 'python');

function wanted(): string {
  return createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
}

/** The venv's python, made (or remade) first when missing or out of date. */
export function linkedDataPython(): string {
  const sha = wanted();
  const stamp = path.join(VENV, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sha && existsSync(venvPython(VENV))) return venvPython(VENV);
  // Built beside the final place and renamed into it, so a run that stops half-way (or a second run
  // at the same time) never leaves a venv that looks finished and is not.
  const building = `${VENV}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const python = process.env.PYTHON ?? 'python3';
  try {
    execFileSync(python, ['-m', 'venv', building], { stdio: 'pipe', timeout: 120_000 });
    execFileSync(
      venvPython(building),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', REQUIREMENTS],
      { stdio: 'pipe', timeout: 600_000 },
    );
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(
      `Could not make the Python tools of the linked-data tests (${python} -m venv, then pip install -r ${REQUIREMENTS}): ${e.stderr?.toString().trim() || e.message}`,
      { cause: err },
    );
  }
  writeFileSync(path.join(building, STAMP), `${sha}\n`);
  const old = `${VENV}.old-${process.pid}`;
  if (existsSync(VENV)) renameSync(VENV, old);
  try {
    renameSync(building, VENV);
  } catch {
    // Another run finished its venv first; use that one.
    rmSync(building, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return venvPython(VENV);
}

/** Runs one command of test/support/linked_data_check.py and returns the JSON it prints. */
export function pythonCheck<T>(command: 'shacl' | 'roundtrip' | 'atom' | 'cite', ...args: string[]): T {
  const out = execFileSync(linkedDataPython(), [SCRIPT, command, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}

/** A file in a fresh temporary folder, for handing documents to the checks. */
export function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-ld-')), name);
  writeFileSync(file, content);
  return file;
}
