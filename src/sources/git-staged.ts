// The index as a pre-commit hook sees it: every added, copied, modified or renamed path, read from the
// staged blob (what will be committed), not from the work tree (which may differ).
import { CatFile } from './cat-file.js';
import { isOpaqueExtension } from './fs-walk.js';
import { git } from './git.js';
import type { BlobEntry, SourceEvents } from './types.js';

interface StagedEntry {
  id: string;
  path: string;
}

/** Paths and blob ids that differ between HEAD (or nothing, before the first commit) and the index. */
export async function stagedEntries(root: string): Promise<StagedEntry[]> {
  // With no commit named, git compares the index with HEAD, and on an unborn branch lists every staged file.
  const r = await git(root, ['-c', 'core.quotepath=off', 'diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMRT']);
  if (r.code !== 0) throw new Error(`git diff --cached failed: ${r.stderr.trim()}`);
  const tokens = r.stdout.split('\0');
  const out: StagedEntry[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const meta = tokens[i].replace(/^\n/, '');
    if (!meta.startsWith(':')) break;
    const fields = meta.slice(1).split(' ');
    if (fields[1] === '160000' || fields[1] === '120000') continue; // submodules and symlinks hold no text
    out.push({ id: fields[3], path: tokens[i + 1] });
  }
  return out;
}

export async function* stagedBlobs(
  root: string,
  options: { maxFileSize: number; exclude?: (path: string) => boolean },
  events: SourceEvents,
): AsyncGenerator<BlobEntry> {
  // git cat-file starts while git diff runs: each git process is ~10 ms of a pre-commit run's wall time.
  const cat = new CatFile(root, options.maxFileSize);
  let listed: StagedEntry[];
  try {
    listed = await stagedEntries(root);
  } catch (e) {
    cat.kill();
    throw e;
  }
  const entries = listed.filter((e) => {
    if (options.exclude?.(e.path)) {
      events.skip('ignored', e.path);
      return false;
    }
    if (isOpaqueExtension(e.path)) {
      events.skip('binary', e.path);
      return false;
    }
    return true;
  });
  if (!entries.length) {
    cat.kill();
    return;
  }
  const feeding = (async () => {
    for (const e of entries) if (!(await cat.request(e.id))) break;
    cat.end();
  })();
  let i = 0;
  try {
    for await (const result of cat.results()) {
      const entry = entries[i++];
      if (result.kind === 'too-large') {
        events.skip('too-large', entry.path, `${entry.path}: skipped, ${result.size} bytes is over the size cap (--max-file-size)`);
      } else if (result.kind !== 'blob') {
        events.skip('unreadable', entry.path, `${entry.path}: staged blob ${entry.id} cannot be read; skipped`);
      } else {
        yield { path: entry.path, bytes: result.bytes };
      }
    }
  } finally {
    cat.kill();
    await feeding;
  }
}
