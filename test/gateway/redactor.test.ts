// Redaction of JSON-RPC values: injected secrets in every encoding, detected secrets by rule, allow-lists per
// server and per tool, block mode, and untouched values kept by reference (cheap on clean traffic).
import { describe, expect, it } from 'vitest';
import { InjectedSecrets, Redactor, encodedForms, newStats } from '../../src/gateway/redactor.js';
import { fakeToken } from '../../src/rules/fake.js';

const INJECTED = fakeToken('inj_', 28, 1);
const GH = fakeToken('ghp_', 36, 7);

function injected(): InjectedSecrets {
  const s = new InjectedSecrets();
  s.set('srv', [{ label: 'API_TOKEN', value: INJECTED }]);
  return s;
}

describe('redactor', () => {
  it('masks an injected secret raw, URL-encoded, JSON-escaped, hex and base64 at any alignment', () => {
    const r = new Redactor(injected());
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const blob = Buffer.from(`${prefix}${INJECTED}!tail`).toString('base64');
      const out = r.redactString(`blob=${blob}`, newStats());
      expect(out).toContain('[REDACTED:injected:API_TOKEN]');
    }
    const stats = newStats();
    const text = [INJECTED, encodeURIComponent(`x ${INJECTED}`), Buffer.from(INJECTED).toString('hex'), Buffer.from(INJECTED).toString('base64url')].join(' | ');
    const out = r.redactString(text, stats);
    expect(out).not.toContain(INJECTED);
    expect(stats.masked.get('injected')).toBe(4);
    expect(encodedForms(INJECTED)).toContain(Buffer.from(INJECTED).toString('base64'));
  });

  it('masks detected secrets by rule in every string leaf and keeps clean subtrees by reference', () => {
    const r = new Redactor(injected());
    const clean = { type: 'text', text: 'nothing to see' };
    const msg = { content: [clean, { type: 'text', text: `token ${GH} here` }], structuredContent: { nested: [{ k: GH }] }, n: 3 };
    const stats = newStats();
    const out = r.redactValue(msg, stats);
    expect(out.content[0]).toBe(clean);
    expect(out.content[1].text).toBe('token [REDACTED:github-pat] here');
    expect(JSON.stringify(out)).not.toContain(GH);
    expect(msg.content[1].text).toContain(GH); // the input is not mutated
    expect(stats.masked.get('github-pat')).toBe(2);
    expect(r.redactValue(clean, newStats())).toBe(clean);
  });

  it('honours server-wide and per-tool allow entries, but never for injected secrets', () => {
    const server = new Redactor(injected(), ['github-pat']);
    expect(server.redactString(`a ${GH}`, newStats())).toBe(`a ${GH}`);
    const perTool = new Redactor(injected(), ['search/github-pat', 'dump/*']);
    expect(perTool.redactString(`a ${GH}`, newStats(), { tool: 'search' })).toBe(`a ${GH}`);
    expect(perTool.redactString(`a ${GH}`, newStats(), { tool: 'dump' })).toBe(`a ${GH}`);
    expect(perTool.redactString(`a ${GH}`, newStats(), { tool: 'other' })).toContain('[REDACTED:github-pat]');
    expect(perTool.redactString(`a ${INJECTED}`, newStats(), { tool: 'dump' })).toContain('[REDACTED:injected:API_TOKEN]');
  });

  it('in block mode reports the rule instead of masking', () => {
    const r = new Redactor(injected());
    const stats = newStats();
    const out = r.redactValue({ q: `find ${GH}` }, stats, { block: true });
    expect(stats.blocked).toEqual(['github-pat']);
    expect(out.q).toContain(GH); // the caller refuses the call; it is never forwarded
  });

  it('masks secrets inside JSON text leaves through the structured detectors', () => {
    const r = new Redactor(new InjectedSecrets());
    const env = JSON.stringify({ PATH: '/usr/bin', GITHUB_TOKEN: GH }, null, 2);
    const out = r.redactString(env, newStats());
    expect(out).not.toContain(GH);
    expect(out).toContain('/usr/bin');
  });
});
