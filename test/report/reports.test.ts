// Report formats against golden files (UPDATE_GOLDEN=1 rewrites them), SARIF against the official 2.1.0
// schema (shipped offline by @microsoft/jest-sarif), and redaction in every format.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport, FORMATS } from '../../src/report/index.js';
import { toUri } from '../../src/report/sarif.js';
import { sampleInput, secrets } from './sample.js';
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

  it('encodes URIs segment by segment', () => {
    expect(toUri('a b/c#d/é.json')).toBe('a%20b/c%23d/%C3%A9.json');
  });
});
