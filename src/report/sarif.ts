// `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it — rule metadata with a default level
// and security-severity, results with relative URIs, 1-based regions and a content-bound
// partialFingerprint, so an alert keeps its identity when the secret moves.
import type { Finding, Severity } from '../engine/types.js';
import { shownSecret, verificationOf, type ReportInput, type RuleMeta } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub ranks security alerts by this 0–10 score (≥9 critical, ≥7 high, ≥4 medium). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

const HELP =
  'Treat the credential as exposed: revoke or rotate it at its provider, replace it in the file with a ' +
  'reference to an environment variable or secret store, and remove it from git history if it was committed. ' +
  'If it is not a secret, add `keyward:allow` on its line or its fingerprint to .keywardignore.';

/** Relative, `/`-separated, each segment percent-encoded: what a SARIF artifactLocation.uri needs. */
export function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function sarifReport(input: ReportInput): string {
  const ruleIds = [...new Set(input.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => sarifRule(input.rules.get(id) ?? fallbackMeta(id, input.findings)));
  const results = input.findings.map((f) => sarifResult(f, index.get(f.ruleId)!, input));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            informationUri: 'https://www.npmjs.com/package/keyward',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function fallbackMeta(id: string, findings: Finding[]): RuleMeta {
  const f = findings.find((x) => x.ruleId === id)!;
  return { id, title: f.title, severity: f.severity };
}

function sarifRule(meta: RuleMeta) {
  const description = meta.description ?? `${meta.title}${meta.provider ? ` (${meta.provider})` : ''} found in plain text.`;
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: description },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    help: { text: HELP, markdown: HELP },
    properties: {
      tags: ['security', 'secret', ...(meta.provider ? [meta.provider] : [])],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[meta.severity],
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number, input: ReportInput) {
  const where = f.context ? ` at ${f.context}` : '';
  const commit = f.commit ? ` (introduced in commit ${f.commit.slice(0, 12)} by ${f.author} on ${f.date})` : '';
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    // A credential its provider confirmed live is an error whatever the rule's default level; a published
    // test vector is shown, not alerted on.
    level: verificationOf(f, input)?.status === 'live' ? 'error' : f.example ? 'note' : LEVEL[f.severity],
    message: { text: `${f.title}: ${shownSecret(f, input)}${where}${commit}${f.encoding ? ` (${f.encoding}-encoded)` : ''}${f.example ? ` (published example: ${f.example})` : ''}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(input.uriPrefix ? `${input.uriPrefix}/${f.path}` : f.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn + 1 },
        },
      },
    ],
    partialFingerprints: { 'keyward/v1': f.fingerprint },
  };
  const properties: Record<string, string> = { confidence: f.confidence };
  if (f.example) properties.example = f.example;
  if (f.encoding) properties.encoding = f.encoding;
  if (f.context) properties.context = f.context;
  if (f.commit) Object.assign(properties, { commit: f.commit, author: f.author ?? '', email: f.email ?? '', date: f.date ?? '' });
  const verification = verificationOf(f, input);
  if (verification) {
    properties.verification = verification.status;
    for (const [k, v] of Object.entries(verification.account ?? {})) properties[`verification.${k}`] = v;
    if (verification.detail) properties['verification.detail'] = verification.detail;
  }
  result.properties = properties;
  return result;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}
