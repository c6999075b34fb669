// What a study clone's HEAD holds: the commit, its tree's blobs (id → path) and the commit count. The
// history itself is read by src/sources/git-history.ts, shared with `keyward scan --history`.
import { createHash } from 'node:crypto';
import { git } from './git.js';

export interface HeadTree {
  head: string;
  /** Blob id → first path it has in the HEAD tree. */
  blobs: Map<string, string>;
  commits: number;
}

export async function readHead(gitDir: string, env?: NodeJS.ProcessEnv): Promise<HeadTree | { error: string }> {
  const headRun = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: gitDir, env });
  if (headRun.code !== 0) return { error: 'no commit at HEAD' };
  const head = headRun.stdout.trim();
  const tree = await git(['-c', 'core.quotepath=off', 'ls-tree', '-r', '-z', '--full-tree', head], { cwd: gitDir, env });
  if (tree.code !== 0) return { error: `git ls-tree failed: ${tree.stderr.trim()}` };
  const blobs = new Map<string, string>();
  for (const entry of tree.stdout.split('\0')) {
    // "<mode> <type> <oid>\t<path>"
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = entry.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000') continue;
    if (!blobs.has(oid)) blobs.set(oid, entry.slice(tab + 1));
  }
  // Counted with rev-list: a log with -m repeats a merge once per parent.
  const count = await git(['rev-list', '--all', '--count'], { cwd: gitDir, env });
  return { head, blobs, commits: Number(count.stdout.trim()) || 0 };
}

/** git's object id of a blob (SHA-1 of "blob <size>\0" + bytes), to tell whether a history blob is at HEAD. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
