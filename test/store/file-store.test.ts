import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore, StoreError, parseRawKey } from '../../src/store/file-store.js';
import { openStore } from '../../src/store/select.js';
import { checkStoreKey, storeKeyFor } from '../../src/store/keys.js';
import { fakeToken } from '../../src/rules/fake.js';

let dir: string;
const rawKey = randomBytes(32);
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'keyward-store-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('encrypted file store', () => {
  it('round-trips values, lists keys, deletes, and writes mode 600 without plaintext', async () => {
    const path = join(dir, 'secrets.enc');
    const store = new EncryptedFileStore(path, { kind: 'raw', key: rawKey });
    const token = fakeToken('ghp_', 36, 7);
    await store.set('claude-desktop/github/GITHUB_TOKEN', token);
    await store.set('codex/slack/SLACK_TOKEN', 'line1\nline2 "quoted" ✓');
    const again = new EncryptedFileStore(path, { kind: 'raw', key: Buffer.from(rawKey) });
    expect(await again.get('claude-desktop/github/GITHUB_TOKEN')).toBe(token);
    expect(await again.get('codex/slack/SLACK_TOKEN')).toBe('line1\nline2 "quoted" ✓');
    expect(await again.get('missing')).toBeUndefined();
    expect(await again.list()).toEqual(['claude-desktop/github/GITHUB_TOKEN', 'codex/slack/SLACK_TOKEN']);
    expect(await again.delete('codex/slack/SLACK_TOKEN')).toBe(true);
    expect(await again.delete('codex/slack/SLACK_TOKEN')).toBe(false);
    expect(await again.list()).toEqual(['claude-desktop/github/GITHUB_TOKEN']);
    const bytes = await fs.readFile(path, 'utf8');
    expect(bytes).not.toContain(token);
    expect(bytes).not.toContain('GITHUB_TOKEN');
    expect((await fs.stat(path)).mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('works with a passphrase (scrypt) and rejects a wrong one', async () => {
    const path = join(dir, 'secrets.enc');
    const good = new EncryptedFileStore(path, { kind: 'passphrase', passphrase: async () => 'correct horse' });
    await good.set('a/b/C', 'value-1');
    expect(await new EncryptedFileStore(path, { kind: 'passphrase', passphrase: async () => 'correct horse' }).get('a/b/C')).toBe('value-1');
    const bad = new EncryptedFileStore(path, { kind: 'passphrase', passphrase: async () => 'wrong horse' });
    await expect(bad.get('a/b/C')).rejects.toThrow(/wrong key or passphrase, or the file was modified/);
    const rawInstead = new EncryptedFileStore(path, { kind: 'raw', key: rawKey });
    await expect(rawInstead.get('a/b/C')).rejects.toThrow(/encrypted with a passphrase/);
  });

  it('rejects a wrong raw key and leaves the file untouched', async () => {
    const path = join(dir, 'secrets.enc');
    await new EncryptedFileStore(path, { kind: 'raw', key: rawKey }).set('k', 'v');
    const before = await fs.readFile(path);
    const wrong = new EncryptedFileStore(path, { kind: 'raw', key: randomBytes(32) });
    await expect(wrong.get('k')).rejects.toBeInstanceOf(StoreError);
    await expect(wrong.set('k2', 'v2')).rejects.toThrow(/wrong key/);
    expect(await fs.readFile(path)).toEqual(before);
  });

  it('detects tampering with the ciphertext and with the header', async () => {
    const path = join(dir, 'secrets.enc');
    const store = new EncryptedFileStore(path, { kind: 'raw', key: rawKey });
    await store.set('k', 'some secret value');
    const env = JSON.parse(await fs.readFile(path, 'utf8'));
    const data = Buffer.from(env.data, 'base64');
    data[0] ^= 1;
    await fs.writeFile(path, JSON.stringify({ ...env, data: data.toString('base64') }));
    await expect(store.get('k')).rejects.toThrow(/was modified/);
    // A header change (salt) is authenticated too.
    const salt = Buffer.from(env.salt, 'base64');
    salt[0] ^= 1;
    await fs.writeFile(path, JSON.stringify({ ...env, salt: salt.toString('base64') }));
    await expect(store.get('k')).rejects.toThrow(/was modified/);
    await fs.writeFile(path, 'not json');
    await expect(store.get('k')).rejects.toThrow(/not a keyward secret store/);
  });

  it('does not lose writes made at the same time by two store instances (lock file)', async () => {
    const path = join(dir, 'secrets.enc');
    const a = new EncryptedFileStore(path, { kind: 'raw', key: rawKey });
    const b = new EncryptedFileStore(path, { kind: 'raw', key: rawKey });
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).set(`k/${i}`, `v${i}`)));
    expect(await a.list()).toHaveLength(12);
    expect(await fs.readdir(dir)).toEqual(['secrets.enc']);
  });

  it('takes over a stale lock left by a crashed writer', async () => {
    const path = join(dir, 'secrets.enc');
    const store = new EncryptedFileStore(path, { kind: 'raw', key: rawKey });
    await fs.writeFile(`${path}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(`${path}.lock`, old, old);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
  });

  it('parses raw keys as hex or base64 and refuses other lengths', () => {
    expect(parseRawKey(rawKey.toString('hex'))).toEqual(rawKey);
    expect(parseRawKey(rawKey.toString('base64'))).toEqual(rawKey);
    expect(parseRawKey(rawKey.toString('base64url'))).toEqual(rawKey);
    expect(() => parseRawKey('abcd')).toThrow(/32 bytes/);
  });
});

describe('store selection', () => {
  const unavailable = () => ({ available: false as const, reason: 'no Secret Service on this bus' });

  it('falls back to the file store only with a notice on stderr', async () => {
    const notices: string[] = [];
    const store = openStore({ env: { KEYWARD_HOME: dir, KEYWARD_STORE_KEY: rawKey.toString('hex') }, notice: (l) => notices.push(l), probe: unavailable });
    expect(store.kind).toBe('file');
    expect(store.description).toContain(join(dir, 'secrets.enc'));
    // One short line; the raw reason is what --store keychain prints.
    expect(notices).toEqual(['keyward: no OS keychain available; using the encrypted file store (--store file to choose it, --store keychain to see why)\n']);
  });

  it('uses the file store silently when asked explicitly, and fails when the keychain is asked but absent', () => {
    const notices: string[] = [];
    const env = { KEYWARD_HOME: dir, KEYWARD_STORE_KEY: rawKey.toString('hex') };
    expect(openStore({ env, requested: 'file', notice: (l) => notices.push(l), probe: unavailable }).kind).toBe('file');
    expect(openStore({ env: { ...env, KEYWARD_STORE: 'file' }, notice: (l) => notices.push(l), probe: unavailable }).kind).toBe('file');
    expect(notices).toEqual([]);
    expect(() => openStore({ env, requested: 'keychain', notice: () => {}, probe: unavailable })).toThrow(/keychain is not available/);
    expect(() => openStore({ env, requested: 'vault', notice: () => {}, probe: unavailable })).toThrow(/unknown store/);
  });

  it('explains how to give a key when there is no terminal', async () => {
    const store = openStore({ env: { KEYWARD_HOME: dir }, requested: 'file', notice: () => {} });
    await store.set('k', 'v').then(
      () => expect.unreachable(),
      (e: StoreError) => {
        expect(e.message).toMatch(/needs a key/);
        expect(e.hint).toMatch(/KEYWARD_STORE_KEY/);
      },
    );
  });
});

describe('store keys', () => {
  it('accepts host/server/VAR keys and rejects the rest', () => {
    expect(checkStoreKey('claude-desktop/github/GITHUB_TOKEN').ok).toBe(true);
    expect(checkStoreKey('single').ok).toBe(true);
    expect(checkStoreKey('').ok).toBe(false);
    expect(checkStoreKey('a//b').ok).toBe(false);
    expect(checkStoreKey('/abs').ok).toBe(false);
    expect(checkStoreKey('has space/x').ok).toBe(false);
    expect(checkStoreKey('__keyward_index__').ok).toBe(false);
    expect(storeKeyFor('vscode', 'My Server (beta)', 'API_KEY')).toBe('vscode/My-Server-beta/API_KEY');
  });
});
