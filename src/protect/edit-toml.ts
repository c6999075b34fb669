// TOML edits by hand on the exact lines (no TOML library keeps comments when writing): a small scanner finds
// table headers and `key = value` spans, then values are replaced, lines inserted after a table's last key,
// or lines/sections removed. Inline tables are re-rendered whole (TOML forbids comments inside them).
// Anything it cannot place is an error, and edits.ts re-parses the result to prove the intent was met.
import { parse } from 'smol-toml';
import type { Edit, EditOutcome } from './edit-types.js';

interface Header {
  path: string[];
  array: boolean;
  start: number;
  /** After the header line's newline. */
  end: number;
}

interface KeyValue {
  /** Table the line sits in. */
  table: string[];
  path: string[];
  lineStart: number;
  valueStart: number;
  valueEnd: number;
  /** After the newline ending the value's last line. */
  lineEnd: number;
}

interface Scan {
  headers: Header[];
  entries: KeyValue[];
}

export function applyTomlEdits(text: string, edits: Edit[]): EditOutcome {
  let out = text;
  for (const e of edits) {
    const path = e.path.map(String);
    const r = e.op === 'set' ? setValue(out, path, e.value) : deleteValue(out, path);
    if (!r.ok) return { ok: false, error: `${r.error} (at ${path.join('.')})` };
    out = r.text;
  }
  return { ok: true, text: out };
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function startsWith(a: string[], prefix: string[]): boolean {
  return a.length >= prefix.length && prefix.every((x, i) => x === a[i]);
}

function setValue(text: string, path: string[], value: unknown): EditOutcome {
  const scan = scanToml(text);
  const exact = scan.entries.find((e) => same(e.path, path));
  if (exact) {
    const old = text.slice(exact.valueStart, exact.valueEnd);
    const rendered = Array.isArray(value) && old.startsWith('[') && old.includes('\n') ? multilineArray(old, value, lineIndent(text, exact.lineStart)) : tomlValue(value);
    return { ok: true, text: text.slice(0, exact.valueStart) + rendered + text.slice(exact.valueEnd) };
  }
  const parentPath = path.slice(0, -1);
  const inline = scan.entries.find((e) => same(e.path, parentPath) && text[e.valueStart] === '{');
  if (inline) return rewriteInline(text, inline, (obj) => void (obj[path[path.length - 1]] = value));
  // Insert after the last key of the parent table (or after its header).
  const header = scan.headers.find((h) => !h.array && same(h.path, parentPath));
  const inTable = scan.entries.filter((e) => same(e.table, parentPath));
  const anchor = inTable.length ? inTable[inTable.length - 1].lineEnd : header?.end;
  if (anchor === undefined) return { ok: false, error: 'no table to put the key in' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = anchor > 0 && text[anchor - 1] !== '\n' ? eol : '';
  const line = `${lead}${tomlKey(path[path.length - 1])} = ${tomlValue(value)}${eol}`;
  return { ok: true, text: text.slice(0, anchor) + line + text.slice(anchor) };
}

function deleteValue(text: string, path: string[]): EditOutcome {
  const scan = scanToml(text);
  const lines = scan.entries.filter((e) => startsWith(e.path, path));
  const sections = scan.headers.filter((h) => startsWith(h.path, path));
  if (lines.length || sections.length) {
    const spans: [number, number][] = lines.map((e) => [e.lineStart, e.lineEnd]);
    for (const h of sections) {
      const next = scan.headers.find((x) => x.start > h.start);
      spans.push([h.start, next ? next.start : text.length]);
    }
    // Merge overlapping spans (a key line inside a removed section), then cut from the end.
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of spans) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    let out = text;
    for (const [s, e] of merged.reverse()) out = out.slice(0, s) + out.slice(e);
    return { ok: true, text: out };
  }
  for (let n = path.length - 1; n > 0; n--) {
    const owner = scan.entries.find((e) => same(e.path, path.slice(0, n)) && text[e.valueStart] === '{');
    if (owner) {
      const rest = path.slice(n);
      return rewriteInline(text, owner, (obj) => {
        let cur: Record<string, unknown> = obj;
        for (const k of rest.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
        delete cur[rest[rest.length - 1]];
      });
    }
  }
  return { ok: false, error: 'key not found' };
}

function rewriteInline(text: string, entry: KeyValue, change: (obj: Record<string, unknown>) => void): EditOutcome {
  const obj = parse(`v = ${text.slice(entry.valueStart, entry.valueEnd)}`).v as Record<string, unknown>;
  change(obj);
  return { ok: true, text: text.slice(0, entry.valueStart) + tomlValue(obj) + text.slice(entry.valueEnd) };
}

function lineIndent(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

interface ArrayItem {
  value: unknown;
  /** The item's own text, its same-line comment, and whole-line comments just above it. */
  text: string;
  comment: string;
  above: string[];
}

/** Items of a multi-line array literal with their comments, so unchanged items keep them. */
function arrayItems(literal: string): ArrayItem[] {
  const items: ArrayItem[] = [];
  let above: string[] = [];
  let i = 1;
  const end = literal.length - 1;
  while (i < end) {
    const c = literal[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') {
      i++;
      continue;
    }
    if (c === '#') {
      const nl = literal.indexOf('\n', i);
      above.push(literal.slice(i, nl < 0 ? end : nl).trimEnd());
      i = nl < 0 ? end : nl;
      continue;
    }
    const stop = skipValue(literal, i);
    const itemText = literal.slice(i, stop);
    i = stop;
    while (literal[i] === ' ' || literal[i] === '\t') i++;
    if (literal[i] === ',') i++;
    while (literal[i] === ' ' || literal[i] === '\t') i++;
    let comment = '';
    if (literal[i] === '#') {
      const nl = literal.indexOf('\n', i);
      comment = literal.slice(i, nl < 0 ? end : nl).trimEnd();
      i = nl < 0 ? end : nl;
    }
    items.push({ value: parse(`v = ${itemText}`).v, text: itemText, comment, above });
    above = [];
  }
  return items;
}

/** A multi-line array in the file's layout: items that did not change keep their text and comments. */
function multilineArray(old: string, values: unknown[], baseIndent: string): string {
  const items = arrayItems(old);
  const itemIndent = /\n([ \t]+)\S/.exec(old)?.[1] ?? `${baseIndent}  `;
  const lines: string[] = [];
  let from = 0;
  for (const v of values) {
    const k = items.findIndex((it, idx) => idx >= from && JSON.stringify(it.value) === JSON.stringify(v));
    if (k >= 0) {
      const it = items[k];
      for (const c of it.above) lines.push(`${itemIndent}${c}`);
      lines.push(`${itemIndent}${it.text},${it.comment ? `  ${it.comment}` : ''}`);
      from = k + 1;
    } else {
      lines.push(`${itemIndent}${tomlValue(v)},`);
    }
  }
  return `[\n${lines.join('\n')}\n${baseIndent}]`;
}

export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : basicString(k);
}

function basicString(s: string): string {
  // JSON escapes are a subset of TOML basic-string escapes, except "\/" which JSON never emits.
  return JSON.stringify(s);
}

export function tomlValue(v: unknown): string {
  if (typeof v === 'string') return basicString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  if (v && typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${tomlKey(k)} = ${tomlValue(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  throw new Error(`cannot write ${typeof v} as TOML`);
}

/** Headers and top-level `key = value` spans, in document order. */
export function scanToml(text: string): Scan {
  const headers: Header[] = [];
  const entries: KeyValue[] = [];
  let table: string[] = [];
  let i = 0;
  const n = text.length;
  const skipInline = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const toLineEnd = (): number => {
    while (i < n && text[i] !== '\n') i++;
    if (i < n) i++;
    return i;
  };
  while (i < n) {
    const lineStart = i;
    skipInline();
    const c = text[i];
    if (c === '\n' || c === '\r' || c === '#' || i >= n) {
      toLineEnd();
      continue;
    }
    if (c === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const keyPath = readKey(text, i);
      i = keyPath.end;
      skipInline();
      i += array ? 2 : 1;
      table = keyPath.parts;
      const end = toLineEnd();
      headers.push({ path: keyPath.parts, array, start: lineStart, end });
      continue;
    }
    const key = readKey(text, i);
    i = key.end;
    skipInline();
    if (text[i] !== '=') throw new Error(`unexpected text at offset ${i}`);
    i++;
    skipInline();
    const valueStart = i;
    const valueEnd = skipValue(text, i);
    i = valueEnd;
    const lineEnd = toLineEnd();
    entries.push({ table, path: [...table, ...key.parts], lineStart, valueStart, valueEnd, lineEnd });
  }
  return { headers, entries };
}

function readKey(text: string, start: number): { parts: string[]; end: number } {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"' || text[i] === "'") {
      const end = skipString(text, i);
      const raw = text.slice(i, end);
      parts.push(text[i] === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1));
      i = end;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 256));
      if (!m) throw new Error(`bad key at offset ${i}`);
      parts.push(m[0]);
      i += m[0].length;
    }
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] !== '.') return { parts, end: i };
    i++;
  }
}

