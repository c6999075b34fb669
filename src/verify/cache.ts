// Results cached per credential for the run, and optionally in a local file with an expiry. Keys are
// salted hashes of verifier + secret + companions (never the secret); only live/invalid answers are stored,
// since unknown and error say nothing lasting.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Credential, Verification } from './types.js';

export function cacheKey(verifierId: string, c: Credential, identity?: string): string {
  if (identity !== undefined) return createHash('sha256').update(`keyward-verify-v1\u0000${verifierId}\u0000${identity}`).digest('hex');
  const parts = [verifierId, c.secret, ...Object.entries(c.companions).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v ?? ''}`)];
  return createHash('sha256').update(`keyward-verify-v1\u0000${parts.join('\u0000')}`).digest('hex');
}

interface Entry {
  result: Verification;
  checkedAt: number;
}

export interface CacheFile {
  path: string;
  /** Entries older than this are ignored and dropped on save. */
  ttlMs: number;
}

export const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60 * 1000;

export class VerifyCache {
  private readonly run = new Map<string, Promise<Verification>>();
  private stored = new Map<string, Entry>();
  private dirty = false;

  constructor(
    private readonly file?: CacheFile,
    private readonly now = () => Date.now(),
  ) {}

  async load(): Promise<string | undefined> {
    if (!this.file) return undefined;
    let text: string;
    try {
      text = await readFile(this.file.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return `cannot read the verify cache ${this.file.path} (${(e as NodeJS.ErrnoException).code}); checking everything afresh`;
    }
    try {
      const doc = JSON.parse(text) as { version?: number; entries?: Record<string, Entry> };
      if (doc.version !== 1 || typeof doc.entries !== 'object' || !doc.entries) throw new Error('shape');
      const cutoff = this.now() - this.file.ttlMs;
      for (const [k, e] of Object.entries(doc.entries)) if (e && e.checkedAt >= cutoff && e.result) this.stored.set(k, e);
      return undefined;
    } catch {
      return `the verify cache ${this.file.path} is not a keyward verify cache; checking everything afresh`;
    }
  }

  /** One check per key per run; a fresh stored answer skips the network. */
  get(key: string, check: () => Promise<Verification>): Promise<Verification> {
    const hit = this.run.get(key);
    if (hit) return hit;
    const stored = this.stored.get(key);
    const p = stored
      ? Promise.resolve(stored.result)
      : check().then((r) => {
          if (this.file && (r.status === 'live' || r.status === 'invalid')) {
            this.stored.set(key, { result: r, checkedAt: this.now() });
            this.dirty = true;
          }
          return r;
        });
    this.run.set(key, p);
    return p;
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    const cutoff = this.now() - this.file.ttlMs;
    const entries = Object.fromEntries([...this.stored].filter(([, e]) => e.checkedAt >= cutoff).sort(([a], [b]) => (a < b ? -1 : 1)));
    await mkdir(dirname(this.file.path), { recursive: true });
    const tmp = `${this.file.path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ version: 1, entries }, null, 1)}\n`, { mode: 0o600 });
    await rename(tmp, this.file.path);
  }
}
