// Report formats against golden files (UPDATE_GOLDEN=1 rewrites them), SARIF against the official 2.1.0
// schema (shipped offline by @microsoft/jest-sarif), and redaction in every format.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport, FORMATS } from '../../src/report/index.js';
import { toUri } from '../../src/report/sarif.js';
import { sampleFindings, sampleInput, secrets } from './sample.js';
import { sarifValidator } from '../helpers/sarif.js';

const goldenDir = join(import.meta.dirname, 'golden');

function golden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('report formats', () => {
  it('text matches its golden file', () => golden('report.txt', renderReport('text', sampleInput())));
  it('json matches its golden file', () => golden('report.json', renderReport('json', sampleInput())));
  it('sarif matches its golden file', () => golden('report.sarif', renderReport('sarif', sampleInput())));
  it('history text matches its golden file', () => golden('report-history.txt', renderReport('text', sampleInput({ mode: 'history', stats: { ...sampleInput().stats, commits: 7 } }))));

  it('is valid SARIF 2.1.0 with GitHub code-scanning fields', () => {
    const validate = sarifValidator();
    const log = JSON.parse(renderReport('sarif', sampleInput()));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['anthropic-api-key', 'generic-secret-key', 'github-pat']);
    for (const r of run.tool.driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(r.help.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
    const res = run.results[1];
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('docs/setup%20guide.md');
    expect(res.partialFingerprints['keyward/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    // A log with no results is valid too (what a clean CI run uploads).
    expect(validate(JSON.parse(renderReport('sarif', sampleInput({ findings: [] }))))).toBe(true);
  });

  it('the validator really rejects a broken log', () => {
    const validate = sarifValidator();
    const log = JSON.parse(renderReport('sarif', sampleInput()));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('marks a secret found base64-decoded in every format', () => {
    const findings = [{ ...sampleFindings[0], encoding: 'base64' as const }];
    expect(renderReport('text', sampleInput({ findings }))).toContain('found base64-decoded');
    expect(JSON.parse(renderReport('json', sampleInput({ findings }))).findings[0].encoding).toBe('base64');
    const result = JSON.parse(renderReport('sarif', sampleInput({ findings }))).runs[0].results[0];
    expect(result.properties.encoding).toBe('base64');
    expect(result.message.text).toContain('(base64-encoded)');
    // Findings without it print as before (the golden files above).
    expect(renderReport('json', sampleInput())).not.toContain('encoding');
  });

  it('redacts in every format unless showSecrets', () => {
    for (const format of FORMATS) {
      const out = renderReport(format, sampleInput());
      for (const s of secrets) expect(out).not.toContain(s.slice(-20));
      const clear = renderReport(format, sampleInput({ showSecrets: true }));
      for (const s of secrets) expect(clear).toContain(s);
    }
  });

  it('colours text only when asked', () => {
    expect(renderReport('text', sampleInput())).not.toContain('\x1b[');
    expect(renderReport('text', sampleInput({ color: true }))).toContain('\x1b[31m');
  });

  it('keeps columns apart however wide the position (685354:10 never touches the severity)', () => {
    const [gh, , generic] = sampleFindings;
    const wide = { ...gh, line: 685354, column: 10, path: 'big.min.js' };
    const out = renderReport('text', sampleInput({ findings: [wide, generic] }));
    const rows = out.split('\n').filter((l) => /^ {2}\d+:\d+/.test(l));
    expect(rows[0]).toMatch(/^ {2}685354:10 {2}critical {2}github-pat {2}/);
    // Every row's severity starts in the same column, and the detail lines sit under it.
    expect(rows[1]).toMatch(/^ {2}3:18 {7}medium {4}generic-secret-key {2}/);
    expect(out).toMatch(/\n {13}at mcpServers\.github/);
  });

  it('puts the most severe first: files by their worst finding, findings by severity then line', () => {
    const [gh, anthropic, generic] = sampleFindings;
    const findings = [
      { ...generic, path: 'a.ts', line: 1, severity: 'low' as const },
      { ...gh, path: 'a.ts', line: 9 },
      { ...anthropic, path: 'b.md', line: 2, severity: 'high' as const, commit: undefined },
      { ...generic, path: 'c.ts', line: 4 },
    ];
    const out = renderReport('text', sampleInput({ findings }));
    const files = out.split('\n').filter((l) => /^\S+\.(ts|md)$/.test(l));
    expect(files).toEqual(['a.ts', 'b.md', 'c.ts']);
    const severities = [...out.matchAll(/^ {2}\d+:\d+ +(\w+)/gm)].map((m) => m[1]);
    expect(severities).toEqual(['critical', 'low', 'high', 'medium']);
    // JSON and SARIF keep the input order (path, line): deterministic, and what baselines diff against.
    expect(JSON.parse(renderReport('json', sampleInput({ findings }))).findings.map((f: { line: number }) => f.line)).toEqual([1, 9, 2, 4]);
    expect(JSON.parse(renderReport('sarif', sampleInput({ findings }))).runs[0].results.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine)).toEqual([1, 9, 2, 4]);
  });

  it('counts in the singular and the plural', () => {
    const stats = (n: number) => ({ files: n, bytes: 10, commits: n, skipped: { binary: n, 'too-large': n, symlink: n, special: n, unreadable: n }, suppressed: { ignoreFile: n, baseline: n } });
    const one = renderReport('text', sampleInput({ mode: 'history', findings: sampleFindings.slice(0, 1), stats: stats(1) }));
    expect(one).toContain('1 finding (1 critical) in 1 file · scanned 1 blob (10 B) from 1 commit · skipped 1 binary, 1 over the size cap, 1 symlink, 1 special file, 1 unreadable');
    const two = renderReport('text', sampleInput({ mode: 'history', findings: sampleFindings.slice(0, 2), stats: stats(2) }));
    expect(two).toContain('2 findings (2 critical) in 2 files · scanned 2 blobs (10 B) from 2 commits · skipped 2 binary, 2 over the size cap, 2 symlinks, 2 special files, 2 unreadable');
    expect(renderReport('text', sampleInput({ stats: { ...stats(1), commits: undefined } }))).toContain('scanned 1 file (10 B) ·');
  });

  it('encodes URIs segment by segment', () => {
    expect(toUri('a b/c#d/é.json')).toBe('a%20b/c%23d/%C3%A9.json');
  });
});
