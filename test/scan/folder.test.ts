// Folder scans on trees the tests build: .gitignore, binaries, huge files, malformed and non-UTF-8 input,
// symlink loops, unreadable entries — each gives a warning (or a counted skip) and the rest is still scanned.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, open, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { autoWorkerCount } from '../../src/scan/pool.js';
import { runScan } from '../../src/scan/scan.js';
import { ghToken, tempDir, writeTree } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const control = ghToken(1);
/** Every bad-input test also holds this good file: its finding proves the rest of the tree was scanned. */
const withControl = (files: Record<string, string | Buffer>) => writeTree(dir, { 'src/ok.ts': `const t = "${control}";\n`, ...files });
const paths = (r: { findings: { path: string }[] }) => r.findings.map((f) => f.path);

describe('folder scan', () => {
  it('honours nested .gitignore files, negations and .git/', async () => {
    await withControl({
      '.gitignore': 'build/\n*.log\n',
      'build/out.js': `x="${ghToken(2)}"`,
      'a.log': `x="${ghToken(3)}"`,
      'pkg/.gitignore': '!keep.log\nsecret-*.txt\n',
      'pkg/keep.log': `x="${ghToken(4)}"`,
      'pkg/secret-1.txt': `x="${ghToken(5)}"`,
      '.git/config': `x="${ghToken(6)}"`,
    });
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(r)).toEqual(['pkg/keep.log', 'src/ok.ts']);
    const all = await runScan({ mode: 'files', target: dir, workers: 0, gitignore: false });
    expect(paths(all)).toEqual(['a.log', 'build/out.js', 'pkg/keep.log', 'pkg/secret-1.txt', 'src/ok.ts']);
  });

  it('scans binaries as printable runs and skips opaque formats by extension', async () => {
    // A token compiled into a binary: NUL-padded, on the third \n-separated "line" of the bytes.
    const token = ghToken(2);
    const blob = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 0x0a, 0xff, 0xfe, 0x0a, 0, 0, 0x01]), Buffer.from(token), Buffer.from([0, 0x90, 0x90])]);
    // UTF-16LE, as Windows resources hold strings.
    const wide = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from(ghToken(12), 'utf16le'), Buffer.from([0, 0])]);
    await withControl({ 'bin/tool': blob, 'bin/res.dll': wide, 'logo.png': `${ghToken(3)}` });
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(r)).toEqual(['bin/res.dll', 'bin/tool', 'src/ok.ts']);
    expect(r.stats.skipped.binary).toBe(1);
    const [dll, tool] = r.findings;
    expect(tool).toMatchObject({ ruleId: 'github-pat', secret: token, line: 3, column: 4, endLine: 3, endColumn: 3 + token.length, offset: 14 });
    expect(dll).toMatchObject({ ruleId: 'github-pat', secret: ghToken(12), line: 1, column: 5, offset: 4 });
    expect(r.warnings).toEqual([]);
  });

  it('keeps only findings a token shape vouches for in binaries, not generic guesses', async () => {
    // Format strings side by side in a binary look like `password: <value>` to the generic detectors.
    const random = fakeToken('', 32, 14);
    const strings = ['password', random, `api_key = "${random.slice(8)}"`];
    const blob = Buffer.concat(strings.flatMap((t) => [Buffer.from(t), Buffer.from([0, 0])]));
    await withControl({ 'data.bin': blob, 'same.txt': strings.join('\n') });
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(r)).not.toContain('data.bin');
    expect(paths(r)).toContain('same.txt');
  });

  it('skips a binary over the size cap like any file', async () => {
    await withControl({ 'big.bin': Buffer.concat([Buffer.alloc(2048), Buffer.from(ghToken(13))]) });
    const r = await runScan({ mode: 'files', target: dir, workers: 0, maxFileSize: 1024 });
    expect(paths(r)).toEqual(['src/ok.ts']);
    expect(r.stats.skipped['too-large']).toBe(1);
  });

  it('skips a 50 MB file over the cap with a warning, and scans it when the cap allows', async () => {
    const big = join(dir, 'big.txt');
    // Mostly filler lines with one secret at the very end: the whole file must really be read.
    const filler = Buffer.alloc(50 * 1024 * 1024, 'lorem ipsum dolor sit amet\n');
    const fh = await open(big, 'w');
    await fh.write(filler);
    await fh.write(`token = "${ghToken(7)}"\n`);
    await fh.close();
    await withControl({});
    const capped = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(capped)).toEqual(['src/ok.ts']);
    expect(capped.stats.skipped['too-large']).toBe(1);
    expect(capped.warnings.join('\n')).toMatch(/big\.txt: skipped, 50\.0 MB is over the 10\.0 MB cap/);

    const whole = await runScan({ mode: 'files', target: dir, workers: 0, maxFileSize: 64 * 1024 * 1024 });
    expect(paths(whole)).toEqual(['big.txt', 'src/ok.ts']);
    expect(whole.findings[0].line).toBe(filler.toString('latin1').split('\n').length);
  });

  it('scans malformed JSON as text with a warning', async () => {
    await withControl({ 'conf/broken.json': `{ "mcpServers": { "x": { "env": { "TOKEN": ${ghToken(8)} ` /* unquoted value: not JSON */ });
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(r)).toEqual(['conf/broken.json', 'src/ok.ts']);
    expect(r.warnings.some((w) => w.startsWith('conf/broken.json:'))).toBe(true);
  });

  it('reads invalid UTF-8 without crashing, warns, and still finds the secret on its line', async () => {
    const bytes = Buffer.concat([Buffer.from('caf\xe9 \xff\xfe\n', 'latin1'), Buffer.from(`key: ${ghToken(9)}\n`)]);
    await withControl({ 'latin.txt': bytes });
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(r)).toEqual(['latin.txt', 'src/ok.ts']);
    expect(r.findings[0]).toMatchObject({ line: 2, column: 6 });
    expect(r.warnings).toContain('latin.txt: not valid UTF-8; invalid bytes replaced, the rest scanned');
  });

  it('never loops on symlinks: skipped by default, detected with --follow-symlinks', async () => {
    await withControl({ 'a/b/file.txt': `x=${ghToken(10)}` });
    await symlink('..', join(dir, 'a/b/up'));
    await symlink(join(dir, 'a'), join(dir, 'a/b/again'));
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(paths(r)).toEqual(['a/b/file.txt', 'src/ok.ts']);
    expect(r.stats.skipped.symlink).toBe(2);
    const followed = await runScan({ mode: 'files', target: dir, workers: 0, followSymlinks: true });
    expect(paths(followed)).toEqual(['a/b/file.txt', 'src/ok.ts']);
    expect(followed.warnings.filter((w) => /symlink loop/.test(w))).toHaveLength(2);
    expect(followed.stats.skipped['symlink-loop']).toBe(2);
  });

  it('names links that resolve to themselves (a -> b -> a, self) as loops, followed or not', async () => {
    await withControl({});
    await symlink('b', join(dir, 'a'));
    await symlink('a', join(dir, 'b'));
    await symlink('self', join(dir, 'self'));
    for (const followSymlinks of [false, true]) {
      const r = await runScan({ mode: 'files', target: dir, workers: 0, followSymlinks });
      expect(paths(r)).toEqual(['src/ok.ts']);
      expect(r.stats.skipped['symlink-loop']).toBe(3);
      expect(r.stats.skipped.unreadable).toBe(0);
      expect(r.warnings).toContain('self: symlink loop (ELOOP); skipped');
    }
  });

  it('warns about entries it cannot read (FIFO, dangling symlink) and scans the rest', async () => {
    await withControl({});
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await symlink(join(dir, 'gone.txt'), join(dir, 'dangling'));
    const r = await runScan({ mode: 'files', target: dir, workers: 0, followSymlinks: true });
    expect(paths(r)).toEqual(['src/ok.ts']);
    expect(r.warnings).toContain('pipe: not a regular file (FIFO, socket or device); skipped');
    expect(r.warnings.some((w) => w.startsWith('dangling: broken symlink (ENOENT)'))).toBe(true);
  });

  it('warns about a file without read permission (as a non-root user)', async () => {
    await withControl({ 'locked.txt': `x=${ghToken(11)}` });
    await chmod(join(dir, 'locked.txt'), 0o000);
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) {
      const r = await runScan({ mode: 'files', target: dir, workers: 0 });
      expect(paths(r)).toEqual(['src/ok.ts']);
      expect(r.warnings).toContain('locked.txt: cannot read (EACCES); skipped');
      return;
    }
    // root reads mode-000 files, so drop to `nobody` for this one scan through the built CLI.
    const setpriv = spawnSync('setpriv', ['--version']);
    if (setpriv.status !== 0) return void console.warn('skipped: running as root and setpriv is unavailable');
    await chmod(dir, 0o755);
    await chmod(join(dir, 'src'), 0o755);
    await chmod(join(dir, 'src/ok.ts'), 0o644);
    const bin = join(process.cwd(), 'dist/cli/bin.js');
    const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin];
    // The checkout itself may not be readable by `nobody` (e.g. under /root): then this case cannot run here.
    if (spawnSync('setpriv', [...asNobody, '--version']).status !== 0) {
      return void console.warn('skipped: running as root and the built CLI is not readable by nobody here');
    }
    const out = spawnSync('setpriv', [...asNobody, 'scan', dir, '--format', 'json'], { encoding: 'utf8' });
    expect(out.stderr).toContain('warning: locked.txt: cannot read (EACCES); skipped');
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['src/ok.ts']);
  });

  it('scans a single file given as the target', async () => {
    await withControl({});
    const r = await runScan({ mode: 'files', target: join(dir, 'src/ok.ts'), workers: 0 });
    expect(paths(r)).toEqual(['ok.ts']);
  });

  it('finds secret-named keys in structured files even when no raw-text keyword occurs', async () => {
    // No provider prefix here: only the structured rules (secret-named keys) can see this value.
    const value = 'Zq8vX2mN4pL7rT1wK9sB3dF6hJ0cY5uE';
    await writeFile(join(dir, 'config.json'), JSON.stringify({ mcpServers: { x: { env: { ACME_API_KEY: value } } } }));
    const r = await runScan({ mode: 'files', target: dir, workers: 0 });
    const { scanText } = await import('../../src/engine/scan-text.js');
    const { builtinRuleSet } = await import('../../src/rules/index.js');
    const direct = scanText({ text: JSON.stringify({ mcpServers: { x: { env: { ACME_API_KEY: value } } } }), path: 'config.json' }, builtinRuleSet());
    // The file scan must agree with the engine on the whole text: the prefilter may not drop structured hits.
    expect(r.findings.map((f) => f.ruleId)).toEqual(direct.findings.map((f) => f.ruleId));
  });
});

