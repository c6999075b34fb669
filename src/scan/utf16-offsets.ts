// Keyword offsets found on a blob's raw bytes, moved onto its decoded text. The prefilter runs on bytes (no
// decoding for the many blobs without a keyword); for a text with any non-ASCII character its byte offsets
// are not string offsets, and the engine would otherwise search the whole text a second time to find them.
import { isAscii } from 'node:buffer';
import type { KeywordPositions } from '../engine/keyword-automaton.js';

const BLOCK = 1024;

/**
 * The same positions as UTF-16 offsets into `bytes.toString('utf8')`. Only for valid UTF-8: there every
 * ASCII byte (all keywords are ASCII) is its own character, so a keyword found in the bytes is the same
 * keyword in the text, and a character takes 2 code units exactly when its lead byte is 0xF0 or above.
 */
export function keywordsInText(found: KeywordPositions, bytes: Uint8Array): KeywordPositions {
  if (found.ascii) return found;
  const all: number[] = [];
  for (const list of found.positions) if (list) for (const p of list) all.push(p);
  all.sort((a, b) => a - b);
  const units = new Map<number, number>();
  let at = 0;
  let shift = 0; // code units minus bytes before `at`
  for (const p of all) {
    // Non-ASCII bytes are rare in code and prose: skip all-ASCII blocks with the native check, walk the rest.
    while (p - at >= BLOCK && isAscii(bytes.subarray(at, at + BLOCK))) at += BLOCK;
    for (; at < p; at++) {
      const b = bytes[at];
      if (b < 0x80) continue;
      if ((b & 0xc0) === 0x80) shift--;
      else if (b >= 0xf0) shift++;
    }
    units.set(p, p + shift);
  }
  return { positions: found.positions.map((list) => (list ? list.map((p) => units.get(p)!) : list)), ascii: true };
}
