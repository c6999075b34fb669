// Audit report → text (table on a TTY, plain aligned text otherwise), JSON and SARIF. Pure: report in,
// string out. Values are masked unless the caller asks otherwise (`--no-redact`).
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { count } from '../core/plural.js';
import { SEVERITY_ORDER, type Severity } from '../engine/types.js';
import type { AuditFinding, AuditFindingId, AuditReport } from './types.js';

export interface FormatOptions {
  /** Replaces this prefix of every path with `~`. */
  home?: string;
  /** Show secrets in clear instead of masked. */
  showSecrets?: boolean;
  /** ANSI colours and box rules (TTY). */
  tty?: boolean;
  version?: string;
}

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const FINDING_DESCRIPTIONS: Record<AuditFindingId, string> = {
  'plaintext-secret': 'A credential is written in plain text in an MCP host config.',
  'insecure-transport': 'A remote MCP server is reached over http:// to a non-loopback address (no TLS).',
  'approval-bypass': 'A setting lets MCP tools run without the user approving each call.',
  'unpinned-package': 'A server is fetched from a package registry at every start without an exact version.',
  'shell-wrapper': 'A server is started through a shell (-c script, cmd /c, PowerShell -Command).',
  'remote-script': 'A server start downloads a script and pipes it into a shell.',
  'sudo-launch': 'A server is started with root privileges (sudo, doas…).',
  'privileged-container': 'A containerised server gets host-level access (--privileged, host root or Docker socket mount).',
  'world-readable-config': 'A file holding secrets is readable by other users (mode & 077).',
  'side-file-secret': 'A credential sits in a side file of a host (token cache, MCP log, secrets file).',
  'malformed-config': 'A host config does not parse.',
};

