// The CLI side of hook installation, shared by `keyward hook install` and `keyward init`: pick the launcher,
// install, print one line per hook, and turn a refused foreign hook into a one-line error with its fix.
import { defaultLauncher, parseWords } from '../protect/launcher.js';
import { hooksDir, installHooks, type HookKind, type HookResult } from '../githooks/install.js';
import type { CliContext } from './context.js';
import { UserError } from './errors.js';

const SAID: Record<HookResult['status'], string> = {
  written: 'installed',
  updated: 'updated',
  unchanged: 'already installed',
  replaced: 'replaced the existing hook (--force)',
  refused: 'left alone: another hook is there',
};

export async function installForCli(ctx: CliContext, dir: string, kinds: HookKind[], flags: { force?: boolean; launcher?: string }): Promise<HookResult[]> {
  let launcher: string[];
  try {
    launcher = flags.launcher ? parseWords(flags.launcher, '--launcher') : defaultLauncher();
  } catch (e) {
    throw new UserError((e as Error).message, 'e.g. --launcher /usr/local/bin/keyward or --launcher \'["npx","--no-install","keyward"]\'');
  }
  const where = await hooksDir(dir);
  if (typeof where !== 'string') throw new UserError(`${dir} is not inside a git repository (${where.error})`, 'run it in a clone, or `git init` first');
  const results = await installHooks(where, kinds, { launcher, force: flags.force });
  for (const r of results) ctx.stdout.write(`${r.kind}: ${SAID[r.status]} (${r.path})\n`);
  const refused = results.filter((r) => r.status === 'refused');
  if (refused.length) {
    throw new UserError(
      `${refused.map((r) => r.path).join(', ')} already exist${refused.length === 1 ? 's' : ''} and keyward did not write ${refused.length === 1 ? 'it' : 'them'}`,
      'add `keyward scan --staged` (or `--pre-push`) to that hook yourself, or pass --force to replace it',
    );
  }
  return results;
}
