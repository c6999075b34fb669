// The built `keyward gateway` (stdio front, a child process) with a policy in keyward.gateway.yaml and
// server-everything behind it: the denied tool is gone, a bad argument never reaches the server, and an
// approval announced on the gateway's stderr is answered from another process with `keyward approvals`.
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { EVERYTHING, ROOT, tempDir, textOf } from './helpers.js';

const BIN = join(ROOT, 'dist/cli/bin.js');

describe('keyward gateway (built binary) with a policy', () => {
  let home: Awaited<ReturnType<typeof tempDir>>;
  let client: Client;
  let stderr = '';
  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test builds first)');
    home = await tempDir();
    await writeFile(
      join(home.dir, 'keyward.gateway.yaml'),
      `servers:\n  everything:\n    command: ${JSON.stringify(EVERYTHING)}\n    policy:\n      deny: [get-env]\n      approve: { tools: [echo], timeoutSeconds: 20 }\n`,
    );
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'gateway', '--config', join(home.dir, 'keyward.gateway.yaml')],
      env: { PATH: process.env.PATH ?? '', KEYWARD_HOME: home.dir },
      cwd: home.dir,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    client = new Client({ name: 'policy-bin-test', version: '1' });
    await client.connect(transport);
  }, 30_000);
  afterAll(async () => {
    await client?.close();
    await home?.cleanup();
  });

  it('hides the denied tool and refuses it with the reason', async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('get-sum');
    expect(names).not.toContain('get-env');
    await expect(client.callTool({ name: 'get-env', arguments: {} })).rejects.toThrow(/denied by the gateway policy \(deny: get-env\)/);
  });

  it('rejects invalid arguments against the real inputSchema', async () => {
    await expect(client.callTool({ name: 'get-sum', arguments: { a: 'one', b: 2 } })).rejects.toThrow(/invalid arguments for get-sum: arguments\.a: must be number/);
    expect(textOf(await client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } }))).toContain('3');
  });

  it('holds an approval-required call until `keyward approvals approve` from another process', async () => {
    const call = client.callTool({ name: 'echo', arguments: { message: 'approved hello' } });
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      id = /keyward approvals approve ([0-9a-f]{12})/.exec(stderr)?.[1];
      if (!id) await new Promise((r) => setTimeout(r, 50));
    }
    expect(id).toBeDefined();
    expect(stderr).toMatch(/everything\/echo needs your approval \(approve: echo\): open http:\/\/127\.0\.0\.1:\d+\/a\//);
    const list = await run(['approvals', 'list', '--json'], { env: { KEYWARD_HOME: home.dir } });
    expect(JSON.parse(list.stdout)).toMatchObject([{ id, server: 'everything', tool: 'echo', arguments: { message: 'approved hello' } }]);
    expect((await run(['approvals', 'approve', id!], { env: { KEYWARD_HOME: home.dir } })).exitCode).toBe(0);
    expect(textOf(await call)).toContain('approved hello');
    // Pins were written for the server's tools.
    const pins = await run(['pins', 'list'], { env: { KEYWARD_HOME: home.dir } });
    expect(pins.stdout).toMatch(/^everything/);
    expect(pins.stdout).toMatch(/ {2}get-sum {2}[0-9a-f]{12}/);
  }, 30_000);
});
