// The shared filters every candidate goes through: placeholders/examples and references are never secrets,
// while generated keys of every common shape survive them.
import { describe, expect, it } from 'vitest';
import { isNonSecretShape, isPlaceholder } from '../../src/engine/placeholder.js';
import { containsReference, isReference } from '../../src/engine/reference.js';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';

describe('isPlaceholder', () => {
  it.each([
    'your_api_key', 'YOUR_OPENAI_API_KEY_HERE', 'your-key-here', 'yourapikey', '<TOKEN>', '<your-token>', 'sk-xxxxxxxxxxxxxxxxxxxx',
    'sk-proj-XXXXXXXXXXXXXXXXXXXX', 'changeme', 'CHANGE_ME', 'REPLACE_ME', 'replace-with-your-key', 'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aaaaaaaaaaaaaaaa', '0000000000000000', 'abcabcabcabcabc', 'ghp_000000000000000000000000000000000000',
    'sk-...', 'sk-ant-***', '{{ API_KEY }}', 'my-secret-token', 'insert_token_here', 'dummy-token', 'fake_key_123', 'test-key',
    'sk_test_key', 'none', 'null', 'password', 'secret', 'token', 'api_key', 'redacted', 'sample-token-1', 'sk-1234567890abcdef',
    'paste-your-token', 'xoxb-your-token', '%s', 'key-{0}',
  ])('%s is a placeholder', (v) => expect(isPlaceholder(v)).toBe(true));

  const realShapes = [
    fakeToken('ghp_', 36, 1),
    fakeToken('sk-proj-', 48, 2, ALPHABETS.base64url),
    fakeToken('', 32, 3, ALPHABETS.hexLower),
    fakeToken('', 40, 4, ALPHABETS.base64),
    fakeToken('xoxb-', 50, 5),
    fakeToken('AKIA', 16, 6, ALPHABETS.upperAlnum),
    fakeToken('sk_test_', 40, 7),
    fakeToken('', 24, 8),
  ];
  it.each(realShapes)('%s (generated) is not a placeholder', (v) => expect(isPlaceholder(v)).toBe(false));

  it('keeps random tokens over many seeds (no chance word hits)', () => {
    let dropped = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      if (isPlaceholder(fakeToken('', 40, seed))) dropped++;
      if (isPlaceholder(fakeToken('', 43, seed, ALPHABETS.base64url))) dropped++;
    }
    expect(dropped).toBeLessThanOrEqual(4);
  });
});

describe('isNonSecretShape', () => {
  it.each([
    '123e4567-e89b-12d3-a456-426614174000',
    'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
    'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    'pk_live_51H8xYzABCDEF',
  ])('%s is an identifier or public material', (v) => expect(isNonSecretShape(v)).toBe(true));
  it('is false for a key', () => expect(isNonSecretShape(fakeToken('', 32, 9))).toBe(false));
});

describe('references', () => {
  it.each([
    '${VAR}', '${VAR:-default}', '${env:GITHUB_TOKEN}', '${input:wiki-token}', '${{ secrets.API_KEY }}', '$API_KEY',
    '{env:EXA_API_KEY}', '{file:~/.secrets/key}', '%API_KEY%', 'op://vault/item/field', '$(op read op://v/i/f)',
    '{api_key}', 'process.env.API_KEY', 'os.environ["API_KEY"]', '{{ env.TOKEN }}',
  ])('%s is a reference', (v) => expect(isReference(v)).toBe(true));

  it.each([fakeToken('', 32, 10), 'sk-live-abc', '$', 'plain words'])('%s is not a reference', (v) =>
    expect(isReference(v)).toBe(false),
  );

  it('finds references inside values', () => {
    expect(containsReference('Bearer ${TOKEN}')).toBe(true);
    expect(containsReference('Bearer {env:TOKEN}')).toBe(true);
    expect(containsReference('Bearer ${{ secrets.T }}')).toBe(true);
    expect(containsReference(`Bearer ${fakeToken('', 30, 11)}`)).toBe(false);
  });
});
