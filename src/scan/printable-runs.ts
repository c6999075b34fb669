// What `strings` would show of a binary: runs of printable ASCII (and of UTF-16LE, as Windows binaries and
// resources store text) long enough to hold a credential, one run per line, with a map back to byte
// offsets so a finding in a binary names where its bytes are.

/** Shorter runs are mostly opcodes and table bytes that happen to be printable; no token is this short. */
export const MIN_RUN = 8;

interface Run {
  /** Offset of the run's first character in `text`. */
  textStart: number;
  /** Offset of its first byte in the binary. */
  byteStart: number;
  /** Bytes per character: 1 for ASCII, 2 for UTF-16LE. */
  stride: 1 | 2;
}

export interface PrintableRuns {
  /** The runs as ASCII bytes, each on its own line (ASCII runs first, then UTF-16LE ones). */
  text: Buffer;
  runs: Run[];
}

/** 1 for printable ASCII and tab: a table lookup keeps the per-byte loops branch-light on 10 MB binaries. */
const PRINTABLE = new Uint8Array(256);
for (let b = 0x20; b <= 0x7e; b++) PRINTABLE[b] = 1;
PRINTABLE[0x09] = 1;

export function printableRuns(bytes: Uint8Array, minRun = MIN_RUN): PrintableRuns {
  // Flat [byteStart, length, stride] triples of each run, then one copy into the text.
  const found: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    if (PRINTABLE[bytes[i]] === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && PRINTABLE[bytes[i]] === 1) i++;
    if (i - start >= minRun) found.push(start, i - start, 1);
  }
  // UTF-16LE: a printable byte followed by NUL, repeated. Both alignments, since a string can start anywhere.
  for (let align = 0; align < 2; align++) {
    let j = align;
    while (j + 1 < n) {
      if (bytes[j + 1] !== 0 || PRINTABLE[bytes[j]] === 0) {
        j += 2;
        continue;
      }
      const start = j;
      while (j + 1 < n && bytes[j + 1] === 0 && PRINTABLE[bytes[j]] === 1) j += 2;
      const chars = (j - start) >> 1;
      if (chars >= minRun) found.push(start, chars, 2);
    }
  }
  let size = 0;
  for (let k = 1; k < found.length; k += 3) size += found[k] + 1;
  const out = Buffer.allocUnsafe(size);
  const runs: Run[] = [];
  let at = 0;
  for (let k = 0; k < found.length; k += 3) {
    const byteStart = found[k];
    const len = found[k + 1];
    const stride = found[k + 2] as 1 | 2;
    runs.push({ textStart: at, byteStart, stride });
    if (stride === 1) {
      out.set(bytes.subarray(byteStart, byteStart + len), at);
      at += len;
    } else {
      for (let c = 0; c < len; c++) out[at++] = bytes[byteStart + 2 * c];
    }
    out[at++] = 0x0a;
  }
  return { text: out, runs };
}

/** Byte offset in the binary of the character at `textOffset` in the runs' text. */
export function byteOffsetOf(runs: PrintableRuns, textOffset: number): number {
  const list = runs.runs;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].textStart <= textOffset) lo = mid;
    else hi = mid - 1;
  }
  const run = list[lo];
  return run.byteStart + (textOffset - run.textStart) * run.stride;
}
