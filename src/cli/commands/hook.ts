// `keyward hook install [path]`: plain git hooks (pre-commit, and pre-push with --pre-push) for people without
// the pre-commit framework. A foreign hook is left alone (exit 2) unless --force.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_CLEAN } from '../context.js';
import { UserError } from '../errors.js';

export function register(program: Command, ctx: CliContext): void {
  const hook = program.command('hook').description('install git hooks that run keyward before commits and pushes');
  hook
    .command('install')
    .description('write .git/hooks/pre-commit (scan --staged), and pre-push (scan --pre-push) with --pre-push')
    .argument('[path]', 'any folder inside the repository', '.')
    .option('--pre-push', 'also install the pre-push hook')
    .option('--no-pre-commit', 'do not install the pre-commit hook')
    .option('--force', 'replace a hook keyward did not write')
    .option('--launcher <words>', 'how the hook starts keyward: an executable path or a JSON array (default: this node + dist/cli/bin.js)')
    .action(async (path: string, flags: { prePush?: boolean; preCommit: boolean; force?: boolean; launcher?: string }) => {
      const { installForCli } = await import('../hook-install.js');
      const kinds = [...(flags.preCommit ? (['pre-commit'] as const) : []), ...(flags.prePush ? (['pre-push'] as const) : [])];
      if (!kinds.length) throw new UserError('nothing to install', 'drop --no-pre-commit or add --pre-push');
      await installForCli(ctx, resolve(ctx.cwd, path), [...kinds], flags);
      ctx.exitCode = EXIT_CLEAN;
    });
}
