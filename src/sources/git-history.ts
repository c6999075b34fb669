// Every blob reachable from any ref, each read once, with the commit that introduced it. `git log --raw`
// names the blobs each commit adds (oldest first, merges against every parent), `git cat-file --batch`
// streams their bytes. Only the set of blob ids already seen grows with history; contents never pile up.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PreviousVersions } from './blob-diff.js';
import { CatFile } from './cat-file.js';
import { isOpaqueExtension } from './fs-walk.js';
import { git, isShallow, spawnGit } from './git.js';
import type { BlobEntry, CommitInfo, SourceEvents } from './types.js';

export interface HistoryOptions {
  maxFileSize: number;
  /** Scan a shallow clone anyway (otherwise it is an error: most of its history is missing). */
  allowShallow?: boolean;
  /** Paths to leave out (config allow-list), tested on each blob's path. */
  exclude?: (path: string) => boolean;
  /** Extra arguments for `git log` instead of `--all`, e.g. a range (`main..HEAD`). */
  revs?: string[];
}

export class HistoryError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

interface BlobRef {
  id: string;
  path: string;
  commit: CommitInfo;
}

const NULL_ID = /^0+$/;

/** Blob ids + introducing commit, parsed from a `git log -z --raw` stream, oldest commit first. */
export async function* introducedBlobs(root: string, revs: string[]): AsyncGenerator<BlobRef | { commitSeen: string }> {
  const child = spawnGit(root, [
    '-c', 'core.quotepath=off',
    'log', ...revs, '--date-order', '--reverse', '--root', '-m', '--raw', '--no-abbrev', '--no-renames', '-z',
    '--format=%x01%H%x00%an%x00%ae%x00%aI%x00',
  ]);
  child.stdin.end();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  let commit: CommitInfo | undefined;
  // Tokens are NUL-separated; a commit header is 4 tokens, then pairs of (":modes ids status", path).
  let header: string[] | undefined;
  let raw: string | undefined;
  let tail = '';
  child.stdout.setEncoding('utf8');
  let completed = false;
  try {
  for await (const chunk of child.stdout as AsyncIterable<string>) {
    const tokens = (tail + chunk).split('\0');
    tail = tokens.pop() ?? '';
    for (let token of tokens) {
      if (token.startsWith('\n')) token = token.slice(1);
      if (header) {
        header.push(token);
        if (header.length === 4) {
          // With -m a merge is listed once per parent, back to back: count it once.
          const again = commit?.commit === header[0];
          commit = { commit: header[0], author: header[1], email: header[2], date: header[3] };
          header = undefined;
          if (!again) yield { commitSeen: commit.commit };
        }
        continue;
      }
      if (token.startsWith('\u0001')) {
        header = [token.slice(1)];
        raw = undefined;
        continue;
      }
      if (raw !== undefined) {
        // ":100644 100644 <old> <new> M" then this token is the path.
        const fields = raw.slice(1).split(' ');
        raw = undefined;
        const newMode = fields[1];
        const id = fields[3];
        if (!commit || !id || NULL_ID.test(id) || newMode === '160000' || newMode === '120000') continue;
        yield { id, path: token, commit };
        continue;
      }
      if (token.startsWith(':')) raw = token;
    }
  }
  completed = true;
  } finally {
    // The consumer may stop early; git log must not outlive it.
    if (!completed) child.kill();
  }
  const code = await closed;
  if (code !== 0) throw new HistoryError(`git log failed: ${stderr.trim() || `exit ${code}`}`);
}

/** Whether any commit in `revs` is a shallow-clone boundary (its parents were not fetched). */
async function reachesShallowBoundary(root: string, revs: string[]): Promise<boolean> {
  const file = await git(root, ['rev-parse', '--git-path', 'shallow']);
  const boundary = new Set((await readFile(resolve(root, file.stdout.trim()), 'utf8').catch(() => '')).split('\n').filter(Boolean));
  if (!boundary.size) return false;
  const list = await git(root, ['rev-list', ...revs]);
  if (list.code !== 0) return true;
  return list.stdout.split('\n').some((c) => boundary.has(c));
}

/**
 * Streams each unique blob of the history with its first commit. `onCommit` counts commits so a history
 * that yielded nothing can be told apart from an empty one.
 */
export async function* historyBlobs(
  root: string,
  options: HistoryOptions,
  events: SourceEvents,
  onCommit?: () => void,
): AsyncGenerator<BlobEntry> {
  // A range that stays above the shallow boundary is complete (CI fetches the pushed commits and their base);
  // one that reaches it, or the whole history, is not.
  if (!options.allowShallow && (await isShallow(root)) && (!options.revs?.length || (await reachesShallowBoundary(root, options.revs)))) {
    throw new HistoryError(
      'this is a shallow clone: most of its history is missing, so a history scan would pass without looking',
      'run `git fetch --unshallow` first, or pass --allow-shallow to scan only what is there',
    );
  }
  const revs = options.revs?.length ? options.revs : ['--all'];
  if (!options.revs?.length) {
    const refs = await git(root, ['for-each-ref', '--count=1', '--format=%(refname)']);
    if (refs.code === 0 && refs.stdout.trim() === '') return; // a repository without commits
  }
  const cat = new CatFile(root, options.maxFileSize);
  const versions = new PreviousVersions();
  const queue: BlobRef[] = [];
  const seen = new Set<string>();
  let feedError: unknown;
  // Feed ids to cat-file while results are consumed below; the two run concurrently.
  const feeding = (async () => {
    try {
      for await (const item of introducedBlobs(root, revs)) {
        if ('commitSeen' in item) {
          onCommit?.();
          continue;
        }
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        if (options.exclude?.(item.path)) {
          events.skip('ignored', item.path);
          continue;
        }
        // Images, archives, fonts…: never text, so git need not even inflate them.
        if (isOpaqueExtension(item.path)) {
          events.skip('binary', item.path);
          continue;
        }
        queue.push(item);
        if (!(await cat.request(item.id))) break;
      }
    } catch (e) {
      feedError = e;
    } finally {
      cat.end();
    }
  })();
  try {
    for await (const result of cat.results()) {
      const ref = queue.shift();
      if (!ref || ref.id !== result.id) throw new Error(`git cat-file answered ${result.id}, expected ${ref?.id}`);
      const where = `${ref.path} @ ${ref.commit.commit.slice(0, 8)}`;
      if (result.kind === 'too-large') {
        events.skip('too-large', ref.path, `${where}: skipped, ${result.size} bytes is over the size cap (--max-file-size)`);
      } else if (result.kind === 'missing' || result.kind === 'other') {
        events.skip('unreadable', ref.path, `${where}: blob ${result.id} is missing from the object store; skipped`);
      } else {
        const { changed, retained } = versions.next(ref.path, result.bytes);
        yield { path: ref.path, bytes: result.bytes, commit: ref.commit, ...(changed ? { changed } : {}), ...(retained ? { retained } : {}) };
      }
    }
  } finally {
    cat.kill();
    await feeding;
  }
  if (feedError) throw feedError;
}
