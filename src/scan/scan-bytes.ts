// One file or blob through the engine: binary sniff → keyword prefilter on latin1 (cheap, no UTF-8
// decoding) → UTF-8 decode → scanText. Shared by the in-process path and the worker threads.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { scanText } from '../engine/scan-text.js';
import type { Finding } from '../engine/types.js';
import { errorCode } from '../sources/fs-walk.js';
import type { SkipKind } from '../sources/types.js';
import type { Engine } from './engine.js';

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
  if (looksBinary(bytes)) return { findings: [], warnings: [], skipped: 'binary', bytes: bytes.length };
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!engine.mayMatch(buf.toString('latin1'), path)) return { findings: [], warnings: [], bytes: bytes.length };
  const warnings: string[] = [];
  // Invalid sequences become U+FFFD; the scan goes on, the user hears about it once per file.
  if (!isUtf8(buf)) warnings.push(`${path}: not valid UTF-8; invalid bytes replaced, the rest scanned`);
  const result = scanText({ text: buf.toString('utf8'), path }, engine.ruleSet, engine.options);
  return { findings: result.findings, warnings: [...warnings, ...result.warnings], bytes: bytes.length };
}

/** Reads and scans one file; a read failure is a warning and a skip, never a crash. */
export async function scanFile(absPath: string, path: string, engine: Engine): Promise<BlobOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (e) {
    return { findings: [], warnings: [`${path}: cannot read (${errorCode(e)}); skipped`], skipped: 'unreadable', bytes: 0 };
  }
  return scanBytes(bytes, path, engine);
}
