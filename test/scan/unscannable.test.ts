// A file named on the command line that cannot be scanned (over the cap, a symlink loop, a FIFO) must not
// read as "no secrets found" with exit 0: exit 2 naming the file and why, unless --skip-unscannable. Files
// skipped inside a scanned folder keep their counted warning and the normal exit code. Through the built CLI.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ghToken, tempDir, writeTree } from './helpers.js';

const bin = join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const scan = (...args: string[]) =>
  promisify(execFile)(process.execPath, [bin, 'scan', '--no-progress', ...args], { cwd: dir, env: { PATH: process.env.PATH } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { stdout: string; stderr: string; code: number }) => e,
  );

describe.skipIf(!existsSync(bin))('scan of a file that cannot be scanned (built CLI)', () => {
  it('exits 2 for a named file over --max-file-size, and goes on with --skip-unscannable', async () => {
    await writeTree(dir, { 'sub/big.txt': `${'x'.repeat(4096)}\n` });
    const r = await scan('sub/big.txt', '--max-file-size', '1k');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('keyward: sub/big.txt: skipped, 4.0 kB is over the 1.0 kB cap (--max-file-size)\n');
    expect(r.stderr).toContain('--skip-unscannable');
    expect(r.stderr).not.toContain('warning:');
    const skip = await scan('sub/big.txt', '--max-file-size', '1k', '--skip-unscannable');
    expect(skip.code).toBe(0);
    expect(skip.stderr).toBe('warning: big.txt: skipped, 4.0 kB is over the 1.0 kB cap (--max-file-size)\n');
    expect(skip.stdout).toContain('over the size cap');
    // Inside a folder it is one counted skip among others, as before.
    const folder = await scan('sub', '--max-file-size', '1k');
    expect(folder.code).toBe(0);
    expect(folder.stderr).toContain('warning: big.txt: skipped');
  });

  it('names a symlink loop as a loop, named directly or met in a folder', async () => {
    await symlink('b', join(dir, 'a'));
    await symlink('a', join(dir, 'b'));
    await writeTree(dir, { 'ok.txt': 'nothing here\n' });
    const r = await scan('a');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('keyward: a: symlink loop (ELOOP); not scanned\n');
    expect(r.stderr).not.toMatch(/no such file/);
    const skip = await scan('a', '--skip-unscannable', '--format', 'json');
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout).summary.skipped['symlink-loop']).toBe(1);
    const folder = await scan('.');
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain('skipped 2 symlink loops');
    expect(folder.stderr).toContain('warning: a: symlink loop (ELOOP); skipped\n');
    // --history needs a folder inside a repository: a loop there is named too.
    const history = await scan('a', '--history');
    expect(history.code).toBe(2);
    expect(history.stderr).toMatch(/a: symlink loop \(ELOOP\)/);
  });

  it('does not block on a named FIFO', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = await scan('pipe');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('keyward: pipe: not a regular file (FIFO, socket or device); not scanned\n');
  });

  it('scans a named binary for printable runs and reports where the token sits', async () => {
    const token = ghToken(31);
    await writeTree(dir, { 'app.node': Buffer.concat([Buffer.alloc(64), Buffer.from('\n'), Buffer.alloc(5), Buffer.from(token), Buffer.alloc(8)]) });
    const r = await scan('app.node', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toMatchObject([{ ruleId: 'github-pat', path: 'app.node', line: 2, column: 6 }]);
  });
});
