// What a new version of a file adds to the version before it, in whole lines. A history holds every version
// of every file, and most versions repeat the one before almost entirely (a README edited 3,000 times is
// 3,000 copies of itself); the scanner needs to read only what each version adds.
import { asBuffer } from '../core/bytes.js';

const LF = 0x0a;
/** Bytes compared per native call while looking for the first difference. */
const CHUNK = 1024;

/**
 * Byte ranges [start, end) of `next`, whole lines each, outside of which every line of `next` is a line of
 * `prev` with the same lines before and after it: the lines each version adds, in order. A zero-length range
 * marks where lines were only removed. Empty when the two are equal.
 */
export function changedLines(prev: Uint8Array, next: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  diffInto(asBuffer(prev), 0, prev.length, asBuffer(next), 0, next.length, out, 0);
  return out;
}

/** Below this, a differing middle is reported as it is: splitting it further would save nothing. */
const MIN_SPLIT = 1024;
/** Splits deep enough for a few dozen separate edits; beyond, what is left is reported whole. */
const MAX_DEPTH = 20;
/** Lines tried as an anchor on each side of the middle's midpoint. */
const ANCHOR_TRIES = 8;
/** An anchor line must be this long: short lines (`}`, blank) repeat everywhere. */
const MIN_ANCHOR = 24;

/**
 * Compares a[aFrom, aTo) with b[bFrom, bTo), both starting at a line start, and adds the changed lines of b
 * to `out`: equal lines are trimmed from both ends with native compares, then the middle is split at a line
 * found once in each middle (an anchor) and each side is diffed again, until the middles are small.
 */
function diffInto(a: Buffer, aFrom: number, aTo: number, b: Buffer, bFrom: number, bTo: number, out: [number, number][], depth: number): void {
  const shorter = Math.min(aTo - aFrom, bTo - bFrom);
  const prefix = commonPrefix(a, aFrom, b, bFrom, shorter);
  if (prefix === aTo - aFrom && prefix === bTo - bFrom) return;
  // The common suffix may not reach into the common prefix of either side.
  const suffix = commonSuffix(a, aTo, b, bTo, shorter - prefix);
  // Widened to whole lines: back to the start of the line holding the first difference (the same line in
  // both, as both agree up to there), and on to a line end that is one in both versions, or the line after
  // it would be taken for one of `prev`'s while `prev` held it as part of a longer line.
  const bStart = prefix === 0 ? bFrom : Math.max(bFrom, b.lastIndexOf(LF, bFrom + prefix - 1) + 1);
  const aStart = aFrom + (bStart - bFrom);
  let bEnd = lineEnd(b, bTo - suffix, bStart, bTo);
  while (bEnd < bTo && a[aTo - (bTo - bEnd) - 1] !== LF) bEnd = lineEnd(b, bEnd + 1, bStart, bTo);
  const aEnd = aTo - (bTo - bEnd);
  const anchor = depth < MAX_DEPTH && bEnd - bStart > MIN_SPLIT && aEnd - aStart > MIN_SPLIT ? findAnchor(a, aStart, aEnd, b, bStart, bEnd) : undefined;
  if (!anchor) {
    add(out, bStart, bEnd);
    return;
  }
  diffInto(a, aStart, anchor.a, b, bStart, anchor.b, out, depth + 1);
  diffInto(a, anchor.a + anchor.length, aEnd, b, anchor.b + anchor.length, bEnd, out, depth + 1);
}

function add(out: [number, number][], start: number, end: number): void {
  const last = out[out.length - 1];
  if (last && last[1] >= start) last[1] = Math.max(last[1], end);
  else out.push([start, end]);
}

/** The end of the line holding the byte before `end` (past its \n), within [start, limit]. */
function lineEnd(buf: Buffer, end: number, start: number, limit: number): number {
  if (end <= start) return start;
  const nl = buf.indexOf(LF, end - 1);
  return nl < 0 || nl >= limit ? limit : nl + 1;
}

