// `keyward completion bash|zsh|fish`: prints a completion script generated from the registered commands
// (index.ts loads every command module for it, so the script covers all of them).
import { Argument, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_CLEAN } from '../context.js';
import { completionScript, SHELLS, type Shell } from '../completion.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell').choices([...SHELLS]))
    .addHelpText('after', '\nbash: source <(keyward completion bash)\nzsh:  source <(keyward completion zsh)\nfish: keyward completion fish > ~/.config/fish/completions/keyward.fish')
    .action((shell: Shell) => {
      let root = program;
      while (root.parent) root = root.parent;
      ctx.stdout.write(completionScript(root, shell));
      ctx.exitCode = EXIT_CLEAN;
    });
}
