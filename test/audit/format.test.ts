// Report formats on a fixed, hand-built report: golden files keep the output stable and reviewable.
import { describe, expect, it } from 'vitest';
import { formatJson, formatSarif, formatText, summaryCounts } from '../../src/audit/format.js';
import type { AuditReport } from '../../src/audit/types.js';

const report: AuditReport = {
  configs: [
    { host: 'claude-desktop', hostTitle: 'Claude Desktop', scope: 'user', path: '/home/ada/.config/Claude/claude_desktop_config.json', format: 'json', servers: 2, status: 'ok', mode: 0o644 },
    { host: 'cursor', hostTitle: 'Cursor', scope: 'project', path: '/work/app/.cursor/mcp.json', format: 'json', servers: 0, status: 'malformed' },
  ],
  sideFiles: [
    { host: 'mcp-remote', path: '/home/ada/.mcp-auth/mcp-remote-0.1.29/x_tokens.json', description: 'mcp-remote OAuth token cache', findings: 1 },
    { host: 'goose', path: '/home/ada/.config/goose/secrets.yaml', description: 'goose file secret store', findings: 0 },
  ],
  findings: [
    {
      id: 'plaintext-secret', severity: 'critical', host: 'claude-desktop', scope: 'user', path: '/home/ada/.config/Claude/claude_desktop_config.json',
      server: 'github', keyPath: 'mcpServers.github.env.GITHUB_TOKEN', line: 7, message: 'GitHub personal access token in plain text in server "github"',
      fix: 'keyward protect --host claude-desktop --server github', value: 'ghp_************', ruleId: 'github-pat', fingerprint: '0123456789abcdef0123456789abcdef',
      secret: 'ghp_NOT-A-REAL-TOKEN-JUST-A-TEST-VALUE', keyPathParts: ['mcpServers', 'github', 'env', 'GITHUB_TOKEN'],
    },
    {
      id: 'world-readable-config', severity: 'medium', host: 'claude-desktop', scope: 'user', path: '/home/ada/.config/Claude/claude_desktop_config.json',
      message: 'config holding secrets is readable by group and others (mode 644)', fix: "chmod 600 '/home/ada/.config/Claude/claude_desktop_config.json'", value: '644',
    },
    {
      id: 'unpinned-package', severity: 'medium', host: 'claude-desktop', scope: 'user', path: '/home/ada/.config/Claude/claude_desktop_config.json',
      server: 'fs', keyPath: 'mcpServers.fs.args[1]', line: 12, message: 'npx fetches "@modelcontextprotocol/server-filesystem" without an exact version',
      fix: 'pin it, e.g. "@modelcontextprotocol/server-filesystem@1.2.3"', value: '@modelcontextprotocol/server-filesystem',
    },
    {
      id: 'side-file-secret', severity: 'high', host: 'mcp-remote', scope: 'user', path: '/home/ada/.mcp-auth/mcp-remote-0.1.29/x_tokens.json',
      keyPath: 'access_token', line: 1, message: 'OAuth access token in a side file: mcp-remote OAuth token cache', fix: 'revoke or rotate the credential, then delete the file', value: 'abcd************',
    },
    {
      id: 'malformed-config', severity: 'low', host: 'cursor', scope: 'project', path: '/work/app/.cursor/mcp.json',
      message: 'Cursor config does not parse: invalid JSON at line 3, column 1: CloseBraceExpected', fix: 'fix the syntax',
    },
  ],
  warnings: ['/work/app/.cursor/mcp.json: invalid JSON at line 3, column 1: CloseBraceExpected'],
};

describe('audit report formats', () => {
  it('text', async () => {
    const out = formatText(report, { home: '/home/ada' });
    await expect(out).toMatchFileSnapshot('golden/report.txt');
    expect(out).not.toContain('NOT-A-REAL');
  });

  it('text with --no-redact shows the secret', () => {
    expect(formatText(report, { home: '/home/ada', showSecrets: true })).toContain('ghp_NOT-A-REAL-TOKEN-JUST-A-TEST-VALUE');
  });

  it('json', async () => {
    const out = formatJson(report, { version: '0.0.0-test' });
    await expect(out).toMatchFileSnapshot('golden/report.json');
    expect(out).not.toContain('NOT-A-REAL');
    expect(out).not.toContain('keyPathParts');
    expect(JSON.parse(formatJson(report, { showSecrets: true })).findings[0].secret).toBe('ghp_NOT-A-REAL-TOKEN-JUST-A-TEST-VALUE');
  });

  it('sarif', async () => {
    const out = formatSarif(report, { version: '0.0.0-test' });
    await expect(out).toMatchFileSnapshot('golden/report.sarif.json');
    expect(out).not.toContain('NOT-A-REAL');
    const results = JSON.parse(out).runs[0].results;
    // Findings without a content fingerprint still get a stable one.
    expect(results[1].partialFingerprints['keyward-audit/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(results[0].partialFingerprints['keyward-audit/v1']).toBe('0123456789abcdef0123456789abcdef');
  });

  it('puts the most severe first, with one set of column widths and counted nouns', () => {
    const out = formatText(report, { home: '/home/ada' });
    const rows = out.split('\n').filter((l) => /^ {2}(critical|high|medium|low|info) /.test(l));
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(['critical', 'medium', 'medium', 'high', 'low']);
    // The id column starts at the same place in every file's rows, two spaces after the widest severity.
    expect(new Set(rows.map((r) => r.search(/[a-z]+-[a-z-]+/)))).toEqual(new Set([12]));
    // A low finding first in the input still prints after the critical one of another file.
    const reversed = formatText({ ...report, findings: [...report.findings].reverse() }, { home: '/home/ada' });
    expect(reversed.indexOf('critical  plaintext-secret')).toBeLessThan(reversed.indexOf('high      side-file-secret'));
    expect(reversed.indexOf('high      side-file-secret')).toBeLessThan(reversed.indexOf('low       malformed-config'));
    const one = { ...report, configs: [{ ...report.configs[0], servers: 1 }], findings: [] };
    expect(formatText(one)).toContain('MCP host configs: 1 found, 1 server\n');
    expect(formatText({ ...one, configs: [report.configs[0]] })).toContain('MCP host configs: 1 found, 2 servers\n');
  });

  it('counts by severity; a clean report says so', () => {
    expect(summaryCounts(report.findings)).toEqual({ critical: 1, high: 1, medium: 2, low: 1, info: 0 });
    expect(formatText({ configs: [], sideFiles: [], findings: [], warnings: [] })).toBe(
      'MCP host configs: 0 found, 0 servers\n  none found (use --home / --project to look elsewhere)\n\nNo findings.\n',
    );
  });
});
