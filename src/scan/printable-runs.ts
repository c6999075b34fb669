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

const printable = (b: number) => (b >= 0x20 && b <= 0x7e) || b === 0x09;

export function printableRuns(bytes: Uint8Array, minRun = MIN_RUN): PrintableRuns {
  // [byteStart, length, stride] of each run, then one copy into the text.
  const found: [number, number, 1 | 2][] = [];
  const n = bytes.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && printable(bytes[i])) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= minRun) found.push([start, i - start, 1]);
      start = -1;
    }
  }
  // UTF-16LE: a printable byte followed by NUL, repeated. Both alignments, since a string can start anywhere.
  for (const align of [0, 1]) {
    start = -1;
    for (let i = align; i <= n; i += 2) {
      if (i + 1 < n && bytes[i + 1] === 0 && printable(bytes[i])) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        if ((i - start) / 2 >= minRun) found.push([start, (i - start) / 2, 2]);
        start = -1;
      }
    }
  }
  let size = 0;
  for (const [, len] of found) size += len + 1;
  const out = Buffer.allocUnsafe(size);
  const runs: Run[] = [];
  let at = 0;
  for (const [byteStart, len, stride] of found) {
    runs.push({ textStart: at, byteStart, stride });
    if (stride === 1) {
      out.set(bytes.subarray(byteStart, byteStart + len), at);
      at += len;
    } else {
      for (let k = 0; k < len; k++) out[at++] = bytes[byteStart + 2 * k];
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
