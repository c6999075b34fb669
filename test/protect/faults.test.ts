// Faults during protect: a failing store, a config that changes under us, a file that cannot be written, a
// malformed config. In every case the config keeps its bytes and the outcome says what happened.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { rules as ai } from '../../src/rules/providers/ai.js';
import { rules as chat } from '../../src/rules/providers/chat.js';
import { rules as codeHosting } from '../../src/rules/providers/code-hosting.js';
import { discoverConfigs, hostEnvironment } from '../../src/hosts/index.js';
import { protectConfigs, realFs, type ProtectOptions } from '../../src/protect/protect.js';
import { listBackups } from '../../src/protect/backup.js';
import { EncryptedFileStore } from '../../src/store/file-store.js';
import type { SecretStore } from '../../src/store/types.js';
import { makeSecrets, writeFixtureHome, type FixtureFile } from './fixture-home.js';

// Provider rules only: these tests are about protect's fault handling, not about detection breadth.
const rules = compileRuleSet([...ai, ...chat, ...codeHosting]);
const secrets = makeSecrets(23);
let root: string;
let home: string;
let dataDir: string;
let files: FixtureFile[];
let store: EncryptedFileStore;

beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'keyward-faults-'));
  home = join(root, 'home');
  dataDir = join(root, 'data');
  files = await writeFixtureHome(home, secrets);
  store = new EncryptedFileStore(join(dataDir, 'secrets.enc'), { kind: 'raw', key: randomBytes(32) });
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function options(overrides: Partial<ProtectOptions> = {}): Promise<ProtectOptions> {
  const env = hostEnvironment({ env: { HOME: home }, platform: 'linux', home });
  return {
    targets: await discoverConfigs(env),
    store,
    dataDir,
    launcher: ['/usr/bin/node', '/opt/keyward/dist/cli/bin.js'],
    bridge: ['npx', '-y', 'mcp-remote@0.15.1'],
    rules,
    dryRun: false,
    confirm: async () => true,
    print: () => {},
    ...overrides,
  };
}

async function bytesOf(): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const f of files) m.set(f.path, await fs.readFile(f.path, 'utf8'));
  return m;
}

