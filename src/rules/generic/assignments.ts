// Secrets assigned to secret-named keys in any text: `.env` lines, `export X=`, code assignments, JSON/YAML/
// TOML entries, `--api-key=…` flags. The key name decides the kind; the value must pass the value checks.
import type { Rule } from '../../engine/types.js';
import { fakeToken, fakeUuid, ALPHABETS } from '../fake.js';
import { classifyKey, isApiKeyHeader, SECRET_NAME_KEYWORDS, type KeyKind } from './names.js';
import { isValidJwt } from './jwt.js';
import { isSecretValue, type Strength } from './values.js';

/**
 * `<key ending in a secret word> <separator> <optionally quoted value>`. The pattern starts at the separator
 * (a character the scan finds fast) and looks behind it for the word; `keyName` then reads the whole key
 * backwards. About 2× faster than starting at the word, 4× faster than trying every identifier.
 */
export function assignmentPattern(keyWords: string): RegExp {
  return new RegExp(
    `(?::=|=>|=(?![=~>])|:(?![:/\\\\]))` +
      `(?<=(?:${keyWords})(?:\\\\{0,2}["'\`])?[ \\t]{0,3}(?::=|=>|=|:))[ \\t]{0,4}` +
      `(?<q>\\\\{0,2}["'\`])?` +
      `(?<secret>[A-Za-z0-9_+/.~@#%^*-][^\\s"'\`\\\\;,<>(){}\\[\\]|]{5,199})\\k<q>`,
    'i',
  );
}

/**
 * The whole key before the separator (`GITHUB_PERSONAL_ACCESS_TOKEN`, `apiKey` in `"apiKey":`), or undefined
 * when it is too long or follows `?`, `&` (query strings: the URL rule's), `$`, `@` or `/`.
 */
