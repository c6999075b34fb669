// What keeps --verify safe: declared hosts only (requests and redirects), loopback-only test override,
// HTTPS with certificate checks, bounded concurrency, per-host spacing, one check per credential, the
// announcement before any request, a cache file without secrets, and no secret in any result.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { fingerprint, redact } from '../../src/engine/redact.js';
import { hostAllowed, isLoopback } from '../../src/verify/hosts.js';
import { send } from '../../src/verify/http.js';
import { hostRateLimiter } from '../../src/verify/limits.js';
import { checkCredential, findCompanion, verifyFindings } from '../../src/verify/run.js';
import { signPost } from '../../src/verify/sigv4.js';
import type { Verifier } from '../../src/verify/types.js';
import { loopbackOverride } from '../../src/cli/verify-option.js';
import { fakeToken } from '../../src/rules/fake.js';
import { FakeProvider, makeCerts, type Certs } from './fake-https.js';

let certs: Certs;
let fake: FakeProvider;
beforeAll(async () => {
  certs = makeCerts(['api.example.com', 'evil.example', 'other.example.com']);
  fake = await new FakeProvider(certs).start();
});
afterAll(async () => {
  await fake.stop();
  certs.cleanup();
});

const secret = fakeToken('tok_', 32, 1);

function verifier(url: (s: string) => string, extra: Partial<Verifier> = {}): Verifier {
  return {
    id: 'example',
    provider: 'Example',
    ruleIds: ['example-token'],
    hosts: ['api.example.com'],
    endpoint: 'GET https://api.example.com/me',
    proves: 'test',
    shows: 'test',
    rateLimit: 'test',
    plan: (c) => [{ method: 'GET', url: url(c.secret), headers: { authorization: `Bearer ${c.secret}` } }],
    ...extra,
  };
}

function finding(s: string, i = 0, ruleId = 'example-token'): Finding {
  return { ruleId, title: 't', severity: 'high', path: `f${i}.env`, line: 1, column: 1, endLine: 1, endColumn: s.length, secret: s, redacted: redact(s), fingerprint: fingerprint(ruleId, s), offset: 0, length: s.length };
}

describe('declared hosts', () => {
  it('a verifier cannot be pointed at a host outside its declared list', async () => {
    fake.reset(() => ({ status: 200, body: {} }));
    for (const url of ['https://evil.example/me', 'https://other.example.com/me', 'https://api.example.com.evil.example/me', 'http://api.example.com/me', 'https://api.example.com:8443/me', 'https://u:p@api.example.com/me', 'https://127.0.0.1/me']) {
      const r = await checkCredential(verifier(() => url), { ruleId: 'example-token', secret, companions: {} }, { override: fake.override });
      expect(r.status, url).toBe('error');
      expect(r.detail, url).toMatch(/^refused/);
    }
    expect(fake.seen).toHaveLength(0);
  });

  it('follows a redirect on the same host only', async () => {
    fake.reset((req) => (req.path === '/old' ? { status: 301, headers: { location: '/me' } } : { status: 200, body: { ok: true } }));
    const r = await checkCredential(verifier(() => 'https://api.example.com/old'), { ruleId: 'example-token', secret, companions: {} }, { override: fake.override });
    expect(r.status).toBe('live');
    expect(fake.seen.map((s) => s.path)).toEqual(['/old', '/me']);
  });

  it('matches wildcards one label deep', () => {
    expect(hostAllowed('acme.atlassian.net', ['*.atlassian.net'])).toBe(true);
    expect(hostAllowed('ACME.atlassian.net.', ['*.atlassian.net'])).toBe(true);
    expect(hostAllowed('a.b.atlassian.net', ['*.atlassian.net'])).toBe(false);
    expect(hostAllowed('atlassian.net', ['*.atlassian.net'])).toBe(false);
    expect(hostAllowed('evilatlassian.net', ['*.atlassian.net'])).toBe(false);
    expect(hostAllowed('127.0.0.1', ['127.0.0.1'])).toBe(false);
  });
});

describe('test-only override', () => {
  it('accepts loopback addresses only', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
    expect(isLoopback('localhost')).toBe(false);
    await expect(send({ method: 'GET', url: 'https://api.example.com/' }, { hosts: ['api.example.com'], timeoutMs: 500, override: { address: '192.0.2.1', port: 443, ca: '' } })).rejects.toThrow(/loopback/);
    await expect(verifyFindings([], { override: { address: '8.8.8.8', port: 443, ca: '' } })).rejects.toThrow(/loopback/);
    expect(() => loopbackOverride({ KEYWARD_VERIFY_TEST_ADDRESS: '10.1.2.3:443', KEYWARD_VERIFY_TEST_CA: certs.caFile })).toThrow(/loopback/);
    expect(() => loopbackOverride({ KEYWARD_VERIFY_TEST_ADDRESS: 'example.com:443', KEYWARD_VERIFY_TEST_CA: certs.caFile })).toThrow(/loopback/);
    expect(loopbackOverride({ KEYWARD_VERIFY_TEST_ADDRESS: `127.0.0.1:${fake.port}`, KEYWARD_VERIFY_TEST_CA: certs.caFile })?.port).toBe(fake.port);
    expect(loopbackOverride({})).toBeUndefined();
  });

  it('still checks the certificate: an untrusted CA is a network error, not an answer', async () => {
    fake.reset(() => ({ status: 200, body: {} }));
    const other = makeCerts(['api.example.com']);
    try {
      const r = await checkCredential(verifier(() => 'https://api.example.com/me'), { ruleId: 'example-token', secret, companions: {} }, { override: { ...fake.override, ca: other.caPem } });
      expect(r.status).toBe('error');
      expect(r.detail).not.toContain(secret);
    } finally {
      other.cleanup();
    }
    expect(fake.seen).toHaveLength(0);
  });
});

