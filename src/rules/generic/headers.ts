// Credentials in HTTP headers, wherever the header is written: raw text, curl `-H`, a JSON/YAML headers map,
// an MCP `args` entry (`mcp-remote … --header "Authorization: Bearer …"`), env values holding a header.
import type { Rule } from '../../engine/types.js';
import { fakeToken, ALPHABETS } from '../fake.js';
import { API_KEY_HEADERS } from './names.js';
import { isValidJwt, exampleJwt } from './jwt.js';
import { isSecretValue } from './values.js';
import { isPlaceholder } from '../../engine/placeholder.js';

const t1 = fakeToken('', 40, 201);
const t2 = fakeToken('', 32, 202, ALPHABETS.base64url);
const t3 = fakeToken('', 64, 203, ALPHABETS.hexLower);

export const authorizationBearer: Rule = {
  id: 'authorization-bearer',
  confidence: 'medium',
  title: 'Bearer token in an Authorization header',
  severity: 'high',
  generic: true,
  keywords: ['bearer'],
  // The lookahead refuses a token cut short by `${…}`, `$VAR` or string concatenation.
  pattern: /\b(?:Bearer|bearer|BEARER)[ \t]+(?<secret>[A-Za-z0-9_~+/-][A-Za-z0-9._~+/-]{14,}=*)(?![A-Za-z0-9._~+/=$%{-])/,
  validate: (token) => !isValidJwt(token) && isSecretValue(token, 'named'),
  get examples() {
    return {
      positive: [
        `Authorization: Bearer ${t1}`,
        `curl -H "Authorization: Bearer ${t2}" https://api.example.com`,
        `"headers": { "Authorization": "Bearer ${t1}" }`,
        `"args": ["-y", "mcp-remote", "https://mcp.example.com/sse", "--header", "Authorization: Bearer ${t3}"]`,
        `AUTH_HEADER="Bearer ${t2}"`,
        `headers = { Authorization = "Bearer ${t1}" }`,
        `authorization: bearer ${t2}`,
      ],
      negative: [
        // Word-built stand-ins in contract tests, not random tokens.
        `headers: { authorization: 'Bearer fc-full-v1-contract-key' }`,
        `Authorization: Bearer \${API_TOKEN}`,
        `"Authorization": "Bearer \${input:api-token}"`,
        `Authorization: Bearer $TOKEN`,
        `Authorization: Bearer <token>`,
        `Authorization: Bearer YOUR_ACCESS_TOKEN`,
        `"Authorization": "Bearer {env:WIKI_TOKEN}"`,
        `headers: { Authorization: \`Bearer \${token}\` }`,
        `'Authorization': 'Bearer ' + token`,
        `Use the Bearer authentication scheme for every request.`,
        `Authorization: Bearer sk-xxxxxxxxxxxxxxxxxxxxxxxx`,
        `"--header", "Authorization:\${AUTH_HEADER}"`,
        `Authorization: Bearer ${exampleJwt({ sub: 'svc', iat: 1 })}`,
        `Authorization: Bearer ...`,
        `Bearer tokens expire after one hour.`,
        `Authorization: Bearer ${t1.slice(0, 8)}\${REST}`,
      ],
    };
  },
};

const basicCredentials = Buffer.from(`svc-reporting:${fakeToken('', 16, 204)}`).toString('base64');

/** Basic credentials decode to printable `user:password` with a password that is not a stand-in. */
function isBasicCredential(encoded: string): boolean {
  let decoded: string;
  try {
    decoded = Buffer.from(encoded, 'base64').toString('utf8');
  } catch {
    return false;
  }
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  const colon = decoded.indexOf(':');
  if (colon < 1) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 6 && !isPlaceholder(password) && isSecretValue(password, 'password');
}

export const authorizationBasic: Rule = {
  id: 'authorization-basic',
  title: 'Basic credentials in an Authorization header',
  severity: 'high',
  generic: true,
  keywords: ['basic'],
  pattern: /\b(?:Basic|basic|BASIC)[ \t]+(?<secret>[A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=$-])/,
  validate: isBasicCredential,
  get examples() {
    return {
      positive: [`Authorization: Basic ${basicCredentials}`, `"Authorization": "Basic ${basicCredentials}"`],
      negative: [
        `Authorization: Basic ${Buffer.from('user:password').toString('base64')}`,
        `Authorization: Basic \${BASIC_AUTH}`,
        `Basic authentication is supported.`,
        `Authorization: Basic ${Buffer.from('no-colon-here').toString('base64')}`,
        // Test doubles for special characters in a password, and the variable names themselves.
        `want: "Basic ${Buffer.from('admin:p/w0rd').toString('base64')}",`,
        `want: "Basic ${Buffer.from('admin:p%w0rd').toString('base64')}",`,
        `"Basic ${Buffer.from('CLIENT_ID%3F%3F:CLIENT_SECRET%3F%3F').toString('base64')}"`,
        `Authorization: Basic <base64(user:pass)>`,
      ],
    };
  },
};

const headerNames = API_KEY_HEADERS.map((h) => h.replace(/-/g, '[-_]')).join('|');

export const apiKeyHeader: Rule = {
  id: 'api-key-header',
  title: 'API key in a request header',
  severity: 'high',
  generic: true,
  keywords: ['api-key', 'api_key', 'auth-token', 'access-token', 'api-token', 'subscription-token', 'subscription-key', 'functions-key', 'private-token', 'auth-key'],
  pattern: new RegExp(
    `(?<name>${headerNames})["']?[ \\t]*[:=][ \\t]*["']?(?<secret>[A-Za-z0-9_~+/-][A-Za-z0-9._~+/=-]{11,})(?![A-Za-z0-9._~+/=$%{-])`,
    'i',
  ),
  validate: (value, m) =>
    // The name must start a word (checked here, not by a leading lookbehind, to keep the scan fast);
    // `api_key=` in a query string or `api_key:` in code is the assignment/URL rules' business.
    !/[\w?&-]/.test(m.input[m.index - 1] ?? ' ') &&
    (m.groups?.name ?? '').includes('-') &&
    !isValidJwt(value) &&
    isSecretValue(value, 'named'),
  get examples() {
    return {
      positive: [
        `X-API-Key: ${t1}`,
        `"x-api-key": "${t2}"`,
        `curl -H 'api-key: ${t3}' https://example.openai.azure.com`,
        `"args": ["mcp-remote", "https://mcp.example.com/mcp", "--header", "X-API-Key:${t1}"]`,
        `"X-Subscription-Token": "${t2}"`,
        `Ocp-Apim-Subscription-Key: ${t3}`,
        `x-auth-token=${t1}`,
        `"PRIVATE-TOKEN": "${t2}"`,
      ],
      negative: [
        `X-API-Key: \${API_KEY}`,
        `"x-api-key": "{env:EXA_API_KEY}"`,
        `X-API-Key: <your-api-key>`,
        `"X-API-Key": "YOUR_API_KEY"`,
        `x-api-key: $API_KEY`,
        `curl -H "x-api-key: \${{ secrets.KEY }}"`,
        `The X-API-Key header carries your key.`,
        `'X-API-Key': 'secret-api-key-67890',`,
        `"x-api-key": "test1-api-key-value"`,
        `"api-key": "${t1.slice(0, 6)}"`,
        `"X-API-Key": "\${input:api_key}"`,
        `api_key=${t1}`,
        `https://api.acme.io/v1?api-key=${t1}`,
        `x-api-key: abcdefghijklmnopqrstuvwxyz`,
      ],
    };
  },
};

export const authorizationToken: Rule = {
  id: 'authorization-token',
  title: 'Token in an Authorization header',
  severity: 'high',
  generic: true,
  keywords: ['authorization'],
  // `Authorization: token X` (GitHub), `Bot X`, `SSWS X` (Okta), or a bare token; Bearer and Basic have
  // their own rules, so a scheme word alone is never taken for the token.
  pattern:
    /\bAuthorization["']?[ \t]*[:=][ \t]*["']?(?:(?:token|Token|TOKEN|Bot|SSWS|Key|Api-Key|apikey|Splunk|GenieKey)[ \t]+)?(?<secret>[A-Za-z0-9_~+/-][A-Za-z0-9._~+/=-]{15,})(?![A-Za-z0-9._~+/=$%{-])/i,
  validate: (token) => !/^(?:Bearer|Basic|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)$/i.test(token) && !isValidJwt(token) && isSecretValue(token, 'named'),
  get examples() {
    return {
      positive: [
        `Authorization: token ${t3.slice(0, 40)}`,
        `"Authorization": "SSWS ${t2}"`,
        `"headers": { "Authorization": "${t1}" }`,
        `curl -H 'Authorization: Bot ${t2}' https://chat.acme.io/api`,
      ],
      negative: [
        `Authorization: Bearer ${t1}`,
        `Authorization: Basic ${basicCredentials}`,
        `"Authorization": "token \${GITHUB_TOKEN}"`,
        `Authorization: token <your-token>`,
        `"Authorization": "\${input:auth}"`,
        `Authorization: AWS4-HMAC-SHA256 Credential=x`,
        `The Authorization header carries the token.`,
        `Authorization: token YOUR_GITHUB_TOKEN`,
      ],
    };
  },
};

export const headerRules: Rule[] = [authorizationBearer, authorizationBasic, authorizationToken, apiKeyHeader];
