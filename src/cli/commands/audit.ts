// `keyward audit`: find every MCP host config (this machine, or --home/--project), report plaintext secrets,
// insecure transports, approval bypasses, launch risks, loose permissions and secrets in side files.
// Exit 0 when nothing reaches --fail-on, 1 when something does, 2 on usage or fatal errors.
import { stat } from 'node:fs/promises';
import { platform as osPlatform } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { reachesSeverity, runAudit } from '../../audit/audit.js';
import { formatJson, formatSarif, formatText, parseSeverity } from '../../audit/format.js';
import { allHosts, hostEnvironment, selectHosts } from '../../hosts/index.js';
import type { CliContext } from '../context.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from '../context.js';
import { UserError } from '../errors.js';
import { notice, useColor } from '../global-options.js';
import { addVerifyOptions, verifyAuditFindings, wantsVerify, type VerifyFlags } from '../verify-option.js';
import { version } from '../version.js';

interface AuditFlags extends VerifyFlags {
  home?: string;
  project?: string;
  host?: string[];
  format: 'table' | 'text' | 'json' | 'sarif';
  failOn: string;
  redact: boolean;
  fixPermissions?: boolean;
  sideFiles: boolean;
  platform?: string;
  systemRoot?: string;
}


export function register(program: Command, ctx: CliContext): void {
  addVerifyOptions(program.command('audit'))
    .description('find every MCP host config on this machine and report what is wrong')
    .option('--home <dir>', 'home folder to look in (default: $HOME)')
    .option('--project <dir>', 'also read project-scoped configs of this folder (.mcp.json, .cursor/, .vscode/…)')
    .option('--host <id...>', `only these hosts: ${allHosts.map((h) => h.id).join(', ')}`)
    .addOption(new Option('-f, --format <format>', 'output format (table = aligned text)').choices(['table', 'text', 'json', 'sarif']).default('table'))
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (critical, high, medium, low, info)', 'high')
    .option('--no-redact', 'print secrets in clear (never in CI logs)')
    .option('--fix-permissions', 'chmod 600 config and side files that hold secrets and are readable by others')
    .option('--no-side-files', 'skip token caches, MCP logs and secret files next to host configs')
    .addOption(new Option('--platform <os>', 'resolve paths as on this OS (tests)').choices(['darwin', 'linux', 'win32']).hideHelp())
    .addOption(new Option('--system-root <dir>', 're-root system-wide paths such as /etc/claude-code (tests)').hideHelp())
    .addHelpText(
      'after',
      '\nEnvironment: CLAUDE_CONFIG_DIR, CODEX_HOME, XDG_CONFIG_HOME, APPDATA, LOCALAPPDATA move host configs.\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or fatal error.\nDocs: docs/audit.md',
    )
    .action(async (flags: AuditFlags) => {
      const failOn = parseSeverity(flags.failOn);
      if (!failOn) throw new UserError(`--fail-on: "${flags.failOn}" is not a severity`, 'use critical, high, medium, low or info');
      const { hosts, unknown } = selectHosts(flags.host);
      if (unknown.length) {
        throw new UserError(`unknown host ${unknown.map((u) => `"${u}"`).join(', ')}`, `known hosts: ${allHosts.map((h) => h.id).join(', ')}`);
      }
      // The OS comes from node:os (not `process`): commands stay free of process globals.
      const platform = flags.platform ?? osPlatform();
      if (!['darwin', 'linux', 'win32'].includes(platform)) throw new UserError(`unsupported platform ${platform}`);
      // A folder the user named that is not there must not read as "none found" and exit 0.
      const home = flags.home === undefined ? undefined : await requireFolder('--home', flags.home, ctx.cwd);
      const project = flags.project === undefined ? undefined : await requireFolder('--project', flags.project, ctx.cwd);
      const env = hostEnvironment({
        env: ctx.env,
        platform,
        home,
        project,
        systemRoot: flags.systemRoot ? resolve(ctx.cwd, flags.systemRoot) : undefined,
      });
      if (!env.home) throw new UserError('no home folder: HOME is not set', 'pass --home DIR');

      const report = await runAudit(env, { hosts, fixPermissions: flags.fixPermissions, sideFiles: flags.sideFiles });
      const liveCount = wantsVerify(flags) ? await verifyAuditFindings(ctx, flags, report) : 0;
      for (const w of report.warnings) notice(ctx, `keyward: warning: ${w}`);
      if (!flags.redact) notice(ctx, 'keyward: warning: --no-redact prints secrets in clear');

      const options = { home: env.home, showSecrets: !flags.redact, tty: useColor(ctx, ctx.stdout), version };
      const output =
        flags.format === 'json' ? formatJson(report, options) : flags.format === 'sarif' ? formatSarif(report, options) : formatText(report, options);
      ctx.stdout.write(output);
      const failing = flags.failOnVerified ? liveCount > 0 : reachesSeverity(report.findings, failOn);
      ctx.exitCode = failing ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}

async function requireFolder(flag: string, given: string, cwd: string): Promise<string> {
  const path = resolve(cwd, given);
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) {
    const why = info.code === 'ENOENT' || info.code === 'ENOTDIR' ? 'no such folder' : `cannot read (${info.code ?? info.message})`;
    throw new UserError(`audit: ${flag} ${given}: ${why}`);
  }
  if (!info.isDirectory()) throw new UserError(`audit: ${flag} ${given}: not a folder`);
  return path;
}
