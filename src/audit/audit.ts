// `keyward audit` as a library: discover host configs, load each (errors as values), run the checks, read the
// known side files, and return one sorted report. The only I/O is reading files (and chmod with fixPermissions).
import { chmod } from 'node:fs/promises';
import type { RuleSet } from '../engine/ruleset.js';
import { SEVERITY_ORDER, type Severity } from '../engine/types.js';
import { allHosts, discoverConfigs, loadConfig, parseConfigText, sideFileLocations } from '../hosts/index.js';
import type { ConfigFormat, ConfigLocation, HostAdapter, HostEnvironment } from '../hosts/types.js';
import { builtinRuleSet } from '../rules/index.js';
import { documentApprovalFindings, serverApprovalFindings } from './checks/approval.js';
import { launchFindings } from './checks/launch.js';
import { permissionFinding } from './checks/permissions.js';
import { secretFindings } from './checks/secrets.js';
import { transportFindings } from './checks/transport.js';
import { KeyLocator } from './locate.js';
import { readSideFiles } from './side-files.js';
import type { AuditFinding, AuditReport, ConfigSummary, FindingDraft, SideFileSummary } from './types.js';

export interface AuditOptions {
  hosts?: HostAdapter[];
  ruleSet?: RuleSet;
  /** chmod 600 configs and side files that hold secrets and are readable by group/others. */
  fixPermissions?: boolean;
  /** Read side files (token caches, logs, secrets.yaml). Default true. */
  sideFiles?: boolean;
}

export async function runAudit(env: HostEnvironment, options: AuditOptions = {}): Promise<AuditReport> {
  const hosts = options.hosts ?? allHosts;
  const ruleSet = options.ruleSet ?? builtinRuleSet();
  const configs: ConfigSummary[] = [];
  const findings: AuditFinding[] = [];
  const warnings: string[] = [];

  for (const { adapter, location } of await discoverConfigs(env, hosts)) {
    const loaded = await loadConfig(adapter, location);
    const summary: ConfigSummary = {
      host: adapter.id,
      hostTitle: adapter.title,
      scope: location.scope,
      path: location.path,
      format: location.format,
      servers: 0,
      status: 'ok',
    };
    if (location.variant) summary.variant = location.variant;
    if (!loaded.ok) {
      if (loaded.kind === 'absent') continue; // vanished between discovery and reading
      summary.status = loaded.kind;
      if (loaded.mode !== undefined) summary.mode = loaded.mode;
      configs.push(summary);
      warnings.push(`${location.path}: ${loaded.error}${loaded.kind === 'malformed' ? ' (checked as plain text for secrets only)' : ''}`);
      if (loaded.kind !== 'malformed') continue;
      const drafts: FindingDraft[] = [
        {
          id: 'malformed-config',
          severity: 'low',
          message: `${adapter.title} config does not parse: ${loaded.error}`,
          fix: `fix the syntax; ${adapter.title} probably ignores this file as it is`,
        },
      ];
      // A broken file can still hold a live secret: scan its text without structure.
      const secrets = secretFindings({ text: loaded.text ?? '', path: location.path, id: 'plaintext-secret', host: adapter.id }, ruleSet).drafts;
      drafts.push(...secrets);
      const perm = await permissions(env, location.path, loaded.mode, secrets.length > 0, options, 'config');
      if (perm) drafts.push(perm);
      findings.push(...attach(drafts, adapter.id, location, loaded.text ?? ''));
      continue;
    }
    const { config } = loaded;
    summary.servers = config.servers.length;
    if (config.mode !== undefined) summary.mode = config.mode;
    configs.push(summary);

    const drafts: FindingDraft[] = [];
    // Engine warnings (e.g. its own parse fallbacks) are not surfaced: this file parsed here already.
    const secrets = secretFindings(
      { text: config.text, path: location.path, root: config.root, servers: config.servers, id: 'plaintext-secret', host: adapter.id },
      ruleSet,
    ).drafts;
    drafts.push(...secrets);
    for (const server of config.servers) {
      const own = [...transportFindings(server), ...serverApprovalFindings(adapter, server), ...launchFindings(server)];
      for (const d of own) d.scope ??= server.scope;
      drafts.push(...own);
    }
    drafts.push(...documentApprovalFindings(adapter, config.root, location));
    const perm = await permissions(env, location.path, config.mode, secrets.length > 0, options, 'config');
    if (perm) drafts.push(perm);
    findings.push(...attach(drafts, adapter.id, location, config.text));
  }

  const sideFiles: SideFileSummary[] = [];
  if (options.sideFiles ?? true) {
    for (const file of await readSideFiles(sideFileLocations(env, hosts), warnings)) {
      const format = sideFormat(file.path);
      const parsed = format ? parseConfigText(file.text, format) : undefined;
      const drafts = secretFindings(
        { text: file.text, path: file.path, root: parsed?.ok ? parsed.root : undefined, id: 'side-file-secret', host: file.location.host },
        ruleSet,
      ).drafts;
      for (const d of drafts) d.message = `${d.message}: ${file.location.description}`;
      const perm = await permissions(env, file.path, file.mode, drafts.length > 0, options, 'side file');
      if (perm) drafts.push(perm);
      sideFiles.push({ host: file.location.host, path: file.path, description: file.location.description, findings: drafts.length });
      const location: ConfigLocation = { host: file.location.host, scope: 'user', path: file.path, format: format ?? 'json', serverRoots: [] };
      findings.push(...attach(drafts, file.location.host, location, format ? file.text : ''));
    }
  }

  return { configs, sideFiles, findings: sortFindings(findings), warnings };
}

function sideFormat(path: string): ConfigFormat | undefined {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return undefined;
}

async function permissions(
  env: HostEnvironment,
  path: string,
  mode: number | undefined,
  holdsSecrets: boolean,
  options: AuditOptions,
  what: 'config' | 'side file',
): Promise<FindingDraft | undefined> {
  const draft = permissionFinding({ path, mode, holdsSecrets, platform: env.platform, what });
  if (!draft || !options.fixPermissions) return draft;
  try {
    await chmod(path, 0o600);
    return { ...draft, severity: 'info', message: `${draft.message}; fixed: now 600`, fix: 'none needed' };
  } catch (e) {
    return { ...draft, message: `${draft.message}; chmod failed: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/** Adds file-level fields and the value's line. */
function attach(drafts: FindingDraft[], host: string, location: ConfigLocation, text: string): AuditFinding[] {
  const locator = new KeyLocator(text, location.format);
  return drafts.map(({ scope, ...d }) => {
    const f: AuditFinding = { ...d, host, scope: scope ?? location.scope, path: location.path };
    if (f.line === undefined && f.keyPathParts && text) {
      const line = locator.line(f.keyPathParts);
      if (line !== undefined) f.line = line;
    }
    for (const k of Object.keys(f) as (keyof AuditFinding)[]) if (f[k] === undefined) delete f[k];
    return f;
  });
}

/** Stable order: file, then line, then key path, then finding id. */
export function sortFindings(findings: AuditFinding[]): AuditFinding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || cmp(a.keyPath ?? '', b.keyPath ?? '') || cmp(a.id, b.id) || cmp(a.value ?? '', b.value ?? ''),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when any finding is at or above `threshold`. */
export function reachesSeverity(findings: AuditFinding[], threshold: Severity): boolean {
  return findings.some((f) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[threshold]);
}
