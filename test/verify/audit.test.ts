// `keyward audit --verify` against the local fake: secrets in a host config are checked (an AWS key pair
// found together goes to STS as a pair), the report shows the answer, --fail-on-verified decides the exit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';
import { ghToken, tempDir } from '../scan/helpers.js';
import { FakeProvider, makeCerts, type Certs } from './fake-https.js';

let certs: Certs;
let fake: FakeProvider;
let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  certs = makeCerts(['api.github.com', 'sts.amazonaws.com']);
  fake = await new FakeProvider(certs).start();
});
afterAll(async () => {
  await fake.stop();
  certs.cleanup();
});
beforeEach(async () => ({ dir: home, cleanup } = await tempDir('keyward-audit-verify-')));
afterEach(async () => cleanup());

const token = ghToken(41);
const keyId = fakeToken('AKIA', 16, 42, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
const awsSecret = fakeToken('', 40, 43);

async function cursorConfig() {
  await mkdir(join(home, '.cursor'), { recursive: true });
  const config = { mcpServers: { github: { command: 'gh-mcp', env: { GITHUB_TOKEN: token } }, aws: { command: 'aws-mcp', env: { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: awsSecret } } } };
  await writeFile(join(home, '.cursor', 'mcp.json'), JSON.stringify(config, null, 2));
}

const audit = (...args: string[]) =>
  run(['audit', '--home', home, '--platform', 'linux', '--host', 'cursor', ...args], { cwd: home, env: { HOME: home, KEYWARD_VERIFY_TEST_ADDRESS: `127.0.0.1:${fake.port}`, KEYWARD_VERIFY_TEST_CA: certs.caFile } });

describe('keyward audit --verify', () => {
  it('checks config secrets, pairing the AWS key ID with its secret for STS', async () => {
    await cursorConfig();
    fake.reset((req) => {
      if (req.host === 'sts.amazonaws.com') {
        const auth = String(req.headers.authorization ?? '');
        return auth.includes(`Credential=${keyId}/`) && req.body.includes('GetCallerIdentity')
          ? { status: 200, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/mcp</Arn><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' }
          : { status: 403, body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>' };
      }
      return { status: 401, body: { message: 'Bad credentials' } };
    });
    const r = await audit('--verify', '--format', 'json');
    expect(r.stderr).toMatch(/verify: checking \d credentials with read-only requests to api\.github\.com, sts\.amazonaws\.com/);
    const doc = JSON.parse(r.stdout);
    const secrets = doc.findings.filter((f: { id: string }) => f.id === 'plaintext-secret');
    const byRule = Object.fromEntries(secrets.map((f: { ruleId: string; verification: unknown }) => [f.ruleId, f.verification]));
    expect(byRule['github-pat']).toMatchObject({ status: 'invalid' });
    expect(byRule['aws-secret-access-key']).toMatchObject({ status: 'live', account: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/mcp' } });
    // STS was asked once for the pair, whichever of its two findings came first.
    expect(fake.seen.filter((s) => s.host === 'sts.amazonaws.com')).toHaveLength(1);
    for (const s of [token, awsSecret]) expect(r.stdout + r.stderr).not.toContain(s);

    const text = await audit('--verify');
    expect(text.stdout).toContain('verify: live (account 123456789012');
    const sarif = JSON.parse((await audit('--verify', '--format', 'sarif')).stdout);
    const live = sarif.runs[0].results.filter((x: { properties: Record<string, string> }) => x.properties.verification === 'live');
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((x: { level: string }) => x.level === 'error')).toBe(true);
  });

  it('--fail-on-verified exits 0 when no credential is live; --only-verified keeps other checks', async () => {
    await cursorConfig();
    fake.reset(() => ({ status: 401, body: {} }));
    const r = await audit('--fail-on-verified');
    expect(r.exitCode).toBe(0);
    const only = JSON.parse((await audit('--only-verified', '--format', 'json')).stdout);
    expect(only.findings.some((f: { id: string }) => f.id === 'plaintext-secret')).toBe(false);
    expect(fake.seen.length).toBeGreaterThan(0);
  });
});
