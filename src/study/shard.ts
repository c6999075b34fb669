// Deterministic sharding: a repository belongs to shard (hash of owner/name) mod n, so every machine
// in a matrix computes the same slice without talking to the others.
import { createHash } from 'node:crypto';

export interface Shard {
  /** 0-based, < count. */
  index: number;
  count: number;
}

/** Stable 32-bit key of a repository; stored beside it so a shard is one SQL filter. */
export function shardKey(repo: string): number {
  return createHash('sha256').update(repo).digest().readUInt32BE(0);
}

/** Parses `i/n` (0-based i). Returns an error message for anything else. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `"${text}" is not i/n`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) return `shard index must be in 0..n-1 (got ${index}/${count})`;
  return { index, count };
}
