// Thin wrappers over the git CLI for the study: run a command with a time limit, stream its stdout.
import { spawn, type ChildProcess } from 'node:child_process';

export interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  killedReason?: string;
}

export interface GitOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Polled while the command runs; returning a string kills it with that reason (size caps). */
  watch?: { intervalMs: number; check: () => Promise<string | undefined> };
}

/** Environment that keeps git from ever prompting (a private or deleted repo must fail, not hang). */
export function quietGitEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'echo',
    SSH_ASKPASS: 'echo',
    GIT_LFS_SKIP_SMUDGE: '1',
    GCM_INTERACTIVE: 'never',
  };
}

export function git(args: string[], options: GitOptions = {}): Promise<GitRun> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd: options.cwd, env: quietGitEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let killedReason: string | undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.length > 8192 ? d.slice(-8192) : d));
    const timer = options.timeoutMs ? setTimeout(() => ((timedOut = true), kill(child)), options.timeoutMs) : undefined;
    const onAbort = () => ((killedReason = 'aborted'), kill(child));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let polling: NodeJS.Timeout | undefined;
    let closed = false;
    if (options.watch) {
      const { intervalMs, check } = options.watch;
      const poll = async () => {
        const reason = await check().catch(() => undefined);
        // The command may have ended while the check ran: arming the next poll then would tick forever
        // and keep the study process alive after its last repository (seen at 2,000 repositories).
        if (closed) return;
        if (reason) {
          killedReason = reason;
          kill(child);
        } else polling = setTimeout(poll, intervalMs);
      };
      polling = setTimeout(poll, intervalMs);
    }
    child.on('error', (e) => (stderr += e.message));
    child.on('close', (code) => {
      closed = true;
      if (timer) clearTimeout(timer);
      if (polling) clearTimeout(polling);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code, stdout, stderr, timedOut, killedReason });
    });
  });
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null) child.kill('SIGKILL');
}
