// Picks the backend: `--store` / KEYWARD_STORE when given, else the OS keychain when it answers, else the
// encrypted file store — and that fallback is always announced, never silent.
import { StoreError, EncryptedFileStore, parseRawKey, type FileKeySource } from './file-store.js';
import { KeychainStore, probeKeychain, type KeychainProbe } from './keychain-store.js';
import { keywardDataDir, secretsFilePath } from './paths.js';
import type { SecretStore, StoreBackendKind } from './types.js';

export interface OpenStoreOptions {
  /** `--store` value; wins over KEYWARD_STORE. */
  requested?: string;
  env: Record<string, string | undefined>;
  /** Where the fallback notice goes (stderr). */
  notice: (line: string) => void;
  /** Hidden passphrase prompt; absent where stdin is not a terminal we may use (e.g. `keyward run`). */
  promptPassphrase?: () => Promise<string>;
  /** Injected for tests; defaults to the real keychain probe. */
  probe?: () => KeychainProbe;
}

export function parseStoreKind(value: string | undefined): StoreBackendKind | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'keychain' || value === 'file') return value;
  throw new StoreError(`unknown store "${value}"`, 'use --store keychain or --store file');
}

export function openStore(options: OpenStoreOptions): SecretStore {
  const { env, notice } = options;
  const requested = parseStoreKind(options.requested ?? env.KEYWARD_STORE);
  const probe = options.probe ?? probeKeychain;
  if (requested === 'file') return openFileStore(options);
  const result = probe();
  // KEYWARD_KEYCHAIN_SERVICE keeps tests (and parallel setups) out of the real "keyward" entries.
  if (result.available) return new KeychainStore(env.KEYWARD_KEYCHAIN_SERVICE || undefined);
  if (requested === 'keychain') {
    throw new StoreError(`the OS keychain is not available: ${result.reason}`, 'use --store file (encrypted file store)');
  }
  const store = openFileStore(options);
  // One short line: the raw reason (a multi-line DBus error on Linux) is what `--store keychain` prints.
  notice(`keyward: no OS keychain available; using the encrypted file store (--store file to choose it, --store keychain to see why)\n`);
  return store;
}

export function openFileStore(options: Pick<OpenStoreOptions, 'env' | 'promptPassphrase'>): EncryptedFileStore {
  const { env } = options;
  const path = secretsFilePath(keywardDataDir({ env }));
  let source: FileKeySource;
  if (env.KEYWARD_STORE_KEY) {
    source = { kind: 'raw', key: parseRawKey(env.KEYWARD_STORE_KEY) };
  } else if (env.KEYWARD_STORE_PASSPHRASE) {
    const pass = env.KEYWARD_STORE_PASSPHRASE;
    source = { kind: 'passphrase', passphrase: async () => pass };
  } else if (options.promptPassphrase) {
    source = { kind: 'passphrase', passphrase: options.promptPassphrase };
  } else {
    source = {
      kind: 'passphrase',
      passphrase: async () => {
        throw new StoreError(
          `the encrypted file store ${path} needs a key and there is no terminal to ask for a passphrase`,
          'set KEYWARD_STORE_KEY (32 bytes, hex or base64) or KEYWARD_STORE_PASSPHRASE in this environment (docs/protect.md, "The secret store")',
        );
      },
    };
  }
  return new EncryptedFileStore(path, source);
}