/**
 * A whole line (\n included) near the middle of b[bFrom, bTo) that occurs exactly once in a[aFrom, aTo),
 * there also as a whole line: both sides can be split at it.
 */
function findAnchor(a: Buffer, aFrom: number, aTo: number, b: Buffer, bFrom: number, bTo: number): { a: number; b: number; length: number } | undefined {
  const mid = bFrom + ((bTo - bFrom) >> 1);
  const first = Math.max(bFrom, b.lastIndexOf(LF, mid - 1) + 1);
  // Line starts moving outwards from the midpoint, alternately down and up.
  let down = first;
  let up = first;
  for (let k = 0; k < ANCHOR_TRIES; k++) {
    for (const start of k === 0 ? [first] : [down, up]) {
      if (start < bFrom || start >= bTo) continue;
      const nl = b.indexOf(LF, start);
      if (nl < 0 || nl >= bTo || nl + 1 - start < MIN_ANCHOR) continue;
      const line = b.subarray(start, nl + 1);
      const at = a.indexOf(line, aFrom);
      if (at < 0 || at + line.length > aTo || (at > aFrom && a[at - 1] !== LF)) continue;
      const again = a.indexOf(line, at + 1);
      if (again >= 0 && again + line.length <= aTo) continue;
      return { a: at, b: start, length: line.length };
    }
    down = down > bFrom ? Math.max(bFrom, b.lastIndexOf(LF, down - 2) + 1) : -1;
    const nl = up >= 0 ? b.indexOf(LF, up) : -1;
    up = nl < 0 || nl + 1 >= bTo ? -1 : nl + 1;
  }
  return undefined;
}

function commonPrefix(a: Buffer, aFrom: number, b: Buffer, bFrom: number, limit: number): number {
  let i = 0;
  while (i + CHUNK <= limit && a.compare(b, bFrom + i, bFrom + i + CHUNK, aFrom + i, aFrom + i + CHUNK) === 0) i += CHUNK;
  while (i < limit && a[aFrom + i] === b[bFrom + i]) i++;
  return i;
}

function commonSuffix(a: Buffer, aTo: number, b: Buffer, bTo: number, limit: number): number {
  let n = 0;
  while (n + CHUNK <= limit && a.compare(b, bTo - n - CHUNK, bTo - n, aTo - n - CHUNK, aTo - n) === 0) n += CHUNK;
  while (n < limit && a[aTo - n - 1] === b[bTo - n - 1]) n++;
  return n;
}

/**
 * The last version of each path a history source yielded, kept to diff the next one against. Small files
 * are not kept (scanning them whole costs no more than a diff), nor huge ones, and the total is bounded:
 * the oldest paths go first, and a path with no kept version is simply scanned whole.
 */
export class PreviousVersions {
  private readonly kept = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly budget = 32 * 1024 * 1024,
    private readonly minSize = 8 * 1024,
    private readonly maxSize = 4 * 1024 * 1024,
  ) {}

  /**
   * What `bytes` adds to the kept version of `path` (undefined: none kept); then keeps `bytes` in its place.
   * `retained` says the bytes themselves are kept (a blob that fills its own buffer, no copy): the caller may
   * read them but must not hand them over (transfer them to a worker thread).
   */
  next(path: string, bytes: Uint8Array): { changed?: [number, number][]; retained: boolean } {
    const prev = this.kept.get(path);
    const changed = prev ? changedLines(prev, bytes) : undefined;
    if (prev) {
      this.kept.delete(path);
      this.bytes -= prev.length;
    }
    if (bytes.length < this.minSize || bytes.length > this.maxSize) return { changed, retained: false };
    // A blob cut from a larger pipe chunk would keep the whole chunk alive: that one is copied.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    this.kept.set(path, own ? asBuffer(bytes) : Buffer.from(bytes));
    this.bytes += bytes.length;
    for (const [p, b] of this.kept) {
      if (this.bytes <= this.budget) break;
      this.kept.delete(p);
      this.bytes -= b.length;
    }
    return { changed, retained: own };
  }
}
