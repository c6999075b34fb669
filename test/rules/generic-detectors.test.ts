// Generic detectors in realistic surroundings, through the real engine: which rule reports, where, and
// what never is reported.
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scan-text.js';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';
import { rules, structuredRules } from '../../src/rules/generic/index.js';
import { builtinRuleSet } from '../../src/rules/index.js';

const generic = compileRuleSet(rules, structuredRules);
const scan = (text: string, path: string, set = generic) =>
  scanText({ text, path }, set).findings.map((f) => [f.ruleId, f.line, f.context ?? null]);

describe('generic detectors in context', () => {
  it('finds a GCP service-account private key (JSON-escaped PEM) with its key path', () => {
    const body = fakeToken('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 600, 1, ALPHABETS.base64).match(/.{1,64}/g)!.join('\\n');
    const json = [
      '{',
      '  "type": "service_account",',
      '  "project_id": "demo-project",',
      `  "private_key_id": "${fakeToken('', 40, 2, ALPHABETS.hexLower)}",`,
      `  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n",`,
      '  "client_email": "svc@demo-project.iam.gserviceaccount.com"',
      '}',
    ].join('\n');
    expect(scan(json, 'sa.json')).toEqual([['private-key', 5, 'private_key']]);
  });

  it('finds the Bearer token inside an mcp-remote args array, not the reference next to it', () => {
    const t = fakeToken('', 40, 3);
    const cfg = `{"mcpServers":{"a":{"command":"npx","args":["mcp-remote","https://x.acme.io/sse","--header","Authorization: Bearer ${t}"]},"b":{"command":"npx","args":["mcp-remote","https://y.acme.io/sse","--header","Authorization:\${AUTH_HEADER}"],"env":{"AUTH_HEADER":"Bearer \${TOKEN}"}}}}`;
    expect(scan(cfg, 'claude_desktop_config.json')).toEqual([['authorization-bearer', 1, 'mcpServers.a.args[3]']]);
  });

  it('reports .env and shell assignments but not references, placeholders or code', () => {
    const k = fakeToken('', 32, 4);
    const env = [
      `SEARCH_API_KEY=${k}`,
      'OTHER_API_KEY=${OTHER_API_KEY}',
      'THIRD_API_KEY=your-api-key',
      `export DEPLOY_TOKEN="${fakeToken('', 30, 5)}"`,
      'const apiKey = process.env.SEARCH_API_KEY;',
      'DB_PASSWORD=',
    ].join('\n');
    expect(scan(env, '.env')).toEqual([
      ['generic-api-key', 1, null],
      ['generic-api-key', 4, null],
    ]);
  });

  it('lets a provider rule win over a generic one on the same secret', () => {
    const pat = fakeToken('ghp_', 36, 6);
    const cfg = `{"mcpServers":{"gh":{"command":"x","env":{"GITHUB_PERSONAL_ACCESS_TOKEN":"${pat}"}}}}`;
    const found = scan(cfg, 'mcp.json', builtinRuleSet());
    expect(found).toHaveLength(1);
    expect(found[0][0]).toBe('github-pat');
    expect(found[0][2]).toBe('mcpServers.gh.env.GITHUB_PERSONAL_ACCESS_TOKEN');
  });

  it('reports one finding per secret when several generic rules see it', () => {
    const t = fakeToken('', 36, 7);
    // Raw Bearer rule, mcp-server-secret (headers) and nothing else: one finding.
    const cfg = `{"servers":{"w":{"url":"https://w.acme.io/mcp","headers":{"Authorization":"Bearer ${t}"}}}}`;
    expect(scan(cfg, '.vscode/mcp.json')).toEqual([['authorization-bearer', 1, 'servers.w.headers.Authorization']]);
  });

  it('reads values in YAML block scalars and TOML multi-line strings', () => {
    const k = fakeToken('', 32, 8);
    expect(scan(`extensions:\n  s:\n    cmd: x\n    envs:\n      S_TOKEN: >-\n        ${k}\n`, 'config.yaml')).toEqual([
      ['mcp-server-secret', 6, 'extensions.s.envs.S_TOKEN'],
    ]);
    expect(scan(`[mcp_servers.s.env]\nS_TOKEN = """\n${k}"""\n`, 'config.toml')).toEqual([
      ['mcp-server-secret', 3, 'mcp_servers.s.env.S_TOKEN'],
    ]);
  });

  it('never reports Codex env_vars, bearer_token_env_var or env_http_headers names', () => {
    const toml = '[mcp_servers.s]\nurl = "https://s.acme.io/mcp"\nenv_vars = ["S_API_KEY", "S_SECRET"]\nbearer_token_env_var = "S_BEARER_TOKEN"\nenv_http_headers = { "X-API-Key" = "S_API_KEY_HEADER" }\n';
    expect(scan(toml, 'config.toml')).toEqual([]);
  });

  it('does not report package-lock integrity hashes, UUIDs or git SHAs under neutral keys', () => {
    const lock = JSON.stringify({
      packages: { 'node_modules/a': { version: '1.0.0', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: `sha512-${fakeToken('', 86, 9, ALPHABETS.base64)}==` } },
      requestId: '123e4567-e89b-12d3-a456-426614174000',
      commit: fakeToken('', 40, 10, ALPHABETS.hexLower),
      mcpServers: { x: { command: 'x', env: { BUILD_ID: '123e4567-e89b-12d3-a456-426614174000', GIT_SHA: fakeToken('', 40, 11, ALPHABETS.hexLower) } } },
    }, null, 2);
    expect(scan(lock, 'package-lock.json')).toEqual([]);
    expect(scan(lock, 'state.json')).toEqual([]);
  });
});

describe('hostile input', () => {
  it('survives very deep JSON and YAML without exhausting the stack', () => {
    const deep = `{"mcpServers": ${'['.repeat(50_000)}"x"${']'.repeat(50_000)}, "token": "${fakeToken('', 30, 12)}"}`;
    const r = scanText({ text: deep, path: 'deep.json' }, generic);
    // The structure is refused with a warning; the text rules still find the key at the end.
    expect(r.warnings).toHaveLength(1);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['generic-api-key']);
    const deepYaml = `mcpServers:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`;
    expect(() => scanText({ text: deepYaml, path: 'deep.yaml' }, generic)).not.toThrow();
  });
});

