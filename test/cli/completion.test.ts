// Completion scripts are generated from the program tree: every registered command, subcommand and flag
// appears in each shell's script, and the bash script completes for real in a bash the test starts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { completionTable } from '../../src/cli/completion.js';
import { run } from '../../src/cli/run.js';
import { tempDir } from '../scan/helpers.js';

async function fullProgram(): Promise<Command> {
  const program = new Command('keyward');
  const ctx = { env: {}, cwd: '/', stdout: { isTTY: false, write: () => {} }, stderr: { isTTY: false, write: () => {} }, exitCode: 0 };
  for (const c of commands) (await c.load()).register(program, ctx);
  return program;
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-completion-')));
afterEach(async () => cleanup());

describe('keyward completion', () => {
  it('covers every command, subcommand and visible flag in bash, zsh and fish', async () => {
    const nodes = completionTable(await fullProgram());
    const top = nodes.find((n) => n.path === '')!.commands.map((c) => c.name);
    expect(top).toEqual(commands.flatMap((c) => c.names));
    expect(nodes.some((n) => n.path === 'hook:install')).toBe(true);
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await run(['completion', shell], { env: {} });
      expect(r.exitCode, r.stderr).toBe(0);
      for (const n of nodes) {
        for (const c of n.commands) expect(r.stdout, `${shell}: ${n.path} ${c.name}`).toContain(c.name);
        for (const o of n.options) {
          const flag = shell === 'fish' ? `-l ${o.long!.slice(2)}` : o.long!;
          expect(r.stdout, `${shell}: ${n.path} ${o.long}`).toContain(flag);
        }
      }
    }
    expect((await run(['completion', 'powershell'], { env: {} })).exitCode).toBe(2);
  });

  it('completes commands, nested subcommands, flags and option choices in a real bash', async () => {
    const script = join(dir, 'keyward.bash');
    writeFileSync(script, (await run(['completion', 'bash'], { env: {} })).stdout);
    const complete = (...words: string[]) => {
      const r = spawnSync('bash', ['-c', `source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _keyward; printf '%s\\n' "\${COMPREPLY[@]}"`, script, 'keyward', ...words], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(complete('sc')).toEqual(['scan']);
    expect(complete('hook', 'in')).toEqual(['install']);
    expect(complete('scan', '--since')).toEqual(['--since-commit']);
    expect(complete('scan', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('completion', '')).toContain('zsh');
    // The global options are offered after any command, where commander accepts them.
    expect(complete('scan', '--no-c')).toEqual(['--no-color']);
    expect(complete('secrets', 'list', '--qu')).toEqual(['--quiet']);
  });
});
