// Reads the known side files (mcp-remote token caches, host MCP logs, goose secrets.yaml) with bounds on
// depth, count and size: a log folder can be large and a home folder must never be walked whole.
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SideFileLocation } from '../hosts/types.js';

const MAX_DEPTH = 4;
const MAX_FILES = 200;
/** Larger files are read from their end: the newest log lines are the likeliest to hold a live token. */
const MAX_BYTES = 4 * 1024 * 1024;

export interface SideFile {
  location: SideFileLocation;
  path: string;
  text: string;
  mode: number;
}

export async function readSideFiles(locations: SideFileLocation[], warnings: string[]): Promise<SideFile[]> {
  const out: SideFile[] = [];
  for (const location of locations) {
    const paths = location.kind === 'file' ? [location.path] : await walk(location.path, '', location.pattern, 0, []);
    for (const path of paths) {
      const file = await readBounded(path, warnings);
      if (file) out.push({ location, path, ...file });
    }
  }
  return out;
}

async function walk(dir: string, rel: string, pattern: RegExp | undefined, depth: number, acc: string[]): Promise<string[]> {
  if (depth > MAX_DEPTH || acc.length >= MAX_FILES) return acc;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return acc;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (acc.length >= MAX_FILES) break;
    const p = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await walk(p, r, pattern, depth + 1, acc);
    else if (e.isFile() && (!pattern || pattern.test(r))) acc.push(p);
  }
  return acc;
}

async function readBounded(path: string, warnings: string[]): Promise<{ text: string; mode: number } | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    const handle = await open(path, 'r');
    try {
      const length = Math.min(info.size, MAX_BYTES);
      const buf = Buffer.alloc(length);
      await handle.read(buf, 0, length, info.size - length);
      return { text: buf.toString('utf8'), mode: info.mode & 0o777 };
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warnings.push(`${path}: cannot read side file (${code ?? (e as Error).message})`);
    return undefined;
  }
}
