// The keychain backend against a real OS keychain. Runs only where one answers (macOS, Windows, a Linux
// desktop session with a Secret Service); elsewhere it is skipped and says why.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeychainStore, probeKeychain } from '../../src/store/keychain-store.js';

const probe = probeKeychain();
const reason = probe.available ? '' : `: skipped, no OS keychain here (${probe.reason.split('\n')[0]})`;

describe(`keychain store${reason}`, () => {
  it.skipIf(!probe.available)('round-trips a value and keeps the key index', async () => {
    const store = new KeychainStore('keyward-test');
    const key = `test/${randomBytes(4).toString('hex')}/TOKEN`;
    const value = randomBytes(24).toString('base64');
    try {
      await store.set(key, value);
      expect(await store.get(key)).toBe(value);
      expect(await store.list()).toContain(key);
    } finally {
      expect(await store.delete(key)).toBe(true);
    }
    expect(await store.get(key)).toBeUndefined();
    expect(await store.list()).not.toContain(key);
  });
});
