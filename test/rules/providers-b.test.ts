// Group B provider rules (payments, messaging, productivity, observability, registries, data, search):
// properties beyond each rule's own examples — the assignedTo() helper, overlaps between look-alike
// providers, and a realistic MCP config scanned through the full built-in rule set.
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scan-text.js';
import type { Rule } from '../../src/engine/types.js';
import { assignedTo } from '../../src/rules/assigned.js';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import * as data from '../../src/rules/providers/data.js';
import { fakeJwt, fakeUuid, jwtPayload } from '../../src/rules/providers/shapes.js';
import * as messaging from '../../src/rules/providers/messaging.js';
import * as observability from '../../src/rules/providers/observability.js';
import * as payments from '../../src/rules/providers/payments.js';
import * as productivity from '../../src/rules/providers/productivity.js';
import * as registries from '../../src/rules/providers/registries.js';
import * as search from '../../src/rules/providers/search.js';

const groupB: Rule[] = [
  ...payments.rules,
  ...messaging.rules,
  ...productivity.rules,
  ...observability.rules,
  ...registries.rules,
  ...data.rules,
  ...search.rules,
];
const groupSet = compileRuleSet(groupB);
const ids = (text: string, path = 'x.txt') => scanText({ text, path }, groupSet).findings.map((f) => f.ruleId);
const hex = ALPHABETS.hexLower;

describe('group B rule data', () => {
  it('has at least 80 distinct rules, each with two positive and two negative examples', () => {
    expect(groupB.length).toBeGreaterThanOrEqual(80);
    expect(new Set(groupB.map((r) => r.id)).size).toBe(groupB.length);
    for (const r of groupB) {
      expect(r.examples.positive.length, r.id).toBeGreaterThanOrEqual(2);
      expect(r.examples.negative.length, r.id).toBeGreaterThanOrEqual(2);
      expect(r.provider, r.id).toBeTruthy();
    }
  });

  it('every keyword is a literal that occurs in every positive example (prefilter soundness)', () => {
    for (const r of groupB) {
      for (const ex of r.examples.positive) {
        const m = new RegExp(r.pattern.source, r.pattern.flags).exec(ex);
        expect(m, `${r.id}: ${ex}`).not.toBeNull();
        const matched = m![0].toLowerCase();
        expect(r.keywords.some((k) => matched.includes(k)), `${r.id} keywords ${r.keywords.join(',')}`).toBe(true);
      }
    }
  });
});

describe('assignedTo() on group B shapes', () => {
  const re = assignedTo('datadog|dd[_-]?api', '[a-f0-9]{32}');
  const key = fakeToken('', 32, 5, hex);
  const secretOf = (s: string) => re.exec(s)?.groups?.secret;

  it('reads the usual assignment shapes', () => {
    for (const line of [
      `DD_API_KEY=${key}`,
      `export DATADOG_API_KEY="${key}"`,
      `"DATADOG_API_KEY": "${key}"`,
      `datadog.apiKey = '${key}'`,
      `dd_api_key: ${key}`,
      `--datadog-api-key=${key}`,
      `X-Datadog-Api-Key: ${key}`,
      `{"text": "line one\\nDD_API_KEY=${key}\\n"}`,
      `{ "name": "DD_API_KEY", "value": "${key}" }`,
      `env:\n  - name: DD_API_KEY\n    value: "${key}"`,
      `os.getenv("DD_API_KEY", "${key}")`,
      `DD_API_KEY ?= ${key}`,
    ]) {
      expect(secretOf(line), line).toBe(key);
    }
  });

  it('needs the provider at the start of a name, a credential word in it, and an exact-length value', () => {
    expect(secretOf(`add_api_key = "${key}"`)).toBeUndefined();
    expect(secretOf(`"datadog_trace_id": "${key}"`)).toBeUndefined();
    expect(secretOf(`DD_API_KEY=${key}ab`)).toBeUndefined();
    expect(secretOf(`API_KEY=${key}`)).toBeUndefined();
  });
});

describe('patterns that open at their literal and capture the secret in a lookbehind', () => {
  const scanB = (text: string) => scanText({ text, path: 'x.txt' }, groupSet).findings;

  it('report the whole New Relic license key and Terraform Cloud token at their real offsets', () => {
    const nr = `${fakeToken('', 36, 40, hex)}NRAL`;
    const tf = `${fakeToken('', 14, 41)}.atlasv1.${fakeToken('', 67, 42, ALPHABETS.base64url)}`;
    const text = `NEW_RELIC_LICENSE_KEY=${nr}\nTFE_TOKEN="${tf}"`;
    const found = scanB(text).map((f) => [f.ruleId, f.secret, f.offset]);
    expect(found).toContainEqual(['new-relic-license-key', nr, text.indexOf(nr)]);
    expect(found).toContainEqual(['hashicorp-tf-api-token', tf, text.indexOf(tf)]);
  });

  it('still need the token to start a word', () => {
    const nr = `${fakeToken('', 37, 43, hex)}NRAL`;
    const tf = `${fakeToken('', 15, 44)}.atlasv1.${fakeToken('', 67, 45, ALPHABETS.base64url)}`;
    expect(ids(`K=${nr}\nT=${tf}`)).toEqual([]);
  });
});

