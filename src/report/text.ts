// The default human report: findings grouped by file, each with line:col, severity, rule, the masked
// value, where in a config it sits and, for history, which commit brought it in. Colour only when asked.
// Most severe first: files are ordered by their worst finding, findings within a file by severity, then
// position. (JSON and SARIF keep the input's path/line order: machines sort for themselves.)
import { count } from '../core/plural.js';
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
  for (const f of bySeverity(input.findings)) {
    const list = groups.get(f.path) ?? [];
    list.push(f);
    groups.set(f.path, list);
  }
  // One width for the whole report, so a long position never runs into the severity and every file's
  // columns line up; at least the old fixed 7 so short reports keep their shape.
  const posWidth = Math.max(7, ...input.findings.map((f) => position(f).length));
  const indent = ' '.repeat(2 + posWidth + GAP.length);
  const lines: string[] = [];
  for (const [path, findings] of groups) {
    lines.push(paint(ANSI.bold, path));
    for (const f of findings) {
      const sev = paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(SEVERITY_WIDTH));
      const verification = verificationOf(f, input);
      const status = verification ? `${paint(VERIFY_STYLE[verification.status], verification.status.padEnd(STATUS_WIDTH))}${GAP}` : '';
      const conf = f.example ? paint(ANSI.dim, `example (${f.example})`) : paint(ANSI.dim, `${f.confidence} confidence`);
      lines.push(`  ${position(f).padEnd(posWidth)}${GAP}${sev}${GAP}${status}${f.ruleId}${GAP}${f.title}${GAP}${shownSecret(f, input)}${GAP}${conf}`);
      if (verification?.account || verification?.detail) lines.push(`${indent}${verifiedLine(verification.account, verification.detail)}`);
      if (f.context) lines.push(`${indent}at ${f.context}`);
      if (f.encoding) lines.push(`${indent}found ${f.encoding}-decoded: the position is the encoded text's`);
      if (f.commit) lines.push(`${indent}commit ${f.commit.slice(0, 12)}  ${f.author} <${f.email}>  ${f.date}`);
      lines.push(`${indent}${paint(ANSI.dim, `fingerprint ${f.fingerprint}`)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(input, groups.size, paint));
  return `${lines.join('\n')}\n`;
}

/** Columns are separated by at least this, so no two ever run together. */
const GAP = '  ';
const SEVERITY_WIDTH = Math.max(...Object.keys(SEVERITY_ORDER).map((s) => s.length));
const STATUS_WIDTH = Math.max(...(['live', 'invalid', 'unknown', 'error'] satisfies VerifyStatus[]).map((s) => s.length));

function position(f: Finding): string {
  return `${f.line}:${f.column}`;
}

/** Most severe first; equal severities keep the input order (path, line, column). Stable sort. */
function bySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
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
    ? paint(ANSI.bold + ANSI.red, count(n, 'finding')) + ` (${parts}) in ${count(fileCount, 'file')}`
    : paint(ANSI.green, 'no secrets found');
  const live = input.verifications ? input.findings.filter((f) => verificationOf(f, input)?.status === 'live').length : undefined;
  const verified = live === undefined ? '' : paint(live ? ANSI.bold + ANSI.red : ANSI.green, `${live} verified live`);
  return [head, verified, scannedLine(input.stats, input.mode), skippedLine(input.stats)].filter(Boolean).join(' · ');
}

function scannedLine(stats: ReportStats, mode: ReportInput['mode']): string {
  const commits = stats.commits !== undefined ? ` from ${count(stats.commits, 'commit')}` : '';
  return `scanned ${count(stats.files, mode === 'history' ? 'blob' : 'file')} (${formatSize(stats.bytes)})${commits}`;
}

function skippedLine(stats: ReportStats): string {
  // [one, many]: `1 symlink`, `2 symlinks`.
  const labels: Record<string, [string, string]> = {
    binary: ['binary', 'binary'],
    'too-large': ['over the size cap', 'over the size cap'],
    symlink: ['symlink', 'symlinks'],
    'symlink-loop': ['symlink loop', 'symlink loops'],
    special: ['special file', 'special files'],
    unreadable: ['unreadable', 'unreadable'],
  };
  const parts = Object.entries(labels)
    .filter(([k]) => (stats.skipped[k] ?? 0) > 0)
    .map(([k, [one, many]]) => `${stats.skipped[k]} ${stats.skipped[k] === 1 ? one : many}`);
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
