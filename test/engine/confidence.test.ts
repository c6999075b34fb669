// Confidence levels, identifiers as context, published test vectors marked `example`, and the CLI's
// --min-confidence filter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanText } from '../../src/engine/scan-text.js';
import { knownExample } from '../../src/engine/known-examples.js';
import { run } from '../../src/cli/run.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';
import { ghToken, tempDir, writeTree } from '../scan/helpers.js';

const set = builtinRuleSet();
const scan = (text: string, path = 'x.env', reportExamples = true) => scanText({ text, path }, set, { reportExamples }).findings;
const hex = (n: number, seed: number) => fakeToken('', n, seed, ALPHABETS.hexLower);

describe('confidence', () => {
  it('is high for registered prefixes, low for generic assignments', () => {
    expect(scan(`GITHUB_TOKEN=${ghToken(1)}`)[0]).toMatchObject({ ruleId: 'github-pat', confidence: 'high' });
    expect(scan(`NPM_TOKEN=${fakeToken('npm_', 36, 2)}`)[0]).toMatchObject({ ruleId: 'npm-access-token', confidence: 'high' });
    expect(scan(`WIDGET_API_KEY=${fakeToken('', 32, 3)}`)[0]).toMatchObject({ ruleId: 'generic-api-key', confidence: 'low' });
  });

  it('rises one level when the account identifier sits beside the secret, which is never reported itself', () => {
    const alone = scan(`TWILIO_AUTH_TOKEN=${hex(32, 4)}`);
    expect(alone.map((f) => [f.ruleId, f.confidence])).toEqual([['twilio-auth-token', 'medium']]);
    for (let seed = 5; seed < 10; seed++) {
      const pair = scan(`TWILIO_ACCOUNT_SID=AC${hex(32, seed)}\nTWILIO_AUTH_TOKEN=${hex(32, seed + 100)}\n`);
      expect(pair.map((f) => [f.ruleId, f.confidence])).toEqual([['twilio-auth-token', 'high']]);
    }
    expect(scan(`TWILIO_ACCOUNT_SID=AC${hex(32, 11)}`)).toEqual([]);
    expect(scan(`CLOUDFLARE_ACCOUNT_ID=${hex(32, 12)}\nCLOUDFLARE_ZONE_ID=${hex(32, 13)}`)).toEqual([]);
    expect(scan('AWS_ACCOUNT_ID=123456789012\nAWS_REGION=us-east-1')).toEqual([]);
  });
});

describe('published test vectors', () => {
  it('are known by hash and by the AWS documentation family', () => {
    expect(knownExample('AKIAIOSFODNN7EXAMPLE')).toBe('AWS documentation');
    expect(knownExample('AKIAJ3X5K7H9EXAMPLE')).toBeUndefined(); // 19 characters: not the family shape
    expect(knownExample('dBjftJeZ4CVP-mJ92K9qLOKuGfjH7E5Ljs7GnDZ9hqg')).toBe('RFC 7636 (PKCE)');
    expect(knownExample(ghToken(3))).toBeUndefined();
  });

  it('are reported marked example (when asked) and dropped otherwise', () => {
    const text = 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nSTRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n';
    expect(scan(text).map((f) => [f.ruleId, f.example, f.confidence])).toEqual([
      ['aws-access-token', 'AWS documentation', 'low'],
      ['stripe-test-key', 'Stripe documentation', 'low'],
    ]);
    expect(scan(text, 'x.env', false)).toEqual([]);
    expect(scan('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE # keyward:allow')).toEqual([]);
  });
});

describe('keyward scan --min-confidence', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());
  const cli = (...args: string[]) => run(['scan', ...args], { cwd: dir, env: {} });

  it('filters findings below the level, and examples alone do not fail the scan', async () => {
    await writeTree(dir, { 'a.env': `GITHUB_TOKEN=${ghToken(7)}\nWIDGET_API_KEY=${fakeToken('', 32, 8)}\n` });
    const all = JSON.parse((await cli('.', '--format', 'json')).stdout);
    expect(all.findings.map((f: { confidence: string }) => f.confidence)).toEqual(['high', 'low']);
    const high = await cli('.', '--format', 'json', '--min-confidence', 'high');
    expect(JSON.parse(high.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['github-pat']);
    expect((await cli('.', '--min-confidence', 'sure')).exitCode).toBe(2);

    await writeTree(dir, { 'a.env': 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' });
    const ex = await cli('.');
    expect(ex.exitCode).toBe(0);
    expect(ex.stdout).toContain('example (AWS documentation)');
    const sarif = JSON.parse((await cli('.', '--format', 'sarif')).stdout);
    expect(sarif.runs[0].results[0]).toMatchObject({ level: 'note', properties: { confidence: 'low', example: 'AWS documentation' } });
  });
});