describe('protect faults', () => {
  it('a store write that fails leaves every config unchanged and says which key failed', async () => {
    const before = await bytesOf();
    const broken: SecretStore = {
      kind: 'file',
      description: 'broken test store',
      get: async () => undefined,
      set: async () => {
        throw new Error('disk full');
      },
      delete: async () => false,
      list: async () => [],
    };
    const outcomes = await protectConfigs(await options({ store: broken }));
    expect(outcomes.map((o) => o.status)).toEqual(files.map(() => 'failed'));
    expect(outcomes[0].message).toMatch(/could not store claude-desktop\/github\/GITHUB_PERSONAL_ACCESS_TOKEN in the broken test store \(disk full\); the config was left unchanged/);
    expect(await bytesOf()).toEqual(before);
    expect(await listBackups(dataDir)).toEqual([]);
  });

  it('a store that reads back a different value is caught before the config is touched', async () => {
    const before = await bytesOf();
    // Answers "free" while planning, then returns a truncated value after the write.
    const written = new Set<string>();
    const lossy: SecretStore = {
      kind: 'file',
      description: 'lossy store',
      get: async (k) => (written.has(k) ? 'truncated' : undefined),
      set: async (k) => void written.add(k),
      delete: async () => false,
      list: async () => [],
    };
    const outcomes = await protectConfigs(await options({ store: lossy }));
    expect(outcomes.map((o) => o.status)).toEqual(files.map(() => 'failed'));
    expect(outcomes[0].message).toMatch(/value read back differs/);
    expect(await bytesOf()).toEqual(before);
  });

  it('a config that changes under us is not overwritten; the other program’s edit survives', async () => {
    const target = files.find((f) => f.host === 'codex')!;
    const theirs = `${await fs.readFile(target.path, 'utf8')}\n# added by another program\n`;
    const outcomes = await protectConfigs(
      await options({
        beforeCommit: async (path) => {
          if (path === target.path) await fs.writeFile(path, theirs);
        },
      }),
    );
    const codex = outcomes.find((o) => o.host === 'codex')!;
    expect(codex.status).toBe('failed');
    expect(codex.message).toMatch(/changed while keyward was working/);
    expect(await fs.readFile(target.path, 'utf8')).toBe(theirs);
    // The others went through.
    expect(outcomes.filter((o) => o.status === 'protected')).toHaveLength(4);
  });

  it('a file that cannot be written (read-only, simulated through the fs layer: tests run as root) stays as it was', async () => {
    // Root ignores file modes and chmod 444 would not stop rename(); an injected write that fails with EACCES
    // is how the read-only case is exercised here. The real-disk case below covers a failing rename.
    const before = await bytesOf();
    const outcomes = await protectConfigs(
      await options({
        fs: {
          ...realFs,
          writeFileAtomic: async () => {
            throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
          },
        },
      }),
    );
    for (const o of outcomes) {
      expect(o.status).toBe('failed');
      expect(o.message).toMatch(/cannot write it \(EACCES\); the original is untouched \(backup \d{8}T\d{6}Z-[0-9a-f]{6}\); the secrets are stored/);
    }
    expect(await bytesOf()).toEqual(before);
    // The secrets reached the store, so a later run reuses the same keys.
    expect((await store.list()).length).toBeGreaterThan(0);
  });

  it('a write the OS itself refuses (ENOTDIR: a path below a file) loses nothing', async () => {
    const target = files.find((f) => f.host === 'goose')!;
    const original = await fs.readFile(target.path);
    const outcomes = await protectConfigs(
      await options({
        fs: {
          ...realFs,
          // The real atomic writer, aimed below the config file: the kernel answers ENOTDIR.
          writeFileAtomic: (path, data, mode) => realFs.writeFileAtomic(path === target.path ? join(path, 'x') : path, data, mode),
        },
      }),
    );
    const goose = outcomes.find((o) => o.host === 'goose')!;
    expect(goose.status).toBe('failed');
    expect(goose.message).toMatch(/cannot write it \(ENOTDIR\)/);
    expect(await fs.readFile(target.path)).toEqual(original);
  });

  it('a symlinked config (dotfile manager) is edited at its target and stays a link', async () => {
    const target = files.find((f) => f.host === 'codex')!;
    const dotfiles = join(root, 'dotfiles', 'config.toml');
    await fs.mkdir(join(root, 'dotfiles'));
    await fs.rename(target.path, dotfiles);
    await fs.symlink(dotfiles, target.path);
    const outcomes = await protectConfigs(await options());
    expect(outcomes.find((o) => o.host === 'codex')!.status).toBe('protected');
    expect((await fs.lstat(target.path)).isSymbolicLink()).toBe(true);
    const text = await fs.readFile(dotfiles, 'utf8');
    expect(text).not.toContain(secrets.slack);
    expect(text).toContain('# the Slack bot token (rotate monthly)');
  });

  it.skipIf(process.getuid?.() !== 0)('keeps the owner of a config when root protects another user’s file', async () => {
    const target = files.find((f) => f.host === 'goose')!;
    await fs.chown(target.path, 1234, 2345);
    const outcomes = await protectConfigs(await options());
    expect(outcomes.find((o) => o.host === 'goose')!.status).toBe('protected');
    const info = await fs.stat(target.path);
    expect([info.uid, info.gid]).toEqual([1234, 2345]);
  });

  it('a malformed config is reported and left alone; the others are protected', async () => {
    const target = files.find((f) => f.host === 'claude-desktop')!;
    const broken = (await fs.readFile(target.path, 'utf8')).replace('"globalShortcut"', '"globalShortcut" ::');
    await fs.writeFile(target.path, broken);
    const outcomes = await protectConfigs(await options());
    const claude = outcomes.find((o) => o.host === 'claude-desktop')!;
    expect(claude.status).toBe('failed');
    expect(claude.message).toMatch(/invalid JSON at line \d+, column \d+.*left unchanged/);
    expect(await fs.readFile(target.path, 'utf8')).toBe(broken);
    expect(outcomes.filter((o) => o.status === 'protected')).toHaveLength(4);
  });
});
