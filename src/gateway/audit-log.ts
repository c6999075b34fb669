// The gateway's audit log: one JSON line per request, rotated by size. It records who called what, the decision,
// timing and sizes, and the *shape* of the arguments (types, keys, lengths) — never a value.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AuditEntry {
  time: string;
  session: string;
  server?: string;
  method: string;
  tool?: string;
  /** allow | deny | block | error | timeout | cancelled | refused */
  decision: string;
  /** Rule ids of what was masked, with counts (no values). */
  redacted?: Record<string, number>;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  args?: Shape;
  /** JSON-RPC error code when the call failed. */
  errorCode?: number;
  /** Why the policy denied the call (its own words, redacted like any message). */
  reason?: string;
}

export type Shape =
  | { type: 'string'; length: number }
  | { type: 'number' | 'boolean' | 'null' | 'undefined' }
  | { type: 'array'; length: number; items?: Shape[] }
  | { type: 'object'; keys: Record<string, Shape> };

const MAX_SHAPE_DEPTH = 6;
const MAX_SHAPE_ITEMS = 8;

/** The argument shape: enough to see what kind of call it was, nothing to leak. */
export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string', length: value.length };
  if (typeof value === 'number') return { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (Array.isArray(value)) {
    return depth >= MAX_SHAPE_DEPTH
      ? { type: 'array', length: value.length }
      : { type: 'array', length: value.length, items: value.slice(0, MAX_SHAPE_ITEMS).map((v) => shapeOf(v, depth + 1)) };
  }
  if (typeof value === 'object') {
    const keys: Record<string, Shape> = {};
    if (depth < MAX_SHAPE_DEPTH) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) keys[safeKey(k)] = shapeOf(v, depth + 1);
    }
    return { type: 'object', keys };
  }
  return { type: 'undefined' };
}

/** Keys are names, but a key can itself be a secret (a map keyed by token): long opaque keys are shortened. */
function safeKey(k: string): string {
  return k.length > 40 || /[A-Za-z0-9+/_-]{24,}/.test(k) ? `<key:${k.length}>` : k;
}

export interface AuditSink {
  write(entry: AuditEntry): void;
  close?(): void;
}

/**
 * Synchronous appends on one open descriptor: an entry is on disk (in the page cache) before the response is
 * counted as served, and a crash loses nothing that was logged. One write per entry, no open/close per call.
 */
export class JsonlAuditLog implements AuditSink {
  private size: number;
  private fd: number;

  constructor(
    readonly file: string,
    private readonly maxBytes = 10 * 1024 * 1024,
    private readonly keep = 3,
  ) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.fd = openSync(file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(entry: AuditEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.size + bytes > this.maxBytes && this.size > 0) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    renameSync(this.file, `${this.file}.1`);
    this.fd = openSync(this.file, 'a', 0o600);
    this.size = 0;
  }
}

export const nullAuditLog: AuditSink = { write: () => {} };