describe('look-alike providers stay apart', () => {
  it('Stripe and Paystack sk_live_ keys each get exactly one rule', () => {
    expect(ids(`K=${fakeToken('sk_live_51', 97, 1)}`)).toEqual(['stripe-access-token']);
    expect(ids(`K=${fakeToken('sk_live_', 40, 2, hex)}`)).toEqual(['paystack-secret-key']);
  });

  it('Mailgun API and signing keys of the same shape are told apart by the key name', () => {
    const v = `${fakeToken('', 32, 3, hex)}-${fakeToken('', 8, 4, hex)}-${fakeToken('', 8, 5, hex)}`;
    expect(ids(`MAILGUN_API_KEY=${v}`)).toEqual(['mailgun-api-key']);
    expect(ids(`MAILGUN_WEBHOOK_SIGNING_KEY=${v}`)).toEqual(['mailgun-signing-key']);
  });

  it('npm tokens in .npmrc are reported once, as npm tokens', () => {
    expect(ids(`//registry.npmjs.org/:_authToken=${fakeToken('npm_', 36, 6)}`)).toEqual(['npm-access-token']);
  });

  it('a bare UUID is never a finding without a provider-named key', () => {
    const text = [`id: ${fakeUuid(1)}`, `"requestId": "${fakeUuid(2)}"`, `API_KEY=${fakeUuid(3)}`, `"atlasUuid": "${fakeUuid(4)}"`].join('\n');
    expect(ids(text)).toEqual([]);
  });
});

describe('Supabase service-role detection decodes the JWT', () => {
  it('reads role from the payload', () => {
    const service = fakeJwt({ iss: 'supabase', role: 'service_role' }, 9);
    expect(jwtPayload(service)?.role).toBe('service_role');
    expect(jwtPayload('not.a.jwt')).toBeUndefined();
    expect(ids(`KEY=${service}`)).toEqual(['supabase-service-role-jwt']);
    expect(ids(`KEY=${fakeJwt({ iss: 'supabase', role: 'anon' }, 10)}`)).toEqual([]);
  });
});

describe('a realistic MCP host config through the full built-in rule set', () => {
  it('names each leaked key with its provider rule and key path, and skips references and placeholders', () => {
    const config = JSON.stringify(
      {
        mcpServers: {
          brave: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'], env: { BRAVE_API_KEY: fakeToken('BSA', 28, 11) } },
          tavily: { command: 'npx', args: ['-y', 'tavily-mcp'], env: { TAVILY_API_KEY: fakeToken('tvly-', 32, 12) } },
          exa: { url: `https://mcp.exa.ai/mcp?exaApiKey=${fakeUuid(13)}` },
          stripe: { command: 'npx', args: ['-y', '@stripe/mcp', '--tools=all', `--api-key=${fakeToken('sk_live_51', 97, 14)}`] },
          supabase: { command: 'npx', args: ['-y', '@supabase/mcp-server-supabase', '--access-token', fakeToken('sbp_', 40, 15, hex)] },
          notion: { env: { NOTION_TOKEN: '${NOTION_TOKEN}' } },
          firecrawl: { env: { FIRECRAWL_API_KEY: 'fc-YOUR_API_KEY' } },
        },
      },
      null,
      2,
    );
    const { findings } = scanText({ text: config, path: '.cursor/mcp.json' }, builtinRuleSet());
    const got = findings.map((f) => [f.ruleId, f.context]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['brave-search-api-key', 'mcpServers.brave.env.BRAVE_API_KEY'],
        ['tavily-api-key', 'mcpServers.tavily.env.TAVILY_API_KEY'],
        ['exa-api-key', 'mcpServers.exa.url'],
        ['stripe-access-token', 'mcpServers.stripe.args[3]'],
        ['supabase-access-token', 'mcpServers.supabase.args[3]'],
      ]),
    );
    expect(findings.some((f) => f.context?.includes('notion') || f.context?.includes('firecrawl'))).toBe(false);
    for (const f of findings) expect(f.redacted).not.toContain(f.secret);
  });
});
