// A compact full-history reader for study clones (bare repositories): which blobs exist at HEAD, which
// blob each commit introduced (oldest first, across every ref), and a `git cat-file --batch` stream that
// reads each unique blob once. Kept local to the study; src/sources/git-history.ts does the same job for
// `keyward scan --history` and the two should be unified once both have settled.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { git, quietGitEnv } from './git.js';

export interface BlobRef {
  oid: string;
  /** HEAD path when the blob is at HEAD, else the path it was first committed under. */
  path: string;
  /** Commit that introduced the blob (HEAD when the log could not tell). */
  commit: string;
  inHead: boolean;
}

export interface RepoBlobs {
  head: string;
  commits: number;
  blobs: BlobRef[];
}

const NULL_OID = /^0+$/;

/** Every unique blob of the repository: HEAD tree first, then the rest of history. */
export async function listBlobs(gitDir: string, env?: NodeJS.ProcessEnv): Promise<RepoBlobs | { error: string }> {
  const headRun = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: gitDir, env });
  if (headRun.code !== 0) return { error: 'no commit at HEAD' };
  const head = headRun.stdout.trim();
  // A shallow clone would pass as "no leak in history" without having looked at it: refuse it.
  const shallow = await git(['rev-parse', '--is-shallow-repository'], { cwd: gitDir, env });
  if (shallow.stdout.trim() === 'true') return { error: 'shallow clone: most of the history is missing' };
  const tree = await git(['-c', 'core.quotepath=off', 'ls-tree', '-r', '-z', '--full-tree', head], { cwd: gitDir, env });
  if (tree.code !== 0) return { error: `git ls-tree failed: ${tree.stderr.trim()}` };
  const headPaths = new Map<string, string>();
  for (const entry of tree.stdout.split('\0')) {
    // "<mode> <type> <oid>\t<path>"
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = entry.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000') continue;
    if (!headPaths.has(oid)) headPaths.set(oid, entry.slice(tab + 1));
  }

  const introduced = new Map<string, { path: string; commit: string }>();
  let commit = head;
  let raw: string | undefined;
  // Streamed token by token: a long history's log never sits in memory as one string.
  const onToken = (token: string) => {
    if (token.startsWith('\n')) token = token.slice(1);
    if (raw !== undefined) {
      // token is the path of the ":oldmode newmode old new status" record before it.
      const fields = raw.slice(1).split(' ');
      raw = undefined;
      const oid = fields[3];
      if (oid && !NULL_OID.test(oid) && fields[1] !== '160000' && fields[1] !== '120000' && !introduced.has(oid)) {
        introduced.set(oid, { path: token, commit });
      }
      return;
    }
    if (token.startsWith('\u0001')) {
      commit = token.slice(1).trim();
      return;
    }
    if (token.startsWith(':')) raw = token;
  };
  const logError = await streamTokens(
    gitDir,
    ['-c', 'core.quotepath=off', 'log', '--all', '--reverse', '-m', '--raw', '--no-abbrev', '--no-renames', '-z', '--format=%x01%H'],
    env,
    onToken,
  );
  if (logError) return { error: `git log failed: ${logError}` };
  // Counted apart: with -m, the log repeats a merge's header once per parent.
  const count = await git(['rev-list', '--all', '--count'], { cwd: gitDir, env });
  const commits = Number(count.stdout.trim()) || 0;

  const blobs: BlobRef[] = [];
  for (const [oid, path] of headPaths) {
    blobs.push({ oid, path, commit: introduced.get(oid)?.commit ?? head, inHead: true });
  }
  for (const [oid, where] of introduced) {
    if (!headPaths.has(oid)) blobs.push({ oid, path: where.path, commit: where.commit, inHead: false });
  }
  return { head, commits, blobs };
}

export type BlobContent = { oid: string; bytes: Buffer } | { oid: string; skipped: 'too-large' | 'missing' | 'not-blob'; size?: number };

/**
 * Streams the blobs' bytes in request order through one `git cat-file --batch`. Blobs over `maxBytes`
 * are drained without being kept, so memory is bounded by the cap.
 */
export async function* readBlobs(gitDir: string, oids: string[], maxBytes: number, env?: NodeJS.ProcessEnv): AsyncGenerator<BlobContent> {
  if (oids.length === 0) return;
  const child = spawn('git', ['cat-file', '--batch'], { cwd: gitDir, env: quietGitEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  child.stderr.resume();
  const feeding = (async () => {
    for (const oid of oids) {
      if (child.stdin.destroyed) return;
      if (!child.stdin.write(`${oid}\n`)) await Promise.race([once(child.stdin, 'drain'), once(child.stdin, 'close')]);
    }
    child.stdin.end();
  })();
  let buf: Buffer = Buffer.alloc(0);
  let cur: { oid: string; type: string; size: number; keep: boolean; got: number; chunks: Buffer[] } | undefined;
  let completed = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (!cur) {
          const nl = buf.indexOf(10);
          if (nl < 0) break;
          const header = buf.subarray(0, nl).toString('latin1').split(' ');
          buf = buf.subarray(nl + 1);
          if (header[1] === 'missing' || header.length < 3) {
            yield { oid: header[0], skipped: 'missing' };
            continue;
          }
          const size = Number(header[2]);
          cur = { oid: header[0], type: header[1], size, keep: header[1] === 'blob' && size <= maxBytes, got: 0, chunks: [] };
        }
        const take = Math.min(cur.size + 1 - cur.got, buf.length);
        if (cur.keep && take > 0) cur.chunks.push(buf.subarray(0, take));
        cur.got += take;
        buf = buf.subarray(take);
        if (cur.got < cur.size + 1) break;
        const done = cur;
        cur = undefined;
        if (done.keep) yield { oid: done.oid, bytes: Buffer.concat(done.chunks).subarray(0, done.size) };
        else yield { oid: done.oid, skipped: done.type === 'blob' ? 'too-large' : 'not-blob', size: done.size };
      }
    }
    completed = true;
  } finally {
    if (!completed) child.kill();
    await feeding.catch(() => undefined);
  }
}

/** Runs git and feeds its NUL-separated stdout to `onToken`; resolves to an error message or undefined. */
function streamTokens(gitDir: string, args: string[], env: NodeJS.ProcessEnv | undefined, onToken: (t: string) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd: gitDir, env: quietGitEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const tokens = (tail + chunk).split('\0');
      tail = tokens.pop() ?? '';
      for (const t of tokens) onToken(t);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 2000)));
    child.on('error', (e) => (stderr += e.message));
    child.on('close', (code) => {
      if (tail) onToken(tail);
      resolve(code === 0 ? undefined : stderr.trim() || `exit ${code}`);
    });
  });
}
