// Where a finding's text is read back from for companion values: the file on disk, the blob at its
// commit, the staged blob, or the stdin text already in memory.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../engine/types.js';
import { git } from '../sources/git.js';

export type SourceMode = 'files' | 'history' | 'staged' | 'stdin';

export function sourceReader(mode: SourceMode, root: string, stdinText?: string): (f: Finding) => Promise<string | undefined> {
  return async (f) => {
    if (mode === 'stdin') return stdinText;
    if (mode === 'files') return readFile(join(root, f.path), 'utf8').catch(() => undefined);
    const spec = mode === 'staged' ? `:${f.path}` : `${f.commit}:${f.path}`;
    if (mode === 'history' && !f.commit) return undefined;
    const r = await git(root, ['cat-file', 'blob', spec]).catch(() => undefined);
    return r && r.code === 0 ? r.stdout : undefined;
  };
}
