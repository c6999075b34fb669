// What a team has decided not to hear about again: `.keywardignore` (fingerprints, optionally bound to one
// path) and `--baseline` (a saved JSON report: only what is new since is reported). Both match on the
// content fingerprint, so a new secret on an ignored line is still reported.
import { readFile } from 'node:fs/promises';
import type { Finding } from '../engine/types.js';

export class SuppressionError extends Error {}

export const IGNORE_FILE = '.keywardignore';

export interface IgnoreList {
  /** Fingerprints ignored everywhere. */
  anywhere: Set<string>;
  /** Fingerprint → paths it is ignored in. */
  atPath: Map<string, Set<string>>;
}

const FINGERPRINT = /^[0-9a-f]{32}$/;

/**
 * One entry per line: `<fingerprint>` or `<fingerprint>:<path>`; `#` starts a comment. gitleaks-style
 * `<commit>:<path>:<rule>:<line>` entries are not accepted: they bind to location, which is the bug the
 * content fingerprint exists to avoid.
 */
export function parseIgnoreFile(text: string, file = '.keywardignore'): IgnoreList {
  const list: IgnoreList = { anywhere: new Set(), atPath: new Map() };
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const colon = line.indexOf(':');
    const fp = colon < 0 ? line : line.slice(0, colon);
    if (!FINGERPRINT.test(fp)) {
      throw new SuppressionError(`${file}:${i + 1}: "${line.slice(0, 40)}" is not a fingerprint (32 hex characters, as in the JSON report)`);
    }
    if (colon < 0) list.anywhere.add(fp);
    else {
      const paths = list.atPath.get(fp) ?? new Set<string>();
      paths.add(line.slice(colon + 1));
      list.atPath.set(fp, paths);
    }
  });
  return list;
}

export async function loadIgnoreFile(path: string): Promise<IgnoreList | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return parseIgnoreFile(text, path);
}

/** `base`: the scan root's path from the ignore file's folder, since its `fingerprint:path` entries are relative to that folder. */
export function isIgnoredFinding(list: IgnoreList, f: Finding, base = ''): boolean {
  return list.anywhere.has(f.fingerprint) || (list.atPath.get(f.fingerprint)?.has(base + f.path) ?? false);
}

/** Fingerprints of a saved `--format json` report (or a bare list of findings). */
export async function loadBaseline(path: string): Promise<Set<string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SuppressionError(`cannot read baseline ${path}: ${code ?? (e as Error).message}`);
  }
  const findings = Array.isArray(raw) ? raw : (raw as { findings?: unknown })?.findings;
  if (!Array.isArray(findings)) {
    throw new SuppressionError(`baseline ${path} is not a keyward JSON report (expected a "findings" list); make one with --format json --output ${path}`);
  }
  const out = new Set<string>();
  for (const f of findings) {
    const fp = (f as { fingerprint?: unknown })?.fingerprint;
    if (typeof fp === 'string') out.add(fp);
  }
  return out;
}
