// Public surface of the secret store, for the other surfaces (the CLI reaches into the modules directly).
export { EncryptedFileStore, parseRawKey } from './file-store.js';
export { openStore } from './select.js';
export { secretsFilePath } from './paths.js';
