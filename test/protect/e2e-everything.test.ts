// End to end: a Claude Desktop entry for the real @modelcontextprotocol/server-everything (stdio) with a
// plaintext token; protect it; start the entry as a host would, before and after, through the SDK client,
// and compare what the server sees in its environment (its `get-env` tool).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';

const repo = join(__dirname, '..', '..');
const BIN = join(repo, 'dist', 'cli', 'bin.js');
const SERVER = join(repo, 'node_modules', '.bin', 'mcp-server-everything');

let root: string;
let home: string;
let configPath: string;
let hostEnv: Record<string, string>;
const token = fakeToken('ghp_', 36, 77);

beforeAll(async () => {
  await fs.access(BIN).catch(() => {
    throw new Error(`${BIN} is missing: build first (npm run build)`);
  });
  root = await fs.mkdtemp(join(tmpdir(), 'keyward-e2e-'));
  home = join(root, 'home');
  configPath = join(home, '.config', 'Claude', 'claude_desktop_config.json');
  await fs.mkdir(dirname(configPath), { recursive: true });
  const config = {
    mcpServers: {
      everything: {
        command: SERVER,
        args: ['stdio'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: token, EVERYTHING_MODE: 'demo' },
      },
    },
  };
  await fs.writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // What the host process itself has: keyward finds its store through these.
  hostEnv = {
    HOME: home,
    PATH: process.env.PATH ?? '',
    KEYWARD_HOME: join(root, 'data'),
    KEYWARD_STORE_KEY: randomBytes(32).toString('hex'),
  };
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Starts the entry the way a host does (command + args, host env + entry env) and returns the server's env. */
async function serverEnvironment(): Promise<Record<string, string>> {
  const config = JSON.parse(await fs.readFile(configPath, 'utf8'));
  const entry = config.mcpServers.everything as { command: string; args: string[]; env?: Record<string, string> };
  const transport = new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...hostEnv, ...(entry.env ?? {}) }, stderr: 'pipe' });
  const client = new Client({ name: 'keyward-e2e', version: '0.0.0' });
  await client.connect(transport);
  try {
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('get-env');
    const result = await client.callTool({ name: 'get-env', arguments: {} });
    const text = (result.content as { type: string; text: string }[])[0].text;
    return JSON.parse(text) as Record<string, string>;
  } finally {
    await client.close();
  }
}

describe('protect end to end with server-everything', () => {
  it('the protected entry gives the server the same environment variables as the plaintext one', async () => {
    const before = await serverEnvironment();
    expect(before.GITHUB_PERSONAL_ACCESS_TOKEN).toBe(token);

    const r = await run(['protect', '--home', home, '--platform', 'linux', '--host', 'claude-desktop', '--store', 'file', '--yes', '--launcher', JSON.stringify([process.execPath, BIN])], { env: hostEnv });
    expect(r.exitCode, r.stderr).toBe(0);
    const text = await fs.readFile(configPath, 'utf8');
    expect(text).not.toContain(token);
    const entry = JSON.parse(text).mcpServers.everything;
    expect(entry.command).toBe(process.execPath);
    expect(entry.args).toEqual([BIN, 'run', '--store', 'file', '--secret', 'GITHUB_PERSONAL_ACCESS_TOKEN=keyward://claude-desktop/everything/GITHUB_PERSONAL_ACCESS_TOKEN', '--', SERVER, 'stdio']);
    expect(entry.env).toEqual({ EVERYTHING_MODE: 'demo' });

    const after = await serverEnvironment();
    expect(after.GITHUB_PERSONAL_ACCESS_TOKEN).toBe(token);
    expect(after.EVERYTHING_MODE).toBe('demo');
    // The store key reaches keyward run, never the server.
    expect(after.KEYWARD_STORE_KEY).toBeUndefined();
    for (const k of Object.keys(before)) if (!/^(_|KEYWARD_STORE_KEY)$/.test(k)) expect(after[k], k).toBe(before[k]);
  });
});