function skipString(text: string, i: number): number {
  const q = text[i];
  const triple = text.startsWith(q.repeat(3), i);
  if (triple) {
    let j = i + 3;
    for (;;) {
      const k = text.indexOf(q.repeat(3), j);
      if (k < 0) throw new Error('unterminated string');
      if (q === '"' && isEscaped(text, k)) {
        j = k + 1;
        continue;
      }
      let end = k + 3;
      while (text[end] === q && end - k < 5) end++; // up to two quotes may close the content
      return end;
    }
  }
  let j = i + 1;
  while (j < text.length && text[j] !== '\n') {
    if (q === '"' && text[j] === '\\') j += 2;
    else if (text[j] === q) return j + 1;
    else j++;
  }
  throw new Error('unterminated string');
}

function isEscaped(text: string, k: number): boolean {
  let b = 0;
  while (text[k - 1 - b] === '\\') b++;
  return b % 2 === 1;
}

/** End of the value starting at i (arrays and inline tables may span lines and hold comments). */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'") return skipString(text, i);
  if (c === '[' || c === '{') {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const ch = text[j];
      if (ch === '"' || ch === "'") {
        j = skipString(text, j);
        continue;
      }
      if (ch === '#') {
        while (j < text.length && text[j] !== '\n') j++;
        continue;
      }
      if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    throw new Error('unterminated array or inline table');
  }
  let j = i;
  while (j < text.length && text[j] !== '\n' && text[j] !== '#') j++;
  while (j > i && /\s/.test(text[j - 1])) j--;
  return j;
}

