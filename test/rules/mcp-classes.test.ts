// Issue 14's classes over fresh generated variants (seeds the rule examples do not use): what must be found,
// what must never be (identifiers, secret-manager references), and what is reported as a published example.
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/engine/scan-text.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { ALPHABETS, fakeToken, fakeUuid } from '../../src/rules/fake.js';

const set = builtinRuleSet();
const scan = (text: string, path = 'mcp.json') => scanText({ text, path }, set, { reportExamples: true }).findings;
const hex = (n: number, s: number) => fakeToken('', n, s, ALPHABETS.hexLower);
const num = (n: number, s: number) => fakeToken('1', n - 1, s, '0123456789');
const seeds = [9001, 9002, 9003, 9004, 9005, 9006];

describe('missed classes are found', () => {
  it.each(seeds)('Sentry DSNs (seed %i)', (s) => {
    const forms = [
      `SENTRY_DSN=https://${hex(32, s)}@o${num(6, s)}.ingest.sentry.io/${num(7, s + 1)}`,
      `{"env": {"SENTRY_DSN": "https://${hex(32, s + 2)}@o${num(7, s)}.ingest.de.sentry.io/${num(6, s)}"}}`,
      `sentry_sdk.init(dsn="https://${hex(32, s + 3)}@sentry.corp-${s}.example.net/${num(2, s)}")`,
    ];
    for (const t of forms) expect(scan(t).map((f) => f.ruleId), t).toContain('sentry-dsn-key');
  });

  it.each(seeds)('Zapier MCP URLs (seed %i)', (s) => {
    const forms = [
      `{"mcpServers": {"zapier": {"url": "https://mcp.zapier.com/api/mcp/s/${fakeToken('', 44 + (s % 20), s)}/mcp"}}}`,
      `{"mcpServers": {"zapier": {"command": "npx", "args": ["mcp-remote", "https://actions.zapier.com/mcp/${fakeToken('sk-ak-', 30, s)}/sse"]}}}`,
    ];
    for (const t of forms) expect(scan(t).map((f) => f.ruleId), t).toContain('zapier-mcp-url');
  });

  it.each(seeds)('MCP platform URLs that carry the credential: Make, Pipedream, Composio, n8n (seed %i)', (s) => {
    const uuid = fakeUuid(s + 40);
    const forms: [string, string][] = [
      ['make-mcp-url', `{"mcpServers": {"make": {"url": "https://eu1.make.com/mcp/api/v1/u/${uuid}/sse"}}}`],
      ['make-mcp-url', `{"mcpServers": {"make": {"command": "npx", "args": ["mcp-remote", "https://us2.make.com/mcp/u/${fakeToken('', 30 + (s % 9), s, ALPHABETS.base64url)}/stateless"]}}}`],
      ['pipedream-mcp-url', `{"mcpServers": {"pd": {"url": "https://mcp.pipedream.net/${uuid}/notion"}}}`],
      ['composio-mcp-url', `{"mcpServers": {"gmail": {"url": "https://mcp.composio.dev/partner/composio/gmail?customerId=${uuid}&agent=cursor"}}}`],
      ['n8n-mcp-url', `{"mcpServers": {"n8n": {"url": "https://flows${s}.app.n8n.cloud/mcp/${uuid}/sse"}}}`],
    ];
    for (const [rule, t] of forms) expect(scan(t).map((f) => f.ruleId), t).toContain(rule);
    // Documentation links and placeholders of the same platforms are not findings.
    const docs = 'https://www.make.com/en/help/mcp https://mcp.pipedream.net/<uuid>/slack https://docs.n8n.io/mcp/ https://mcp.composio.dev/gmail';
    expect(scan(docs, 'README.md')).toEqual([]);
  });
});

