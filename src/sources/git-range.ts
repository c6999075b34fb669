// Which commits a CI job or a git hook should scan, as `git log` revisions: "since a commit" (a push's
// `before`, a pull request's base) and "what `git push` is about to send" (the pre-push hook's stdin).
// An all-zero id is git's "no commit": a branch that did not exist before, or a deletion.
import { git } from './git.js';

export class GitRangeError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const ZERO_ID = /^0+$/;

export const isZeroId = (id: string): boolean => ZERO_ID.test(id);

/** The commit a revision names, or undefined when it is not in this repository (not fetched, or garbage). */
export async function resolveCommit(root: string, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-')) return undefined;
  const r = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/**
 * Revisions for "commits reachable from `tips` but not from `since`". An all-zero `since` means the branch is
 * new: its commits that no other branch (local or remote-tracking) holds, which is the whole branch when there
 * is no other. Refs that already contain a tip are the branch itself (or its remote-tracking twin) and are not
 * subtracted, or nothing would be left.
 */
export async function sinceCommitRevs(root: string, since: string, tips: string[]): Promise<string[]> {
  const positives = tips.length ? tips : ['HEAD'];
  if (!isZeroId(since)) {
    const base = await resolveCommit(root, since);
    if (!base) {
      throw new GitRangeError(
        `--since-commit: ${since} is not a commit in this repository`,
        'fetch it first (git fetch origin <sha>, or fetch-depth: 0 on GitHub Actions), or pass 0000000 to scan the whole new branch',
      );
    }
    return [...positives, `^${base}`];
  }
  return [...positives, ...(await otherBranches(root, positives)).map((r) => `^${r}`)];
}

/** Branches and remote-tracking branches that contain none of `tips`. */
async function otherBranches(root: string, tips: string[]): Promise<string[]> {
  const commits: string[] = [];
  for (const t of tips) {
    if (t.startsWith('-') || t.startsWith('^')) continue;
    const c = await resolveCommit(root, t);
    if (c) commits.push(c);
  }
  const r = await git(root, ['for-each-ref', '--format=%(refname)', ...commits.flatMap((c) => ['--no-contains', c]), 'refs/heads', 'refs/remotes']);
  if (r.code !== 0) throw new GitRangeError(`git for-each-ref failed: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter((l) => l && !l.endsWith('/HEAD'));
}

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** git's pre-push stdin: one `<local ref> <local sha> <remote ref> <remote sha>` line per ref being pushed. */
export function parsePrePushInput(text: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 4 || !/^[0-9a-f]+$/.test(parts[1]) || !/^[0-9a-f]+$/.test(parts[3])) {
      throw new GitRangeError(
        `--pre-push: line ${i + 1} of stdin is not "<local ref> <local sha> <remote ref> <remote sha>"`,
        'run it from a git pre-push hook, which gets these lines from git (keyward hook install --pre-push writes one)',
      );
    }
    refs.push({ localRef: parts[0], localSha: parts[1], remoteRef: parts[2], remoteSha: parts[3] });
  }
  return refs;
}

export interface PushPlan {
  /** `git log` revisions; empty when nothing is sent (deletions only, or an empty push). */
  revs: string[];
  notes: string[];
}

/**
 * The commits a push sends: every pushed tip, minus what the remote already has — the old remote value of each
 * ref when we know that commit, and every remote-tracking ref. Subtracting all of them at once is the union of
 * the per-ref ranges less commits the remote already holds, which is what "being pushed" means. A deletion
 * sends nothing. A new branch (remote sha all zeros) is whatever no remote-tracking ref holds yet, which is
 * the whole branch on a first push to an empty remote.
 */
export async function prePushRevs(root: string, refs: PushedRef[]): Promise<PushPlan> {
  const positives: string[] = [];
  const negatives: string[] = [];
  const notes: string[] = [];
  for (const ref of refs) {
    if (isZeroId(ref.localSha)) {
      notes.push(`${ref.remoteRef}: deleted, nothing to scan`);
      continue;
    }
    const tip = await resolveCommit(root, ref.localSha);
    if (!tip) {
      notes.push(`${ref.localRef}: ${ref.localSha.slice(0, 12)} is not a commit (a tag of a tree or blob?), not scanned`);
      continue;
    }
    positives.push(tip);
    if (!isZeroId(ref.remoteSha)) {
      // Unknown locally when the remote moved since our last fetch: remote-tracking refs still bound the range.
      const old = await resolveCommit(root, ref.remoteSha);
      if (old) negatives.push(old);
    }
  }
  if (!positives.length) return { revs: [], notes };
  return { revs: [...positives, '--not', ...negatives, '--remotes'], notes };
}
