// `keyward protect` core, per config file: find plaintext secrets in server entries → plan the rewritten
// entries → show the diff → (confirm) → store each secret and read it back → back up the file → check it did
// not change under us → write atomically with the same mode. Any failure leaves that file as it was.
import { promises as fs } from 'node:fs';
import { isLoopbackHost } from '../audit/checks/transport.js';
import type { RuleSet } from '../engine/ruleset.js';
import { parseConfigText } from '../hosts/load.js';
import type { ConfigLocation, HostAdapter, ServerEntry } from '../hosts/types.js';
import { writeFileAtomic } from '../store/atomic.js';
import { StoreError } from '../store/file-store.js';
import { storeKeyFor } from '../store/keys.js';
import type { SecretStore } from '../store/types.js';
import { createBackup, sha256 } from './backup.js';
import { unifiedDiff } from './diff.js';
import { applyEdits, diffValues, type Edit } from './edits.js';
import { launchShape, parseWrap, readLaunch, rewriteServer, type Binding } from './entry.js';
import { bindingName, findSecretSites } from './sites.js';

/** The file operations protect performs, injectable so tests can make a write fail the way a real disk does. */
export interface ProtectFs {
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<{ mtimeMs: number; mode: number; uid: number; gid: number }>;
  writeFileAtomic(path: string, data: Buffer, mode: number, owner?: { uid: number; gid: number }): Promise<void>;
}

export const realFs: ProtectFs = {
  readFile: (p) => fs.readFile(p),
  stat: (p) => fs.stat(p),
  writeFileAtomic,
};

export interface ProtectTarget {
  adapter: HostAdapter;
  location: ConfigLocation;
}

export interface ProtectOptions {
  targets: ProtectTarget[];
  /** Only these server names (all when empty). */
  servers?: string[];
  store: SecretStore;
  dataDir: string;
  launcher: string[];
  bridge: string[];
  rules: RuleSet;
  dryRun: boolean;
  /** Asked once per file with its (masked) diff; `--yes` answers true. */
  confirm: (path: string) => Promise<boolean>;
  /** Diffs and per-file status lines. */
  print: (text: string) => void;
  fs?: ProtectFs;
  /** Test hook: runs after the backup, right before the change check and the write. */
  beforeCommit?: (path: string) => Promise<void>;
}

export type FileStatus = 'unchanged' | 'would-change' | 'declined' | 'protected' | 'failed';

export interface FileOutcome {
  host: string;
  path: string;
  status: FileStatus;
  /** Secrets moved (or that would move). */
  secrets: number;
  message?: string;
  /** What to do about a failure, when keyward knows (a store without its key, say). */
  hint?: string;
  backupId?: string;
  /** Remote servers of this file bridged over plain http:// to a non-loopback host (mcp-remote --allow-http). */
  plainHttp?: { server: string; host: string }[];
}

export async function protectConfigs(options: ProtectOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  // Keys planned in this run, so two files never claim one key for different values.
  const planned = new Map<string, string>();
  if (options.dryRun) options = { ...options, store: readTolerant(options.store, options.print) };
  for (const target of options.targets) {
    const outcome = await protectFile(target, options, planned);
    outcomes.push(outcome);
    const tail = outcome.message ? `: ${outcome.message}` : '';
    options.print(`${statusWord(outcome.status)} ${outcome.host} ${outcome.path}${tail}\n`);
  }
  return outcomes;
}

/**
 * A dry run writes nothing, so a store it cannot open (no key in this shell, locked keychain) must not stop
 * it from showing the diffs; key names are then planned without checking for taken keys, and it says so.
 */
function readTolerant(store: SecretStore, print: (s: string) => void): SecretStore {
  let warned = false;
  return {
    kind: store.kind,
    description: store.description,
    get: async (key) => {
      try {
        return await store.get(key);
      } catch (e) {
        if (!warned) print(`note: cannot read the ${store.description} (${(e as Error).message}); store keys shown without checking which are taken\n`);
        warned = true;
        return undefined;
      }
    },
    set: () => Promise.reject(new Error('a dry run writes nothing')),
    delete: () => Promise.reject(new Error('a dry run writes nothing')),
    list: () => store.list(),
  };
}

