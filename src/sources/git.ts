// Thin wrappers around the git binary: run a command to completion, or stream its stdout. keyward reads
// history with git's own plumbing rather than re-implementing the object format.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export function spawnGit(cwd: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The work tree root holding `path`, or an error message when it is not in a git repository. */
export async function repoRoot(path: string): Promise<{ root: string } | { error: string }> {
  let r: GitResult;
  try {
    r = await git(path, ['rev-parse', '--show-toplevel']);
  } catch (e) {
    return { error: `cannot run git (${(e as Error).message})` };
  }
  if (r.code !== 0) return { error: r.stderr.trim() || 'not a git repository' };
  return { root: r.stdout.trim() };
}

/**
 * The git directory of a bare repository holding `path` (a mirror, a server's repository where a
 * pre-receive hook runs), or undefined when `path` is not inside one.
 */
export async function bareRepoDir(path: string): Promise<string | undefined> {
  const r = await git(path, ['rev-parse', '--is-bare-repository', '--absolute-git-dir']).catch(() => undefined);
  if (!r || r.code !== 0) return undefined;
  const [bare, dir] = r.stdout.trim().split('\n');
  return bare === 'true' && dir ? dir : undefined;
}

export async function isShallow(root: string): Promise<boolean> {
  const r = await git(root, ['rev-parse', '--is-shallow-repository']);
  return r.stdout.trim() === 'true';
}
