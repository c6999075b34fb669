// Clone stage: one bare, full-history clone per repository (every branch and tag, no depth limit), under a
// size cap and a time cap, with retries for transient failures. Unreachable, empty and oversize
// repositories are skipped with a recorded reason rather than failing the study.
//
// The scan reads every commit and tree but no blob over its size cap, so the clone asks the server to
// leave those out (`--filter=blob:limit`, a partial clone): the findings are the same, the download and
// the disk are smaller for repositories that carry big assets. A server that does not support filters
// (git's local transports without `uploadpack.allowFilter`) sends everything, which is still correct.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { git } from './git.js';
import { sleep } from './http.js';

/** `aborted` is not a skip: the repository stays pending for the next run. */
export type SkipReason = 'unreachable' | 'oversize' | 'timeout' | 'empty' | 'archived' | 'error' | 'aborted';

export type CloneResult =
  | { ok: true; dir: string; head: string; sizeBytes: number; ms: number; attempts: number }
  | { ok: false; reason: SkipReason; detail: string; attempts: number };

export interface CloneOptions {
  /** `{repo}` is replaced by owner/name, e.g. `https://github.com/{repo}.git`. */
  urlTemplate: string;
  workDir: string;
  maxBytes: number;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** How often the size cap is checked during a clone. */
  sizePollMs?: number;
  /**
   * The scan's blob size cap: blobs larger than this are not fetched. Unset: a full clone. Either way
   * the clone never fetches a missing blob later (see `disconnectPromisor`).
   */
  maxBlobBytes?: number;
  /** Told the clone's size on disk as it grows and when it is done (the run's peak-disk figure). */
  onSize?: (bytes: number) => void;
}

/** Where a clone records the blob cap it was made with, so a later scan with a larger cap re-clones. */
const BLOB_CAP_KEY = 'keyward.maxBlobBytes';

/** Messages git prints when a repository does not exist or needs credentials: retrying will not help. */
const PERMANENT =
  /repository .* not found|not found|does not appear to be a git repository|could not read Username|authentication failed|terminal prompts disabled|access denied|HTTP 40[134]/i;

export function cloneUrl(template: string, repo: string): string {
  return template.replaceAll('{repo}', repo);
}

export function cloneDir(workDir: string, repo: string): string {
  return path.join(workDir, ...repo.split('/').map((p) => p.replace(/^\.+/, '_'))) + '.git';
}

export async function cloneRepo(repo: string, options: CloneOptions): Promise<CloneResult> {
  const url = cloneUrl(options.urlTemplate, repo);
  const dir = cloneDir(options.workDir, repo);
  const started = Date.now();
  let lastDetail = '';
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(path.dirname(dir), { recursive: true });
    // git's blob:limit=n leaves out blobs of n bytes or more; the scan keeps blobs of up to its cap.
    const filter = options.maxBlobBytes === undefined ? [] : [`--filter=blob:limit=${options.maxBlobBytes + 1}`];
    const run = await git(['clone', '--bare', '--quiet', ...filter, url, dir], {
      env: options.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      watch: {
        intervalMs: options.sizePollMs ?? 1000,
        check: async () => {
          const size = await dirSize(dir);
          options.onSize?.(size);
          return size > options.maxBytes ? 'oversize' : undefined;
        },
      },
    });
    if (run.code === 0) {
      const size = await dirSize(dir);
      options.onSize?.(size);
      if (size > options.maxBytes) return skip(dir, 'oversize', `${size} bytes > cap ${options.maxBytes}`, attempt);
      const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: dir, env: options.env });
      if (head.code !== 0) return skip(dir, 'empty', 'no commit at HEAD', attempt);
      await disconnectPromisor(dir, options);
      return { ok: true, dir, head: head.stdout.trim(), sizeBytes: size, ms: Date.now() - started, attempts: attempt };
    }
    if (run.killedReason === 'oversize') return skip(dir, 'oversize', `clone passed the ${options.maxBytes}-byte cap`, attempt);
    if (run.killedReason === 'aborted') return skip(dir, 'aborted', 'aborted', attempt);
    lastDetail = run.timedOut ? `timed out after ${options.timeoutMs} ms` : firstLine(run.stderr);
    if (!run.timedOut && PERMANENT.test(run.stderr)) return skip(dir, 'unreachable', lastDetail, attempt);
    if (attempt > options.retries) return skip(dir, run.timedOut ? 'timeout' : 'unreachable', lastDetail, attempt);
    await sleep(options.retryBaseMs * 2 ** (attempt - 1), options.signal);
    if (options.signal?.aborted) return skip(dir, 'aborted', 'aborted', attempt);
  }
  return skip(dir, 'error', lastDetail, options.retries + 1);
}

/**
 * A partial clone fetches a missing blob from its origin the moment anything reads it, one request per
 * blob. The scan asks `cat-file` for blobs over its cap like any other (it learns their size only by
 * asking), so the clone stops being a promisor: a missing blob is then reported missing, and skipped like
 * a too-large one, with no network round trip. The cap is recorded beside it.
 */
async function disconnectPromisor(dir: string, options: CloneOptions): Promise<void> {
  for (const key of ['remote.origin.promisor', 'remote.origin.partialclonefilter', 'extensions.partialclone']) {
    await git(['config', '--unset-all', key], { cwd: dir, env: options.env });
  }
  if (options.maxBlobBytes !== undefined) await git(['config', BLOB_CAP_KEY, String(options.maxBlobBytes)], { cwd: dir, env: options.env });
}

/** Whether a clone left on disk holds every blob a scan with this cap reads (a full clone always does). */
export async function cloneHoldsBlobsUpTo(dir: string, maxBlobBytes: number, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const cap = await git(['config', '--get', BLOB_CAP_KEY], { cwd: dir, env });
  return cap.code !== 0 || Number(cap.stdout.trim()) >= maxBlobBytes;
}

async function skip(dir: string, reason: SkipReason, detail: string, attempts: number): Promise<CloneResult> {
  await fs.rm(dir, { recursive: true, force: true });
  return { ok: false, reason, detail, attempts };
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? 'git clone failed'
  ).slice(0, 300);
}

export async function dirSize(dir: string): Promise<number> {
  let total = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirSize(p);
    else if (e.isFile()) total += (await fs.stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
