// A fixed set of findings (generated fake secrets, fixed commits) that the report tests render.
import type { Finding } from '../../src/engine/types.js';
import { fingerprint, redact } from '../../src/engine/redact.js';
import { fakeToken } from '../../src/rules/fake.js';
import type { ReportInput, RuleMeta } from '../../src/report/types.js';

function finding(partial: Omit<Finding, 'redacted' | 'fingerprint' | 'offset' | 'length' | 'confidence'> & { confidence?: Finding['confidence'] }): Finding {
  return {
    confidence: 'high',
    ...partial,
    redacted: redact(partial.secret),
    fingerprint: fingerprint(partial.ruleId, partial.secret),
    offset: 0,
    length: partial.secret.length,
  };
}

export const secrets = [fakeToken('ghp_', 36, 501), fakeToken('sk-ant-api03-', 93, 502), fakeToken('', 40, 503)];

export const sampleFindings: Finding[] = [
  finding({
    ruleId: 'github-pat', title: 'GitHub personal access token', severity: 'critical',
    path: 'config/claude_desktop_config.json', line: 6, column: 25, endLine: 6, endColumn: 64,
    secret: secrets[0], context: 'mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN',
  }),
  finding({
    ruleId: 'anthropic-api-key', title: 'Anthropic API key', severity: 'critical',
    path: 'docs/setup guide.md', line: 12, column: 30, endLine: 12, endColumn: 135, secret: secrets[1],
    commit: '0123456789abcdef0123456789abcdef01234567', author: 'Ada Tester', email: 'ada@example.invalid',
    date: '2026-01-02T10:00:00+00:00',
  }),
  finding({
    ruleId: 'generic-secret-key', title: 'Secret-named key with a high-entropy value', severity: 'medium', confidence: 'low',
    path: 'src/client.ts', line: 3, column: 18, endLine: 3, endColumn: 57, secret: secrets[2],
  }),
];

export const sampleRules = new Map<string, RuleMeta>([
  ['github-pat', { id: 'github-pat', title: 'GitHub personal access token', severity: 'critical', provider: 'GitHub' }],
  ['anthropic-api-key', { id: 'anthropic-api-key', title: 'Anthropic API key', severity: 'critical', provider: 'Anthropic' }],
  ['generic-secret-key', { id: 'generic-secret-key', title: 'Secret-named key with a high-entropy value', severity: 'medium' }],
]);

export function sampleInput(over: Partial<ReportInput> = {}): ReportInput {
  return {
    tool: { name: 'keyward', version: '0.0.0-test' },
    mode: 'files',
    findings: sampleFindings,
    stats: {
      files: 42,
      bytes: 123456,
      skipped: { binary: 2, 'too-large': 1, symlink: 0, special: 0, unreadable: 1, ignored: 3 },
      suppressed: { ignoreFile: 1, baseline: 0 },
    },
    rules: sampleRules,
    ...over,
  };
}
