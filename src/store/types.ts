// The secret store seen by every surface (protect, run, gateway, study). Backends: OS keychain through
// @napi-rs/keyring, or an encrypted file (AES-256-GCM) where no keychain exists.

export type StoreBackendKind = 'keychain' | 'file';

export interface SecretStore {
  readonly kind: StoreBackendKind;
  /** Human description for reports, e.g. "OS keychain (Secret Service)" or "encrypted file ~/.config/keyward/secrets.enc". */
  readonly description: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Keys only; values are never listed. */
  list(): Promise<string[]>;
}
