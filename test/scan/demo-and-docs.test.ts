// The shipped demo really leaks what it says (and nothing it says it does not), and docs/rules.md is the
// generator's current output. Both use dist/ (npm test builds before vitest).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/scan.js';
import { tempDir } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');

describe('demo repository', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-demo-test-')));
  afterEach(async () => cleanup());

  it('plants a deleted secret, a config token and a source key; placeholders and references stay quiet', async () => {
    const { buildDemoRepo } = await import(join(root, 'scripts', 'demo.mjs'));
    const secrets: Record<string, string> = await buildDemoRepo(dir);
    const r = await runScan({ mode: 'history', target: dir, workers: 0 });
    const found = new Map(r.findings.map((f) => [f.path, f]));
    expect(found.get('config/dev.json')).toMatchObject({ ruleId: 'slack-bot-token', secret: secrets.SLACK_BOT_TOKEN, date: '2026-03-01T09:00:00+00:00' });
    expect(found.get('claude_desktop_config.json')).toMatchObject({ secret: secrets.GITHUB_PAT, context: 'mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN' });
    expect(found.get('src/server.ts')).toMatchObject({ ruleId: 'anthropic-api-key', secret: secrets.ANTHROPIC_API_KEY });
    expect(found.get('README.md')).toMatchObject({ ruleId: 'authorization-bearer', secret: secrets.BEARER_TOKEN, line: 16 });
    expect(found.has('.env')).toBe(false);
    expect(found.has('.vscode/mcp.json')).toBe(false);
    expect(r.stats.commits).toBe(3);
  });
});

describe('docs/rules.md', () => {
  it('is up to date with the rule data (run `npm run docs:rules`)', async () => {
    const { renderRulesDoc } = await import(join(root, 'scripts', 'gen-rules-doc.mjs'));
    expect(readFileSync(join(root, 'docs', 'rules.md'), 'utf8')).toBe(await renderRulesDoc());
  });
});

describe('src/rules/generic/common-words.ts', () => {
  it("is the generator's current output from TypeScript's lib (run `node scripts/gen-common-words.mjs`)", () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-common-words.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