describe('widened forms are found (issue 14)', () => {
  const b64url = ALPHABETS.base64url;
  /** A fake Discord bot token for an id of `digits` digits (17 in 2015, 19 for bots made since 2022). */
  const discord = (s: number, digits: number, hmac: number) =>
    `${Buffer.from(num(digits, s)).toString('base64').replace(/=+$/, '')}.${fakeToken('', 6, s + 1, b64url)}.${fakeToken('', hmac, s + 2, b64url)}`;

  it.each(seeds)('Discord bot tokens of every id length and HMAC length (seed %i)', (s) => {
    for (const digits of [17, 18, 19, 20]) {
      for (const hmac of [27, 38]) {
        const token = discord(s + digits + hmac, digits, hmac);
        const forms = [`DISCORD_TOKEN=${token}`, `{"mcpServers": {"discord": {"env": {"DISCORD_BOT_TOKEN": "${token}"}}}}`, `TOKEN='${token}'`, `Authorization: Bot ${token}`];
        for (const t of forms) expect(scan(t).map((f) => [f.ruleId, f.secret]), t).toContainEqual(['discord-bot-token', token]);
      }
    }
    // Same shape, but the first part is base64 of letters, not of a user id.
    const fake = `${Buffer.from(fakeToken('', 18, s)).toString('base64').replace(/=+$/, '')}.${fakeToken('', 6, s, b64url)}.${fakeToken('', 38, s, b64url)}`;
    expect(scan(`DISCORD_TOKEN=${fake}`, '.env').map((f) => f.ruleId)).not.toContain('discord-bot-token');
  });

  it.each(seeds)('Cloudflare API tokens: 40-character and cfut_/cfat_/cfk_ (seed %i)', (s) => {
    const classic = fakeToken('', 40, s, b64url);
    for (const t of [`CLOUDFLARE_API_TOKEN=${classic}`, `CF_TOKEN=${classic}`, `{"env": {"CLOUDFLARE_API_TOKEN": "${classic}"}}`])
      expect(scan(t).map((f) => f.ruleId), t).toContain('cloudflare-api-key');
    for (const prefix of ['cfut_', 'cfat_', 'cfk_']) {
      const token = `${prefix}${fakeToken('', 40, s + 3)}${hex(8, s + 4)}`;
      for (const t of [`API_TOKEN=${token}`, `"headers": {"Authorization": "Bearer ${token}"}`, `wrangler secret put X # ${token}`])
        expect(scan(t).map((f) => [f.ruleId, f.secret]), t).toContainEqual(['cloudflare-scannable-token', token]);
    }
  });

  it.each(seeds)('hex API keys under secret-named keys, not hashes under hash names (seed %i)', (s) => {
    for (const n of [32, 40, 64]) {
      const h = hex(n, s + n);
      const found = [`{"api_key": "${h}"}`, `apiKey: '${h}'`, `SECRET=${h}`, `const token = "${h}";`, `ACCESS_KEY = "${h.toUpperCase()}"`];
      for (const t of found) expect(scan(t, 'config.yaml').length, t).toBe(1);
      const hashes = [`{"sha": "${h}"}`, `checksum: ${h}`, `"integrity": "${h}"`, `hash = "${h}"`, `etag: "${h}"`, `"commit": "${h}"`, `token_sha256: ${h}`];
      for (const t of hashes) expect(scan(t, 'config.yaml'), t).toEqual([]);
    }
  });

  it.each(seeds)('passwords in URLs of any scheme and host (seed %i)', (s) => {
    // Not only letters and a trailing digit: some such strings read as camel-case identifiers to values.ts.
    const pw = `${fakeToken('', 10, s)}.${fakeToken('', 6, s + 1, ALPHABETS.lowerAlnum)}3`;
    const forms = [
      `amqp://worker:${pw}@rabbit-${s}.internal:5672/vh`,
      `redis://default:${pw}@cache.internal:6379`,
      `mongodb+srv://svc:${pw}@cluster0.ab${s}.mongodb.net/db`,
      `ftp://backup:${pw}@files.corp${s}.io/x`,
      `sftp://deploy:${pw}@10.2.3.${s % 250}:22/srv`,
      `ldap://cn=admin,dc=corp:${pw}@ldap.corp.io`,
      `http://user${s}:${pw}@10.0.0.5:8080/api`,
      `http://admin:${pw}@[fd00::${s % 100}]:8080/`,
    ];
    for (const t of forms) expect(scan(t, 'notes.txt').map((f) => f.secret), t).toEqual([pw]);
    const never = [`http://user:password@10.0.0.5:8080`, `https://\${USER}:\${PASS}@10.0.0.${s % 250}`, `git@github.com:acme/repo-${s}.git`, `amqp://guest:guest@localhost`, `redis://:\${REDIS_PASSWORD}@cache:6379`];
    for (const t of never) expect(scan(t, 'notes.txt'), t).toEqual([]);
  });
});

