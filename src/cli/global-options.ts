// Options every command takes, registered once on the root program (commander accepts them before or after
// the subcommand): --no-color and -q/--quiet. Also the one colour decision and the one way to print a
// warning or note, so every command honours both the same way.
import type { Command } from 'commander';
import type { CliContext, OutputStream } from './context.js';

export function addGlobalOptions(program: Command, ctx: CliContext): Command {
  return program
    .option('--no-color', 'no ANSI colours (also NO_COLOR; FORCE_COLOR=1 forces them)')
    .option('-q, --quiet', 'no warnings, notes or progress on stderr (findings and errors still print)')
    .hook('preAction', () => {
      const o = program.opts<{ color: boolean; quiet?: boolean }>();
      ctx.noColor = !o.color;
      ctx.quiet = Boolean(o.quiet);
    });
}

/** The usual precedence: --no-color > NO_COLOR (non-empty) > FORCE_COLOR (non-empty; 0/false turn it off) > a terminal. */
export function useColor(ctx: Pick<CliContext, 'env' | 'noColor'>, stream: OutputStream): boolean {
  if (ctx.noColor || ctx.env.NO_COLOR) return false;
  const force = ctx.env.FORCE_COLOR;
  if (force) return force !== '0' && force !== 'false';
  return stream.isTTY;
}

/** A warning, note or progress line for stderr: dropped with -q, each distinct line printed once per run. */
export function notice(ctx: CliContext, line: string): void {
  if (ctx.quiet) return;
  const seen = (ctx.noticed ??= new Set());
  if (seen.has(line)) return;
  seen.add(line);
  ctx.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
}