describe('one rule per secret shape', () => {
  it('reports a JWT once, as jwt, wherever it sits', async () => {
    const { exampleJwt } = await import('../../src/rules/generic/jwt.js');
    const t = exampleJwt({ iss: 'svc', role: 'admin', iat: 1700000000 });
    const texts = [
      `https://x.acme.io/sse?token=${t}`,
      `tool --token ${t}`,
      `<token>${t}</token>`,
      `Authorization: Bearer ${t}`,
      `Authorization: ${t}`,
      `X-API-Key: ${t}`,
      `API_TOKEN=${t}`,
    ];
    for (const text of texts) expect(scan(text, 'notes.txt').map((f) => f[0]), text).toEqual(['jwt']);
  });
});

describe('one rule per context', () => {
  const k = fakeToken('', 32, 13);
  it.each([
    [`https://x.acme.io/sse?api_key=${k}`, 'url-query-secret'],
    [`https://x.acme.io/sse?api-key=${k}`, 'url-query-secret'],
    [`X-API-Key: ${k}`, 'api-key-header'],
    [`API_KEY=${k}`, 'generic-api-key'],
    [`"api_key": "${k}"`, 'generic-api-key'],
    [`search-mcp --api-key ${k}`, 'cli-secret-flag'],
    [`search-mcp --api-key=${k}`, 'cli-secret-flag'],
    [`Authorization: Bearer ${k}`, 'authorization-bearer'],
    [`Authorization: token ${k}`, 'authorization-token'],
    [`<apiKey>${k}</apiKey>`, 'xml-secret-element'],
    [`client_secret: ${k}`, 'oauth-client-secret'],
    [`refresh_token=${k}`, 'oauth-token'],
    [`DB_PASSWORD=${k}`, 'generic-password'],
    [`https://svc:${k}@mcp.acme.io/sse`, 'url-credentials'],
    [`postgres://svc:${k}@db.acme.io/app`, 'connection-string-password'],
    [`curl -u svc:${k} https://api.acme.io`, 'curl-auth-user'],
  ])('%s → %s only', (text, id) => {
    expect(scan(text, 'notes.txt').map((f) => f[0])).toEqual([id]);
  });
});