describe('identifiers and references are never findings', () => {
  it.each(seeds)('identifiers alone (seed %i)', (s) => {
    const text = [
      `TWILIO_ACCOUNT_SID=AC${hex(32, s)}`,
      `CLOUDFLARE_ACCOUNT_ID=${hex(32, s + 10)}`,
      `AWS_ACCOUNT_ID=${num(12, s)}`,
      `ROLE_ARN=arn:aws:iam::${num(12, s + 1)}:role/mcp`,
    ].join('\n');
    expect(scan(text, '.env')).toEqual([]);
  });

  it.each(seeds)('secret-manager references (seed %i)', (s) => {
    const id = fakeToken('', 8, s, ALPHABETS.lowerAlnum);
    const env = {
      OPENAI_API_KEY: `op://vault-${id}/openai/credential`,
      STRIPE_API_KEY: `arn:aws:secretsmanager:us-east-1:${num(12, s)}:secret:prod/${id}-AbCdEf`,
      DB_PASSWORD: `arn:aws:ssm:eu-west-1:${num(12, s + 1)}:parameter/${id}/db/password`,
      GITHUB_TOKEN: `vault:secret/data/${id}#token`,
      SLACK_TOKEN: `secret://prod/${id}/slack`,
      ANTHROPIC_API_KEY: '${{ secrets.ANTHROPIC_API_KEY }}',
      BRAVE_API_KEY: `$(gcloud secrets versions access latest --secret=${id})`,
      LINEAR_API_KEY: `doppler://${id}/prd/LINEAR_API_KEY`,
      NOTION_TOKEN: `infisical://${id}/NOTION_TOKEN`,
    };
    expect(scan(JSON.stringify({ mcpServers: { s: { command: 'npx', env } } }, null, 2))).toEqual([]);
    expect(scan(Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n'), '.env')).toEqual([]);
  });
});

describe('published test vectors are marked example', () => {
  it('AWS docs, jwt.io, Stripe docs', () => {
    const text = [
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ].join('\n');
    const found = scan(text, '.env');
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found.every((f) => f.example)).toBe(true);
  });
});

describe('test doubles from real MCP-server repositories are not findings (issue 14)', () => {
  const words = ['page', 'caller', 'entry', 'service', 'session', 'upstream', 'readonly', 'custom'];
  const word = (s: number) => words[s % words.length];

  it.each(seeds)('values that name themselves in words, numbers and look-alike letters (seed %i)', (s) => {
    const n = 10 + (s % 90);
    const forms = [
      `token.sequence_token = '${word(s)}_page${n % 10}_token'`,
      `access_token: 'new-access${n}',`,
      `const VALID_TOKEN = 'e2e-${word(s)}-access-token';`,
      `'X-API-Key': 'secret-api-key-${n}${n}',`,
      `COOKIE_SECRET=${n}_char_random_string`,
      `const token = "s3cret-${word(s + 1)}-token"`,
      `const customApiKey = "acme${n % 10}sk-${word(s)}-key";`,
      `apiKey: 'your-${word(s)}${n % 10}-api-key',`,
      `client_secret="your-auth${n % 10}-client-secret",`,
      `"credentials": {"password": "password=secret${n}"}`,
      `'SecretString': '{"password": "s3cr3t"}'`,
      `const url = "mongodb://user:s3cr3t-${word(s)}@localhost:27017";`,
    ];
    for (const t of forms) expect(scan(t, 'tests/test_client.py'), t).toEqual([]);
  });

  it.each(seeds)('secret words inside colon-joined names and secret-manager ARNs in arguments (seed %i)', (s) => {
    const forms = [
      `--secret_arn arn:aws:secretsmanager:us-east-1:${num(12, s)}:secret:${word(s)}-readonly-user-${fakeToken('', 6, s, ALPHABETS.base64url).replace(/[-_]/g, 'x')}`,
      `see the note on hosting:auth:missing-${400 + (s % 30)}.`,
    ];
    for (const t of forms) expect(scan(t, 'README.md'), t).toEqual([]);
  });

  it.each(seeds)('base64 of stand-ins and keys typed in order (seed %i)', (s) => {
    const forms = [
      `"authorizationToken": "${Buffer.from(`AWS:${word(s)}password`).toString('base64')}"`,
      `password: ${Buffer.from(['test', 'admin', 'secret'][s % 3]).toString('base64')}`,
      `token = 'eyJhbGciOiJIUzI1NiJ9.ABCDEF_ghijkl-${s % 10}123.456=='`,
      `const DEFAULT_ENCRYPTION_KEY = "${Array.from({ length: 32 }, (_, i) => ((i + s) % 256).toString(16).padStart(2, '0')).join('')}";`,
      `refresh_token: 'vrx1_${fakeToken('', 12, s)}AbCdEfGhIjKlMnOp',`,
    ];
    for (const t of forms) expect(scan(t, 'tests/test_auth.ts'), t).toEqual([]);
  });

  it.each(seeds)('the same keys holding random values are still found (seed %i)', (s) => {
    const k = fakeToken('', 32, s + 60);
    const forms = [
      `access_token: '${k}',`,
      `const VALID_TOKEN = '${k}';`,
      `'X-API-Key': '${k}',`,
      `COOKIE_SECRET=${k}`,
      `client_secret="${k}",`,
      `client.secret = "${hex(32, s + 61)}"`,
      // A digit with no look-alike letter (2, 6, 8, 9) stays a digit: the part is not read as a word.
      `const apiKey = "api-key-${fakeToken('', 4, s, 'abcdefghijklmnopqrstuvwxyz')}9${fakeToken('', 3, s + 1, 'abcdefghijklmnopqrstuvwxyz')}Q${fakeToken('', 4, s + 2, 'abcdefghijklmnopqrstuvwxyz')}2";`,
    ];
    for (const t of forms) expect(scan(t, 'src/server.py').length, t).toBeGreaterThan(0);
  });
});

describe('random passwords are found even when they split into letter runs', () => {
  /** A password of mixed-case letters and one digit, the kind a generator makes (seeded, not a real one). */
  const password = (s: number, length: number) => {
    const letters = fakeToken('', length - 1, s, ALPHABETS.letters);
    const at = s % length;
    return `${letters.slice(0, at)}${s % 10}${letters.slice(at)}`;
  };

  it('finds at least 99 % of 400 generated passwords under a password key', () => {
    let found = 0;
    for (let s = 0; s < 400; s++) {
      const pw = password(7000 + s, 8 + (s % 9));
      if (scan(`DB_PASSWORD=${pw}`, '.env').some((f) => f.secret === pw)) found++;
    }
    expect(found / 400).toBeGreaterThanOrEqual(0.99);
  });

  it('still reads identifiers of common words as identifiers', () => {
    for (const v of ['Uint8Array', 'getRandomValues', 'sha256Hex', 'Base64Url', 'Http2Stream', 'utf8Bytes', 'redis123']) {
      expect(scan(`password: "${v}"`, 'src/a.ts'), v).toEqual([]);
    }
  });
});

describe('identifiers, code and broken test doubles from real MCP-server histories are not findings (issue 14)', () => {
  it.each(seeds)('URNs, chain addresses, idempotency and account tokens (seed %i)', (s) => {
    const forms = [
      `Token: \`urn:uuid:${fakeUuid(s + 70)}\`,`,
      `"opt_token": "0x${hex(40, s + 71)}",`,
      `ClientToken='create-view-${1_600_000_000 + s}',`,
      `'token': 'token-account-${num(12, s + 72)}'`,
    ];
    for (const t of forms) expect(scan(t, 'tests/test_api.py'), t).toEqual([]);
  });

  it.each(seeds)('code, prose, a key repeated as its value, JWTs that do not decode (seed %i)', (s) => {
    const forms = [
      `cmd.WithCredentials = *args.WithCredentials${s}`,
      `credentials_token=update_creds_token${s % 10},`,
      `"svc${s}_secret_key": "svc${s}_secret_key",`,
      `auth_token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9`,
      `const idToken = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(`not json ${s}`).toString('base64url')}.${fakeToken('', 43, s, ALPHABETS.base64url)}";`,
      `"access_token": "header.not-valid-base64-${s}!!!.signature"`,
    ];
    for (const t of forms) expect(scan(t, 'src/auth.test.ts'), t).toEqual([]);
  });

  it.each(seeds)('stand-in passwords with look-alike letters, separators and camel case (seed %i)', (s) => {
    const sep = ['/', '%', ':', '^'][s % 4];
    const forms = [
      `password: "p${sep}w0rd",`,
      `MSSQL_SA_PASSWORD: "T3st@Sql${s}"`,
      `{'password': 'Bdd${s % 10}T3st!Pass99'}`,
      `url = "http://jane:p%40ssword${s % 10}@google.com"`,
      `"GOOGLE_CLIENT_SECRET": "GOCSPX-env${s % 1000}",`,
      `client_secret=secret%40${s}%21%23%24`,
    ];
    for (const t of forms) expect(scan(t, 'tests/test_db.py'), t).toEqual([]);
  });
});
