// Public surface of the secret store.
export type { SecretStore, StoreBackendKind } from './types.js';
export { checkStoreKey, storeKeyFor, keySegment } from './keys.js';
export { EncryptedFileStore, StoreError, parseRawKey } from './file-store.js';
export { KeychainStore, probeKeychain, KEYCHAIN_SERVICE } from './keychain-store.js';
export { openStore, openFileStore, parseStoreKind, type OpenStoreOptions } from './select.js';
export { keywardDataDir, secretsFilePath } from './paths.js';
export { writeFileAtomic } from './atomic.js';
export { hiddenPrompt } from './prompt.js';
