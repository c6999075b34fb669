// `keyward scan --verify` end to end against the local fake: the hosts announced on stderr, the text
// column, JSON `verification`, SARIF level and properties, --only-verified, --fail-on-verified, baselines,
// and no secret anywhere in the output.
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';
import { ghToken, gitIn, tempDir, writeTree } from '../scan/helpers.js';
import { FakeProvider, makeCerts, type Certs } from './fake-https.js';

let certs: Certs;
let fake: FakeProvider;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  certs = makeCerts(['api.github.com', 'api.openai.com', 'oauth2.googleapis.com', 'sts.amazonaws.com']);
  fake = await new FakeProvider(certs).start();
});
afterAll(async () => {
  await fake.stop();
  certs.cleanup();
});
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const liveToken = ghToken(31);
const deadToken = ghToken(32);
const openai = fakeToken('sk-proj-', 60, 33);

function provider() {
  fake.reset((req) => {
    const auth = String(req.headers.authorization ?? '');
    if (req.host === 'api.github.com') {
      return auth.includes(liveToken) ? { status: 200, body: { login: 'octo-fake', type: 'User' }, headers: { 'x-oauth-scopes': 'repo' } } : { status: 401, body: { message: 'Bad credentials' } };
    }
    return { status: 429, body: { error: { message: 'Rate limit reached' } } };
  });
}

const scan = (...args: string[]) => run(['scan', ...args], { cwd: dir, env: { KEYWARD_VERIFY_TEST_ADDRESS: `127.0.0.1:${fake.port}`, KEYWARD_VERIFY_TEST_CA: certs.caFile } });

async function tree() {
  await writeTree(dir, { 'a.env': `GITHUB_TOKEN=${liveToken}\nOLD_TOKEN=${deadToken}\n`, 'b.env': `OPENAI_API_KEY=${openai}\n` });
}

