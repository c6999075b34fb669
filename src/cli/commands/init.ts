// `keyward init [path]`: a guided start. In a git repository: write a commented .keyward.toml, offer the
// pre-commit hook, print the CI workflow. In the home folder (or with --home): run the audit of this machine's
// MCP host configs and propose `keyward protect`. Nothing is changed without a yes (a prompt, --yes or --hook).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { useColor } from '../global-options.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from '../context.js';
import { UserError } from '../errors.js';

interface InitFlags {
  yes?: boolean;
  hook?: boolean;
  prePush?: boolean;
  home?: boolean;
  launcher?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('set keyward up: in a repository a config, a pre-commit hook and the CI workflow; in your home folder an audit')
    .argument('[path]', 'the repository (or home folder)', '.')
    .option('-y, --yes', 'answer yes to every question (install the hook)')
    .option('--hook', 'install the pre-commit hook without asking')
    .option('--no-hook', 'do not install or offer the hook')
    .option('--pre-push', 'with the hook: also install the pre-push hook')
    .option('--home', 'treat the folder as a home folder: audit its MCP host configs')
    .option('--launcher <words>', 'how the hook starts keyward (see keyward hook install --help)')
    .action(async (path: string, flags: InitFlags) => {
      const dir = resolve(ctx.cwd, path);
      if (!existsSync(dir)) throw new UserError(`${dir}: no such folder`);
      const { repoRoot } = await import('../../sources/git.js');
      const repo = await repoRoot(dir);
      if (flags.home || (ctx.env.HOME && resolve(ctx.env.HOME) === dir)) {
        await initHome(ctx, dir);
        return;
      }
      if ('error' in repo) {
        throw new UserError(`${dir} is neither a git repository nor your home folder`, 'run it in a clone (or `git init` first), or pass --home to audit it as a home folder');
      }
      await initRepo(ctx, repo.root, flags);
    });
}

async function initRepo(ctx: CliContext, root: string, flags: InitFlags): Promise<void> {
  const { CONFIG_FILE, CONFIG_TEMPLATE, CI_SNIPPET } = await import('../init-files.js');
  const { CONFIG_NAMES } = await import('../../scan/config.js');
  const existing = CONFIG_NAMES.find((n) => existsSync(join(root, n)));
  if (existing) {
    ctx.stdout.write(`config: ${existing} already exists, left as it is\n`);
  } else {
    await writeFile(join(root, CONFIG_FILE), CONFIG_TEMPLATE);
    ctx.stdout.write(`config: wrote ${CONFIG_FILE} (every setting commented out; docs/scan.md#config-file)\n`);
  }

  // --hook / --yes install; --no-hook skips; otherwise ask on a terminal, or say how.
  // commander leaves `hook` undefined unless --hook or --no-hook was given.
  let install = flags.hook === true || (flags.hook === undefined && flags.yes === true);
  if (flags.hook === undefined && !install && ctx.stdout.isTTY && ctx.stdinText) {
    ctx.stdout.write('Install a git pre-commit hook that runs `keyward scan --staged`? [y/N] ');
    install = /^y(es)?$/i.test((await ctx.stdinText()).trim().split('\n')[0] ?? '');
  }
  if (install) {
    const { installForCli } = await import('../hook-install.js');
    await installForCli(ctx, root, flags.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit'], { launcher: flags.launcher });
  } else if (flags.hook !== false) {
    ctx.stdout.write('hook: not installed; `keyward hook install` (or `keyward init --hook`) adds it, or use the pre-commit framework (docs/ci.md)\n');
  }

  ctx.stdout.write(`\nCI: add this workflow to scan every push and pull request (docs/ci.md):\n\n${CI_SNIPPET}`);
  ctx.exitCode = EXIT_CLEAN;
}

async function initHome(ctx: CliContext, home: string): Promise<void> {
  const [{ runAudit, reachesSeverity }, { formatText }, { hostEnvironment }, { platform }] = await Promise.all([
    import('../../audit/audit.js'),
    import('../../audit/format.js'),
    import('../../hosts/index.js'),
    import('node:os'),
  ]);
  const env = hostEnvironment({ env: ctx.env, platform: platform(), home });
  const report = await runAudit(env, { hosts: undefined, sideFiles: true });
  ctx.stdout.write(`Auditing the MCP host configs under ${home}:\n\n`);
  ctx.stdout.write(formatText(report, { home, showSecrets: false, tty: useColor(ctx, ctx.stdout), version: '' }));
  const secrets = report.findings.filter((f) => f.id === 'plaintext-secret');
  if (secrets.length) {
    ctx.stdout.write(
      `\nNext: \`keyward protect\` moves ${secrets.length === 1 ? 'this plaintext secret' : `these ${secrets.length} plaintext secrets`} into the OS keychain and rewrites the configs to references (it shows the diff and asks first; \`keyward restore\` undoes it).\n`,
    );
  } else {
    ctx.stdout.write('\nNo plaintext secrets in host configs. Run `keyward init` inside a repository to set up its scans.\n');
  }
  ctx.exitCode = reachesSeverity(report.findings, 'high') ? EXIT_FINDINGS : EXIT_CLEAN;
}