function tilde(path: string, home?: string): string {
  if (home && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}\\`))) return `~${path.slice(home.length)}`;
  return path;
}

function shown(f: AuditFinding, options: FormatOptions): string {
  if (options.showSecrets && f.secret !== undefined) return f.secret;
  return f.value ?? '';
}

export function summaryCounts(findings: AuditFinding[]): Record<Severity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const COLOR: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

/** Aligns rows into columns; the last column is never padded. */
function columns(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function formatText(report: AuditReport, options: FormatOptions = {}): string {
  const tty = options.tty ?? false;
  const paint = (code: string, s: string) => (tty ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  const servers = report.configs.reduce((n, c) => n + c.servers, 0);
  out.push(paint(BOLD, `MCP host configs: ${report.configs.length} found, ${count(servers, 'server')}`));
  if (report.configs.length) {
    const rows = [['HOST', 'SCOPE', 'SERVERS', 'PATH']];
    for (const c of report.configs) {
      const status = c.status === 'ok' ? '' : ` (${c.status})`;
      rows.push([c.host, c.scope, String(c.servers), `${tilde(c.path, options.home)}${status}`]);
    }
    const lines = columns(rows);
    out.push(tty ? paint(DIM, lines[0]) : lines[0], ...lines.slice(1));
  } else {
    out.push('  none found (use --home / --project to look elsewhere)');
  }
  const withFindings = report.sideFiles.filter((s) => s.findings > 0);
  if (report.sideFiles.length) {
    out.push('', paint(BOLD, `Side files: ${report.sideFiles.length} read, ${withFindings.length} with findings`));
    out.push(...columns(withFindings.map((s) => [s.host, `${tilde(s.path, options.home)}  (${s.description})`])));
  }

  out.push('');
  if (!report.findings.length) {
    out.push(paint(BOLD, 'No findings.'));
    return `${out.join('\n')}\n`;
  }
  const counts = summaryCounts(report.findings);
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  out.push(paint(BOLD, `Findings: ${report.findings.length} (${parts.join(', ')})`));
  // Most severe first: files by their worst finding, findings within a file by severity (the report's
  // path/line order breaks ties; JSON and SARIF keep that order). One set of column widths for all files.
  const sorted = [...report.findings].sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
  const byFile = new Map<string, AuditFinding[]>();
  for (const f of sorted) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  const ordered = [...byFile.values()].flat();
  const table = columns(
    ordered.map((f) => [
      f.severity,
      f.id,
      f.server ?? '-',
      f.keyPath ? `${f.keyPath}${f.line ? `:${f.line}` : ''}` : f.line ? `line ${f.line}` : '-',
      truncate(shown(f, options), 60),
    ]),
  );
  const rowOf = new Map(ordered.map((f, i) => [f, table[i]]));
  for (const [path, list] of byFile) {
    out.push('', `${tty ? BOLD : ''}${tilde(path, options.home)}${tty ? RESET : ''}  ${paint(DIM, `[${list[0].host}, ${list[0].scope}]`)}`);
    for (const f of list) {
      const row = rowOf.get(f)!;
      out.push(tty ? row.replace(f.severity, `${COLOR[f.severity]}${f.severity}${RESET}`) : row);
      out.push(`      ${f.message}`);
      if (f.verification) out.push(`      ${verifyLine(f.verification, tty)}`);
      out.push(`      ${paint(DIM, `fix: ${f.fix}`)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function verifyLine(v: NonNullable<AuditFinding['verification']>, tty: boolean): string {
  const facts = Object.entries(v.account ?? {}).map(([k, x]) => `${k} ${x}`).join(', ');
  const status = tty && v.status === 'live' ? `${COLOR.critical}live${RESET}` : v.status;
  return ['verify:', status, facts ? `(${facts})` : '', v.detail ? `- ${v.detail}` : ''].filter(Boolean).join(' ');
}

/** JSON for machines: stable keys, secrets only with showSecrets. */
export function formatJson(report: AuditReport, options: FormatOptions = {}): string {
  const findings = report.findings.map(({ secret, keyPathParts: _parts, ...f }) => (options.showSecrets && secret !== undefined ? { ...f, secret } : f));
  const body = {
    tool: 'keyward',
    version: options.version,
    summary: {
      configs: report.configs.length,
      servers: report.configs.reduce((n, c) => n + c.servers, 0),
      findings: report.findings.length,
      bySeverity: summaryCounts(report.findings),
    },
    configs: report.configs.map((c) => ({ ...c, mode: c.mode === undefined ? undefined : c.mode.toString(8).padStart(3, '0') })),
    sideFiles: report.sideFiles,
    findings,
    warnings: report.warnings,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const DEFAULT_SEVERITY: Record<AuditFindingId, Severity> = {
  'plaintext-secret': 'high',
  'insecure-transport': 'medium',
  'approval-bypass': 'medium',
  'unpinned-package': 'medium',
  'shell-wrapper': 'low',
  'remote-script': 'high',
  'sudo-launch': 'high',
  'privileged-container': 'high',
  'world-readable-config': 'medium',
  'side-file-secret': 'high',
  'malformed-config': 'low',
};

/**
 * SARIF 2.1.0. Host configs live outside any repository, so locations are absolute file:// URIs. (The scan
 * report's SARIF writer in src/report/ is built around engine findings with columns and repo-relative paths;
 * audit findings have neither, hence this small writer.)
 */
export function formatSarif(report: AuditReport, options: FormatOptions = {}): string {
  const ids = [...new Set(report.findings.map((f) => f.id))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: FINDING_DESCRIPTIONS[id] },
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[id]] },
    properties: { tags: ['security', 'mcp'], 'security-severity': SECURITY_SEVERITY[DEFAULT_SEVERITY[id]] },
  }));
  const results = report.findings.map((f) => {
    const value = shown(f, options);
    const region = f.line ? { region: { startLine: f.line } } : {};
    const properties: Record<string, string> = { host: f.host, scope: f.scope };
    if (f.server) properties.server = f.server;
    if (f.keyPath) properties.keyPath = f.keyPath;
    if (f.ruleId) properties.detectionRule = f.ruleId;
    if (f.verification) {
      properties.verification = f.verification.status;
      for (const [k, v] of Object.entries(f.verification.account ?? {})) properties[`verification.${k}`] = v;
    }
    return {
      ruleId: f.id,
      ruleIndex: index.get(f.id),
      level: f.verification?.status === 'live' ? 'error' : LEVEL[f.severity],
      message: { text: `${f.message}${f.keyPath ? ` at ${f.keyPath}` : ''}${value ? ` (${value})` : ''}. Fix: ${f.fix}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(f.path).href }, ...region } }],
      partialFingerprints: { 'keyward-audit/v1': f.fingerprint ?? stableId(f) },
      properties: { ...properties, 'security-severity': SECURITY_SEVERITY[f.severity] },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'keyward audit', version: options.version, informationUri: 'https://www.npmjs.com/package/keyward', rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function stableId(f: AuditFinding): string {
  return createHash('sha256').update([f.id, f.host, f.path, f.keyPath ?? '', f.value ?? ''].join('\u0000')).digest('hex').slice(0, 32);
}

export function parseSeverity(s: string): Severity | undefined {
  return (Object.keys(SEVERITY_ORDER) as Severity[]).find((x) => x === s.toLowerCase());
}
