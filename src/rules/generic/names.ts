// What a key name says about its value: `GITHUB_TOKEN`, `apiKey`, `db_password`, `client_secret` hold
// secrets; `max_tokens`, `publicKey`, `token_url`, `secretName` do not. Shared by text and structured rules.

export type KeyKind = 'secret' | 'password' | 'client-secret' | 'oauth-token';

/** Glued compounds split into words before judging (`apikey` → api key, `authToken` is already split). */
const COMPOUND = /^(api|secret|private|access|auth|master|client|refresh|id|bearer|session|signing|encryption|service|app)(key|token|secret)$/;

/** Words before `key` that make it a secret key (an API key, not a sort key or a public key). */
export const SECRET_KEY_WORDS = new Set([
  'api', 'secret', 'private', 'access', 'auth', 'master', 'signing', 'sign', 'encryption', 'encrypt', 'decrypt',
  'crypto', 'client', 'service', 'account', 'admin', 'subscription', 'webhook', 'hmac', 'jwt', 'session',
  'consumer', 'shared', 'app', 'license', 'deploy', 'write', 'integration', 'server', 'root', 'cipher', 'aes',
  'rest', 'management', 'mgmt', 'ingest', 'sk', 'personal', 'developer', 'dev', 'partner', 'merchant',
]);

/** Words before `token` that make it a pagination, parser or NLP token rather than a credential. */
const NON_SECRET_TOKEN_WORDS = new Set([
  'page', 'next', 'prev', 'previous', 'continuation', 'cancel', 'cancellation', 'csrf', 'xsrf', 'sync',
  'resume', 'pagination', 'max', 'min', 'bos', 'eos', 'pad', 'unk', 'sep', 'cls', 'mask', 'start', 'end',
  'stop', 'special', 'lexer', 'first', 'last', 'eof', 'input', 'output', 'current', 'lookahead', 'peek',
  'cursor', 'design', 'theme', 'color', 'word', 'string', 'char', 'ast', 'parse', 'syntax', 'type', 'num',
  'total', 'count', 'prompt', 'completion', 'context', 'chunk', 'split', 'sentence', 'response', 'reasoning',
  'cache', 'image', 'audio', 'text', 'tool', 'cached', 'new', 'is', 'has', 'use', 'no', 'close', 'open',
  'match', 'regex', 'keyword', 'identifier', 'punctuation', 'operator', 'comment', 'line', 'block', 'html',
  'css', 'js', 'jsx', 'template', 'sso', 'form', 'nonce', 'state', 'cache', 'lock', 'tokenizer', 'bpe',
]);

/** Words before `secret` that make the name a flag or a reference (`isSecret`, `secretName` ends otherwise). */
// hashed_secret: detect-secrets baselines (.secrets.baseline) hold SHA-1 digests, not secrets.
const NON_SECRET_SECRET_WORDS = new Set(['is', 'has', 'use', 'no', 'show', 'kube', 'k8s', 'mark', 'as', 'top', 'dirty', 'little', 'open', 'hashed']);

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode']);
const NON_PASSWORD_WORDS = new Set(['show', 'toggle', 'has', 'is', 'require', 'required', 'min', 'max', 'check', 'validate', 'forgot', 'no', 'use', 'hide', 'reset', 'change', 'confirm', 'label', 'placeholder', 'input', 'type']);

/** Lower-case words of an identifier: `GITHUB_PERSONAL_ACCESS_TOKEN`, `apiKey`, `x-api-key`, `db.password`. */
export function keyWords(name: string): string[] {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  const out: string[] = [];
  for (const w of spaced.split(/[^a-z0-9]+/)) {
    if (!w) continue;
    const m = COMPOUND.exec(w);
    if (m) out.push(m[1], m[2]);
    else out.push(w);
  }
  return out;
}

/** What kind of secret a key of this name holds, or undefined when the name does not say "secret". */
export function classifyKey(name: string): KeyKind | undefined {
  const words = keyWords(name);
  const n = words.length;
  if (n === 0) return undefined;
  const last = words[n - 1];
  const prev = n > 1 ? words[n - 2] : '';
  if (PASSWORD_WORDS.has(last) || /(?:password|passwd|passphrase)$/.test(last))
    return NON_PASSWORD_WORDS.has(prev) ? undefined : 'password';
  // Glued names in one case: PGPASSWORD is handled above; OPENAIAPIKEY, MYAUTHTOKEN here.
  if (/(?:api|secret|private|access)key$|(?:auth|api|bearer)token$/.test(last)) return 'secret';
  if (last === 'pass' && /^(?:db|user|admin|smtp|mail|email|redis|mysql|postgres|pg|rabbit|rabbitmq|ftp|sftp|proxy|basic|login|database)$/.test(prev))
    return 'password';
  if (last === 'secret') {
    if (prev === 'client') return 'client-secret';
    return NON_SECRET_SECRET_WORDS.has(prev) ? undefined : 'secret';
  }
  if (last === 'token') {
    if (prev === 'refresh') return 'oauth-token';
    if ((prev === 'access' || prev === 'id') && n === 2) return 'oauth-token';
    return NON_SECRET_TOKEN_WORDS.has(prev) ? undefined : 'secret';
  }
  if (last === 'key') return SECRET_KEY_WORDS.has(prev) ? 'secret' : undefined;
  if (last === 'pat' && n > 1) return 'secret';
  if (last === 'credential' || last === 'credentials' || last === 'creds') return 'secret';
  if (last === 'auth') return n === 1 || /^(?:basic|http|proxy|npm|registry|docker|api)$/.test(prev) ? 'secret' : undefined;
  return undefined;
}

/**
 * Prefilter keywords for "a key named like a secret": `key` alone occurs in nearly every file, so the secret
 * compounds are listed instead (`api_key`, `apikey`, `secret-key`…); `auth` only as a whole key (`auth"`,
 * `auth:`, `auth=`) so that `author` does not open every package.json.
 */
export const SECRET_NAME_KEYWORDS: string[] = [
  ...[...SECRET_KEY_WORDS].flatMap((w) => [`${w}key`, `${w}_key`, `${w}-key`, `${w}.key`]),
  'token', 'secret', 'credential', 'creds', 'auth"', "auth'", 'auth:', 'auth=', 'auth =', 'auth`', '_pat', 'pat"', 'pat:', 'pat=',
];

/** Header names that carry an API key or token on their own (not `Authorization`, which has a scheme). */
export const API_KEY_HEADERS = [
  'x-api-key', 'api-key', 'x-auth-token', 'x-access-token', 'x-api-token', 'x-goog-api-key',
  'x-subscription-token', 'ocp-apim-subscription-key', 'x-functions-key', 'private-token', 'x-auth-key',
];

const HEADER_SET = new Set(API_KEY_HEADERS);

/** `X-API-Key`, `api-key`… (case-insensitive). */
export function isApiKeyHeader(name: string): boolean {
  return HEADER_SET.has(name.toLowerCase());
}
