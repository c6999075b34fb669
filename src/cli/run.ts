// The CLI as a function: run(argv) → {exitCode, stdout, stderr}. Commands register themselves on a
// commander program; none of them touches `process` directly.
import { Command, CommanderError } from 'commander';
import type { CliContext, CliResult, OutputStream } from './context.js';
import { EXIT_ERROR } from './context.js';
import { formatError } from './errors.js';
import { loadCommands } from './commands/index.js';
import { addGlobalOptions } from './global-options.js';
import { version } from './version.js';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  isTTY?: boolean;
  /** Stream output live (bin) in addition to collecting it. */
  stdout?: OutputStream;
  stderr?: OutputStream;
  stdio?: CliContext['stdio'];
  stdinText?: () => Promise<string>;
}


export async function run(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    env: options.env ?? {},
    cwd: options.cwd ?? '/',
    stdout: {
      isTTY: options.stdout?.isTTY ?? options.isTTY ?? false,
      write: (s) => (options.stdout ? options.stdout.write(s) : void (out += s)),
    },
    stderr: {
      isTTY: options.stderr?.isTTY ?? options.isTTY ?? false,
      write: (s) => (options.stderr ? options.stderr.write(s) : void (err += s)),
    },
    stdio: options.stdio,
    stdinText: options.stdinText,
    exitCode: 0,
  };

  const program = new Command('keyward')
    .description('Keep secrets out of MCP: scan, audit, protect, gateway, study.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
  addGlobalOptions(program, ctx);
  for (const register of await loadCommands(argv)) register(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with code 0.
      ctx.exitCode = e.exitCode === 0 ? 0 : EXIT_ERROR;
    } else {
      ctx.stderr.write(formatError(e));
      ctx.exitCode = EXIT_ERROR;
    }
  }
  return { exitCode: ctx.exitCode, stdout: out, stderr: err };
}