function statusWord(s: FileStatus): string {
  return { unchanged: 'ok        ', 'would-change': 'would fix ', declined: 'skipped   ', protected: 'protected ', failed: 'FAILED    ' }[s];
}

interface ServerPlan {
  server: ServerEntry;
  bindings: Binding[];
  /** Set for a remote server reached over http:// off this machine: the bridge must be told --allow-http. */
  plainHttpHost?: string;
}

async function protectFile(target: ProtectTarget, options: ProtectOptions, planned: Map<string, string>): Promise<FileOutcome> {
  const { adapter, location } = target;
  const io = options.fs ?? realFs;
  const base: Pick<FileOutcome, 'host' | 'path' | 'secrets' | 'plainHttp'> = { host: adapter.id, path: location.path, secrets: 0 };
  const fail = (message: string, secrets = 0, hint?: string): FileOutcome => ({ ...base, secrets, status: 'failed', message, hint });

  let bytes: Buffer;
  let before: { mtimeMs: number; mode: number; uid: number; gid: number };
  // A symlinked config (dotfile managers) is edited where it really lives, so the link stays a link.
  let real: string;
  try {
    real = await fs.realpath(location.path);
    before = await io.stat(real);
    bytes = await io.readFile(real);
  } catch (e) {
    return fail(`cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing changed`);
  }
  const raw = bytes.toString('utf8');
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = raw.slice(bom.length);
  const parsed = parseConfigText(text, location.format);
  if (!parsed.ok) return fail(`${parsed.error}; the file was left unchanged — fix it by hand and run protect again`);

  let servers: ServerEntry[];
  try {
    servers = adapter.servers(parsed.root, location);
  } catch (e) {
    return fail(`cannot read its servers (${(e as Error).message}); nothing changed`);
  }
  if (options.servers?.length) servers = servers.filter((s) => options.servers!.includes(s.name));

  const plans: ServerPlan[] = [];
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const server of servers) {
    let plan: ServerPlan | undefined;
    try {
      plan = await planServer(adapter.id, server, options, planned);
    } catch (e) {
      notes.push(`server ${server.name} skipped: ${(e as Error).message}`);
      continue;
    }
    if (!plan) continue;
    let next: Record<string, unknown>;
    try {
      next = rewriteServer(server.raw, adapter.id, server.transport, plan.bindings, {
        launcher: options.launcher,
        storeKind: options.store.kind,
        bridge: options.bridge,
      });
    } catch (e) {
      notes.push(`server ${server.name} skipped: ${(e as Error).message}`);
      continue;
    }
    plans.push(plan);
    edits.push(...diffValues(server.keyPath, server.raw, next));
  }
  const bindings = plans.flatMap((p) => p.bindings);
  const secrets = bindings.length;
  const plainHttp = plans.flatMap((p) => (p.plainHttpHost ? [{ server: p.server.name, host: p.plainHttpHost }] : []));
  if (plainHttp.length) base.plainHttp = plainHttp;
  if (!edits.length) return { ...base, status: 'unchanged', message: notes.length ? notes.join('; ') : 'nothing to do' };

  const edited = applyEdits(text, location.format, parsed.root, edits);
  if (!edited.ok) return fail(edited.error, secrets);
  const newText = bom + edited.text;
  options.print(unifiedDiff(location.path, raw, newText, bindings.map((b) => b.value)));
  const noteTail = notes.length ? ` (${notes.join('; ')})` : '';
  if (options.dryRun) return { ...base, secrets, status: 'would-change', message: `${secrets} secret${secrets === 1 ? '' : 's'} to move (dry run)${noteTail}` };
  if (!(await options.confirm(location.path))) return { ...base, secrets, status: 'declined', message: 'not confirmed; nothing changed' };

  // 1–2: store every secret and read it back before the config is touched.
  for (const b of bindings) {
    try {
      await options.store.set(b.storeKey, b.value);
      const back = await options.store.get(b.storeKey);
      if (back !== b.value) throw new Error('the value read back differs from the one written');
    } catch (e) {
      const hint = e instanceof StoreError ? e.hint : undefined;
      return fail(`could not store ${b.storeKey} in the ${options.store.description} (${(e as Error).message}); the config was left unchanged`, secrets, hint);
    }
  }

  let backupId: string;
  try {
    backupId = (await createBackup(options.dataDir, { path: real, host: adapter.id, bytes, mode: before.mode & 0o777, reason: 'protect' })).id;
  } catch (e) {
    return fail(`cannot write a backup in ${options.dataDir} (${(e as Error).message}); the config was left unchanged`, secrets);
  }

  await options.beforeCommit?.(location.path);
  try {
    const now = await io.stat(real);
    const current = await io.readFile(real);
    if (now.mtimeMs !== before.mtimeMs || sha256(current) !== sha256(bytes)) {
      return fail('it changed while keyward was working (another program saved it); not written — run protect again. The secrets are stored; the new file content is untouched', secrets);
    }
  } catch (e) {
    return fail(`it disappeared or became unreadable while keyward was working (${(e as Error).message}); not written`, secrets);
  }
  try {
    await io.writeFileAtomic(real, Buffer.from(newText, 'utf8'), before.mode & 0o777, { uid: before.uid, gid: before.gid });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`cannot write it (${code ?? (e as Error).message}); the original is untouched (backup ${backupId}); the secrets are stored`, secrets);
  }
  return { ...base, secrets, status: 'protected', backupId, message: `${secrets} secret${secrets === 1 ? '' : 's'} moved to the ${options.store.kind === 'file' ? 'encrypted file store' : 'keychain'}; backup ${backupId}${noteTail}` };
}

