// Reads and parses one host config. Failure is expected (absent, unreadable, malformed) and comes back as a
// value, never an exception, so one broken file cannot stop an audit of the rest.
import { readFile, stat } from 'node:fs/promises';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import type { ConfigFormat, ConfigLocation, HostAdapter, ServerEntry } from './types.js';

export interface LoadedConfig {
  adapter: HostAdapter;
  location: ConfigLocation;
  text: string;
  root: unknown;
  servers: ServerEntry[];
  /** File mode bits (permissions); undefined where stat gave none. */
  mode?: number;
}

export type LoadResult =
  | { ok: true; config: LoadedConfig }
  | {
      ok: false;
      kind: 'absent' | 'unreadable' | 'malformed';
      adapter: HostAdapter;
      location: ConfigLocation;
      error: string;
      /** The raw text of a malformed file, so it can still be scanned as plain text. */
      text?: string;
      mode?: number;
    };

export type ParseResult = { ok: true; root: unknown } | { ok: false; error: string };

/** Parses config text of a given format; comments and trailing commas are accepted in JSON (hosts do). */
export function parseConfigText(text: string, format: ConfigFormat): ParseResult {
  if (!text.trim()) return { ok: true, root: {} };
  try {
    switch (format) {
      case 'json':
      case 'jsonc': {
        const errors: ParseError[] = [];
        const root: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
        if (errors.length) {
          const e = errors[0];
          const { line, column } = position(text, e.offset);
          return { ok: false, error: `invalid JSON at line ${line}, column ${column}: ${printParseErrorCode(e.error)}` };
        }
        return { ok: true, root };
      }
      case 'yaml': {
        const doc = parseDocument(text, { prettyErrors: true });
        if (doc.errors.length) return { ok: false, error: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}` };
        return { ok: true, root: doc.toJS() ?? {} };
      }
      case 'toml':
        return { ok: true, root: parseToml(text) };
    }
  } catch (e) {
    return { ok: false, error: `invalid ${format.toUpperCase()}: ${(e as Error).message.split('\n')[0]}` };
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export async function loadConfig(adapter: HostAdapter, location: ConfigLocation): Promise<LoadResult> {
  let text: string;
  let mode: number | undefined;
  try {
    const info = await stat(location.path);
    if (!info.isFile()) return { ok: false, kind: 'absent', adapter, location, error: 'not a file' };
    mode = info.mode & 0o777;
    text = await readFile(location.path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, kind: 'absent', adapter, location, error: 'absent' };
    return { ok: false, kind: 'unreadable', adapter, location, error: `cannot read: ${code ?? (e as Error).message}` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseConfigText(text, location.format);
  if (!parsed.ok) return { ok: false, kind: 'malformed', adapter, location, error: parsed.error, text, mode };
  return { ok: true, config: { adapter, location, text, root: parsed.root, servers: adapter.servers(parsed.root, location), mode } };
}
