// The package as users get it: `npm pack` (which builds dist/ through prepack), a global install of the
// tarball into a clean prefix (no dev dependencies, no install scripts of keyward's own, no native build),
// then the installed `keyward` scanning for real, `npx` from the tarball, and `study` without its optional
// SQLite driver. Sizes and times are printed for the record; nothing here asserts a duration.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghToken } from '../scan/helpers.js';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(await fs.readFile(join(repo, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

interface PackEntry {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let root: string;
let prefix: string;
let tarball: string;
let packed: PackEntry;
// A clean environment: no npm settings of the developer's shell leak in (a global prefix, a registry).
let env: NodeJS.ProcessEnv;

const keyward = (args: string[], cwd = root) =>
  exec(join(prefix, 'bin', 'keyward'), args, { cwd, env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

beforeAll(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'keyward-package-'));
  prefix = join(root, 'prefix');
  env = {
    PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    HOME: process.env.HOME,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // How this machine reaches the registry is not a developer setting: keep its CA bundle and proxies.
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(https?|no)_proxy)$/i.test(k)),
    ),
  };
  let t = Date.now();
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', root], { cwd: repo, env, maxBuffer: 64 << 20 });
  packed = (JSON.parse(stdout) as PackEntry[])[0];
  tarball = join(root, packed.filename);
  const packSeconds = (Date.now() - t) / 1000;
  t = Date.now();
  await exec('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', tarball], { cwd: root, env, maxBuffer: 64 << 20 });
  const installSeconds = (Date.now() - t) / 1000;
  const { stdout: du } = await exec('du', ['-sk', prefix]);
  console.log(
    `package: ${packed.filename} ${(packed.size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ` +
      `${packed.files.length} files; pack ${packSeconds.toFixed(1)} s; global install ${installSeconds.toFixed(1)} s, ${(Number(du.split('\t')[0]) / 1024).toFixed(0)} MB`,
  );
}, 300_000);

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the built CLI, the docs and the LICENSE, and no sources, tests or source maps', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('LICENSE');
    expect(files).toContain('.pre-commit-hooks.yaml');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('runs nothing at install time and needs no native build', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    // better-sqlite3 (native) is an optional peer for `study`, never a dependency every install pays for.
    expect(Object.keys(pkg.dependencies)).not.toContain('better-sqlite3');
  });

  it('installs globally and scans: exit 1 with a masked finding, exit 0 on a clean folder', async () => {
    expect((await keyward(['--version'])).stdout.trim()).toBe(pkg.version);
    const leaky = join(root, 'leaky');
    const clean = join(root, 'clean');
    const token = ghToken(5);
    await fs.mkdir(leaky, { recursive: true });
    await fs.mkdir(clean, { recursive: true });
    await fs.writeFile(join(leaky, 'mcp.json'), JSON.stringify({ mcpServers: { gh: { command: 'npx', env: { GITHUB_TOKEN: token } } } }));
    await fs.writeFile(join(clean, 'README.md'), '# nothing to see\n');
    const found = await keyward(['scan', leaky]);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('github-pat');
    expect(found.stdout).not.toContain(token);
    expect(found.stdout + found.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    const none = await keyward(['scan', clean]);
    expect(none.code, none.stderr).toBe(0);
    expect((await keyward(['audit', '--home', clean])).code).toBe(0);
  });

  it('study without better-sqlite3 says what to install in one line; a global better-sqlite3 beside it is found', async () => {
    const without = await keyward(['study', 'list', '--from-file', join(root, 'none.json'), '--db', join(root, 'a.db')]);
    expect(without.code).toBe(2);
    expect(without.stderr).toBe('keyward: study needs a SQLite driver: run `npm i -g better-sqlite3@12` (or add it beside keyward in your project)\n');
    // What `npm i -g better-sqlite3@12` gives, without its minute of native build: the already built copy.
    await fs.symlink(join(repo, 'node_modules', 'better-sqlite3'), join(prefix, 'lib', 'node_modules', 'better-sqlite3'));
    for (const dep of ['bindings', 'file-uri-to-path']) {
      await fs.symlink(join(repo, 'node_modules', dep), join(prefix, 'lib', 'node_modules', dep)).catch(() => undefined);
    }
    await fs.writeFile(join(root, 'none.json'), '[]');
    const withDriver = await keyward(['study', 'list', '--from-file', join(root, 'none.json'), '--db', join(root, 'b.db')]);
    expect(withDriver.stderr).not.toContain('SQLite driver');
    expect(withDriver.stdout + withDriver.stderr).toContain('listed 0 servers');
    await fs.access(join(root, 'b.db'));
  });

  it('runs from the tarball with npx', async () => {
    const r = await exec('npm', ['exec', '--yes', '--prefer-offline', `--package=${tarball}`, '--', 'keyward', '--version'], { cwd: root, env });
    expect(r.stdout.trim()).toBe(pkg.version);
  }, 120_000);
});
