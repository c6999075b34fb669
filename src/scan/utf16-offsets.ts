// Keyword offsets found on a blob's raw bytes, moved onto its decoded text. The prefilter runs on bytes (no
// decoding for the many blobs without a keyword); for a text with any non-ASCII character its byte offsets
// are not string offsets, and the engine would otherwise search the whole text a second time to find them.
import { isAscii } from 'node:buffer';
import type { KeywordPositions } from '../engine/keyword-automaton.js';

/** Non-ASCII bytes are rare in code and prose: all-ASCII blocks of this size are skipped by a native check. */
const BLOCK = 1024;

/**
 * The same positions as offsets into the decoded text, given `toText` for the bytes they were found on
 * (utf16Offsets). Every ASCII byte (all keywords are ASCII) is its own character in valid UTF-8, so a
 * keyword found in the bytes is the same keyword in the text.
 */
export function keywordsInText(found: KeywordPositions, toText: (offsets: readonly number[]) => number[]): KeywordPositions {
  if (found.ascii) return found;
  return { positions: found.positions.map((list) => list && toText(list)), present: found.present, ascii: true };
}

/**
 * A function moving ascending byte offsets of valid UTF-8 `bytes` (each at a character's first byte, or
 * the end) to offsets in its decoded text: a character takes 2 code units exactly when its lead byte is
 * 0xF0 or above, 1 otherwise.
 */
export function utf16Offsets(bytes: Uint8Array): (offsets: readonly number[]) => number[] {
  // Where the byte → code unit shift changes: after byte marks[i] the text is shifts[i] units off the bytes.
  const marks: number[] = [];
  const shifts: number[] = [];
  let shift = 0;
  for (let at = 0; at < bytes.length; at += BLOCK) {
    const end = Math.min(at + BLOCK, bytes.length);
    if (isAscii(bytes.subarray(at, end))) continue;
    for (let i = at; i < end; i++) {
      const b = bytes[i];
      if (b < 0x80) continue;
      if ((b & 0xc0) === 0x80) shift--;
      else if (b >= 0xf0) shift++;
      else continue;
      marks.push(i);
      shifts.push(shift);
    }
  }
  // Offsets are ascending, so one forward walk over the marks maps a whole list.
  return (list) => {
    const out = new Array<number>(list.length);
    let j = 0;
    for (let k = 0; k < list.length; k++) {
      const p = list[k];
      while (j < marks.length && marks[j] < p) j++;
      out[k] = p + (j ? shifts[j - 1] : 0);
    }
    return out;
  };
}
