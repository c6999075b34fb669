// One file or blob through the engine: binary sniff → keyword prefilter on the raw bytes (cheap, no UTF-8
// decoding) → UTF-8 decode → scanText with the candidate rules; a binary is scanned as its printable runs.
// Shared by the in-process path and the worker threads.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { LineIndex } from '../engine/lines.js';
import { scanText } from '../engine/scan-text.js';
import type { Finding } from '../engine/types.js';
import { errorCode, tooLargeWarning } from '../sources/fs-walk.js';
import type { SkipKind } from '../sources/types.js';
import type { Engine } from './engine.js';
import { byteOffsetOf, printableRuns } from './printable-runs.js';
import { keywordsInText } from './utf16-offsets.js';

export interface BlobOutcome {
  findings: Finding[];
  warnings: string[];
  /** Set when the content was not scanned. */
  skipped?: SkipKind;
  bytes: number;
}

/** git's own test: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export function scanBytes(bytes: Uint8Array, path: string, engine: Engine): BlobOutcome {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (looksBinary(buf)) return scanBinary(buf, path, engine);
  const gate = engine.gate(buf, path);
  if (!gate) return { findings: [], warnings: [], bytes: bytes.length };
  const warnings: string[] = [];
  const utf8 = isUtf8(buf);
  // Invalid sequences become U+FFFD; the scan goes on, the user hears about it once per file.
  if (!utf8) warnings.push(`${path}: not valid UTF-8; invalid bytes replaced, the rest scanned`);
  // The keyword offsets found on the bytes, moved onto the text, spare the engine a second keyword pass over
  // every text with a non-ASCII character (a README with one emoji).
  const prefiltered = utf8 && gate.keywords && !gate.keywords.ascii ? { ...gate, keywords: keywordsInText(gate.keywords, buf) } : gate;
  const options = { ...engine.options, prefiltered };
  const result = scanText({ text: buf.toString('utf8'), path }, engine.ruleSet, options);
  return { findings: result.findings, warnings: [...warnings, ...result.warnings], bytes: bytes.length };
}

/**
 * A binary holds credentials as plain strings (a token compiled into an executable, a key in a database
 * page): scan what `strings` would print, then move each finding back onto the binary's bytes. There,
 * line is 1 + the number of \n bytes before the secret's first byte and column is 1 + its byte offset from
 * the last \n (bytes, not characters); `offset` is the byte offset in the file.
 */
function scanBinary(buf: Buffer, path: string, engine: Engine): BlobOutcome {
  const runs = printableRuns(buf);
  // No path for the engine: the runs are fragments, never parsed as JSON/YAML/TOML even when the name says so.
  const gate = engine.gate(runs.text, '');
  if (!gate) return { findings: [], warnings: [], bytes: buf.length };
  const result = scanText({ text: runs.text.toString('latin1'), path: '' }, engine.ruleSet, { ...engine.options, prefiltered: gate });
  // A binary's strings are format strings, symbols and tables side by side, so a generic detector's
  // "secret-named word near a random-looking word" is a guess there (`password` + `BASEDN:FLAGS:` in
  // /usr/bin/dirmngr); only findings a token's own shape vouches for (medium and high) are kept.
  const sure = result.findings.filter((f) => f.confidence !== 'low');
  if (!sure.length) return { findings: [], warnings: [], bytes: buf.length };
  const lines = new LineIndex(buf.toString('latin1'));
  const findings = sure.map((f) => {
    const start = byteOffsetOf(runs, f.offset);
    const from = lines.position(start);
    const to = lines.position(byteOffsetOf(runs, f.offset + Math.max(0, f.length - 1)));
    return { ...f, path, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, offset: start, context: undefined };
  });
  return { findings, warnings: [], bytes: buf.length };
}

/**
 * Reads and scans one file; a read failure is a warning and a skip, never a crash. Synchronous on purpose:
 * one open/fstat/read/close per file is the cheapest way through thousands of small files, and it runs on
 * a worker thread when the scan is big. The size cap is checked on the open descriptor, so a file that
 * grew after the walk is still capped.
 */
export function scanFile(absPath: string, path: string, engine: Engine, maxFileSize: number): BlobOutcome {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    const size = fstatSync(fd).size;
    if (size > maxFileSize) {
      return { findings: [], warnings: [tooLargeWarning(path, size, maxFileSize)], skipped: 'too-large', bytes: 0 };
    }
    bytes = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    if (got < size) bytes = bytes.subarray(0, got);
  } catch (e) {
    return { findings: [], warnings: [`${path}: cannot read (${errorCode(e)}); skipped`], skipped: 'unreadable', bytes: 0 };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return scanBytes(bytes, path, engine);
}
