// `keyward secrets`: placeholder registration until its surface lands (owner replaces this file).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('secrets')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`keyward secrets` is not built yet');
    });
}
