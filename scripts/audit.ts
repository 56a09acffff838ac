/**
 * `npm run audit`: the advisories of the packages the app runs with (`npm audit --omit=dev`).
 * Fails (exit 1) on any high or critical advisory. When the registry has no audit endpoint or
 * cannot be reached, prints one line saying the audit could not be run and why, and exits 0.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Vulnerability {
  name: string;
  severity: 'info' | 'low' | 'moderate' | 'high' | 'critical';
  via: (string | { title?: string; url?: string })[];
  fixAvailable?: unknown;
}

interface AuditReport {
  vulnerabilities?: Record<string, Vulnerability>;
  metadata?: { vulnerabilities?: Record<string, number> };
  /** Present when the registry refused or could not be reached. */
  error?: { code?: string; summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
  uri?: string;
}

export type AuditOutcome = { exitCode: 0 | 1; lines: string[] };

/** Reads `npm audit --json` output into what to print and how to exit. */
export function judge(stdout: string, stderr = ''): AuditOutcome {
  let report: AuditReport;
  try {
    report = JSON.parse(stdout) as AuditReport;
  } catch {
    const why = (stderr.split('\n').find((l) => /error/i.test(l)) ?? stderr.split('\n')[0] ?? '').trim();
    return { exitCode: 1, lines: [`npm audit gave no report to read${why ? `: ${why}` : ''}.`] };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const host = report.uri ? new URL(report.uri).host : 'the registry';
    const reason = report.statusCode
      ? `${host} answered ${report.message?.split(' - ')[0] ?? `HTTP ${report.statusCode}`} to the advisory request (it has no audit endpoint)`
      : `${report.error?.code ?? 'an error'}: ${report.error?.summary || report.message || 'no advisory data came back'}`;
    return { exitCode: 0, lines: [`Audit not run: ${reason}; no advisories were checked.`] };
  }
  const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === 'high' || v.severity === 'critical');
  const summary = (['critical', 'high', 'moderate', 'low'] as const).map((s) => `${counts[s] ?? 0} ${s}`).join(', ');
  const lines = [`npm audit (production dependencies): ${summary}.`];
  for (const v of serious) {
    const titles = v.via.map((x) => (typeof x === 'string' ? `through ${x}` : [x.title, x.url].filter(Boolean).join(' '))).join('; ');
    lines.push(`  ${v.severity}: ${v.name}: ${titles}${v.fixAvailable ? ' (a fix is available: npm audit fix)' : ''}`);
  }
  return { exitCode: serious.length ? 1 : 0, lines };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    console.log(`Audit failed: npm could not be started (${run.error.message}).`);
    process.exit(1);
  }
  const outcome = judge(run.stdout, run.stderr);
  for (const line of outcome.lines) console.log(line);
  process.exit(outcome.exitCode);
}
