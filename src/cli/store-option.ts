// The CLI side of the store: `--store` option, opening the store from a command context, and turning store
// failures into one-line user errors (exit 2) with their hint.
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { notice } from './global-options.js';
import { UserError } from '../core/errors.js';
import { StoreError } from '../store/file-store.js';
import { hiddenPrompt } from '../store/prompt.js';
import { openStore } from '../store/select.js';
import type { SecretStore } from '../store/types.js';

export function addStoreOption(cmd: Command): Command {
  return cmd.option('--store <kind>', 'secret store: keychain or file (default: keychain when available; env KEYWARD_STORE)');
}

export interface StoreFromCliOptions {
  requested?: string;
  /** May ask for a passphrase on the terminal (never for `keyward run`: its stdin belongs to the server). */
  interactive: boolean;
}

export function storeFromContext(ctx: CliContext, options: StoreFromCliOptions): SecretStore {
  const prompt = options.interactive && ctx.stdio ? hiddenPrompt(ctx.stdio.stdin, ctx.stdio.stderr) : undefined;
  return asUserError(() =>
    openStore({
      requested: options.requested,
      env: ctx.env,
      notice: (line) => notice(ctx, line),
      promptPassphrase: prompt ? () => prompt('keyward store passphrase: ') : undefined,
    }),
  );
}

/** Runs fn; a StoreError becomes a UserError, anything else stays a bug. */
export function asUserError<T>(fn: () => T): T {
  try {
    const out = fn();
    if (out instanceof Promise) return out.catch(rethrow) as T;
    return out;
  } catch (e) {
    return rethrow(e);
  }
}

function rethrow(e: unknown): never {
  if (e instanceof StoreError) throw new UserError(e.message, e.hint);
  throw e;
}