describe('the run', () => {
  it('announces hosts before any request, checks each credential once, at most 4 at a time', async () => {
    fake.reset(() => ({ status: 200, body: {}, delayMs: 40 }));
    const secrets = Array.from({ length: 12 }, (_, i) => fakeToken('tok_', 32, 100 + i));
    const findings = [...secrets.map((s, i) => finding(s, i)), finding(secrets[0], 99)];
    let seenAtAnnounce = -1;
    const run = await verifyFindings(findings, {
      lookup: () => verifier(() => 'https://api.example.com/me'),
      override: fake.override,
      perHostPerSecond: 0,
      announce: (hosts, n) => {
        seenAtAnnounce = fake.seen.length;
        expect(hosts).toEqual(['api.example.com']);
        expect(n).toBe(12);
      },
    });
    expect(seenAtAnnounce).toBe(0);
    expect(fake.seen).toHaveLength(12);
    expect(fake.maxInFlight).toBeLessThanOrEqual(4);
    expect(fake.maxInFlight).toBeGreaterThan(1);
    expect(run.results.get(findings[0].fingerprint)?.status).toBe('live');
    expect(run.checked).toBe(12);
  });

  it('marks findings without a verifier unknown and contacts nobody for them', async () => {
    fake.reset(() => ({ status: 200, body: {} }));
    let announced = false;
    const run = await verifyFindings([finding(secret, 0, 'no-such-rule')], { override: fake.override, announce: () => (announced = true) });
    expect(run.results.get(fingerprint('no-such-rule', secret))).toEqual({ status: 'unknown', detail: 'no verifier for no-such-rule' });
    expect(announced).toBe(false);
    expect(fake.seen).toHaveLength(0);
  });

  it('spaces requests to one host', async () => {
    const waits: number[] = [];
    const wait = hostRateLimiter(4, async (ms) => void waits.push(ms));
    await Promise.all([wait('a.example'), wait('a.example'), wait('a.example'), wait('b.example')]);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]);
  });

  it('keeps answers in a cache file with an expiry, without the secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-verify-cache-'));
    try {
      const path = join(dir, 'cache.json');
      fake.reset(() => ({ status: 200, body: {} }));
      const opts = { lookup: () => verifier(() => 'https://api.example.com/me'), override: fake.override, cacheFile: { path, ttlMs: 60_000 } };
      await verifyFindings([finding(secret)], opts);
      expect(fake.seen).toHaveLength(1);
      const text = await readFile(path, 'utf8');
      expect(text).not.toContain(secret);
      expect(JSON.parse(text).version).toBe(1);
      fake.reset(() => ({ status: 200, body: {} }));
      const again = await verifyFindings([finding(secret)], opts);
      expect(fake.seen).toHaveLength(0);
      expect(again.results.get(fingerprint('example-token', secret))?.status).toBe('live');
      await verifyFindings([finding(secret)], { ...opts, cacheFile: { path, ttlMs: 0 } });
      expect(fake.seen).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('scrubs a secret a provider echoes back from account facts and details', async () => {
    fake.reset(() => ({ status: 200, body: { login: `user ${secret}` } }));
    const echo = verifier(() => 'https://api.example.com/me', { judge: (res) => ({ status: 'live', account: { login: String((res.json as { login: string }).login) }, detail: `token ${secret} ok` }) });
    const r = await checkCredential(echo, { ruleId: 'example-token', secret, companions: {} }, { override: fake.override });
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(r.account?.login).toContain(redact(secret));
  });

  it('a path token never reaches an error message', async () => {
    fake.reset(() => ({ status: 200, hang: true }));
    const r = await checkCredential(verifier((s) => `https://api.example.com/bot${s}/getMe`), { ruleId: 'example-token', secret, companions: {} }, { override: fake.override, timeoutMs: 100 });
    expect(r.status).toBe('error');
    expect(JSON.stringify(r)).not.toContain(secret);
  });
});

describe('companions', () => {
  it('finds the nearest value around the secret, never the secret itself', () => {
    const key = 'AKIA' + fakeToken('', 16, 3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    const far = 'AKIA' + fakeToken('', 16, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    const s = fakeToken('', 40, 5);
    const text = `id=${far}\n${'x'.repeat(300)}\nid=${key}\nsecret=${s}\n`;
    const f = { offset: text.indexOf(s), length: s.length, secret: s };
    expect(findCompanion(text, f, /\b(AKIA[A-Z2-7]{16})\b/)).toBe(key);
    expect(findCompanion('nothing here', { offset: 0, length: 4, secret: 'noth' }, /\b(AKIA[A-Z2-7]{16})\b/)).toBeUndefined();
  });
});

describe('SigV4', () => {
  it('matches the AWS Signature Version 4 test suite (post-vanilla)', () => {
    const h = signPost({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 'service', host: 'example.amazonaws.com', path: '/', body: '', date: new Date('2015-08-30T12:36:00Z') });
    expect(h['x-amz-date']).toBe('20150830T123600Z');
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    );
  });

  it('signs the content type and the session token when given', () => {
    const h = signPost({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x', sessionToken: 'tok', region: 'us-east-1', service: 'sts', host: 'sts.amazonaws.com', path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, date: new Date('2015-08-30T12:36:00Z') });
    expect(h.authorization).toMatch(/SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    expect(h['x-amz-security-token']).toBe('tok');
  });
});
