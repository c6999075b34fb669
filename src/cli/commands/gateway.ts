// `keyward gateway`: run the MCP gateway over stdio (a host config entry) or HTTP on 127.0.0.1, and
// `keyward gateway add`, which writes the host-side entry that launches it. Wiring only; the gateway lives in
// src/gateway/.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { notice } from '../global-options.js';
import { UserError } from '../errors.js';
import { JsonlAuditLog } from '../../gateway/audit-log.js';
import { parseGatewayConfig, singleServerConfig, type GatewayConfig } from '../../gateway/config.js';
import { Gateway } from '../../gateway/gateway.js';
import { createGatewayPolicy } from '../../gateway/policy/policy.js';
import { addHostEntry } from '../../gateway/host-entry.js';
import { defaultLauncher, parseWords } from '../../protect/launcher.js';
import { defaultLogFile, keywardDataDir, loadOrCreateToken } from '../../gateway/paths.js';
import { openGatewayStore } from '../../gateway/store.js';
import { version } from '../version.js';


interface GatewayFlags {
  config?: string;
  server?: string[];
  http?: boolean;
  port?: string;
  token?: string;
  log?: string;
}

export function loadConfig(ctx: CliContext, flags: GatewayFlags, command: string[]): GatewayConfig {
  if (command.length) {
    if (flags.config) throw new UserError('use either --config or `-- <server command>`, not both');
    return singleServerConfig(command[0], command.slice(1));
  }
  const file = resolve(ctx.cwd, flags.config ?? 'keyward.gateway.yaml');
  if (!existsSync(file)) {
    throw new UserError(`no gateway config at ${file}`, 'write a keyward.gateway.yaml (see docs/gateway.md) or run `keyward gateway -- <server command>`');
  }
  const parsed = parseGatewayConfig(readFileSync(file, 'utf8'), file);
  if ('errors' in parsed) throw new UserError(`invalid gateway config:\n  ${parsed.errors.join('\n  ')}`, 'fix the entries above');
  const config = parsed.config;
  if (flags.server?.length) {
    const missing = flags.server.filter((n) => !config.servers.some((s) => s.name === n));
    if (missing.length) throw new UserError(`no server named ${missing.join(', ')} in ${file}`);
    config.servers = config.servers.filter((s) => flags.server!.includes(s.name));
    if (config.servers.length === 1) config.namespace = false;
  }
  return config;
}

export function register(program: Command, ctx: CliContext): void {
  const gateway = program
    .command('gateway')
    .description('MCP proxy that masks secrets in traffic, enforces TLS and logs calls without values')
    .argument('[command...]', 'after `--`: a single stdio server to wrap')
    .option('-c, --config <file>', 'gateway config (default ./keyward.gateway.yaml)')
    .option('-s, --server <name...>', 'only these servers from the config')
    .option('--http', 'serve streamable HTTP (and legacy SSE) on 127.0.0.1 instead of stdio')
    .option('-p, --port <n>', 'HTTP port (default 8787; 0 = any free port)')
    .option('--token <token>', 'bearer token for the HTTP front (default: KEYWARD_GATEWAY_TOKEN or a generated one)')
    .option('--log <file>', 'audit log file (default <data dir>/logs/gateway.jsonl)')
    .action(async (command: string[], flags: GatewayFlags) => {
      const config = loadConfig(ctx, flags, command);
      const dataDir = keywardDataDir(ctx.env);
      const logFile = resolve(ctx.cwd, flags.log ?? config.log?.file ?? defaultLogFile(ctx.env));
      const audit = new JsonlAuditLog(logFile, config.log?.maxBytes, config.log?.keep);
      const needsStore = config.servers.some(
        (s) => Object.keys(s.secrets).length || Object.values(s.headers).some((h) => 'secret' in h),
      );
      const store = needsStore ? await openGatewayStore(ctx.env, (l) => notice(ctx, l)) : undefined;
      const built = createGatewayPolicy(config, { dataDir, report: (line) => ctx.stderr.write(`${line}\n`) });
      if ('errors' in built) throw new UserError(`invalid gateway policy:\n  ${built.errors.join('\n  ')}`, 'fix the entries above (see docs/policy.md)');
      const gw = new Gateway({
        config,
        store,
        policy: built.policy,
        audit,
        version,
        report: (line) => ctx.stderr.write(`${line}\n`),
      });
      if (flags.http) {
        const port = flags.port === undefined ? 8787 : Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${flags.port} is not a port number`);
        let token = flags.token ?? ctx.env.KEYWARD_GATEWAY_TOKEN;
        let where = '--token / KEYWARD_GATEWAY_TOKEN';
        if (!token) {
          const t = loadOrCreateToken(dataDir);
          token = t.token;
          where = t.file;
        }
        if (token.length < 16) throw new UserError('the bearer token is too short (16 characters at least)');
        const front = await gw.serveHttp(port, token);
        ctx.stderr.write(
          `keyward gateway: listening on ${front.url}/mcp (legacy SSE: ${front.url}/sse); bearer token from ${where}; audit log ${logFile}\n`,
        );
        // Runs until the process is stopped.
        await new Promise<never>(() => undefined);
      }
      if (!ctx.stdio) throw new UserError('`keyward gateway` over stdio needs a terminal process (run it from the keyward binary)');
      await gw.serveStdio(ctx.stdio.stdin, ctx.stdio.stdout);
      await gw.close();
    });

  gateway
    .command('add')
    .description('write the host-side entry that starts a server through the gateway')
    .requiredOption('--host <id>', 'host: claude-desktop, cursor, vscode (and any host adapter keyward knows)')
    .requiredOption('--name <server>', 'server name in keyward.gateway.yaml')
    .option('-c, --config <file>', 'gateway config (default ./keyward.gateway.yaml)')
    .option('--home <dir>', 'home directory to write under (default: yours)')
    .option('--project <dir>', 'project folder for project-scoped host files')
    .option('--launcher <words>', 'how the entry starts keyward: an executable path or a JSON array (default: this node + dist/cli/bin.js)')
    .action(async (flags: { host: string; name: string; config?: string; home?: string; project?: string; launcher?: string }) => {
      const configFile = resolve(ctx.cwd, flags.config ?? 'keyward.gateway.yaml');
      const config = loadConfig(ctx, { config: configFile, server: [flags.name] }, []);
      let launcher: string[];
      try {
        launcher = flags.launcher ? parseWords(flags.launcher, '--launcher') : defaultLauncher();
      } catch (e) {
        throw new UserError((e as Error).message, 'e.g. --launcher /usr/local/bin/keyward');
      }
      const result = await addHostEntry({
        launcher,
        dataDir: keywardDataDir(ctx.env),
        host: flags.host,
        name: flags.name,
        configFile,
        home: resolve(ctx.cwd, flags.home ?? ctx.env.HOME ?? '~'),
        env: ctx.env,
        project: flags.project ? resolve(ctx.cwd, flags.project) : undefined,
        server: config.servers[0],
      });
      ctx.stdout.write(`${result.file}: ${result.replaced ? 'replaced' : 'added'} ${result.keyPath.join('.')}\n`);
      if (result.before) ctx.stdout.write(`before: ${result.before}\n`);
      if (result.backupId) ctx.stdout.write(`backup: ${result.backupId} (keyward restore ${result.backupId})\n`);
      ctx.stdout.write(`after:  ${result.after}\n`);
    });
}
