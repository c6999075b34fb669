// What the policy checks cost per call (allow path: hidden → pin → rate limit → ajv validation → approval
// triggers incl. the shell patterns), measured on the policy itself with server-everything's real echo schema.
// Printed for the docs; the bound is loose so a busy 2-core machine does not fail it.
import { describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../../src/gateway/config.js';
import type { ToolDescriptor } from '../../src/gateway/hooks.js';
import { createGatewayPolicy } from '../../src/gateway/policy/policy.js';
import { sanitizeToolResult } from '../../src/gateway/policy/sanitize.js';
import { tempDir } from './helpers.js';

const echo: ToolDescriptor = {
  name: 'run',
  description: 'Runs a command',
  inputSchema: {
    type: 'object',
    properties: { command: { type: 'string' }, cwd: { type: 'string' }, timeout: { type: 'number', minimum: 0 } },
    required: ['command'],
    additionalProperties: false,
  },
};

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

describe('policy overhead', () => {
  it('checks an allowed call in well under a millisecond (p99)', async () => {
    const home = await tempDir();
    try {
      const parsed = validateGatewayConfig(
        { servers: { s: { command: 'x', policy: { deny: ['delete_*'], rateLimit: { '*': '1000000/s' }, approve: { shell: true, tools: ['admin_*'] } } } } },
        'bench',
      );
      if ('errors' in parsed) throw new Error(parsed.errors.join());
      const built = createGatewayPolicy(parsed.config, { dataDir: home.dir, report: () => undefined });
      if ('errors' in built) throw new Error(built.errors.join());
      const policy = built.policy;
      await policy.filterTools('s', [echo]);
      const call = {
        sessionId: 'b',
        server: 's',
        tool: 'run',
        arguments: { command: 'npm test -- --reporter dot', cwd: '/work/project', timeout: 30 },
        descriptor: echo,
        host: {},
        signal: new AbortController().signal,
      };
      const times: number[] = [];
      for (let i = 0; i < 3000; i++) {
        const t0 = performance.now();
        const d = await policy.beforeToolCall(call);
        times.push(performance.now() - t0);
        if (d.action !== 'allow') throw new Error(JSON.stringify(d));
      }
      const text = `${'line of build output \x1b[32mok\x1b[0m\n'.repeat(120)}`; // ~4 KB
      const st: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const t0 = performance.now();
        sanitizeToolResult({ content: [{ type: 'text', text }] });
        st.push(performance.now() - t0);
      }
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) await policy.filterTools('s', [echo]);
      const pinMs = (performance.now() - t0) / 200;
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      console.log(
        `policy beforeToolCall (allow path): p50 ${(p50 * 1000).toFixed(0)} µs, p99 ${(p99 * 1000).toFixed(0)} µs; ` +
          `sanitise 4 KB result: p50 ${(percentile(st, 50) * 1000).toFixed(0)} µs; filterTools with pin file read: ${(pinMs * 1000).toFixed(0)} µs`,
      );
      expect(p99).toBeLessThan(5);
      await policy.close();
    } finally {
      await home.cleanup();
    }
  }, 30_000);
});

describe('policy overhead through the gateway', () => {
  it('adds little to a tool-call round trip (fixture echo over the HTTP front, with vs. without the policy)', async () => {
    const { Gateway } = await import('../../src/gateway/gateway.js');
    const { parseGatewayConfig } = await import('../../src/gateway/config.js');
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    const { FIXTURE } = await import('./helpers.js');
    const home = await tempDir();
    const yaml = `servers:\n  fx:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(FIXTURE)}]\n    policy: { deny: [delete_all], rateLimit: { "*": "100000/s" }, approve: { shell: true } }\n`;
    const parsed = parseGatewayConfig(yaml, 'bench.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join());
    const measure = async (withPolicy: boolean): Promise<number[]> => {
      const built = createGatewayPolicy(parsed.config, { dataDir: home.dir, report: () => undefined });
      if ('errors' in built) throw new Error(built.errors.join());
      const gw = new Gateway({ config: parsed.config, policy: withPolicy ? built.policy : undefined });
      const front = await gw.serveHttp(0, 'x'.repeat(32));
      const client = new Client({ name: 'bench', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${front.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${'x'.repeat(32)}` } } }));
      await client.listTools();
      const times: number[] = [];
      for (let i = 0; i < 230; i++) {
        const t0 = performance.now();
        await client.callTool({ name: 'echo', arguments: { text: `call ${i}` } });
        if (i >= 30) times.push(performance.now() - t0);
      }
      await client.close();
      await gw.close();
      await built.policy.close();
      return times;
    };
    try {
      const without = await measure(false);
      const withP = await measure(true);
      const line = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms`;
      console.log(`gateway round trip, fixture echo over HTTP: without policy ${line(without)}; with policy ${line(withP)}`);
      expect(percentile(withP, 50) - percentile(without, 50)).toBeLessThan(5);
    } finally {
      await home.cleanup();
    }
  }, 60_000);
});
