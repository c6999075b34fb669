// `keyward gateway add`: writes the host-side entry into a fixture home through the host adapters, keeping the
// rest of the file (comments included), and shows the old entry without its values.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';
import { tempDir } from './helpers.js';

const CONFIG = 'servers:\n  github:\n    command: npx\n    args: [-y, "@modelcontextprotocol/server-github"]\n    secrets: { GITHUB_PERSONAL_ACCESS_TOKEN: github/token }\n';

describe('keyward gateway add', () => {
  it('replaces a Claude Desktop entry with one that starts the gateway, hiding the old values', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const token = fakeToken('ghp_', 36, 12);
      const claudeDir = join(dir, 'home', '.config', 'Claude');
      await mkdir(claudeDir, { recursive: true });
      const file = join(claudeDir, 'claude_desktop_config.json');
      await writeFile(file, JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', 'server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } }, other: { command: 'x' } } }, null, 2));
      await writeFile(join(dir, 'keyward.gateway.yaml'), CONFIG);
      const r = await run(['gateway', 'add', '--host', 'claude-desktop', '--name', 'github', '--home', join(dir, 'home'), '--launcher', 'keyward'], { cwd: dir, env: { HOME: join(dir, 'home'), KEYWARD_HOME: join(dir, 'kw') } });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('replaced mcpServers.github');
      expect(r.stdout).not.toContain(token);
      const written = JSON.parse(await readFile(file, 'utf8'));
      expect(written.mcpServers.github).toEqual({ command: 'keyward', args: ['gateway', '--config', join(dir, 'keyward.gateway.yaml'), '--server', 'github'] });
      expect(written.mcpServers.other).toEqual({ command: 'x' });
      expect(JSON.stringify(written)).not.toContain(token);
    } finally {
      await cleanup();
    }
  });

  it('writes a VS Code entry with its stdio type, keeping comments', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const userDir = join(dir, 'home', '.config', 'Code', 'User');
      await mkdir(userDir, { recursive: true });
      const file = join(userDir, 'mcp.json');
      await writeFile(file, '{\n  // my servers\n  "servers": {}\n}\n');
      await writeFile(join(dir, 'keyward.gateway.yaml'), CONFIG);
      const r = await run(['gateway', 'add', '--host', 'vscode', '--name', 'github', '--home', join(dir, 'home'), '--launcher', 'keyward'], { cwd: dir, env: { HOME: join(dir, 'home'), KEYWARD_HOME: join(dir, 'kw') } });
      expect(r.exitCode).toBe(0);
      const text = await readFile(file, 'utf8');
      expect(text).toContain('// my servers');
      expect(parse(text).servers.github).toMatchObject({ type: 'stdio', command: 'keyward' });
    } finally {
      await cleanup();
    }
  });

  it('starts keyward by absolute path by default, backs the old file up and restore puts it back', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const token = fakeToken('ghp_', 36, 13);
      const cursorDir = join(dir, 'home', '.cursor');
      await mkdir(cursorDir, { recursive: true });
      const file = join(cursorDir, 'mcp.json');
      const original = `{\n  "mcpServers": { "github": { "command": "npx", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" } } }\n}\n`;
      await writeFile(file, original, { mode: 0o640 });
      await writeFile(join(dir, 'keyward.gateway.yaml'), CONFIG);
      const env = { HOME: join(dir, 'home'), KEYWARD_HOME: join(dir, 'kw') };
      const r = await run(['gateway', 'add', '--host', 'cursor', '--name', 'github', '--home', join(dir, 'home')], { cwd: dir, env });
      expect(r.exitCode).toBe(0);
      const entry = JSON.parse(await readFile(file, 'utf8')).mcpServers.github;
      expect(entry.command).toBe(process.execPath);
      expect(entry.args.slice(1)).toEqual(['gateway', '--config', join(dir, 'keyward.gateway.yaml'), '--server', 'github']);
      expect((await stat(file)).mode & 0o777).toBe(0o640);
      const backupId = /backup: (\S+)/.exec(r.stdout)?.[1];
      expect(backupId).toBeDefined();
      const restored = await run(['restore', backupId!], { cwd: dir, env });
      expect(restored.exitCode).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(original);
    } finally {
      await cleanup();
    }
  });

  it('refuses a server the gateway config does not have, and an unknown host', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFile(join(dir, 'keyward.gateway.yaml'), CONFIG);
      const r1 = await run(['gateway', 'add', '--host', 'cursor', '--name', 'nope', '--home', dir], { cwd: dir, env: {} });
      expect(r1.exitCode).toBe(2);
      expect(r1.stderr).toContain('no server named nope');
      const r2 = await run(['gateway', 'add', '--host', 'notahost', '--name', 'github', '--home', dir], { cwd: dir, env: {} });
      expect(r2.exitCode).toBe(2);
      expect(r2.stderr).toContain('unknown host "notahost"');
    } finally {
      await cleanup();
    }
  });
});
