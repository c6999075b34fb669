import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';

let home: string;
let env: Record<string, string>;
beforeEach(async () => {
  home = await fs.mkdtemp(join(tmpdir(), 'keyward-secrets-'));
  env = { KEYWARD_HOME: home, KEYWARD_STORE: 'file', KEYWARD_STORE_KEY: randomBytes(32).toString('base64') };
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('keyward secrets', () => {
  it('sets from stdin, lists keys without values, shows values only with --show, removes', async () => {
    const token = fakeToken('xoxb-', 40, 9);
    const set = await run(['secrets', 'set', 'goose/slack/SLACK_BOT_TOKEN'], { env, stdinText: async () => `${token}\n` });
    expect(set.exitCode).toBe(0);
    expect(set.stdout + set.stderr).not.toContain(token);

    const list = await run(['secrets', 'list'], { env });
    expect(list.stdout).toBe('goose/slack/SLACK_BOT_TOKEN\n');
    expect(list.stdout + list.stderr).not.toContain(token);
    expect(list.stderr).toContain('1 secret in the encrypted file');

    const show = await run(['secrets', 'list', '--show'], { env });
    expect(show.stdout).toBe(`goose/slack/SLACK_BOT_TOKEN\t${token}\n`);

    const rm = await run(['secrets', 'rm', 'goose/slack/SLACK_BOT_TOKEN'], { env });
    expect(rm.exitCode).toBe(0);
    expect((await run(['secrets', 'list'], { env })).stdout).toBe('');
    const again = await run(['secrets', 'rm', 'goose/slack/SLACK_BOT_TOKEN'], { env });
    expect(again.exitCode).toBe(2);
  });

  it('warns when the value comes from argv, and refuses bad keys and empty values', async () => {
    const r = await run(['secrets', 'set', 'a/b', '--value', 'v1'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/warning: --value puts the secret in shell history/);
    expect((await run(['secrets', 'set', 'bad key'], { env, stdinText: async () => 'x' })).exitCode).toBe(2);
    const empty = await run(['secrets', 'set', 'a/c'], { env, stdinText: async () => '\n' });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/empty value/);
  });

  it('reports a wrong store key as a one-line error (exit 2)', async () => {
    await run(['secrets', 'set', 'a/b', '--value', 'v1'], { env });
    const wrong = await run(['secrets', 'list'], { env: { ...env, KEYWARD_STORE_KEY: randomBytes(32).toString('hex') } });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/^keyward: cannot decrypt .*wrong key/);
    expect(wrong.stderr).not.toMatch(/this is a bug/);
  });
});
