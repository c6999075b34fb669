// `keyward secrets list|set|rm`: manage the secret store. Values are never printed unless --show, and
// never read from argv unless --value (which warns: argv shows up in shell history and `ps`).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { notice } from '../global-options.js';
import { UserError } from '../errors.js';
import { checkStoreKey } from '../../store/keys.js';
import { addStoreOption, asUserError, storeFromContext } from '../store-option.js';
import { hiddenPrompt } from '../../store/prompt.js';

export function register(program: Command, ctx: CliContext): void {
  const secrets = program.command('secrets').description('list, set and remove secrets in the store (values hidden unless --show)');

  addStoreOption(secrets.command('list').description('list stored keys').option('--show', 'also print the values (careful: they land in your terminal)')).action(
    async (opts: { store?: string; show?: boolean }) => {
      const store = storeFromContext(ctx, { requested: opts.store, interactive: true });
      const keys = await asUserError(() => store.list());
      ctx.stderr.write(`${keys.length} secret${keys.length === 1 ? '' : 's'} in the ${store.description}\n`);
      for (const key of keys) {
        if (!opts.show) {
          ctx.stdout.write(`${key}\n`);
          continue;
        }
        const value = await asUserError(() => store.get(key));
        ctx.stdout.write(`${key}\t${value ?? ''}\n`);
      }
    },
  );

  addStoreOption(
    secrets
      .command('set')
      .description('store a secret; the value is read from stdin or a hidden prompt')
      .argument('<key>', 'store key, e.g. claude-desktop/github/GITHUB_TOKEN')
      .option('--value <value>', 'take the value from the command line (visible in shell history and ps)'),
  ).action(async (key: string, opts: { store?: string; value?: string }) => {
    validKey(key);
    const store = storeFromContext(ctx, { requested: opts.store, interactive: true });
    let value: string;
    if (opts.value !== undefined) {
      notice(ctx, 'keyward: warning: --value puts the secret in shell history and the process list; prefer stdin');
      value = opts.value;
    } else {
      const prompt = ctx.stdio ? hiddenPrompt(ctx.stdio.stdin, ctx.stdio.stderr) : undefined;
      if (prompt) value = await prompt(`value for ${key}: `);
      else if (ctx.stdinText) value = (await ctx.stdinText()).replace(/\r?\n$/, '');
      else throw new UserError('no value given', `pipe it in: printf %s "$VALUE" | keyward secrets set ${key}`);
    }
    if (!value) throw new UserError(`refusing to store an empty value for ${key}`);
    await asUserError(() => store.set(key, value));
    const back = await asUserError(() => store.get(key));
    if (back !== value) throw new UserError(`the ${store.description} did not return what was stored for ${key}`);
    ctx.stderr.write(`stored ${key} in the ${store.description}\n`);
  });

  addStoreOption(secrets.command('rm').description('remove a secret').argument('<key>', 'store key')).action(
    async (key: string, opts: { store?: string }) => {
      validKey(key);
      const store = storeFromContext(ctx, { requested: opts.store, interactive: true });
      if (await asUserError(() => store.delete(key))) ctx.stderr.write(`removed ${key}\n`);
      else {
        ctx.stderr.write(`keyward: ${key} is not in the ${store.description}\n`);
        ctx.exitCode = 2;
      }
    },
  );
}

function validKey(key: string): void {
  const check = checkStoreKey(key);
  if (!check.ok) throw new UserError(`bad store key "${key}": ${check.reason}`);
}
