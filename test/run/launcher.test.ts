import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { launch, parseBinding, expandArgs, childEnv, type SignalSource } from '../../src/run/launcher.js';
import { fakeToken } from '../../src/rules/fake.js';

let home: string;
let env: Record<string, string>;
const node = process.execPath;

beforeEach(async () => {
  home = await fs.mkdtemp(join(tmpdir(), 'keyward-run-'));
  env = { KEYWARD_HOME: home, KEYWARD_STORE: 'file', KEYWARD_STORE_KEY: randomBytes(32).toString('hex'), PATH: process.env.PATH ?? '' };
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

async function setSecret(key: string, value: string): Promise<void> {
  const r = await run(['secrets', 'set', key], { env, stdinText: async () => `${value}\n` });
  expect(r.stderr).toContain(`stored ${key}`);
  expect(r.exitCode).toBe(0);
}

describe('keyward run', () => {
  it('adds the secret to the child environment only, strips the store key, and never prints the secret', async () => {
    const token = fakeToken('ghp_', 36, 3);
    await setSecret('claude-desktop/github/GITHUB_TOKEN', token);
    const script = 'process.stdout.write(JSON.stringify({t: process.env.GITHUB_TOKEN, k: process.env.KEYWARD_STORE_KEY ?? null, o: process.env.OTHER}))';
    const r = await run(['run', '--secret', 'GITHUB_TOKEN=claude-desktop/github/GITHUB_TOKEN', '--', node, '-e', script], {
      env: { ...env, OTHER: 'kept' },
    });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ t: token, k: null, o: 'kept' });
    expect(r.stderr).not.toContain(token);
  });

  it('expands ${KEYWARD:NAME} inside arguments', async () => {
    const key = fakeToken('sk-', 40, 4);
    await setSecret('codex/search/API_KEY', key);
    const r = await run(['run', '--secret', 'API_KEY=codex/search/API_KEY', '--', node, '-e', 'process.stdout.write(process.argv.at(-1))', '--', '--api-key=${KEYWARD:API_KEY}'], { env });
    expect(r.stdout).toBe(`--api-key=${key}`);
    const bad = await run(['run', '--', node, '-e', '', '${KEYWARD:NOPE}'], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/no --secret NOPE=/);
  });

  it('passes the child exit code through', async () => {
    const r = await run(['run', '--', node, '-e', 'process.exit(7)'], { env });
    expect(r.exitCode).toBe(7);
    const missingCmd = await run(['run', '--', join(home, 'no-such-command')], { env });
    expect(missingCmd.exitCode).toBe(127);
    expect(missingCmd.stderr).toMatch(/command not found/);
  });

  it('fails with exit 2 naming the missing key and how to set it, without starting the command', async () => {
    const marker = join(home, 'started');
    const r = await run(['run', '--secret', 'TOKEN=vscode/github/TOKEN', '--', node, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('"vscode/github/TOKEN" (for TOKEN) is not in the encrypted file');
    expect(r.stderr).toContain('keyward secrets set vscode/github/TOKEN --store file');
    await expect(fs.access(marker)).rejects.toThrow();
  });

  it('rejects malformed --secret specs', async () => {
    for (const spec of ['NOEQUALS', '1BAD=x/y', 'OK=bad key']) {
      const r = await run(['run', '--secret', spec, '--', node, '-e', ''], { env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`--secret "${spec}"`);
    }
  });
});

describe('launch', () => {
  it('forwards SIGTERM/SIGINT/SIGHUP to the child and maps a signal death to 128+n', async () => {
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    // The child catches SIGINT (proves the relay reached it), then dies of SIGTERM.
    const script = `process.on('SIGINT', () => process.stdout.write('got SIGINT\\n')); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
    let out = '';
    const result = launch({
      command: node,
      args: ['-e', script],
      baseEnv: {},
      secrets: new Map(),
      stdio: ['ignore', 'pipe', 'inherit'],
      signals,
      onSpawn: (child) =>
        child.stdout?.on('data', (c: Buffer) => {
          out += c.toString();
          if (out === 'ready\n') signals.emit('SIGINT');
          if (out.includes('got SIGINT')) signals.emit('SIGTERM');
        }),
    });
    const r = await result;
    expect(out).toBe('ready\ngot SIGINT\n');
    expect(r).toMatchObject({ kind: 'exited', exitCode: 143, signal: 'SIGTERM' });
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('builds the child environment from base + secrets, without store keys', () => {
    const e = childEnv({ A: '1', KEYWARD_STORE_KEY: 'k', KEYWARD_STORE_PASSPHRASE: 'p', U: undefined }, new Map([['T', 's']]));
    expect(e).toEqual({ A: '1', T: 's' });
    expect(parseBinding('X=a/b').ok).toBe(true);
    expect(expandArgs(['${KEYWARD:X}${KEYWARD:X}', 'plain'], new Map([['X', 'v']]))).toEqual({ ok: true, value: ['vv', 'plain'] });
  });
});

describe('keyward run through the built bin', () => {
  const bin = join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');

  it('relays a real SIGTERM sent to keyward to the server and exits with its code', async () => {
    await fs.access(bin).catch(() => {
      throw new Error(`${bin} is missing: build first (npm run build)`);
    });
    const { spawn } = await import('node:child_process');
    const token = fakeToken('ghp_', 36, 5);
    await setSecret('t/s/TOKEN', token);
    const script = `process.on('SIGTERM', () => { process.stdout.write('term:' + process.env.TOKEN.length + '\\n'); process.exit(5); }); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(node, [bin, 'run', '--secret', 'TOKEN=t/s/TOKEN', '--', node, '-e', script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out === 'ready\n') child.kill('SIGTERM');
      });
      child.on('close', (c) => resolve(c));
    });
    expect(err).toBe('');
    expect(out).toBe(`ready\nterm:${token.length}\n`);
    expect(code).toBe(5);
  });
});

describe('--secret spec forms', () => {
  it('accepts ENV=key and ENV=keyward://key', () => {
    expect(parseBinding('T=a/b/C')).toEqual({ ok: true, value: { env: 'T', key: 'a/b/C' } });
    expect(parseBinding('T=keyward://a/b/C')).toEqual({ ok: true, value: { env: 'T', key: 'a/b/C' } });
    expect(parseBinding('T=keyward://').ok).toBe(false);
    expect(parseBinding('my-service.token=a/b').ok).toBe(true);
    expect(parseBinding('has space=a/b').ok).toBe(false);
  });
});
