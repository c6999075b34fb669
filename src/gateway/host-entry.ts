// `keyward gateway add`: writes (or replaces) a host's server entry so the host starts the server through the
// gateway. Uses the host adapters (src/hosts/) for where the file is and where servers sit; JSON/JSONC files are
// edited in place with jsonc-parser so comments and formatting survive.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyEdits, modify, parse as parseJsonc } from 'jsonc-parser';
import { hostById, hostEnvironment, allHosts } from '../hosts/index.js';
import { UserError } from '../core/errors.js';
import { createBackup } from '../protect/backup.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { ServerConfig } from './config.js';

export interface AddHostEntryInput {
  host: string;
  name: string;
  configFile: string;
  home: string;
  env: NodeJS.ProcessEnv;
  project?: string;
  server: ServerConfig;
  /** Words that start keyward, e.g. [node, /abs/dist/cli/bin.js] (hosts launch without a login shell's PATH). */
  launcher: string[];
  /** keyward data dir: the previous file is backed up there (`keyward restore` puts it back). */
  dataDir: string;
}

export interface AddHostEntryResult {
  file: string;
  keyPath: (string | number)[];
  replaced: boolean;
  /** The previous entry, with its values masked (it may hold the very secret being moved away). */
  before?: string;
  after: string;
  /** Backup id of the previous file, when there was one. */
  backupId?: string;
}

export function gatewayEntry(host: string, name: string, configFile: string, launcher: string[]): Record<string, unknown> {
  const [command, ...prefix] = launcher;
  const entry: Record<string, unknown> = { command, args: [...prefix, 'gateway', '--config', configFile, '--server', name] };
  // VS Code's mcp.json wants the transport spelled out.
  return host === 'vscode' ? { type: 'stdio', ...entry } : entry;
}

export async function addHostEntry(input: AddHostEntryInput): Promise<AddHostEntryResult> {
  const adapter = hostById(input.host);
  if (!adapter) {
    throw new UserError(`unknown host "${input.host}"`, `known hosts: ${allHosts.map((h) => h.id).join(', ')}`);
  }
  const env = hostEnvironment({ env: input.env, home: input.home, project: input.project, platform: process.platform });
  const locations = adapter.locations(env).filter((l) => (l.format === 'json' || l.format === 'jsonc') && !l.dirPattern);
  // Prefer a file that exists (the user's real config), else the first user-scope location.
  const loc =
    locations.find((l) => existsSync(l.path) && (input.project ? l.scope !== 'user' : true)) ??
    locations.find((l) => (input.project ? l.scope !== 'user' : l.scope === 'user')) ??
    locations[0];
  if (!loc) throw new UserError(`keyward cannot write ${adapter.title} configs yet (not a JSON file)`, 'add the entry by hand; see docs/gateway.md');
  const text = existsSync(loc.path) ? readFileSync(loc.path, 'utf8') : '{}\n';
  const root = parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, unknown> | undefined;
  const serverRoot = loc.serverRoots[0];
  const keyPath = [...serverRoot, input.name];
  let existing: unknown = root;
  for (const k of keyPath) existing = existing && typeof existing === 'object' ? (existing as Record<string, unknown>)[k as string] : undefined;
  const entry = gatewayEntry(adapter.id, input.name, input.configFile, input.launcher);
  const edits = modify(text, keyPath, entry, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  mkdirSync(dirname(loc.path), { recursive: true });
  // Same care as protect: the old bytes are backed up first, the new ones land atomically with the old mode.
  const existed = existsSync(loc.path);
  const mode = existed ? statSync(loc.path).mode & 0o777 : 0o600;
  const backup = existed
    ? await createBackup(input.dataDir, { path: loc.path, host: adapter.id, bytes: Buffer.from(text), mode, reason: 'gateway-add' })
    : undefined;
  await writeFileAtomic(loc.path, applyEdits(text, edits), mode);
  return {
    backupId: backup?.id,
    file: loc.path,
    keyPath,
    replaced: existing !== undefined,
    before: existing === undefined ? undefined : JSON.stringify(maskValues(existing)),
    after: JSON.stringify(entry),
  };
}

/** Keeps the shape of the old entry (command, arg count, env names) without any value that could be a secret. */
function maskValues(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return key === 'command' ? v : '…';
  if (Array.isArray(v)) return v.map((x) => maskValues(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValues(x, k)]));
  return v;
}
