// `keyward protect` (move plaintext secrets from host configs into the store, rewrite the entries to launch
// through `keyward run`) and `keyward restore` (put a backup back). Wiring only: src/protect/ does the work.
import type { Command } from 'commander';
import { platform as osPlatform } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { notice } from '../global-options.js';
import { builtinRuleSet } from '../../rules/index.js';
import { discoverConfigs, hostEnvironment, selectHosts } from '../../hosts/index.js';
import { protectConfigs } from '../../protect/protect.js';
import { defaultBridge, defaultLauncher, ephemeralLauncherPath, parseWords } from '../../protect/launcher.js';
import { listBackups } from '../../protect/backup.js';
import { pickBackup, restoreBackup } from '../../protect/restore.js';
import { addStoreOption, storeFromContext, asUserError } from '../store-option.js';
import { keywardDataDir } from '../../store/paths.js';

interface ProtectOpts {
  home?: string;
  project?: string;
  host: string[];
  server: string[];
  dryRun?: boolean;
  yes?: boolean;
  store?: string;
  launcher?: string;
  bridge?: string;
  platform?: string;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function register(program: Command, ctx: CliContext): void {
  const protect = program
    .command('protect')
    .description('move plaintext secrets from MCP host configs into the secret store and launch servers through `keyward run`')
    .option('--home <dir>', 'home folder to look in (default: yours)')
    .option('--project <dir>', 'also protect project-scoped configs in this folder')
    .option('--host <id>', 'only this host (repeatable)', collect, [])
    .option('--server <name>', 'only this server (repeatable)', collect, [])
    .option('--dry-run', 'show the diffs, change nothing')
    .option('-y, --yes', 'apply without asking')
    .option('--launcher <words>', 'how entries start keyward: an executable path or a JSON array (default: this node + dist/cli/bin.js)')
    .option('--bridge <words>', 'stdio bridge for remote servers, JSON array (default: npx -y mcp-remote@<pinned>)')
    .option('--platform <os>', 'config locations of this OS (darwin, linux, win32)');
  addStoreOption(protect).action(async (opts: ProtectOpts) => {
    const { hosts, unknown } = selectHosts(opts.host);
    if (unknown.length) throw new UserError(`unknown host ${unknown.join(', ')}`, 'see `keyward audit --help` for host ids');
    let launcher: string[];
    let bridge: string[];
    try {
      launcher = opts.launcher ? parseWords(opts.launcher, '--launcher') : defaultLauncher();
      bridge = opts.bridge ? parseWords(opts.bridge, '--bridge') : defaultBridge();
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    const ephemeral = ephemeralLauncherPath(launcher);
    if (ephemeral) {
      notice(
        ctx,
        `keyward: warning: the entries would start keyward from npx's cache (${ephemeral}); npm cleans that cache, ` +
          'and the protected servers would then fail to start. Install keyward (npm i -g keyward) and run protect from it, or pass --launcher\n',
      );
    }
    const env = hostEnvironment({ env: ctx.env, platform: opts.platform ?? osPlatform(), home: opts.home, project: opts.project });
    const targets = await discoverConfigs(env, hosts);
    if (!targets.length) {
      ctx.stderr.write('keyward: no MCP host config found (check --home / --project / --host)\n');
      return;
    }
    if (!opts.dryRun && !opts.yes && !(ctx.stdio?.stdin as { isTTY?: boolean } | undefined)?.isTTY) {
      throw new UserError('protect asks before changing each file, and there is no terminal to ask on', 'pass --yes to apply, or --dry-run to only see the diffs');
    }
    const store = storeFromContext(ctx, { requested: opts.store, interactive: true });
    notice(ctx, `keyward: secrets go to the ${store.description}`);
    const outcomes = await asUserError(() =>
      protectConfigs({
        targets,
        servers: opts.server,
        store,
        dataDir: keywardDataDir({ env: ctx.env }),
        launcher,
        bridge,
        rules: builtinRuleSet(),
        dryRun: Boolean(opts.dryRun),
        confirm: opts.yes ? async () => true : (path) => ask(ctx, `Apply these changes to ${path}? [y/N] `),
        print: (s) => ctx.stdout.write(s),
      }),
    );
    const count = (s: string): number => outcomes.filter((o) => o.status === s).length;
    const moved = outcomes.filter((o) => o.status === 'protected').reduce((n, o) => n + o.secrets, 0);
    ctx.stderr.write(
      `keyward: ${outcomes.length} config${outcomes.length === 1 ? '' : 's'}: ${count('protected')} protected (${moved} secrets), ` +
        `${count('would-change')} would change, ${count('unchanged')} unchanged, ${count('declined')} skipped, ${count('failed')} failed\n`,
    );
    for (const o of outcomes) {
      if (o.status !== 'protected' && o.status !== 'would-change') continue;
      for (const p of o.plainHttp ?? []) {
        notice(
          ctx,
          `keyward: warning: ${o.host} server "${p.server}" is reached over plain http:// (${p.host}); it is bridged with mcp-remote --allow-http, ` +
            'so its secret still travels unencrypted. audit keeps reporting it as high until the server offers https://\n',
        );
      }
    }
    const hints = new Set(outcomes.flatMap((o) => (o.status === 'failed' && o.hint ? [o.hint] : [])));
    for (const hint of hints) ctx.stderr.write(`  hint: ${hint}\n`);
    if (count('failed')) ctx.exitCode = 2;
    else if (opts.dryRun && count('would-change')) ctx.exitCode = 1;
  });

  program
    .command('restore')
    .description('put back a config backup taken by protect (original bytes exactly)')
    .argument('[backup-id]', 'backup to restore (see --list)')
    .option('--list', 'list backups')
    .option('--latest', 'the newest protect backup (of --path, if given)')
    .option('--path <file>', 'only backups of this config file')
    .action(async (id: string | undefined, opts: { list?: boolean; latest?: boolean; path?: string }) => {
      const dataDir = keywardDataDir({ env: ctx.env });
      if (opts.list) {
        const all = await listBackups(dataDir);
        const shown = opts.path ? all.filter((b) => b.path === opts.path || b.path.endsWith(opts.path!)) : all;
        if (!shown.length) ctx.stderr.write('keyward: no backups\n');
        for (const b of shown) ctx.stdout.write(`${b.id}  ${b.createdAt}  ${b.reason.padEnd(7)}  ${(b.host ?? '-').padEnd(14)}  ${b.path}\n`);
        return;
      }
      const picked = await pickBackup(dataDir, { id, latest: opts.latest, path: opts.path }, ctx.cwd);
      if ('error' in picked) throw new UserError(picked.error, picked.hint);
      const result = await restoreBackup(dataDir, picked);
      if (!result.ok) throw new UserError(result.error, result.hint);
      if (result.unchanged) ctx.stderr.write(`keyward: ${picked.path} already holds backup ${picked.id}; nothing to do\n`);
      else ctx.stderr.write(`keyward: restored ${picked.path} from backup ${picked.id}${result.savedAs ? ` (the replaced version is backup ${result.savedAs})` : ''}\n`);
    });
}

async function ask(ctx: CliContext, question: string): Promise<boolean> {
  if (!ctx.stdio) return false;
  const rl = createInterface({ input: ctx.stdio.stdin, output: ctx.stdio.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
