// --no-color and -q/--quiet are global: every command accepts them, the colour decision follows the usual
// precedence, and -q drops warnings and notes (the keychain fallback notice included) but never findings.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { useColor } from '../../src/cli/global-options.js';
import { run } from '../../src/cli/run.js';
import { ghToken, tempDir, writeTree } from '../scan/helpers.js';

const bin = join(import.meta.dirname, '../../dist/cli/bin.js');
const keyward = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, ...env } });

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-global-')));
afterEach(async () => cleanup());

describe('global options', () => {
  it('every command accepts --no-color and -q, before or after its name', async () => {
    for (const name of commands.flatMap((c) => c.names)) {
      const r = await run([name, '--no-color', '-q', '--zz-not-an-option'], { env: {} });
      expect(r.stderr, name).toContain('--zz-not-an-option');
      expect(r.stderr, name).not.toMatch(/unknown option '(--no-color|-q)'/);
      const before = await run(['--no-color', '--quiet', name, '--zz-not-an-option'], { env: {} });
      expect(before.stderr, name).toContain('--zz-not-an-option');
    }
  });

  it('decides colour: --no-color > NO_COLOR > FORCE_COLOR > a terminal', () => {
    const tty = { isTTY: true, write: () => {} };
    const pipe = { isTTY: false, write: () => {} };
    expect(useColor({ env: {} }, tty)).toBe(true);
    expect(useColor({ env: {} }, pipe)).toBe(false);
    expect(useColor({ env: { FORCE_COLOR: '1' } }, pipe)).toBe(true);
    expect(useColor({ env: { FORCE_COLOR: '0' } }, tty)).toBe(false);
    expect(useColor({ env: { FORCE_COLOR: '' } }, pipe)).toBe(false);
    expect(useColor({ env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, tty)).toBe(false);
    expect(useColor({ env: { NO_COLOR: '' } }, tty)).toBe(true);
    expect(useColor({ env: { FORCE_COLOR: '1' }, noColor: true }, tty)).toBe(false);
  });

  it('scan through the binary: FORCE_COLOR paints a pipe, --no-color and NO_COLOR win over it', async () => {
    await writeTree(dir, { 'app/config.json': `{"token": "${ghToken(951)}"}\n` });
    const target = join(dir, 'app');
    expect(keyward(['scan', target], { FORCE_COLOR: '1' }).stdout).toContain('\x1b[');
    expect(keyward(['scan', target]).stdout).not.toContain('\x1b[');
    expect(keyward(['scan', target, '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toContain('\x1b[');
    expect(keyward(['--no-color', 'scan', target], { FORCE_COLOR: '1' }).stdout).not.toContain('\x1b[');
    const noColor = keyward(['scan', target], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(noColor.stdout).not.toContain('\x1b[');
    expect(noColor.stdout).toContain('1 finding (1 critical) in 1 file');
    expect(noColor.status).toBe(1);
  });

  it('-q drops notes but never findings', async () => {
    await writeTree(dir, { 'app/config.json': `{"token": "${ghToken(952)}"}\n` });
    const out = join(dir, 'r.json');
    const loud = keyward(['scan', join(dir, 'app'), '-o', out]);
    expect(loud.stderr).toContain('wrote text report with 1 finding to');
    const quiet = keyward(['scan', join(dir, 'app'), '-q']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('github-pat');
    expect(quiet.status).toBe(1);
    expect(keyward(['scan', join(dir, 'app'), '-o', out, '-q']).stderr).toBe('');
  });

  it.runIf(process.platform === 'linux')('the keychain fallback notice is one short line, and none with -q', () => {
    const env = { KEYWARD_STORE_PASSPHRASE: 'not-a-real-passphrase', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const r = keyward(['secrets', 'list'], env);
    expect(r.status, r.stderr).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l.includes('no OS keychain'));
    expect(notices).toEqual(['keyward: no OS keychain available; using the encrypted file store (--store file to choose it, --store keychain to see why)']);
    expect(r.stderr).not.toMatch(/dbus/i);
    const q = keyward(['secrets', 'list', '-q'], env);
    expect(q.stderr).not.toContain('no OS keychain');
    expect(q.stderr).toContain('0 secrets in the encrypted file');
  });
});