describe('worker threads', () => {
  it('give the same result as the in-process scan on a larger tree', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) {
      files[`d${i % 7}/f${i}.ts`] = `// file ${i}\n${'const filler = 1;\n'.repeat(i)}${i % 9 === 0 ? `const k = "${ghToken(100 + i)}";\n` : ''}`;
    }
    files['cfg/mcp.json'] = JSON.stringify({ servers: { x: { env: { GITHUB_TOKEN: ghToken(99) } } } });
    await writeTree(dir, files);
    const inProcess = await runScan({ mode: 'files', target: dir, workers: 0 });
    const pooled = await runScan({ mode: 'files', target: dir, workers: 2 });
    const auto = await runScan({ mode: 'files', target: dir, workers: 'auto', workerThreshold: 1000, idleCores: 2 });
    const busy = await runScan({ mode: 'files', target: dir, workers: 'auto', workerThreshold: 1000, idleCores: 1 });
    expect(busy.executor).toBe('in-process');
    expect(busy.findings).toEqual(inProcess.findings);
    expect(pooled.executor).toBe('workers');
    expect(auto.executor).toBe('workers');
    expect(inProcess.executor).toBe('in-process');
    expect(inProcess.findings.length).toBe(15);
    expect(pooled.findings).toEqual(inProcess.findings);
    expect(auto.findings).toEqual(inProcess.findings);
    expect(pooled.stats).toEqual(inProcess.stats);
  });

  it('auto starts one per idle core (none below two), and with cores kept for a busy source at least one', () => {
    // [idle cores, cores kept for the source, cores] -> workers
    const cases: [number, number, number, number][] = [
      [1, 0, 2, 0],
      [2, 0, 2, 2],
      [6, 0, 8, 6],
      [1, 1, 2, 1],
      [2, 1, 2, 1],
      [8, 1, 8, 7],
      [1, 1, 1, 0],
    ];
    for (const [idle, reserved, cores, workers] of cases) expect(autoWorkerCount(idle, reserved, cores), `${idle} idle, ${reserved} kept, ${cores} cores`).toBe(workers);
  });
});
