// `keyward run [--secret ENV=key]… -- cmd args…`: start a server with secrets from the store in its
// environment only. Wiring only; the core is src/run/launcher.ts.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { launch, parseBinding, resolveBindings, expandArgs, type SecretBinding, type SignalSource } from '../../run/launcher.js';
import { addStoreOption, asUserError, storeFromContext } from '../store-option.js';

interface RunOpts {
  secret: string[];
  store?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('run')
    .description('start a command with secrets from the store added to its environment only')
    .usage('[--secret ENV=key]… [--store kind] -- command [args…]')
    .option('--secret <ENV=key>', 'put the store value of key into ENV (repeatable); ${KEYWARD:ENV} in args expands to it', collect, [])
    .argument('<command...>', 'command and its arguments (after --)');
  addStoreOption(cmd).action(async (argv: string[], opts: RunOpts) => {
    const [command, ...args] = argv;
    const bindings: SecretBinding[] = [];
    for (const spec of opts.secret) {
      const parsed = parseBinding(spec);
      if (!parsed.ok) throw new UserError(parsed.error, 'example: --secret GITHUB_TOKEN=claude-desktop/github/GITHUB_TOKEN');
      bindings.push(parsed.value);
    }
    // stdin belongs to the server (an MCP stdio pipe): never prompt here.
    const store = storeFromContext(ctx, { requested: opts.store, interactive: false });
    const resolved = await asUserError(() => resolveBindings(bindings, store));
    if (!resolved.ok) {
      const first = resolved.missing[0];
      const names = resolved.missing.map((b) => `"${b.key}" (for ${b.env})`).join(', ');
      throw new UserError(
        `secret ${names} ${resolved.missing.length > 1 ? 'are' : 'is'} not in the ${store.description}`,
        `store it with: keyward secrets set ${first.key}${store.kind === 'file' ? ' --store file' : ''}`,
      );
    }
    const expanded = expandArgs(args, resolved.values);
    if (!expanded.ok) throw new UserError(expanded.error);

    const result = await launch({
      command,
      args: expanded.value,
      baseEnv: ctx.env,
      secrets: resolved.values,
      cwd: ctx.cwd,
      // From bin: the real streams, so the server talks to its host directly. In-process (tests): piped.
      stdio: ctx.stdio ? [ctx.stdio.stdin, ctx.stdio.stdout, ctx.stdio.stderr] : ['ignore', 'pipe', 'pipe'],
      signals: ctx.stdio ? processSignals() : undefined,
      onSpawn: (child) => {
        child.stdout?.on('data', (c: Buffer) => ctx.stdout.write(c.toString('utf8')));
        child.stderr?.on('data', (c: Buffer) => ctx.stderr.write(c.toString('utf8')));
      },
    });
    if (result.kind === 'spawn-error') ctx.stderr.write(`keyward: ${result.message}\n`);
    ctx.exitCode = result.exitCode;
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Signals reach only the real process. ctx.stdio is present only when bin runs us, so this is the one place
 * outside bin that listens on `process` — for relaying, never for output.
 */
function processSignals(): SignalSource {
  return globalThis.process;
}