describe('keyward scan --verify', () => {
  it('announces hosts, adds a text column and account facts, never prints a secret', async () => {
    await tree();
    provider();
    const r = await scan('.', '--verify');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('verify: checking 3 credentials with read-only requests to api.github.com, api.openai.com');
    expect(r.stderr).toContain('verify: 1 live, 1 invalid, 1 unknown, 0 error');
    expect(r.stdout).toMatch(/live\s+github-pat/);
    expect(r.stdout).toMatch(/invalid\s+github-pat/);
    expect(r.stdout).toMatch(/unknown\s+openai-project-api-key/);
    expect(r.stdout).toContain('verify: login octo-fake, type User, scopes repo');
    expect(r.stdout).toContain('1 verified live');
    for (const s of [liveToken, deadToken, openai]) expect(r.stdout + r.stderr).not.toContain(s);
  });

  it('JSON carries a verification object; SARIF raises live findings to error', async () => {
    await tree();
    provider();
    const json = JSON.parse((await scan('.', '--verify', '--format', 'json')).stdout);
    const byStatus = Object.fromEntries(json.findings.map((f: { verification: { status: string } }) => [f.verification.status, f]));
    expect(byStatus.live.verification).toEqual({ status: 'live', verifier: 'github', account: { login: 'octo-fake', type: 'User', scopes: 'repo' } });
    expect(byStatus.invalid.verification.status).toBe('invalid');
    const sarif = JSON.parse((await scan('.', '--verify', '--format', 'sarif')).stdout);
    const results = sarif.runs[0].results as { level: string; properties: Record<string, string> }[];
    const live = results.find((x) => x.properties.verification === 'live')!;
    expect(live.level).toBe('error');
    expect(live.properties['verification.login']).toBe('octo-fake');
    expect(results.map((x) => x.properties.verification).sort()).toEqual(['invalid', 'live', 'unknown']);
    for (const out of [JSON.stringify(json), JSON.stringify(sarif)]) for (const s of [liveToken, deadToken, openai]) expect(out).not.toContain(s);
  });

  it('--only-verified keeps live findings; --fail-on-verified fails only on them', async () => {
    await tree();
    provider();
    const only = await scan('.', '--only-verified', '--format', 'json');
    const doc = JSON.parse(only.stdout);
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['github-pat']);
    expect(only.exitCode).toBe(1);
    await writeTree(dir, { 'a.env': `OLD_TOKEN=${deadToken}\n` });
    const fail = await scan('.', '--fail-on-verified');
    expect(fail.exitCode).toBe(0);
    expect(fail.stdout).toMatch(/unknown\s+openai|invalid\s+github/);
  });

  it('does not contact anything without --verify', async () => {
    await tree();
    provider();
    const r = await scan('.');
    expect(r.exitCode).toBe(1);
    expect(fake.seen).toHaveLength(0);
    expect(r.stderr).not.toContain('verify');
    expect(r.stdout).not.toMatch(/\blive\b/);
  });

  it('baselines keep working: a baselined finding is neither reported nor checked', async () => {
    await tree();
    provider();
    await scan('.', '--format', 'json', '--output', 'baseline.json');
    await writeTree(dir, { 'c.env': `NEW_TOKEN=${ghToken(34)}\n` });
    const r = await scan('.', '--verify', '--baseline', 'baseline.json', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.findings).toHaveLength(1);
    expect(doc.findings[0].verification.status).toBe('invalid');
    expect(fake.seen).toHaveLength(1);
    // A report with verification fields still reads as a baseline.
    await scan('.', '--verify', '--format', 'json', '--output', 'verified-baseline.json');
    const again = await scan('.', '--baseline', 'verified-baseline.json');
    expect(again.exitCode).toBe(0);
  });

  it('exchanges a service-account key file for a token with a correctly signed JWT (GCP)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sa = {
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: fakeToken('', 40, 44, '0123456789abcdef'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: 'ci-bot@demo-project.iam.gserviceaccount.com',
    };
    await writeTree(dir, { 'sa.json': JSON.stringify(sa, null, 2) });
    fake.reset((req) => {
      const assertion = new URLSearchParams(req.body).get('assertion') ?? '';
      const [h, c, sig] = assertion.split('.');
      const claims = JSON.parse(Buffer.from(c ?? '', 'base64url').toString() || '{}');
      const ok = Boolean(sig) && createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(sig, 'base64url'));
      return ok && claims.iss === sa.client_email && claims.aud === 'https://oauth2.googleapis.com/token'
        ? { status: 200, body: { access_token: 'ya29.fake', expires_in: 3599, token_type: 'Bearer' } }
        : { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    });
    const doc = JSON.parse((await scan('.', '--verify', '--format', 'json')).stdout);
    const gcp = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'gcp-service-account');
    expect(gcp.verification).toEqual({ status: 'live', verifier: 'gcp-service-account', account: { serviceAccount: sa.client_email, project: 'demo-project' } });
    expect(JSON.stringify(doc)).not.toContain(sa.private_key.slice(40, 80));
  });

  it('--history reads companions back from the commit: an AWS pair deleted since is still checked as a pair', async () => {
    const keyId = fakeToken('AKIA', 16, 45, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    const secretKey = fakeToken('', 40, 46);
    gitIn(dir, ['init', '-q']);
    await writeTree(dir, { 'deploy.sh': `export AWS_ACCESS_KEY_ID=${keyId}\nexport AWS_SECRET_ACCESS_KEY=${secretKey}\n` });
    gitIn(dir, ['add', '-A']);
    gitIn(dir, ['commit', '-qm', 'deploy']);
    gitIn(dir, ['rm', '-q', 'deploy.sh']);
    gitIn(dir, ['commit', '-qm', 'oops']);
    fake.reset((req) =>
      req.host === 'sts.amazonaws.com' && String(req.headers.authorization).includes(`Credential=${keyId}/`)
        ? { status: 200, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/deploy</Arn><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' }
        : { status: 403, body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>' },
    );
    const r = await scan('.', '--history', '--verify', '--only-verified', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['aws-access-token', 'aws-secret-access-key']);
    for (const f of doc.findings) expect(f.verification.account).toEqual({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/deploy' });
    expect(fake.seen).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain(secretKey);
  });
});
