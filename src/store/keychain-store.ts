// OS keychain backend through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, Linux Secret
// Service. Keyrings cannot be enumerated portably, so the list of keys lives in one extra index entry.
import { Entry, type EntryOptions } from '@napi-rs/keyring';
import { INDEX_ACCOUNT } from './keys.js';
import { StoreError } from './file-store.js';
import type { SecretStore } from './types.js';

export const KEYCHAIN_SERVICE = 'keyward';

/**
 * On Linux, pin to the Secret Service: the library's silent fallback (the kernel keyring) forgets secrets
 * at logout, which would break every protected server after a reboot.
 */
const OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

export type KeychainProbe = { available: true } | { available: false; reason: string };

/** Reads a probe entry: works only when the keychain answers (a missing entry is fine, an error is not). */
export function probeKeychain(service = KEYCHAIN_SERVICE): KeychainProbe {
  try {
    new Entry(service, INDEX_ACCOUNT, OPTIONS).getPassword();
    return { available: true };
  } catch (e) {
    return { available: false, reason: (e as Error).message };
  }
}

export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly description: string;

  constructor(private readonly service = KEYCHAIN_SERVICE) {
    const name = process.platform === 'darwin' ? 'macOS Keychain' : process.platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service';
    this.description = `OS keychain (${name}, service "${service}")`;
  }

  async get(key: string): Promise<string | undefined> {
    return this.call(() => this.entry(key).getPassword() ?? undefined);
  }

  async set(key: string, value: string): Promise<void> {
    this.call(() => this.entry(key).setPassword(value));
    const keys = await this.list();
    if (!keys.includes(key)) this.writeIndex([...keys, key]);
  }

  async delete(key: string): Promise<boolean> {
    const deleted = this.call(() => this.entry(key).deletePassword());
    const keys = await this.list();
    if (keys.includes(key)) this.writeIndex(keys.filter((k) => k !== key));
    return deleted;
  }

  async list(): Promise<string[]> {
    const raw = this.call(() => this.entry(INDEX_ACCOUNT).getPassword());
    if (!raw) return [];
    try {
      const keys = JSON.parse(raw) as unknown;
      return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string').sort() : [];
    } catch {
      return [];
    }
  }

  private writeIndex(keys: string[]): void {
    this.call(() => this.entry(INDEX_ACCOUNT).setPassword(JSON.stringify([...new Set(keys)].sort())));
  }

  private entry(account: string): Entry {
    return new Entry(this.service, account, OPTIONS);
  }

  private call<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw new StoreError(`the OS keychain refused the request: ${(e as Error).message}`, 'unlock the keychain, or use --store file');
    }
  }
}
