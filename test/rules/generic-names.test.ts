// Key-name and value judgements shared by the generic rules.
import { describe, expect, it } from 'vitest';
import { classifyKey, keyWords } from '../../src/rules/generic/names.js';
import { notSecretReason } from '../../src/rules/generic/values.js';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';

describe('classifyKey', () => {
  it('splits identifiers into words', () => {
    expect(keyWords('GITHUB_PERSONAL_ACCESS_TOKEN')).toEqual(['github', 'personal', 'access', 'token']);
    expect(keyWords('apiKey')).toEqual(['api', 'key']);
    expect(keyWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(keyWords('OPENAIApiKey')).toEqual(['openai', 'api', 'key']);
    expect(keyWords('apikey')).toEqual(['api', 'key']);
  });

  it.each([
    ['OPENAI_API_KEY', 'secret'], ['apiKey', 'secret'], ['secretKey', 'secret'], ['private_key', 'secret'], ['GITHUB_TOKEN', 'secret'],
    ['auth_token', 'secret'], ['SLACK_SIGNING_SECRET', 'secret'], ['credentials', 'secret'], ['_auth', 'secret'], ['GITHUB_PAT', 'secret'],
    ['password', 'password'], ['DB_PASSWORD', 'password'], ['PGPASSWORD', 'password'], ['passwd', 'password'], ['SMTP_PASS', 'password'],
    ['client_secret', 'client-secret'], ['GOOGLE_CLIENT_SECRET', 'client-secret'], ['refresh_token', 'oauth-token'],
    ['access_token', 'oauth-token'], ['SLACK_ACCESS_TOKEN', 'secret'], ['OPENAIAPIKEY', 'secret'],
  ])('%s holds a %s', (name, kind) => expect(classifyKey(name)).toBe(kind));

  it.each([
    'max_tokens', 'next_page_token', 'pageToken', 'tokenizer', 'token_url', 'publicKey', 'sortKey', 'primary_key', 'key',
    'secretName', 'isSecret', 'api_key_file', 'GITHUB_TOKEN_ENV_VAR', 'bos_token', 'showPassword', 'password_hash', 'author',
    'keywords', 'bearer_token_env_var', 'env_vars', 'cacheKey', 'i18nKey', 'csrfToken',
  ])('%s does not name a secret', (name) => expect(classifyKey(name)).toBeUndefined());
});

describe('notSecretReason', () => {
  it.each([
    ['', 'short'], ['true', 'short'], ['/etc/keys/api.key', 'path'], ['/home/me/.config/tool', 'path'], ['https://api.example.com/v1', 'url'],
    ['1234567890123', 'literal'], ['v1.2.3-beta.1', 'literal'], ['${API_KEY}', 'reference'], ['getToken()', 'reference'],
    ['config.apiKey', 'name'], ['GITHUB_TOKEN', 'identifier'], ['mySecretTokenValue', 'identifier'], ['Uint8Array', 'identifier'],
    ['my-app-secrets', 'identifier'], ['claude-desktop/github/GITHUB_TOKEN', 'identifier'], ['claude-code.search.SEARCH_API_KEY', 'identifier'], ['service-account.json', 'name'], ['api.example.com', 'name'], ['dev@acme.io', 'name'],
    ['your_api_key_here', 'identifier'], ['YOUR-API-KEY-1', 'placeholder'], ['sha512-abcdefghijklmnopqrstuvwxyz012345', 'placeholder'],
  ])('%s → %s', (v, reason) => expect(notSecretReason(v, 'declared')).toBe(reason));

  it('rejects stand-in passwords', () => {
    expect(notSecretReason('secret123', 'password')).toBeDefined();
    expect(notSecretReason('P@ssw0rd', 'password')).toBe('placeholder');
    expect(notSecretReason('Tr0ub4dor&3x', 'password')).toBeUndefined();
  });

  it('keeps hex keys that happen to split into letter and digit runs', () => {
    expect(notSecretReason('ab12cd34ef56ab12cd34ef56ab12cd34', 'named')).toBeUndefined();
  });

  it('accepts generated keys of common shapes', () => {
    for (const v of [fakeToken('', 32, 1), fakeToken('', 40, 2, ALPHABETS.hexLower), fakeToken('', 20, 3, ALPHABETS.upperAlnum), fakeToken('', 44, 4, ALPHABETS.base64)])
      expect(notSecretReason(v, 'named'), v).toBeUndefined();
  });

  it.each([
    ['sk-test-1234abcd', 'placeholder'], ['mock_token_9f8e7d', 'placeholder'], ['cGFzc3dvcmQ=', 'placeholder'],
    ['$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', 'hash'],
  ])('%s → %s (test doubles, encoded stand-ins, password hashes)', (v, reason) => expect(notSecretReason(v, 'named')).toBe(reason));

  it.each(['--max-old-space-size=4096', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'ghcr.io/acme/server:1.2.3', 'abcdefghijklmnopqrstuvwxyz012345'])(
    'a bare %s is not a token',
    (v) => expect(notSecretReason(v, 'bare')).toBeDefined(),
  );

  it.each([
    ['alnum', 32, ALPHABETS.alnum],
    ['hex', 32, ALPHABETS.hexLower],
    ['hex', 40, ALPHABETS.hexLower],
    ['base64', 40, ALPHABETS.base64],
    ['base64url', 43, ALPHABETS.base64url],
    ['upper', 20, ALPHABETS.upperAlnum],
    ['lower', 24, ALPHABETS.lowerAlnum],
  ] as const)('keeps at least 98%% of random %s keys of length %i', (_name, len, alphabet) => {
    let kept = 0;
    for (let seed = 1; seed <= 500; seed++) if (notSecretReason(fakeToken('', len, seed, alphabet), 'named') === undefined) kept++;
    expect(kept).toBeGreaterThanOrEqual(490);
  });

  it('asks more of a bare value than of a declared one', () => {
    const v = 'Wx7-pq2Lm9';
    expect(notSecretReason(v, 'declared')).toBeUndefined();
    expect(notSecretReason(v, 'bare')).toBe('short');
    expect(notSecretReason('claude-3-5-sonnet-20241022', 'bare')).toBe('identifier');
    expect(notSecretReason('123e4567-e89b-12d3-a456-426614174000', 'bare')).toBe('identifier');
  });
});
