// `keyward scan` through the in-process CLI: exit codes, formats, --output, usage errors, and that no
// format ever prints a secret in clear unless --no-redact is given.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { ghToken, tempDir, writeTree } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const secret = ghToken(21);
const scan = (...args: string[]) => run(['scan', ...args], { cwd: dir, env: {} });

describe('keyward scan (CLI)', () => {
  it('exits 0 on a clean tree, 1 on findings', async () => {
    await writeTree(dir, { 'a.txt': 'nothing here\n' });
    expect((await scan('.')).exitCode).toBe(0);
    await writeTree(dir, { 'b.env': `GITHUB_TOKEN=${secret}\n` });
    const r = await scan('.');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('b.env\n  1:14');
    expect(r.stdout).toContain('github-pat');
  });

  it('exits 2 on usage and fatal errors, with a one-line message', async () => {
    const bad = await scan('--format', 'xml');
    expect(bad.exitCode).toBe(2);
    const missing = await scan('does-not-exist');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('does-not-exist: no such file or folder');
    const size = await scan('.', '--max-file-size', 'lots');
    expect(size.exitCode).toBe(2);
    const notRepo = await scan('.', '--history');
    expect(notRepo.exitCode).toBe(2);
    expect(notRepo.stderr).toMatch(/not inside a git repository/);
    expect(notRepo.stderr).not.toMatch(/bug/);
  });

  it('never prints the secret in any format unless --no-redact', async () => {
    await writeTree(dir, {
      'cfg/claude_desktop_config.json': JSON.stringify({ mcpServers: { gh: { env: { GITHUB_TOKEN: secret } } } }, null, 2),
      'README.md': `\`\`\`sh\ncurl -H "Authorization: Bearer ${secret}"\n\`\`\`\n`,
    });
    for (const format of ['text', 'json', 'sarif']) {
      const r = await scan('.', '--format', format);
      expect(r.exitCode).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(secret.slice(8));
      const clear = await scan('.', '--format', format, '--no-redact');
      expect(clear.stdout).toContain(secret);
    }
    const json = JSON.parse((await scan('.', '--format', 'json')).stdout);
    expect(json.findings[0]).not.toHaveProperty('secret');
    expect(json.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes the report to --output and keeps stdout empty', async () => {
    await writeTree(dir, { 'x.ts': `const k = "${secret}";` });
    const r = await scan('.', '--format', 'json', '--output', 'report.json');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(doc.findings).toHaveLength(1);
  });

  it('reads stdin with `-` and names it with --stdin-path', async () => {
    const r = await run(['scan', '-', '--stdin-path', 'mcp.json', '--format', 'json'], {
      cwd: dir,
      env: {},
      stdinText: async () => `{"servers":{"x":{"env":{"T":"${secret}"}}}}`,
    });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings[0]).toMatchObject({ path: 'mcp.json', context: 'servers.x.env.T' });
  });

  it('colours only on a TTY and honours NO_COLOR', async () => {
    await writeTree(dir, { 'x.ts': `const k = "${secret}";` });
    expect((await scan('.')).stdout).not.toContain('\x1b[');
    const tty = await run(['scan', '.'], { cwd: dir, env: {}, isTTY: true });
    expect(tty.stdout).toContain('\x1b[');
    const noColor = await run(['scan', '.'], { cwd: dir, env: { NO_COLOR: '1' }, isTTY: true });
    expect(noColor.stdout).not.toContain('\x1b[');
  });
});

describe('keyward scan --output errors', () => {
  it('is a one-line error (exit 2) when the report cannot be written', async () => {
    const { dir: d, cleanup: done } = await tempDir();
    try {
      const r = await run(['scan', '.', '--output', 'no/such/dir/r.json'], { cwd: d, env: {} });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/cannot write the report to no\/such\/dir\/r\.json \(ENOENT\)/);
    } finally {
      await done();
    }
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('defines the keyward hook on the staged scan', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const hooks = parse(readFileSync(join(import.meta.dirname, '..', '..', '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hooks).toEqual([expect.objectContaining({ id: 'keyward', entry: 'keyward scan --staged', language: 'node', pass_filenames: false })]);
  });
});

describe('built CLI (node dist/cli/bin.js)', () => {
  it('runs worker threads next to the compiled module and matches the in-process report', async () => {
    const { spawnSync } = await import('node:child_process');
    const { dir: d, cleanup: done } = await tempDir();
    try {
      const files: Record<string, string> = {};
      for (let i = 0; i < 40; i++) files[`p${i % 4}/f${i}.ts`] = `// ${i}\n${i % 5 === 0 ? `const k = "${ghToken(200 + i)}";\n` : 'const x = 1;\n'}`;
      await writeTree(d, files);
      const bin = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
      const scanWith = (workers: string) => spawnSync(process.execPath, [bin, 'scan', d, '--format', 'json', '--workers', workers], { encoding: 'utf8' });
      const pooled = scanWith('2');
      const inProcess = scanWith('0');
      expect(pooled.status).toBe(1);
      expect(pooled.stderr).not.toMatch(/unavailable|error/i);
      expect(JSON.parse(pooled.stdout).findings).toHaveLength(8);
      expect(pooled.stdout).toBe(inProcess.stdout);
    } finally {
      await done();
    }
  });
});

describe('SARIF URIs from a scanned subfolder', () => {
  it('are relative to the repository root, as code scanning expects', async () => {
    const { initRepo } = await import('./helpers.js');
    initRepo(dir);
    await writeTree(dir, { 'packages/server/config.env': `T=${secret}\n` });
    const r = await run(['scan', 'packages/server', '--format', 'sarif'], { cwd: dir, env: {} });
    const uri = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('packages/server/config.env');
    // Text and JSON keep paths relative to what was scanned.
    expect(JSON.parse((await run(['scan', 'packages/server', '--format', 'json'], { cwd: dir, env: {} })).stdout).findings[0].path).toBe('config.env');
  });
});
