// Plain git hooks for people without the pre-commit framework: a pre-commit hook (`scan --staged`) and a
// pre-push hook (`scan --pre-push`), written where git looks for hooks (core.hooksPath when set). A hook that
// keyward did not write is never replaced without `force`: it may be someone's lint or test gate.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { git } from '../sources/git.js';

export type HookKind = 'pre-commit' | 'pre-push';

/** Marks a hook as keyward's, so a later install may update it. */
const MARKER = '# keyward-hook v1';

const ARGS: Record<HookKind, string> = {
  'pre-commit': 'scan --staged --no-progress',
  'pre-push': 'scan --pre-push --no-progress',
};

const WHY: Record<HookKind, string> = {
  'pre-commit': 'Blocks commits that add secrets (what is staged, not the work tree).',
  'pre-push': 'Blocks pushes whose new commits hold secrets (only the commits the remote lacks).',
};

const BYPASS: Record<HookKind, string> = { 'pre-commit': 'git commit --no-verify', 'pre-push': 'git push --no-verify' };

const shellWord = (w: string): string => (/^[\w./=:@+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

export function hookScript(kind: HookKind, launcher: string[]): string {
  return [
    '#!/bin/sh',
    MARKER,
    `# ${WHY[kind]} Written by \`keyward hook install\`.`,
    `# Bypass once, knowingly: ${BYPASS[kind]}`,
    `exec ${launcher.map(shellWord).join(' ')} ${ARGS[kind]}`,
    '',
  ].join('\n');
}

export interface HookResult {
  kind: HookKind;
  path: string;
  status: 'written' | 'updated' | 'unchanged' | 'replaced' | 'refused';
}

/** Where git runs hooks from for the repository at `root` (honours core.hooksPath). */
export async function hooksDir(root: string): Promise<string | { error: string }> {
  const r = await git(root, ['rev-parse', '--git-path', 'hooks']);
  if (r.code !== 0) return { error: r.stderr.trim() || 'not a git repository' };
  return resolve(root, r.stdout.trim());
}

export async function installHooks(dir: string, kinds: HookKind[], options: { launcher: string[]; force?: boolean }): Promise<HookResult[]> {
  await mkdir(dir, { recursive: true });
  const results: HookResult[] = [];
  for (const kind of kinds) {
    const path = join(dir, kind);
    const script = hookScript(kind, options.launcher);
    const existing = await readFile(path, 'utf8').catch(() => undefined);
    let status: HookResult['status'];
    if (existing === undefined) status = 'written';
    else if (existing === script) status = 'unchanged';
    else if (existing.includes(MARKER)) status = 'updated';
    else if (options.force) status = 'replaced';
    else status = 'refused';
    if (status !== 'refused' && status !== 'unchanged') await writeFile(path, script, { mode: 0o755 });
    if (status !== 'refused') await chmod(path, 0o755);
    results.push({ kind, path, status });
  }
  return results;
}