export function keyName(m: RegExpExecArray): string | undefined {
  const s = m.input;
  let j = m.index;
  while (j > 0 && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
  if (j > 0 && /["'`]/.test(s[j - 1])) {
    j--;
    while (j > 0 && s[j - 1] === '\\') j--;
  }
  const end = j;
  const stop = Math.max(0, end - 64);
  let i = end;
  while (i > stop && /[\w.-]/.test(s[i - 1])) i--;
  if (i === end || (i > 0 && /[\w.?&$@/-]/.test(s[i - 1]))) return undefined;
  // `arn:aws:secretsmanager:…:secret:name`, `hosting:auth:missing-401`: a word inside a colon-joined name, not a key.
  if (i > 0 && s[i - 1] === ':' && s[end] === ':') return undefined;
  return s.slice(i, end);
}

/** What follows an unquoted value must end it; `getToken()` or `a.b[c]` is code, not a literal. */
function endsCleanly(m: RegExpExecArray, password: boolean): boolean {
  if (m.groups?.q) return true;
  const next = m.input[m.index + m[0].length];
  if (next !== undefined && !/[\s;,)}\]&"'`]/.test(next)) return false;
  // Unquoted operators are code (`r.C0.ESC+o.key`, `a?b:c`), not a literal.
  const secret = m.groups?.secret ?? '';
  // Passwords legitimately hold `!#&:`, keys do not.
  return !(password ? /\?|\+.*\.|\..*\+/ : /[?!:#&]|\+.*\.|\..*\+/).test(secret);
}

/** Header and payload (and signature) segments of a JWT. */
const JWT_SHAPED = /^eyJ[\w-]{10,}\.[\w-]+(?:\.[\w-]*)?$/;

function keyedValidator(kinds: KeyKind[], strength: (kind: KeyKind) => Strength) {
  return (secret: string, m: RegExpExecArray): boolean => {
    const key = keyName(m);
    if (!key || key.startsWith('--')) return false; // flags are cli-secret-flag's
    const kind = classifyKey(key);
    if (!kind || !kinds.includes(kind)) return false;
    if (!key.startsWith('-') && isApiKeyHeader(key)) return false; // the header rule reports these
    if (!endsCleanly(m, kind === 'password')) return false;
    if (isValidJwt(secret)) return false; // the jwt rule reports these, with their decoded shape checked
    if (JWT_SHAPED.test(secret)) return false; // a JWT that does not decode (`eyJ….bm90IGpzb24.…`) is a broken test double
    if (secret.toLowerCase() === key.toLowerCase()) return false; // a template's key repeated as its value
    return isSecretValue(secret, strength(kind));
  };
}

const k1 = fakeToken('', 32, 101);
const k2 = fakeToken('', 40, 102, ALPHABETS.hexLower);
const k3 = fakeToken('', 24, 103);
const k4 = fakeToken('', 44, 104, ALPHABETS.base64);
const pw = `${fakeToken('', 10, 105)}!7`;
// Hex API keys (32, 40 and 64 characters) are common; so are hashes of the same lengths under other names.
const h32 = fakeToken('', 32, 107, ALPHABETS.hexLower);
const h40 = fakeToken('', 40, 108, ALPHABETS.hexLower);
const h64 = fakeToken('', 64, 109, ALPHABETS.hexLower);

export const genericApiKey: Rule = {
  id: 'generic-api-key',
  title: 'Secret assigned to a secret-named key',
  severity: 'high',
  generic: true,
  keywords: SECRET_NAME_KEYWORDS,
  pattern: assignmentPattern('key|token|secret|credentials?|creds|auth'),
  validate: keyedValidator(['secret'], () => 'named'),
  description: 'A key whose name says secret (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, `apiKey`, `secretKey`…) holding a random-looking literal.',
  get examples() {
    return {
      positive: [
        `OPENWEATHER_API_KEY=${k1}`,
        `export SEARCH_API_KEY="${k1}"`,
        `api_key = '${k3}'`,
        `const apiKey = "${k1}";`,
        `secretKey: ${k4}`,
        `  "GITHUB_PERSONAL_ACCESS_TOKEN": "${k2}",`,
        `BRAVE_API_KEY: "${k3}"`,
        `AUTH_TOKEN := "${k1}"`,
        `'api_key' => '${k3}',`,
        `config.secret_key = "${k1}"`,
        `{\\"apiKey\\": \\"${k3}\\"}`,
        `_authToken=${fakeUuid(106)}`,
        `SLACK_SIGNING_SECRET=${k2}`,
        `credentials: "${k4}"`,
        `webhookSecret = "${k3}"`,
        `{"api_key": "${h32}"}`,
        `"apiKey": "${h40}",`,
        `secret: ${h64}`,
        `SERVICE_TOKEN=${h40}`,
        `API_SECRET = '${h64}'`,
        `headers: { token: '${h40}' }`,
        `access_key = "${h32}"`,
        `X_API_KEY=${h32.toUpperCase()}`,
      ],
      negative: [
        `OPENWEATHER_API_KEY=`,
        `OPENWEATHER_API_KEY=\${OPENWEATHER_API_KEY}`,
        `api_key = os.environ["API_KEY"]`,
        `const apiKey = process.env.API_KEY;`,
        `const apiKey = config.apiKey;`,
        `apiKey: getApiKey(),`,
        `token = tokenResponse.accessToken`,
        `api_key = "your_api_key_here"`,
        `API_KEY=<your-api-key>`,
        `SECRET_KEY=changeme`,
        `api_key: sk-xxxxxxxxxxxxxxxxxxxxxxxx`,
        `"max_tokens": 4096,`,
        `"next_page_token": "${k3}"`,
        `pageToken: "${k3}"`,
        `publicKey: "${k1}"`,
        `"sortKey": "createdAtTimestamp2"`,
        `"token_url": "https://auth.example.com/oauth/token"`,
        `api_key_file = "/etc/keys/api.key"`,
        `GITHUB_TOKEN_ENV_VAR = "GITHUB_TOKEN"`,
        `"secretName": "my-app-secrets"`,
        `"isSecret": true`,
        `tokenizer: "cl100k_base"`,
        `"apiKey": "YOUR_API_KEY"`,
        `"key": "${k1}"`,
        `if (token === "${k1}")`,
        `bos_token: "<s>"`,
        `API_KEY="\${{ secrets.API_KEY }}"`,
        `token: string;`,
        `secret: "my-super-secret"`,
        `"integrity": "sha512-${k4}"`,
        `"secret": "v1.2.3"`,
        `apiKey = "https://api.example.com/v1"`,
        `x-api-key: ${k3}`,
        `--api-key=${k1}`,
        `access_token = "${k1}"`,
        `password = "${pw}"`,
        `let token = await getToken(${k1})`,
        `auth_token: $AUTH_TOKEN`,
        `api_key: "{api_key}"`,
        `api_key=${k1}${'('}`,
        `apiKey: 'sk-test-1234abcd'`,
        `const token = 'mock_token_9f8e7d6c5b'`,
        `  password: cGFzc3dvcmQ=`,
        `API_KEY_HEADER = "X-API-Key"`,
        `"OPENAI_API_KEY": "ollama"`,
        `"OPENAI_API_KEY": "sk-no-key-required"`,
        `"OPENAI_API_KEY": "EMPTY"`,
        `apiKey: z.string().describe("Brave API key")`,
        `api_key: str = Field(..., description="API key")`,
        `token = os.getenv("TOKEN", "${k3}")`,
        `secret: crypto.randomBytes(32).toString('hex')`,
        `Token: tok.AccessToken,`,
        `"secret": "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"`,
        `private_key: "_EllipticCurvePrivateKey"`,
        `setSecret(secret: Uint8Array): void`,
        `key = r.C0.ESC+o.key`,
        `token: \${{ secrets.GITHUB_TOKEN }}`,
        `{"key": "${k1}", "value": "x"}`,
        `credentials: "include"`,
        // Hashes named as hashes, git SHAs and ETags: hex, but no secret.
        `{"sha": "${h40}"}`,
        `checksum: ${h64}`,
        `"integrity": "${h64}"`,
        `commit_sha = "${h40}"`,
        `etag: "${h32}"`,
        `"tokenHash": "${h64}"`,
        `secretHash = "${h64}"`,
        `token_sha256: ${h64}`,
        // detect-secrets baselines (.secrets.baseline) list SHA-1 digests of what they allow.
        `      "hashed_secret": "${'3f2a9c'}${k1.toLowerCase().replace(/[^a-f0-9]/g, 'b').slice(0, 34)}",`,
        // Secret-manager references: the safe pattern, never a finding.
        `OPENAI_API_KEY=op://vault/openai/credential`,
        `API_TOKEN=vault:secret/data/mcp#token`,
        `API_KEY=secret://prod/openai/api-key`,
        `API_KEY=arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/openai-AbC123`,
        `export API_KEY=$(gcloud secrets versions access latest --secret=openai-key)`,
        `API_KEY=doppler://project/config/OPENAI_API_KEY`,
        `API_KEY=infisical://prod/OPENAI_API_KEY`,
        `API_KEY: "{{resolve:secretsmanager:prod/openai:SecretString:key}}"`,
        `API_KEY=@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/api/)`,
        // A secret word inside a colon-joined name is not a key (`…:secret:<name>`, `hosting:auth:<case>`).
        `--secret_arn arn:aws:secretsmanager:eu-west-2:111122223333:secret:team-readonly-user-Xq7RmZ`,
        `"arn:aws:secretsmanager:us-west-2:000000000000:secret:acme-e2e-denied-LMNOPQ"`,
        `note="see the note on hosting:auth:missing-401."`,
        // Test doubles that describe themselves in words, with numbers, look-alike letters or a short prefix.
        `cursor.sequence_token = 'seq_page2_token'`,
        `COOKIE_SECRET=64_char_random_string`,
        `const token = "s3cret-service-token"`,
        `const VALID_TOKEN = 'e2e-valid-access-token';`,
        `const customApiKey = "acme7sk-custom-key";`,
        `apiKey: 'your-acme42-api-key',`,
        // Base64 of stand-ins ("AWS:demopassword") and keys typed in keyboard or byte order.
        `auth_token = "QVdTOmRlbW9wYXNzd29yZA=="`,
        `"authorizationToken": "${Buffer.from('AWS:fakepass').toString('base64')}"`,
        `token = 'eyJhbGciOiJIUzI1NiJ9.ABCDEF_ghijkl-0123.456=='`,
        `const DEFAULT_ENCRYPTION_KEY = "${Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).padStart(2, '0')).join('')}";`,
        // Identifiers that are not credentials: URNs (WebDAV lock tokens), chain addresses, idempotency tokens.
        'Token: `urn:uuid:181d4fae-7d8c-11d0-a765-00a0c91e6bf2`,',
        `"dmt_token": "0x${h40.slice(0, 40)}",`,
        `ClientToken='create-view-1672531200',`,
        `'token': 'token-account-210987654321'`,
        // Code and prose, not literals: a dereference, a keyword argument, a phrase, the key's own name.
        `cmd.WithCredentials = *args.WithCredentials`,
        `credentials_token=update_creds_token2,`,
        '- `JWT_PRIVATE_KEY`: Base64-encoded private key',
        `"acme3d_secret_key": "acme3d_secret_key",`,
        // A lone JWT header, a JWT that does not decode, stubs after a provider prefix, readable phrases.
        `auth_token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9`,
        `"auth_token": "ghp_user1_token_simulation",`,
        `card_token: 'tok_abc123xyz789'`,
        `"secret": "fastmcp-client-secret-12345",`,
        `-e CREDENTIAL_ENCRYPTION_KEY="MySecure32CharacterEncryptKey!!!"`,
        `const encoded = { credentials: 'user:p%40ss%2Fw%3Ard%21' };`,
      ],
    };
  },
};

export const genericPassword: Rule = {
  id: 'generic-password',
  title: 'Password assigned in code or config',
  severity: 'high',
  generic: true,
  keywords: ['passw', 'pwd', 'passphrase', 'passcode', '_pass'],
  pattern: assignmentPattern('passw(?:or)?d|pwd|passphrase|passcode|pass'),
  validate: keyedValidator(['password'], () => 'password'),
  get examples() {
    return {
      positive: [
        `DB_PASSWORD=${pw}`,
        `password: "${pw}"`,
        `"password": "Tr0ub4dor&3x"`, // keyward:allow: xkcd 936's well-known example password, kept for its symbols
        `SMTP_PASS=${pw}`,
        `spring.datasource.password=${pw}`,
        `Server=db;User Id=sa;Password=${pw};`,
        `export PGPASSWORD='${pw}'`,
        `passphrase = "${k3}"`,
      ],
      negative: [
        `DB_PASSWORD=`,
        `password: "password"`,
        `password: "changeme"`,
        `"password": "<password>"`,
        `password = os.getenv("DB_PASSWORD")`,
        `DB_PASSWORD=\${DB_PASSWORD}`,
        `"password": "\${input:db-password}"`,
        `showPassword: true`,
        `password_hash = "${k2}"`,
        `"passwordField": "user_password"`,
        `password = request.form.password`,
        `password: "********"`,
        `PASSWORD=your_password_here`,
        `password: "secret123"`,
        `password: "admin"`,
        `password=$(cat /run/secrets/db)`,
        `confirmPassword: "${pw}"`,
        `resetPassword = "${pw}"`,
        `password: !vault |`,
        `POSTGRES_PASSWORD: example`,
        `MYSQL_ROOT_PASSWORD: rootpassword`,
        `REDIS_PASSWORD: redis123`,
        `"password": "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"`,
        `<input type="password" name="password" value="">`,
        `"password": "Mot de passe"`,
        `DB_PASSWORD=arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password`,
        `DB_PASSWORD: "{{resolve:ssm-secure:/prod/db/password:1}}"`,
        `DB_PASSWORD=vault:database/creds/app#password`,
        `DB_PASSWORD="op://Infra/Postgres/password"`,
        // Stand-ins with look-alike letters, in words, or as base64 ("test").
        `'SecretString': '{"username": "dbadmin", "password": "s3cr3t"}'`,
        `"credentials": {"password": "password=hunter42"}`,
        `password: dGVzdA==`,
        `DB_PASSWORD="p@ssw0rd-value"`,
        `Password: Managed in AWS Secrets Manager (secret: aurora-master-password)`,
        `MSSQL_SA_PASSWORD: "T3st@SqlServer"`,
        `{'username': 'bdd-test-user', 'password': 'BddT3st!Pass99'}`,
        `password: 'Passw0rd123456',`,
        `password: "p:w0rd",`,
        `assert 'PWD=p@ss=w0rd=' in conn_str`,
        `'Password': 'secretpassword123',`,
        `password='testpass123'`,
      ],
    };
  },
};

export const oauthClientSecret: Rule = {
  id: 'oauth-client-secret',
  title: 'OAuth client secret',
  severity: 'high',
  generic: true,
  keywords: ['client_secret', 'clientsecret', 'client-secret', 'client.secret'],
  // Anchored on the last word; the key name read backwards must classify as a client secret.
  pattern: assignmentPattern('secret'),
  validate: keyedValidator(['client-secret'], () => 'named'),
  get examples() {
    return {
      positive: [
        `GOOGLE_CLIENT_SECRET=${k3}`,
        `"client_secret": "${k1}"`,
        `clientSecret: '${k4}'`,
        `client_secret = "${k2}"`,
        `client.secret = "${h32}"`,
        `AZURE_CLIENT_SECRET="${k3}~${k1.slice(0, 8)}"`,
      ],
      negative: [
        `"client_secret": "\${CLIENT_SECRET}"`,
        `clientSecret: process.env.CLIENT_SECRET`,
        `client_secret = "YOUR_CLIENT_SECRET"`,
        `"client_secret": ""`,
        `clientSecret: "<client-secret>"`,
        `client_secret_basic`,
        `"token_endpoint_auth_method": "client_secret_post"`,
        `client_secret="your-okta9-client-secret",`,
        `upstream_client_secret="your-auth0-client-secret",`,
        `"GOOGLE_CLIENT_SECRET": "GOCSPX-env456",`,
        '`client_secret=pass%2Bword%3Dspecial%26chars`',
        '`client_secret=secret%40123%21%23%24%25%5E%26%2A%28%29`',
      ],
    };
  },
};

export const oauthToken: Rule = {
  id: 'oauth-token',
  title: 'OAuth access or refresh token',
  severity: 'high',
  generic: true,
  keywords: ['refresh_token', 'refreshtoken', 'refresh-token', 'access_token', 'accesstoken', 'access-token', 'id_token', 'idtoken'],
  pattern: assignmentPattern('token'),
  validate: keyedValidator(['oauth-token'], () => 'named'),
  get examples() {
    return {
      positive: [
        `"refresh_token": "1//${k4}"`,
        `refreshToken: "${k3}"`,
        `access_token=${k1}`,
        `"accessToken": "${k2}"`,
      ],
      negative: [
        `"refresh_token": "\${REFRESH_TOKEN}"`,
        `access_token = response.json()["access_token"]`,
        `"access_token": "<ACCESS_TOKEN>"`,
        `accessToken: string`,
        `"grant_type": "refresh_token"`,
        `refresh_token = token.refresh_token`,
        `SLACK_ACCESS_TOKEN_URL=https://slack.com/api/oauth.v2.access`,
        `access_token: your-access-token-here`,
        `AccessToken: "gho_test123456",`,
        `access_token: 'new-access456',`,
        `refresh_token: 'tok-XYZ67890',`,
        `const idToken = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGpzb24.${k4.replace(/[+/]/g, 'x')}";`,
        `"access_token": "header.not-valid-base64!!!.signature"`,
        `"access_token": "userId:grantId:secret",`,
        `'access_token': 'curl-access-token-12345',`,
        `refresh_token: 'vrx1_${k3.slice(0, 12)}AbCdEfGhIjKlMnOpQrSt',`,
      ],
    };
  },
};

export const assignmentRules: Rule[] = [genericApiKey, genericPassword, oauthClientSecret, oauthToken];
