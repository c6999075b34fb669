// The interactive paths: protect asks per file on a terminal; the hidden prompt reads a line without echo.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { hiddenPrompt } from '../../src/store/prompt.js';
import { makeSecrets, writeFixtureHome, type FixtureFile } from './fixture-home.js';

/** A stream that claims to be a terminal, recording raw-mode switches. */
function fakeTty(): PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void; raw: boolean[] } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void; raw: boolean[] };
  s.isTTY = true;
  s.raw = [];
  s.setRawMode = (raw) => void s.raw.push(raw);
  return s;
}

let root: string;
let home: string;
let env: Record<string, string>;
let files: FixtureFile[];
beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'keyward-confirm-'));
  home = join(root, 'home');
  env = { HOME: home, KEYWARD_HOME: join(root, 'data'), KEYWARD_STORE_KEY: randomBytes(32).toString('hex') };
  files = await writeFixtureHome(home, makeSecrets(31));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('protect on a terminal', () => {
  it('asks per file: "n" leaves the file, "y" applies', async () => {
    const stdin = fakeTty();
    const stderr = new PassThrough();
    const goose = files.find((f) => f.host === 'goose')!;
    const continueFile = files.find((f) => f.host === 'continue')!;
    const beforeGoose = await fs.readFile(goose.path, 'utf8');
    // Answer each question when it appears, as a person would.
    let asked = '';
    stderr.on('data', (c: Buffer) => {
      const text = c.toString();
      asked += text;
      if (text.includes(`to ${continueFile.path}?`)) stdin.write('y\n');
      if (text.includes(`to ${goose.path}?`)) stdin.write('n\n');
    });
    const r = await run(['protect', '--home', home, '--platform', 'linux', '--store', 'file', '--host', 'continue', '--host', 'goose', '--launcher', '/usr/local/bin/keyward'], {
      env,
      stdio: { stdin, stdout: new PassThrough(), stderr },
    });
    expect(asked).toContain(`Apply these changes to ${continueFile.path}? [y/N]`);
    expect(asked).toContain(`Apply these changes to ${goose.path}? [y/N]`);
    expect(r.stderr).toContain('1 protected');
    expect(r.stderr).toContain('1 skipped');
    expect(await fs.readFile(goose.path, 'utf8')).toBe(beforeGoose);
    expect(await fs.readFile(continueFile.path, 'utf8')).toContain('/usr/local/bin/keyward');
  });
});

describe('hidden prompt', () => {
  it('reads one line in raw mode, handles backspace, and echoes nothing', async () => {
    const input = fakeTty();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => (shown += c.toString()));
    const ask = hiddenPrompt(input, output)!;
    const answer = ask('value: ');
    input.write('s3cr');
    input.write('x\u007fet\r');
    expect(await answer).toBe('s3cret');
    expect(shown).toBe('value: \n');
    expect(input.raw).toEqual([true, false]);
  });

  it('is not offered when stdin is not a terminal', () => {
    expect(hiddenPrompt(new PassThrough(), new PassThrough())).toBeUndefined();
  });
});
