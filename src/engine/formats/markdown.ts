// Fenced code blocks in Markdown that hold a config (```json, ```yaml, ```toml …), so a README snippet
// pasted with a real key is parsed like the config file it shows.
import { asBuffer } from '../../core/bytes.js';
import type { StructuredFormat } from '../types.js';

export interface EmbeddedBlock {
  format: StructuredFormat;
  /** Offsets of the block's body (between the fence lines) in the Markdown text. */
  start: number;
  end: number;
}

const MARKDOWN_PATH = /\.(?:md|mdx|markdown|mdc)$/i;
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*$/gm;

const LANGUAGES: Record<string, StructuredFormat> = {
  json: 'jsonc',
  jsonc: 'jsonc',
  json5: 'jsonc',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
};

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_PATH.test(path);
}

/** Fenced blocks tagged json/jsonc/yaml/toml, plus untagged ones whose body starts with `{`. */
export function markdownBlocks(text: string): EmbeddedBlock[] {
  const out: EmbeddedBlock[] = [];
  FENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FENCE.exec(text)) !== null) {
    const fence = m[2];
    const lang = m[3].toLowerCase();
    const bodyStart = m.index + m[0].length + 1;
    // The closing fence: same character, at least as long, alone on its line.
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'gm');
    close.lastIndex = bodyStart;
    const c = close.exec(text);
    const bodyEnd = c ? c.index : text.length;
    FENCE.lastIndex = c ? c.index + c[0].length : text.length;
    if (bodyStart >= bodyEnd) continue;
    let format = LANGUAGES[lang];
    if (!format && lang === '' && /^\s*\{/.test(text.slice(bodyStart, bodyStart + 200))) format = 'jsonc';
    if (format) out.push({ format, start: bodyStart, end: bodyEnd });
  }
  return out;
}

const BACKTICK = 0x60;
const TILDE = 0x7e;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Byte spans [start, end) of every fenced block of UTF-8 Markdown, fence lines included, paired as
 * markdownBlocks pairs them (an unclosed fence runs to the end). A slice that starts and ends outside these
 * spans holds whole blocks only, so its blocks are the whole text's. Works on bytes so a caller can cut a
 * file into slices before decoding any of it.
 */
export function fencedSpans(bytes: Uint8Array): [number, number][] {
  const buf = asBuffer(bytes);
  const spans: [number, number][] = [];
  let pos = 0;
  while (pos < buf.length) {
    const open = nextFence(buf, pos, 0, 0);
    if (!open) break;
    const bodyStart = lineEnd(buf, open.end);
    const close = bodyStart < buf.length ? nextFence(buf, bodyStart, buf[open.start], open.length, true) : undefined;
    const end = close ? lineEnd(buf, close.end) : buf.length;
    spans.push([open.line, end]);
    pos = end;
  }
  return spans;
}

/** Index just past the line holding `i` (past its \n), or the length. */
function lineEnd(buf: Buffer, i: number): number {
  const nl = buf.indexOf(LF, i);
  return nl < 0 ? buf.length : nl + 1;
}

/**
 * The next fence line at or after `from`: up to 3 spaces, then 3 or more backticks or tildes. With `char`,
 * only that character, at least `minLength` long, and (a closing fence) nothing but blanks after it.
 */
function nextFence(buf: Buffer, from: number, char: number, minLength: number, closing = false): { line: number; start: number; end: number; length: number } | undefined {
  for (let pos = from; pos < buf.length; ) {
    const ticks = char === TILDE ? -1 : buf.indexOf('```', pos);
    const tildes = char === BACKTICK ? -1 : buf.indexOf('~~~', pos);
    const at = ticks < 0 ? tildes : tildes < 0 ? ticks : Math.min(ticks, tildes);
    if (at < 0) return undefined;
    let line = at;
    while (line > 0 && buf[line - 1] === SPACE && at - line < 3) line--;
    const atLineStart = line === 0 || buf[line - 1] === LF || buf[line - 1] === CR;
    let end = at;
    while (end < buf.length && buf[end] === buf[at]) end++;
    pos = end;
    if (!atLineStart || end - at < Math.max(3, minLength)) continue;
    if (closing) {
      let k = end;
      while (k < buf.length && (buf[k] === SPACE || buf[k] === TAB)) k++;
      if (k < buf.length && buf[k] !== LF && buf[k] !== CR) continue;
    }
    return { line, start: at, end, length: end - at };
  }
  return undefined;
}
