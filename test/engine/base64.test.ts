// Base64 decode-and-rescan: secrets hidden in base64 are found and reported at the encoded text, marked
// `encoding: 'base64'`; base64 that is data (images, source maps, hashes, JWT parts, stand-ins) is not.
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../src/engine/base64.js';
import { scanText } from '../../src/engine/scan-text.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { ALPHABETS, fakeToken, seededRandom } from '../../src/rules/fake.js';
import { exampleJwt } from '../../src/rules/generic/jwt.js';

const set = builtinRuleSet();
const scan = (text: string, path: string) => scanText({ text, path }, set).findings;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const seeds = [7101, 7102, 7103, 7104, 7105, 7106];

/** A PEM RSA key with a random body: the right armour and shape, never a usable key. */
function fakePem(seed: number): string {
  const body = Array.from({ length: 6 }, (_, i) => fakeToken('', 64, seed * 10 + i, ALPHABETS.base64)).join('\n');
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
}

/** Where `needle` starts in `text`, as the 1-based line and column a finding reports. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('secrets inside base64 are found at the encoded text', () => {
  it.each(seeds)('a Kubernetes Secret `data:` (seed %i)', (s) => {
    const key = fakeToken('', 40, s);
    const password = `Qz7-${fakeToken('', 16, s + 1)}`;
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: mcp-${s}\ntype: Opaque\ndata:\n  API_KEY: ${b64(key)}\n  DB_PASSWORD: ${b64(password)}\n`;
    const found = scan(yaml, 'deploy/secret.yaml');
    expect(found.map((f) => [f.ruleId, f.secret, f.encoding, f.context])).toEqual([
      ['generic-api-key', key, 'base64', 'data.API_KEY'],
      ['generic-password', password, 'base64', 'data.DB_PASSWORD'],
    ]);
    // The location is the base64 text's, in the original file.
    expect(found[0]).toMatchObject({ ...positionOf(yaml, b64(key)), length: b64(key).length });
  });

  it.each(seeds)('a base64 JSON config blob holding an API key (seed %i)', (s) => {
    const key = fakeToken('', 36, s);
    for (const blob of [b64(JSON.stringify({ apiKey: key, region: 'eu-1' })), b64(JSON.stringify({ api_key: key }, null, 2))]) {
      const text = `MCP_CONFIG=${blob}\n`;
      const found = scan(text, 'scripts/run.sh');
      expect(found.map((f) => [f.ruleId, f.secret, f.encoding]), blob).toEqual([['generic-api-key', key, 'base64']]);
      expect(found[0]).toMatchObject({ line: 1, column: 12 });
    }
  });

  it.each(seeds)('a base64 PEM private key (seed %i)', (s) => {
    const text = `tls:\n  key: ${b64(fakePem(s))}\n`;
    const found = scan(text, 'values.yaml');
    expect(found.map((f) => [f.ruleId, f.encoding, f.line, f.column])).toEqual([['private-key', 'base64', 2, 8]]);
  });

  it.each(seeds)('Smithery URLs with ?config=<base64 JSON> and ?api_key= (seed %i)', (s) => {
    const key = fakeToken('', 32, s, ALPHABETS.hexLower);
    const config = { apiKey: fakeToken('', 40, s + 2), debug: false };
    const forms = [
      `{"mcpServers": {"tool": {"url": "https://server.smithery.ai/@acme/tool-${s}/mcp?config=${b64url(JSON.stringify(config))}"}}}`,
      `npx mcp-remote "https://server.smithery.ai/@acme/tool/mcp?profile=p${s}&config=${encodeURIComponent(b64(JSON.stringify(config)))}"`,
    ];
    for (const text of forms) {
      const found = scan(text, 'README.md');
      expect(found.map((f) => [f.ruleId, f.secret, f.encoding]), text).toEqual([['generic-api-key', config.apiKey, 'base64']]);
    }
    const plain = scan(`https://server.smithery.ai/@acme/tool/mcp?api_key=${key}&profile=x`, 'README.md');
    expect(plain.map((f) => f.ruleId)).toEqual(['url-query-secret']);
  });

  it.each(seeds)('Basic credentials are one authorization-basic finding, not a second decoded one (seed %i)', (s) => {
    const found = scan(`Authorization: Basic ${b64(`svc-${s}:${fakeToken('', 18, s)}`)}`, '.env');
    expect(found.map((f) => [f.ruleId, f.encoding])).toEqual([['authorization-basic', undefined]]);
  });

  it.each(seeds)('base64 inside base64: a registry auth in a docker config in a Secret (seed %i)', (s) => {
    const token = `ghp_${fakeToken('', 36, s)}`;
    const docker = JSON.stringify({ auths: { 'ghcr.io': { auth: b64(`bot:${token}`), token } } });
    const yaml = `kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(docker)}\n`;
    const found = scan(yaml, 'pull-secret.yaml');
    expect(found.map((f) => [f.ruleId, f.secret, f.encoding])).toContainEqual(['github-pat', token, 'base64']);
    // Two layers deep.
    const twice = scan(`blob: ${b64(b64(JSON.stringify({ token })))}\n`, 'x.yaml');
    expect(twice.map((f) => [f.ruleId, f.secret])).toContainEqual(['github-pat', token]);
  });

  it('a keyward:allow comment on the encoded line silences the decoded finding', () => {
    const text = `API_KEY=${b64(JSON.stringify({ apiKey: fakeToken('', 36, 7199) }))} # keyward:allow: test vector`;
    expect(scan(text, '.env')).toEqual([]);
  });
});

describe('base64 that is data is never decoded into findings', () => {
  it.each(seeds)('random binary, images, source maps, integrity hashes (seed %i)', (s) => {
    const rand = seededRandom(s);
    const binary = Buffer.from(Array.from({ length: 96 }, () => Math.floor(rand() * 256))).toString('base64');
    const key = fakeToken('', 36, s);
    const sourceMap = b64(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA', names: [] }));
    const texts: [string, string][] = [
      ['.env', `BLOB=${binary}`],
      ['config.json', `{"icon": "data:image/png;base64,iVBORw0KGgo${binary}"}`],
      ['dist/index.js', `console.log(1);\n//# sourceMappingURL=data:application/json;base64,${sourceMap}\n`],
      // Even a source map whose embedded sources hold a key-shaped string: the data URL is the bundler's.
      ['dist/app.js', `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${b64(JSON.stringify({ version: 3, sourcesContent: [`const apiKey = "${key}"`] }))}`],
      ['package-lock.json', `{"integrity": "sha512-${Buffer.from(binary, 'base64').subarray(0, 64).toString('base64')}"}`],
      ['config.yaml', `checksum: ${b64(fakeToken('', 48, s, ALPHABETS.hexLower))}\n`],
    ];
    for (const [path, text] of texts) expect(scan(text, path), text).toEqual([]);
  });

  it.each(seeds)('base64 of placeholders and stand-ins (seed %i)', (s) => {
    const texts = [
      `API_KEY=${b64('your-api-key-here')}`,
      `data:\n  API_KEY: ${b64('<YOUR_API_KEY>')}\n  PASSWORD: ${b64('changeme')}\n  TOKEN: ${b64('${GITHUB_TOKEN}')}\n`,
      `https://server.smithery.ai/@acme/t${s}/mcp?config=${b64(JSON.stringify({ apiKey: 'your-api-key' }))}`,
    ];
    for (const text of texts) expect(scan(text, 'secret.yaml'), text).toEqual([]);
  });

  // Shapes from the 31 bench MCP repos: README "install in Cursor" buttons carry a base64 server config; all of
  // them hold placeholders, and a pasted key in the same shape is the one to report.
  it.each(seeds)('Cursor install deep links (seed %i)', (s) => {
    const link = (config: unknown) => `[![Install](https://cursor.com/deeplink/mcp-install-dark.svg)](https://cursor.com/en/install-mcp?name=srv${s}&config=${encodeURIComponent(b64(JSON.stringify(config)))})`;
    const placeholders = [
      { url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer YOUR_GITHUB_PAT' } },
      { command: 'npx -y slack-mcp-server@latest', env: { SLACK_MCP_XOXP_TOKEN: 'xoxp-...' } },
      { command: 'npx -y mcp-remote https://mcp.tavily.com/mcp/?tavilyApiKey=<your-api-key>', env: {} },
      { command: 'uvx awslabs.postgres-mcp-server@latest --connection-string postgresql://[username]:[password]@[host]:[port]/[database]' },
      { command: 'uvx x-mcp-server@latest', env: { AWS_PROFILE: 'your-aws-profile', AWS_REGION: 'us-east-1' } },
    ];
    for (const config of placeholders) expect(scan(link(config), 'README.md'), JSON.stringify(config)).toEqual([]);
    const token = `ghp_${fakeToken('', 36, s + 50)}`;
    const found = scan(link({ url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: `Bearer ${token}` } }), 'README.md');
    expect(found.map((f) => [f.ruleId, f.secret, f.encoding])).toEqual([['github-pat', token, 'base64']]);
  });

  it.each(seeds)('a JWT is reported once, by the jwt rule (seed %i)', (s) => {
    const token = exampleJwt({ iss: 'svc', sub: `u${s}`, role: 'service_role', iat: 1700000000 + s }, 'HS256', fakeToken('', 43, s, ALPHABETS.base64url));
    const found = scan(`SUPABASE_SERVICE_ROLE_KEY=${token}\n`, '.env');
    expect(found.map((f) => f.encoding)).toEqual([undefined]);
  });

  it('only base64 of text decodes', () => {
    expect(decodeBase64(b64('plain text with a key'))).toBe('plain text with a key');
    expect(decodeBase64('abcdefghijklmnopqrstuvwx')).toBeUndefined(); // one case: an identifier
    expect(decodeBase64(`${b64('mixed alphabet here!?')}-_`)).toBeUndefined();
    expect(decodeBase64(b64('\u0000\u0001binary\u0002\u0003data'))).toBeUndefined();
  });
});
