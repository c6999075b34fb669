// The default human report: findings grouped by file, each with line:col, severity, rule, the masked
// value, where in a config it sits and, for history, which commit brought it in. Colour only when asked.
import { SEVERITY_ORDER, type Finding, type Severity } from '../engine/types.js';
import { shownSecret, verificationOf, type ReportInput, type ReportStats } from './types.js';
import type { VerifyStatus } from '../verify/types.js';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', green: '\x1b[32m' };
const SEVERITY_STYLE: Record<Severity, string> = {
  critical: ANSI.bold + ANSI.red,
  high: ANSI.red,
  medium: ANSI.yellow,
  low: ANSI.cyan,
  info: ANSI.dim,
};

export function textReport(input: ReportInput): string {
  const paint = (style: string, s: string) => (input.color ? `${style}${s}${ANSI.reset}` : s);
  const groups = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const list = groups.get(f.path) ?? [];
    list.push(f);
    groups.set(f.path, list);
  }
  const lines: string[] = [];
  for (const [path, findings] of groups) {
    lines.push(paint(ANSI.bold, path));
    for (const f of findings) {
      const pos = `${f.line}:${f.column}`.padEnd(8);
      const sev = paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8));
      const verification = verificationOf(f, input);
      const status = verification ? `${paint(VERIFY_STYLE[verification.status], verification.status.padEnd(7))} ` : '';
      const conf = f.example ? paint(ANSI.dim, `example (${f.example})`) : paint(ANSI.dim, `${f.confidence} confidence`);
      lines.push(`  ${pos} ${sev} ${status}${f.ruleId}  ${f.title}  ${shownSecret(f, input)}  ${conf}`);
      const indent = ' '.repeat(11);
      if (verification?.account || verification?.detail) lines.push(`${indent}${verifiedLine(verification.account, verification.detail)}`);
      if (f.context) lines.push(`${indent}at ${f.context}`);
      if (f.commit) lines.push(`${indent}commit ${f.commit.slice(0, 12)}  ${f.author} <${f.email}>  ${f.date}`);
      lines.push(`${indent}${paint(ANSI.dim, `fingerprint ${f.fingerprint}`)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(input, groups.size, paint));
  return `${lines.join('\n')}\n`;
}

const VERIFY_STYLE: Record<VerifyStatus, string> = { live: ANSI.bold + ANSI.red, invalid: ANSI.green, unknown: ANSI.dim, error: ANSI.yellow };

function verifiedLine(account: Record<string, string> | undefined, detail: string | undefined): string {
  const facts = Object.entries(account ?? {}).map(([k, v]) => `${k} ${v}`);
  return ['verify:', [facts.join(', '), detail ?? ''].filter(Boolean).join(' — ')].join(' ');
}

function summaryLine(input: ReportInput, fileCount: number, paint: (style: string, s: string) => string): string {
  const n = input.findings.length;
  const bySeverity = new Map<Severity, number>();
  for (const f of input.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const parts = [...bySeverity]
    .sort(([a], [b]) => SEVERITY_ORDER[b] - SEVERITY_ORDER[a])
    .map(([s, c]) => `${c} ${s}`)
    .join(', ');
  const head = n
    ? paint(ANSI.bold + ANSI.red, `${n} finding${n === 1 ? '' : 's'}`) + ` (${parts}) in ${fileCount} file${fileCount === 1 ? '' : 's'}`
    : paint(ANSI.green, 'no secrets found');
  const live = input.verifications ? input.findings.filter((f) => verificationOf(f, input)?.status === 'live').length : undefined;
  const verified = live === undefined ? '' : paint(live ? ANSI.bold + ANSI.red : ANSI.green, `${live} verified live`);
  return [head, verified, scannedLine(input.stats, input.mode), skippedLine(input.stats)].filter(Boolean).join(' · ');
}

function scannedLine(stats: ReportStats, mode: ReportInput['mode']): string {
  const what = mode === 'history' ? 'blob' : 'file';
  const commits = stats.commits !== undefined ? ` from ${stats.commits} commit${stats.commits === 1 ? '' : 's'}` : '';
  return `scanned ${stats.files} ${what}${stats.files === 1 ? '' : 's'} (${formatSize(stats.bytes)})${commits}`;
}

function skippedLine(stats: ReportStats): string {
  const labels: Record<string, string> = {
    binary: 'binary',
    'too-large': 'over the size cap',
    symlink: 'symlinks',
    'symlink-loop': 'symlink loops',
    special: 'special files',
    unreadable: 'unreadable',
  };
  const parts = Object.entries(labels)
    .filter(([k]) => (stats.skipped[k] ?? 0) > 0)
    .map(([k, label]) => `${stats.skipped[k]} ${label}`);
  const { ignoreFile, baseline } = stats.suppressed;
  const quiet = [ignoreFile ? `${ignoreFile} by .keywardignore` : '', baseline ? `${baseline} by the baseline` : ''].filter(Boolean);
  return [parts.length ? `skipped ${parts.join(', ')}` : '', quiet.length ? `suppressed ${quiet.join(', ')}` : '']
    .filter(Boolean)
    .join(' · ');
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}
