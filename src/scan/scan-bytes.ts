// One file or blob through the engine: binary sniff → keyword prefilter on the raw bytes (cheap, no UTF-8
// decoding) → UTF-8 decode → scanText with the candidate rules; a binary is scanned as its printable runs.
// Shared by the in-process path and the worker threads.
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { asBuffer } from '../core/bytes.js';
import { LineIndex } from '../engine/lines.js';
import { fencedSpans, isMarkdownPath } from '../engine/formats/markdown.js';
import { scanText } from '../engine/scan-text.js';
import { isWholeDocument } from '../engine/structured.js';
import type { Prefiltered } from '../engine/ruleset.js';
import type { Finding, ScanOptions } from '../engine/types.js';
import { errorCode, tooLargeWarning } from '../sources/fs-walk.js';
import type { SkipKind } from '../sources/types.js';
import type { Engine } from './engine.js';
import { byteOffsetOf, printableRuns } from './printable-runs.js';
import { keywordsInText, utf16Offsets } from './utf16-offsets.js';

export interface BlobOutcome {
  findings: Finding[];
  warnings: string[];
  /** Set when the content was not scanned. */
  skipped?: SkipKind;
  bytes: number;
}

/** git's own test: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  // Native search (memchr): many times faster than a JavaScript loop over the same 8000 bytes of every file.
  return asBuffer(bytes).subarray(0, 8000).indexOf(0) >= 0;
}

/**
 * `changed`: byte ranges (whole lines) holding all this blob adds to a version of the same path whose
 * findings the caller already has (sources/blob-diff.ts). Then only slices around them are decoded and
 * scanned, or, when slices would not do, the whole text with rules run only near the changes.
 */
export function scanBytes(bytes: Uint8Array, path: string, engine: Engine, changed?: readonly (readonly [number, number])[]): BlobOutcome {
  const buf = asBuffer(bytes);
  const slices = changed && planSlices(buf, path, changed);
  if (slices) {
    const found = scanSlices(slices.map((s) => ({ ...s, bytes: buf.subarray(s.from, s.to) })), buf.length, path, engine);
    if (found) return blobOutcome(buf, slices, found);
  }
  return scanWhole(buf, path, engine, changed);
}

/**
 * The whole blob; with `changed` (its slices would not do), rules run only near the changes. A config file
 * is read as if all of it changed: a change anywhere may change what every value means.
 */
export function scanWhole(buf: Buffer, path: string, engine: Engine, changed?: readonly (readonly [number, number])[]): BlobOutcome {
  if (looksBinary(buf)) return scanBinary(buf, path, engine);
  const changes = changed && !isWholeDocument(path) ? changed : undefined;
  const gate = engine.gate(buf, path);
  if (!gate) return { findings: [], warnings: [], bytes: buf.length };
  const warnings: string[] = [];
  const utf8 = isUtf8(buf);
  // Invalid sequences become U+FFFD; the scan goes on, the user hears about it once per file.
  if (!utf8) warnings.push(`${path}: not valid UTF-8; invalid bytes replaced, the rest scanned`);
  // Replacement characters move offsets unpredictably: changes are placed on valid UTF-8 only.
  const placed = utf8 ? onText(buf, gate, changes) : { prefiltered: gate, changed: undefined };
  const result = scanText({ text: decode(buf, gate), path }, engine.ruleSet, { ...engine.options, ...placed });
  return { findings: result.findings, warnings: [...warnings, ...result.warnings], bytes: buf.length };
}

/**
 * The text of UTF-8 bytes. ASCII (the keyword pass saw no byte above 0x7f) decodes as latin1 to the same
 * string, without UTF-8's per-byte work: 1.6-2x faster on files of a megabyte.
 */
function decode(bytes: Buffer, gate: Prefiltered): string {
  return bytes.toString(gate.keywords?.ascii ? 'latin1' : 'utf8');
}

/**
 * The keyword offsets found on the bytes, and the changes, moved onto the decoded text of valid UTF-8 bytes:
 * a text with one emoji is then not searched for keywords a second time.
 */
function onText(bytes: Buffer, gate: Prefiltered, changes: readonly (readonly [number, number])[] | undefined): Pick<ScanOptions, 'prefiltered' | 'changed'> {
  if ((!gate.keywords || gate.keywords.ascii) && !changes) return { prefiltered: gate, changed: undefined };
  // The keyword pass over these bytes already knows whether they are all ASCII.
  if (gate.keywords?.ascii ?? isAscii(bytes)) return { prefiltered: gate, changed: changes };
  const toText = utf16Offsets(bytes);
  const prefiltered = gate.keywords ? { ...gate, keywords: keywordsInText(gate.keywords, toText) } : gate;
  if (!changes) return { prefiltered, changed: undefined };
  const ends = toText(changes.flat());
  return { prefiltered, changed: changes.map((_, i) => [ends[2 * i], ends[2 * i + 1]] as const) };
}