/** Secret sites of one server and the store keys they will get; undefined when it holds none. */
async function planServer(hostId: string, server: ServerEntry, options: ProtectOptions, planned: Map<string, string>): Promise<ServerPlan | undefined> {
  const shape = launchShape(hostId, server.raw);
  const launchObj = (shape.base.length ? server.raw[shape.base[0]] : server.raw) as Record<string, unknown> | undefined;
  const launch = launchObj && typeof launchObj === 'object' ? readLaunch(server.raw, shape) : undefined;
  let probe: Parameters<typeof findSecretSites>[0];
  let args: string[] = [];
  if (launch) {
    const wrap = parseWrap(launch.command, launch.args);
    args = wrap ? wrap.inner.slice(1) : launch.args;
    const envValue = launchObj?.[shape.env];
    const env = envValue && typeof envValue === 'object' && !Array.isArray(envValue)
      ? Object.fromEntries(Object.entries(envValue as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>
      : undefined;
    probe = { env, args };
  } else if (server.url) {
    probe = { headers: server.headers, url: server.url };
  } else {
    return undefined;
  }
  const sites = findSecretSites(probe, options.rules);
  if (!sites.length) return undefined;

  const bindings: Binding[] = [];
  const used = new Set(Object.keys(probe.env ?? {}).filter((k) => !sites.some((s) => s.kind === 'env' && s.field === k)));
  for (const site of sites) {
    const values = site.kind === 'env' || site.kind === 'header' ? [site.value] : site.secrets;
    values.forEach((value, k) => {
      let name = bindingName(site, args) + (k > 0 ? `_${k + 1}` : '');
      for (let n = 2; used.has(name); n++) name = `${bindingName(site, args)}_${n}`;
      used.add(name);
      bindings.push({ name, value, site, storeKey: '' });
    });
  }
  for (const b of bindings) b.storeKey = await freeKey(storeKeyFor(hostId, server.name, b.name), b.value, options.store, planned);
  return { server, bindings, plainHttpHost: launch ? undefined : plainHttpHost(server.url) };
}

/** The key itself when free (or already holding this value), else key-2, key-3…: never overwrite another secret. */
async function freeKey(key: string, value: string, store: SecretStore, planned: Map<string, string>): Promise<string> {
  for (let n = 1; n <= 50; n++) {
    const candidate = n === 1 ? key : `${key}-${n}`;
    const plannedValue = planned.get(candidate);
    if (plannedValue !== undefined && plannedValue !== value) continue;
    const existing = plannedValue ?? (await store.get(candidate));
    if (existing === undefined || existing === value) {
      planned.set(candidate, value);
      return candidate;
    }
  }
  throw new Error(`no free store key near ${key} (50 taken by other values)`);
}

/** The host of an http:// URL that leaves this machine; undefined for https and loopback. */
function plainHttpHost(url: string | undefined): string | undefined {
  if (!url || !/^http:\/\//i.test(url)) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return isLoopbackHost(host) ? undefined : host;
}
