// Clone stage: one bare, full-history clone per repository (every branch and tag, no blob filter, no
// depth), under a size cap and a time cap, with retries for transient failures. Unreachable, empty and
// oversize repositories are skipped with a recorded reason rather than failing the study.
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
}

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
    const run = await git(['clone', '--bare', '--quiet', url, dir], {
      env: options.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      watch: {
        intervalMs: options.sizePollMs ?? 1000,
        check: async () => ((await dirSize(dir)) > options.maxBytes ? 'oversize' : undefined),
      },
    });
    if (run.code === 0) {
      const size = await dirSize(dir);
      if (size > options.maxBytes) return skip(dir, 'oversize', `${size} bytes > cap ${options.maxBytes}`, attempt);
      const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: dir, env: options.env });
      if (head.code !== 0) return skip(dir, 'empty', 'no commit at HEAD', attempt);
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
