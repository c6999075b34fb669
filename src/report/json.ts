// `--format json`: a stable, sorted document that is also the baseline format (`--baseline FILE`).
// `secret` appears only with --no-redact; the fingerprint is always there so it can be ignored later.
import { shownSecret, verificationOf, type ReportInput } from './types.js';

export const JSON_REPORT_VERSION = 1;

export function jsonReport(input: ReportInput): string {
  const findings = input.findings.map((f) => {
    const out: Record<string, unknown> = {
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      confidence: f.confidence,
      ...(f.example ? { example: f.example } : {}),
      ...(f.encoding ? { encoding: f.encoding } : {}),
      path: f.path,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    };
    if (f.context) out.context = f.context;
    out.redacted = f.redacted;
    if (input.showSecrets) out.secret = shownSecret(f, input);
    out.fingerprint = f.fingerprint;
    if (f.commit) Object.assign(out, { commit: f.commit, author: f.author, email: f.email, date: f.date });
    const verification = verificationOf(f, input);
    if (verification) out.verification = verification;
    return out;
  });
  const skipped = Object.fromEntries(Object.entries(input.stats.skipped).sort(([a], [b]) => (a < b ? -1 : 1)));
  const doc = {
    tool: input.tool.name,
    version: input.tool.version,
    reportVersion: JSON_REPORT_VERSION,
    mode: input.mode,
    summary: {
      findings: findings.length,
      files: input.stats.files,
      bytes: input.stats.bytes,
      ...(input.stats.commits !== undefined ? { commits: input.stats.commits } : {}),
      skipped,
      suppressed: input.stats.suppressed,
    },
    findings,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
