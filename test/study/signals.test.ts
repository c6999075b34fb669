// Interruption through the built CLI: a real child process, real SIGINT/SIGTERM. A `git` shim on PATH makes
// every clone hang after writing into its folder, so the signal lands while clones are running.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, promises as fs, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onInterrupt } from '../../src/study/interrupt.js';
import { createFixture, studyArgs, studyEnv, type Fixture } from './fixtures.js';

const BIN = process.env.KEYWARD_BIN ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/bin.js');

describe('onInterrupt', () => {
  it('aborts on the first signal and lets the second one through to the default action', () => {
    const source = new EventEmitter();
    const notices: string[] = [];
    const stop = onInterrupt(source, (s) => notices.push(s));
    expect(source.listenerCount('SIGINT')).toBe(1);
    source.emit('SIGINT');
    expect(stop.signal.aborted).toBe(true);
    expect(stop.exitCode()).toBe(130);
    expect(notices).toEqual(['SIGINT']);
    // Nothing of ours listens any more: a second Ctrl-C kills the process at once.
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
    const term = onInterrupt(source, () => undefined);
    source.emit('SIGTERM');
    expect(term.exitCode()).toBe(143);
  });
});

/** Every `.git` folder under the clone folder (owner/name.git). */
function cloneFolders(workDir: string): string[] {
  if (!existsSync(workDir)) return [];
  return readdirSync(workDir).flatMap((owner) => readdirSync(path.join(workDir, owner)).map((n) => `${owner}/${n}`));
}

describe.skipIf(!existsSync(BIN))('study run under SIGINT / SIGTERM (real process)', () => {
  let f: Fixture;
  let shimDir: string;
  beforeAll(async () => {
    f = await createFixture();
    shimDir = path.join(f.dir, 'shim');
    await fs.mkdir(shimDir);
    const realGit = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'git')).find((p) => existsSync(p))!;
    const shim = path.join(shimDir, 'git');
    // The clone target is the last argument: write into it, then hang until killed.
    writeFileSync(shim, `#!/bin/sh\nif [ "$1" = clone ]; then for a; do t="$a"; done; mkdir -p "$t/objects"; echo partial > "$t/objects/pack"; exec sleep 60; fi\nexec "${realGit}" "$@"\n`);
    chmodSync(shim, 0o755);
  });
  afterAll(async () => {
    await f?.close();
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: cancels running clones, removes their folders, says how to resume, exits ${code}`, async () => {
      const db = path.join(f.dir, `${signal}.db`);
      const workDir = `${db}.clones`;
      const env = { ...studyEnv(), PATH: `${shimDir}${path.delimiter}${process.env.PATH}` };
      const child = spawn(process.execPath, [BIN, ...studyArgs(f, db, ['--concurrency', '2', '--out', 'never'])], { cwd: f.dir, env });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.on('data', (d) => (stdout += d));
      const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      // Wait until two clones are in flight (their folders exist), then interrupt.
      for (let i = 0; i < 400 && cloneFolders(workDir).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(cloneFolders(workDir).length).toBe(2);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(stderr).toContain(`keyward: ${signal}: stopping`);
      expect(stderr).toMatch(/interrupted by SIG(INT|TERM)\. Every repository finished so far is saved in .*\n  hint: run the same command again to resume/);
      expect(stdout).toContain('listed 16 servers');
      expect(cloneFolders(workDir)).toEqual([]);
      expect(existsSync(path.join(f.dir, 'never'))).toBe(false);
    }, 30_000);
  }
});
