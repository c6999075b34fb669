// Encrypted file backend: one AES-256-GCM blob holding every secret, for machines without a keychain
// (headless Linux, CI). The key comes from a passphrase (scrypt, random salt per write) or a raw 32-byte
// key (KEYWARD_STORE_KEY, stretched with HKDF over the same salt). The header is authenticated as AAD, so
// changing any byte of the file — header or ciphertext — fails decryption instead of yielding garbage.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { SecretStore } from './types.js';

export type FileKeySource = { kind: 'raw'; key: Buffer } | { kind: 'passphrase'; passphrase: () => Promise<string> };

/** scrypt cost: ~100 ms and 32 MiB on a laptop; enough to slow guessing, cheap enough per command. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

interface Header {
  format: 'keyward-secrets';
  v: 1;
  kdf: 'scrypt' | 'raw-hkdf';
  N?: number;
  r?: number;
  p?: number;
  salt: string;
  iv: string;
}

interface Envelope extends Header {
  tag: string;
  data: string;
}

/** A known failure of the file store, with the file it concerns; the CLI turns it into a UserError. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Parses KEYWARD_STORE_KEY: 32 bytes as 64 hex digits or base64/base64url. */
export function parseRawKey(text: string): Buffer {
  const t = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new StoreError(
      'KEYWARD_STORE_KEY must be 32 bytes, written as 64 hex digits or base64',
      'generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))"',
    );
  }
  return key;
}

export class EncryptedFileStore implements SecretStore {
  readonly kind = 'file' as const;
  readonly description: string;
  private passphrase?: string;

  constructor(
    readonly path: string,
    private readonly keySource: FileKeySource,
  ) {
    this.description = `encrypted file ${path}`;
  }

  async get(key: string): Promise<string | undefined> {
    const all = await this.readAll();
    return Object.prototype.hasOwnProperty.call(all, key) ? all[key] : undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await this.withLock(async () => {
      const all = await this.readAll();
      all[key] = value;
      await this.writeAll(all);
    });
  }

  async delete(key: string): Promise<boolean> {
    return this.withLock(async () => {
      const all = await this.readAll();
      if (!Object.prototype.hasOwnProperty.call(all, key)) return false;
      delete all[key];
      await this.writeAll(all);
      return true;
    });
  }

  /**
   * Read-modify-write under an exclusive lock file, so two keyward processes writing at once cannot drop
   * each other's secret. A lock older than 30 s is a crashed writer's and is taken over.
   */
  private async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.path}.lock`;
    await fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await (await fs.open(lock, 'wx', 0o600)).close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StoreError(`cannot lock the secret store ${this.path}: ${(e as Error).message}`);
        }
        const info = await fs.stat(lock).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > 30_000) {
          await fs.rm(lock, { force: true });
          continue;
        }
        if (Date.now() > deadline) {
          throw new StoreError(`the secret store is locked by another keyward process (${lock})`, 'try again; remove the lock file only if no keyward is running');
        }
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
      }
    }
    try {
      return await fn();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }

  async list(): Promise<string[]> {
    return Object.keys(await this.readAll()).sort();
  }

  private async readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new StoreError(`cannot read the secret store ${this.path}: ${(e as Error).message}`);
    }
    let env: Envelope;
    try {
      env = JSON.parse(text) as Envelope;
      if (env.format !== 'keyward-secrets' || env.v !== 1) throw new Error('unknown format');
    } catch {
      throw new StoreError(
        `${this.path} is not a keyward secret store (or it was damaged)`,
        'restore it from a backup, or move it away to start an empty store',
      );
    }
    const key = await this.deriveKey(env);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64'));
      decipher.setAAD(Buffer.from(JSON.stringify(headerOf(env))));
      decipher.setAuthTag(Buffer.from(env.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(env.data, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Record<string, string>;
    } catch {
      throw new StoreError(
        `cannot decrypt ${this.path}: wrong key or passphrase, or the file was modified`,
        this.keySource.kind === 'raw'
          ? 'check KEYWARD_STORE_KEY (the file was not changed by this attempt)'
          : 'check the passphrase (KEYWARD_STORE_PASSPHRASE); the file was not changed by this attempt',
      );
    }
  }

  private async writeAll(all: Record<string, string>): Promise<void> {
    const header: Header = {
      format: 'keyward-secrets',
      v: 1,
      kdf: this.keySource.kind === 'raw' ? 'raw-hkdf' : 'scrypt',
      ...(this.keySource.kind === 'raw' ? {} : SCRYPT),
      salt: randomBytes(16).toString('base64'),
      iv: randomBytes(12).toString('base64'),
    };
    const key = await this.deriveKey(header);
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
    cipher.setAAD(Buffer.from(JSON.stringify(headerOf(header))));
    const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
    const data = Buffer.concat([cipher.update(JSON.stringify(sorted), 'utf8'), cipher.final()]);
    const env: Envelope = { ...header, tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    await fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${JSON.stringify(env)}\n`, 0o600);
  }

  private async deriveKey(h: Header): Promise<Buffer> {
    const salt = Buffer.from(h.salt, 'base64');
    if (h.kdf === 'raw-hkdf') {
      if (this.keySource.kind !== 'raw') {
        throw new StoreError(
          `${this.path} is encrypted with a raw key`,
          'set KEYWARD_STORE_KEY to the key it was created with',
        );
      }
      return Buffer.from(hkdfSync('sha256', this.keySource.key, salt, 'keyward secrets v1', 32));
    }
    if (this.keySource.kind !== 'passphrase') {
      throw new StoreError(
        `${this.path} is encrypted with a passphrase`,
        'unset KEYWARD_STORE_KEY and give the passphrase (KEYWARD_STORE_PASSPHRASE or the prompt)',
      );
    }
    this.passphrase ??= await this.keySource.passphrase();
    if (!this.passphrase) throw new StoreError('an empty passphrase cannot protect the secret store');
    const { N = SCRYPT.N, r = SCRYPT.r, p = SCRYPT.p } = h;
    return new Promise((resolve, reject) =>
      scryptCb(this.passphrase as string, salt, 32, { N, r, p, maxmem: 128 * N * r * 2 }, (err, key) =>
        err ? reject(err) : resolve(key),
      ),
    );
  }
}

function headerOf(h: Header): Header {
  const { format, v, kdf, N, r, p, salt, iv } = h;
  return { format, v, kdf, N, r, p, salt, iv };
}
