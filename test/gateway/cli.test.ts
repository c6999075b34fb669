// `keyward gateway` argument and config errors, in-process: one line with a hint, exit code 2.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { tempDir } from './helpers.js';

describe('keyward gateway (CLI)', () => {
  it('reports a missing config with a hint', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const r = await run(['gateway'], { cwd: dir, env: { KEYWARD_HOME: dir } });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`no gateway config at ${join(dir, 'keyward.gateway.yaml')}`);
      expect(r.stderr).toContain('hint:');
    } finally {
      await cleanup();
    }
  });

  it('refuses a config with a plain-http remote upstream before starting anything', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFile(join(dir, 'keyward.gateway.yaml'), 'servers:\n  remote:\n    url: http://mcp.example.com/mcp\n');
      const r = await run(['gateway', '--http', '--port', '0'], { cwd: dir, env: { KEYWARD_HOME: dir } });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/invalid gateway config:\n {2}.*servers\.remote\.url: plain http to mcp\.example\.com is refused/);
    } finally {
      await cleanup();
    }
  });

  it('rejects --config together with a wrapped command, and an unknown --server', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFile(join(dir, 'keyward.gateway.yaml'), 'servers:\n  a:\n    command: node\n');
      const both = await run(['gateway', '--config', 'keyward.gateway.yaml', '--', 'node', 'server.js'], { cwd: dir, env: { KEYWARD_HOME: dir } });
      expect(both.exitCode).toBe(2);
      expect(both.stderr).toContain('use either --config or `-- <server command>`');
      const unknown = await run(['gateway', '--server', 'b'], { cwd: dir, env: { KEYWARD_HOME: dir } });
      expect(unknown.exitCode).toBe(2);
      expect(unknown.stderr).toContain('no server named b');
    } finally {
      await cleanup();
    }
  });
});