/** Bytes read on each side of a change (rounded out to whole lines): what most rules need near a change, twice. */
const SLICE_MARGIN = 3 * 1024;

/** Part of a blob read around its changes: [from, to) in the blob, and the changes inside it, from its start. */
export interface Slice {
  from: number;
  to: number;
  changed: [number, number][];
}

/** Where to read a blob with changes; undefined when it is read whole (a binary, a config file). */
export function planSlices(buf: Buffer, path: string, changed: readonly (readonly [number, number])[]): Slice[] | undefined {
  if (looksBinary(buf) || isWholeDocument(path)) return undefined;
  return slicesAround(buf, path, changed).map(([from, to]) => ({
    from,
    to,
    changed: changed.filter(([a, b]) => a < to && b >= from).map(([a, b]): [number, number] => [Math.max(a, from) - from, Math.min(b, to) - from]),
  }));
}

/** What the slices of one blob hold, each slice's findings placed in the slice (its first line is line 1). */
export interface SlicesOutcome {
  perSlice: Finding[][];
  warnings: string[];
}

/**
 * Scans the slices of a blob of `size` bytes, each with the changes inside it. Undefined when the whole
 * blob should be read instead: a slice is not valid UTF-8, or a rule near a change needed more than its slice.
 */
export function scanSlices(slices: (Slice & { bytes: Buffer })[], size: number, path: string, engine: Engine): SlicesOutcome | undefined {
  const perSlice: Finding[][] = [];
  const warnings: string[] = [];
  for (const { bytes, from, to, changed } of slices) {
    const gate = engine.gate(bytes, path);
    if (!gate) {
      perSlice.push([]);
      continue;
    }
    if (!isUtf8(bytes)) return undefined;
    const options = { ...engine.options, ...onText(bytes, gate, changed), cut: { start: from > 0, end: to < size } };
    const result = scanText({ text: decode(bytes, gate), path }, engine.ruleSet, options);
    if (result.incomplete) return undefined;
    warnings.push(...result.warnings);
    perSlice.push(result.findings);
  }
  return { perSlice, warnings };
}

/** What scanning a blob's slices found, as the outcome of scanning the blob. */
export function blobOutcome(buf: Buffer, slices: readonly Slice[], found: SlicesOutcome): BlobOutcome {
  return { findings: placeFindings(buf, slices, found.perSlice), warnings: found.warnings, bytes: buf.length };
}

/** Moves findings from their slices onto the whole blob: slices start at a line start, so columns stand. */
function placeFindings(buf: Buffer, slices: readonly Slice[], perSlice: readonly Finding[][]): Finding[] {
  const out: Finding[] = [];
  slices.forEach(({ from }, i) => {
    const found = perSlice[i] ?? [];
    if (!found.length) return;
    const linesBefore = countLines(buf, from);
    const charsBefore = isAscii(buf.subarray(0, from)) ? from : buf.toString('utf8', 0, from).length;
    for (const f of found) out.push({ ...f, line: f.line + linesBefore, endLine: f.endLine + linesBefore, offset: f.offset + charsBefore });
  });
  return out;
}

/**
 * The changes widened by SLICE_MARGIN to whole lines, merged; in Markdown also widened to whole fenced
 * blocks, so a slice holds the same config blocks the whole file does.
 */
function slicesAround(buf: Buffer, path: string, changed: readonly (readonly [number, number])[]): [number, number][] {
  const fences = isMarkdownPath(path) ? fencedSpans(buf) : [];
  const out: [number, number][] = [];
  for (const [a, b] of changed) {
    let from = Math.max(0, a - SLICE_MARGIN);
    from = from === 0 ? 0 : buf.lastIndexOf(0x0a, from - 1) + 1;
    let to = Math.min(buf.length, b + SLICE_MARGIN);
    if (to < buf.length) {
      const nl = buf.indexOf(0x0a, to);
      to = nl < 0 ? buf.length : nl + 1;
    }
    for (const [s, e] of fences) {
      if (s < from && from < e) from = s;
      if (s < to && to < e) to = e;
    }
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Number of \n bytes before `end`. */
function countLines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < end; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
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
 * The buffer files are read into, reused from file to file: the scan keeps no reference to the bytes, and
 * on a virtual machine each fresh page costs a fault of several microseconds. It grows to at most
 * SHARED_READ_MAX; a bigger file gets a buffer of its own, so no thread keeps its largest file's size.
 */
let readBuffer = Buffer.allocUnsafeSlow(0);
const SHARED_READ_MAX = 4 * 1024 * 1024;

function bufferFor(size: number): Buffer {
  if (size > SHARED_READ_MAX) return Buffer.allocUnsafeSlow(size);
  if (readBuffer.length < size) readBuffer = Buffer.allocUnsafeSlow(Math.min(SHARED_READ_MAX, Math.max(size, 2 * readBuffer.length, 64 * 1024)));
  return readBuffer.subarray(0, size);
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
    bytes = bufferFor(size);
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
