// Through the built CLI (`npm test` builds dist/ first): real process, real exit codes, real stderr.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, studyArgs, studyEnv, type Fixture } from './fixtures.js';

const BIN = process.env.KEYWARD_BIN ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/bin.js');
const run = promisify(execFile);

async function keyward(args: string[], cwd: string, nodeArgs: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, BIN, ...args], { cwd, env: studyEnv() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.skipIf(!existsSync(BIN))(`keyward study through ${existsSync(BIN) ? 'the built bin' : 'the built bin (skipped: run `npm run build` first)'}`, () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await createFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('runs the study end to end and exits 0', async () => {
    const res = await keyward(studyArgs(f, 'bin.db', ['--out', 'report']), f.dir);
    expect(res.stderr).not.toMatch(/unexpected error/);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('report: 3/5 scanned repositories leak ≥ 1 secret in history (60.0 %), 2 at HEAD');
    const html = await fs.readFile(path.join(f.dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
  });

  it('without a SQLite driver says how to get one in one line and exits 2', async () => {
    const noSqlite = ['--require', path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/no-sqlite.cjs')];
    await fs.writeFile(path.join(f.dir, 'shard.db'), '');
    for (const args of [studyArgs(f, 'nodriver.db', []), ['study', 'merge', '--out', 'merged.db', 'shard.db']]) {
      const res = await keyward(args, f.dir, noSqlite);
      expect(res.code).toBe(2);
      expect(res.stderr).toBe('keyward: study needs a SQLite driver: run `npm i -g better-sqlite3@12` (or add it beside keyward in your project)\n');
    }
    // Other commands never load the driver.
    const scan = await keyward(['scan', '--help'], f.dir, noSqlite);
    expect(scan.code).toBe(0);
  });

  it('rejects a bad shard with one line, a hint and exit 2', async () => {
    const res = await keyward(['study', 'clone', '--db', 'x.db', '--shard', '3/2'], f.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('keyward: --shard shard index must be in 0..n-1 (got 3/2)\n  hint: use i/n with 0 ≤ i < n, e.g. --shard 0/4\n');
  });
});
