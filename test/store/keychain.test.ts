// The keychain backend against a real OS keychain. Runs only where one answers (macOS, Windows, a Linux
// session with a Secret Service); elsewhere it is skipped and says why. On a headless Linux box with
// gnome-keyring installed: `dbus-run-session -- sh test/store/with-secret-service.sh`.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { KeychainStore, probeKeychain } from '../../src/store/keychain-store.js';

const probe = probeKeychain();
const reason = probe.available ? '' : `: skipped, no OS keychain here (${probe.reason.split('\n')[0]})`;

describe(`keychain store${reason}`, () => {
  it.skipIf(!probe.available)('round-trips a value and keeps the key index', async () => {
    const store = new KeychainStore(`keyward-test-${randomBytes(3).toString('hex')}`);
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

  it.skipIf(!probe.available)('is the default store: secrets set, then keyward run reads it back into the child', async () => {
    const service = `keyward-test-${randomBytes(3).toString('hex')}`;
    const env = { KEYWARD_KEYCHAIN_SERVICE: service, PATH: process.env.PATH ?? '' };
    const value = randomBytes(18).toString('hex');
    const set = await run(['secrets', 'set', 'kc/s/TOKEN'], { env, stdinText: async () => value });
    expect(set.stderr).toContain(`stored kc/s/TOKEN in the OS keychain`);
    expect(set.stderr).not.toMatch(/no OS keychain/);
    try {
      const r = await run(['run', '--secret', 'TOKEN=keyward://kc/s/TOKEN', '--', process.execPath, '-e', 'process.stdout.write(process.env.TOKEN)'], { env });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(value);
    } finally {
      expect((await run(['secrets', 'rm', 'kc/s/TOKEN'], { env })).exitCode).toBe(0);
    }
  });
});
