// protect's explanations through the built binary, as a user meets them: no keychain and no terminal (the
// hint names both key variables and the docs section), a launcher in npx's cache, and a plain-http remote
// bridged with --allow-http. The in-process tests (protect-cli.test.ts) cover the same paths in detail.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSecrets } from './fixture-home.js';

const exec = promisify(execFile);
const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');
const secrets = makeSecrets(31);

let root: string;
let home: string;
beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'keyward-protect-bin-'));
  home = join(root, 'home');
  await fs.mkdir(join(home, '.cursor'), { recursive: true });
  await fs.writeFile(
    join(home, '.cursor', 'mcp.json'),
    JSON.stringify({ mcpServers: { gh: { command: 'npx', args: ['-y', 'gh-mcp@1.0.0'], env: { GITHUB_TOKEN: secrets.github } }, docs: { url: `http://docs.acme.example/mcp?api_key=${secrets.github2}` } } }),
  );
});
afterEach(async () => fs.rm(root, { recursive: true, force: true }));

async function keyward(args: string[], extraEnv: Record<string, string> = {}) {
  // No DBus session: the OS keychain does not answer, as on a headless machine or in CI.
  const env = { PATH: process.env.PATH ?? '', HOME: home, KEYWARD_HOME: join(root, 'data'), ...extraEnv };
  return exec(process.execPath, [BIN, ...args], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

describe('keyward protect (built binary)', () => {
  it('with no keychain, no terminal and no key: exit 2, config unchanged, one hint naming both variables and the docs', async () => {
    const before = await fs.readFile(join(home, '.cursor', 'mcp.json'), 'utf8');
    const r = await keyward(['protect', '--home', home, '--platform', 'linux', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: set KEYWARD_STORE_KEY .* or KEYWARD_STORE_PASSPHRASE .*docs\/protect\.md, "The secret store"/);
    expect(await fs.readFile(join(home, '.cursor', 'mcp.json'), 'utf8')).toBe(before);
    expect(r.stdout + r.stderr).not.toContain(secrets.github);
  });

  it('warns about an npx-cache launcher and names the plain-http remote it bridges with --allow-http', async () => {
    const launcher = JSON.stringify([process.execPath, join(home, '.npm', '_npx', '9e1d', 'node_modules', 'keyward', 'dist', 'cli', 'bin.js')]);
    const r = await keyward(['protect', '--home', home, '--platform', 'linux', '--yes', '--store', 'file', '--launcher', launcher], { KEYWARD_STORE_PASSPHRASE: 'correct horse' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: the entries would start keyward from npx's cache .*npm i -g keyward/);
    expect(r.stderr).toMatch(/warning: cursor server "docs" is reached over plain http:\/\/ \(docs\.acme\.example\); it is bridged with mcp-remote --allow-http/);
    const after = await fs.readFile(join(home, '.cursor', 'mcp.json'), 'utf8');
    expect(after).toContain('"--allow-http"');
    expect(after).not.toContain(secrets.github2);
  });
});
