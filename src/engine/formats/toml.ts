// TOML parser for the engine. smol-toml gives the values but no positions, so a small scanner walks the
// source once, tracking the current table, and records where each string value's text sits.
import type * as SmolToml from 'smol-toml';
import { lazyModule } from '../lazy-module.js';
import type { StructuredLeaf } from '../types.js';

const toml = lazyModule<typeof SmolToml>('smol-toml');

export type TomlOutcome = { doc: { format: 'toml'; leaves: StructuredLeaf[]; root: unknown } } | { error: string };

export function parseToml(text: string): TomlOutcome {
  let root: unknown;
  try {
    root = toml().parse(text);
  } catch (e) {
    return { error: `not valid TOML: ${firstLine((e as Error).message)}` };
  }
  const spans = new TomlScanner(text).scan();
  const leaves: StructuredLeaf[] = [];
  for (const span of spans) {
    const value = lookup(root, span.path);
    if (typeof value === 'string') leaves.push({ path: span.path, value, start: span.start, end: span.end });
  }
  // Anything the scanner missed (exotic syntax) still becomes a leaf, located by its first exact occurrence.
  // Counting first keeps the common case (nothing missed) free of a second allocation-heavy walk.
  if (countStrings(root) !== leaves.length) {
    const claimed = new Set(leaves.map((l) => pathKey(l.path)));
    for (const { path, value } of stringLeaves(root, [])) {
      if (claimed.has(pathKey(path))) continue;
      const at = value ? text.indexOf(value) : -1;
      leaves.push({ path, value, start: at, end: at >= 0 ? at + value.length : -1 });
    }
    leaves.sort((x, y) => x.start - y.start);
  }
  return { doc: { format: 'toml', leaves, root } };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function pathKey(path: (string | number)[]): string {
  return JSON.stringify(path);
}

function lookup(root: unknown, path: (string | number)[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

function countStrings(node: unknown): number {
  if (typeof node === 'string') return 1;
  let n = 0;
  if (Array.isArray(node)) for (const v of node) n += countStrings(v);
  else if (node && typeof node === 'object' && !(node instanceof Date)) for (const k in node) n += countStrings((node as Record<string, unknown>)[k]);
  return n;
}

function* stringLeaves(node: unknown, path: (string | number)[]): Generator<{ path: (string | number)[]; value: string }> {
  if (typeof node === 'string') yield { path, value: node };
  else if (Array.isArray(node)) for (let i = 0; i < node.length; i++) yield* stringLeaves(node[i], [...path, i]);
  else if (node && typeof node === 'object' && !(node instanceof Date))
    for (const [k, v] of Object.entries(node)) yield* stringLeaves(v, [...path, k]);
}

interface Span {
  path: (string | number)[];
  start: number;
  end: number;
}

/**
 * Positions only: values are taken from smol-toml's result, so the scanner never decodes escapes. It knows
 * table headers, array-of-tables indices, dotted and quoted keys, inline tables and arrays, and all four
 * string forms; anything it does not understand is skipped to the end of the line.
 */
class TomlScanner {
  private i = 0;
  private readonly spans: Span[] = [];
  private table: (string | number)[] = [];
  /** Current index of each array of tables, keyed by its resolved path. */
  private readonly arrays = new Map<string, number>();

  constructor(private readonly s: string) {}

  scan(): Span[] {
    const s = this.s;
    while (this.i < s.length) {
      this.skipBlank(true);
      if (this.i >= s.length) break;
      const c = s[this.i];
      if (c === '[') this.header();
      else if (this.isKeyStart(c)) this.keyValue(this.table);
      this.skipToLineEnd();
    }
    return this.spans;
  }

  private header(): void {
    const s = this.s;
    const isArray = s.startsWith('[[', this.i);
    this.i += isArray ? 2 : 1;
    const keys = this.key();
    if (!keys) return;
    // Resolve each prefix that names an array of tables to its current element.
    const resolved: (string | number)[] = [];
    keys.forEach((k, n) => {
      resolved.push(k);
      const last = n === keys.length - 1;
      const id = pathKey(resolved);
      if (last && isArray) {
        const next = (this.arrays.get(id) ?? -1) + 1;
        this.arrays.set(id, next);
        // A new element resets the counters of arrays nested in the previous one.
        for (const other of [...this.arrays.keys()]) if (other !== id && other.startsWith(id.slice(0, -1))) this.arrays.delete(other);
        resolved.push(next);
      } else if (this.arrays.has(id)) {
        resolved.push(this.arrays.get(id)!);
      }
    });
    this.table = resolved;
    this.i = this.s.indexOf(']', this.i) + (isArray ? 2 : 1);
    if (this.i <= 0) this.i = s.length;
  }

  private isKeyStart(c: string): boolean {
    return /[A-Za-z0-9_\-"']/.test(c);
  }

  /** Dotted key (bare or quoted parts); leaves `i` after the key. */
  private key(): string[] | undefined {
    const s = this.s;
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = s[this.i];
      if (c === '"' || c === "'") {
        const end = this.stringEnd(this.i, c);
        if (end < 0) return undefined;
        const raw = s.slice(this.i + 1, end);
        parts.push(c === '"' ? decodeBasic(raw) : raw);
        this.i = end + 1;
      } else {
        const m = /^[A-Za-z0-9_-]+/.exec(s.slice(this.i, this.i + 256));
        if (!m) return undefined;
        parts.push(m[0]);
        this.i += m[0].length;
      }
      this.skipSpaces();
      if (s[this.i] !== '.') return parts;
      this.i++;
    }
  }

  private keyValue(base: (string | number)[]): void {
    const keys = this.key();
    if (!keys) return;
    this.skipSpaces();
    if (this.s[this.i] !== '=') return;
    this.i++;
    this.skipSpaces();
    this.value([...base, ...keys]);
  }

  private value(path: (string | number)[]): void {
    const s = this.s;
    const c = s[this.i];
    if (c === '"' || c === "'") {
      const triple = s.startsWith(c.repeat(3), this.i);
      const open = this.i + (triple ? 3 : 1);
      const close = triple ? this.tripleEnd(open, c) : this.stringEnd(this.i, c);
      if (close < 0) {
        this.i = s.length;
        return;
      }
      // A newline right after the opening triple quote is not part of the value.
      let start = open;
      if (triple && s[start] === '\n') start++;
      else if (triple && s.startsWith('\r\n', start)) start += 2;
      this.spans.push({ path, start, end: close });
      this.i = close + (triple ? 3 : 1);
    } else if (c === '[') {
      this.i++;
      let n = 0;
      for (;;) {
        this.skipBlank(true);
        if (this.i >= s.length) return;
        if (s[this.i] === ']') {
          this.i++;
          return;
        }
        if (s[this.i] === ',') {
          this.i++;
          continue;
        }
        const before = this.i;
        this.value([...path, n++]);
        if (this.i === before) this.i++;
      }
    } else if (c === '{') {
      this.i++;
      for (;;) {
        this.skipSpaces();
        if (this.i >= s.length) return;
        if (s[this.i] === '}') {
          this.i++;
          return;
        }
        if (s[this.i] === ',') {
          this.i++;
          continue;
        }
        const before = this.i;
        this.keyValue(path);
        if (this.i === before) this.i++;
      }
    } else {
      // Number, boolean, date: skip to the next delimiter.
      while (this.i < s.length && !/[,\]}\n#]/.test(s[this.i])) this.i++;
    }
  }

  /** Index of the closing quote of a one-line string opened at `open`. */
  private stringEnd(open: number, quote: string): number {
    const s = this.s;
    for (let j = open + 1; j < s.length; j++) {
      const c = s[j];
      if (c === '\n') return -1;
      if (quote === '"' && c === '\\') j++;
      else if (c === quote) return j;
    }
    return -1;
  }

  /** Index of the closing triple quote; up to two extra quotes before it belong to the value. */
  private tripleEnd(from: number, quote: string): number {
    const s = this.s;
    for (let j = from; j < s.length; j++) {
      if (quote === '"' && s[j] === '\\') {
        j++;
        continue;
      }
      if (s.startsWith(quote.repeat(3), j)) {
        while (s[j + 3] === quote) j++;
        return j;
      }
    }
    return -1;
  }

  private skipSpaces(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  /** Spaces, comments and (when `newlines`) line breaks. */
  private skipBlank(newlines: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) this.i++;
      else if (c === '#') while (this.i < s.length && s[this.i] !== '\n') this.i++;
      else break;
    }
  }

  private skipToLineEnd(): void {
    const s = this.s;
    while (this.i < s.length && s[this.i] !== '\n') this.i++;
  }
}

function decodeBasic(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
