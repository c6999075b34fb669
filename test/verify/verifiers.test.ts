// Every verifier against the local HTTPS fake: the provider's documented success answer, 401, 403, 429,
// a body that says revoked, a timeout and a redirect to another host each map to the right result; every
// request goes to a declared host; no result ever carries the secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed } from '../../src/verify/hosts.js';
import { verifiers, providerCount } from '../../src/verify/providers/index.js';
import { checkCredential } from '../../src/verify/run.js';
import type { Credential, Verifier, VerifyStatus } from '../../src/verify/types.js';
import { builtinRules, structuredRules } from '../../src/rules/index.js';
import { FakeProvider, makeCerts, type Certs, type FakeReply } from './fake-https.js';
import { SAMPLES } from './samples.js';

let certs: Certs;
let fake: FakeProvider;

export function certNames(): string[] {
  return [...new Set(verifiers.flatMap((v) => v.hosts)), 'evil.example', 'api.example.com'];
}

beforeAll(async () => {
  certs = makeCerts(certNames());
  fake = await new FakeProvider(certs).start();
});
afterAll(async () => {
  await fake.stop();
  certs.cleanup();
});

function credentialOf(v: Verifier): Credential {
  const s = SAMPLES[v.id];
  return { ruleId: s.ruleId, secret: s.secret, companions: { ...Object.fromEntries(Object.keys(v.companions ?? {}).map((k) => [k, undefined])), ...s.companions } };
}

async function check(v: Verifier, reply: FakeReply | ((host: string) => FakeReply), timeoutMs = 2000) {
  fake.reset((req) => (typeof reply === 'function' ? reply(req.host) : reply));
  const c = credentialOf(v);
  const result = await checkCredential(v, c, { override: fake.override, timeoutMs });
  // Every request went to a host the verifier declared, and nothing it returned quotes a secret.
  for (const seen of fake.seen) expect(hostAllowed(seen.host, v.hosts), `${v.id} contacted ${seen.host}`).toBe(true);
  const text = JSON.stringify(result);
  const secretCompanions = Object.entries(c.companions).filter(([k]) => !v.publicCompanions?.includes(k)).map(([, s]) => s);
  for (const secret of [c.secret, ...secretCompanions].filter((s): s is string => Boolean(s))) {
    expect(text, `${v.id} result quotes a secret`).not.toContain(secret);
  }
  return result;
}

describe('verifier coverage', () => {
  it('covers at least 40 providers, each verifier with a sample and docs fields', () => {
    expect(providerCount()).toBeGreaterThanOrEqual(40);
    for (const v of verifiers) {
      expect(SAMPLES[v.id], `sample for ${v.id}`).toBeDefined();
      expect(v.ruleIds).toContain(SAMPLES[v.id].ruleId);
      for (const field of [v.endpoint, v.proves, v.shows, v.rateLimit]) expect(field.length).toBeGreaterThan(3);
      expect(v.hosts.length).toBeGreaterThan(0);
    }
  });

  it('names only rule ids that exist', () => {
    const ids = new Set([...builtinRules, ...structuredRules].map((r) => r.id));
    for (const v of verifiers) for (const id of v.ruleIds) expect(ids.has(id), `${v.id}: rule ${id}`).toBe(true);
  });
});

describe.each(verifiers.map((v) => [v.id, v] as const))('verifier %s', (_id, v) => {
  const sample = () => SAMPLES[v.id];

  it('maps the documented success answer to live, with its account facts', async () => {
    const r = await check(v, sample().live);
    expect(r.status).toBe('live');
    if (sample().account) expect(r.account).toMatchObject(sample().account!);
    expect(fake.seen.length).toBeGreaterThan(0);
  });

  it('maps 401 to invalid', async () => {
    expect((await check(v, { status: 401, body: { error: 'unauthorized' } })).status).toBe('invalid');
  });

  it('maps 403 to its provider meaning', async () => {
    const expected: VerifyStatus = sample().forbidden ?? 'invalid';
    expect((await check(v, { status: 403, body: { error: 'forbidden' } })).status).toBe(expected);
  });

  it('maps 429 to unknown (rate-limited)', async () => {
    const r = await check(v, { status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '30' } });
    expect(r.status).toBe('unknown');
    expect(r.detail).toMatch(/rate/);
  });

  it('maps a revoked answer to invalid', async () => {
    const revoked = sample().revoked ?? { status: 401, body: { error: 'revoked' } };
    expect((await check(v, revoked)).status).toBe('invalid');
  });

  it('maps a timeout to error', async () => {
    const r = await check(v, { status: 200, hang: true }, 150);
    expect(r.status).toBe('error');
    expect(r.detail).toMatch(/timed out/);
  });

  it('refuses a redirect to another host (error) and never contacts it', async () => {
    const r = await check(v, (host) => (host === 'evil.example' ? { status: 200, body: {} } : { status: 302, headers: { location: 'https://evil.example/collect' } }));
    expect(r.status).toBe('error');
    expect(r.detail).toMatch(/redirect/);
    expect(fake.seen.some((s) => s.host === 'evil.example')).toBe(false);
  });
});

describe('docs/verify.md', () => {
  it('lists every verifier with its endpoint and hosts', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/verify.md', import.meta.url), 'utf8');
    for (const v of verifiers) {
      expect(doc, v.id).toContain(`\`${v.id}\``);
      expect(doc, v.id).toContain(v.endpoint.replace(/\|/g, '\\|'));
      for (const h of v.hosts) expect(doc, `${v.id} ${h}`).toContain(`\`${h}\``);
    }
  });
});
