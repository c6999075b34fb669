// Where the gateway keeps its files: the keyward data dir (token, logs), overridable with KEYWARD_HOME.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keywardDataDir as storeDataDir } from '../store/paths.js';

/** The same data dir the secret store uses ($KEYWARD_HOME, else the OS data folder). */
export function keywardDataDir(env: NodeJS.ProcessEnv): string {
  return storeDataDir({ env });
}

export function defaultLogFile(env: NodeJS.ProcessEnv): string {
  return join(keywardDataDir(env), 'logs', 'gateway.jsonl');
}

/**
 * The HTTP front's bearer token: generated on first use (256 random bits) and stored with mode 600. An existing
 * file readable by others is tightened rather than trusted as is.
 */
export function loadOrCreateToken(dataDir: string): { token: string; file: string; created: boolean } {
  const file = join(dataDir, 'gateway-token');
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) return { token, file, created: false };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}
