// keyward's own repository must scan clean with keyward: its rules' examples and the test fixtures are
// either generated at run time, published test vectors (reported as examples, which never fail a scan),
// or carry a `keyward:allow` comment saying why. A new fixture that breaks this fails here, not in a
// user's first `keyward scan .` of a clone.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe("keyward's own repository", () => {
  it('scans clean: exit 0, and every finding left is a published example', async () => {
    const r = await run(['scan', '.', '--format', 'json'], { cwd: root, env: {} });
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number; example?: unknown }[] };
    const live = report.findings.filter((f) => !f.example).map((f) => `${f.path}:${f.line} ${f.ruleId}`);
    expect(live).toEqual([]);
    expect(r.exitCode).toBe(0);
  }, 60_000);
});
