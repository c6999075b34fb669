#!/usr/bin/env node
// What the gateway policy costs per call (allow path: hidden → pin → rate limit → ajv validation → approval
// triggers with the shell patterns), measured on the built policy with a real `run`-style schema, and end to
// end: fixture echo over the HTTP front with and without the policy, in the same run. These are timings, so they
// live here and not in the unit tests (a busy 2-core machine made a timed test fail).
// Usage: node bench/policy.bench.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const ROOT = resolve(import.meta.dirname, '..');
const dist = (p) => import(join(ROOT, 'dist', p));
const { validateGatewayConfig, parseGatewayConfig } = await dist('gateway/config.js');
const { createGatewayPolicy } = await dist('gateway/policy/policy.js');
const { sanitizeToolResult } = await dist('gateway/policy/sanitize.js');
const { Gateway } = await dist('gateway/gateway.js');
const FIXTURE = join(ROOT, 'test/policy/fixtures/policy-server.mjs');

const echo = {
  name: 'run',
  description: 'Runs a command',
  inputSchema: {
    type: 'object',
    properties: { command: { type: 'string' }, cwd: { type: 'string' }, timeout: { type: 'number', minimum: 0 } },
    required: ['command'],
    additionalProperties: false,
  },
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
const home = mkdtempSync(join(tmpdir(), 'keyward-policy-bench-'));

try {
  const parsed = validateGatewayConfig(
    { servers: { s: { command: 'x', policy: { deny: ['delete_*'], rateLimit: { '*': '1000000/s' }, approve: { shell: true, tools: ['admin_*'] } } } } },
    'bench',
  );
  if ('errors' in parsed) throw new Error(parsed.errors.join());
  const built = createGatewayPolicy(parsed.config, { dataDir: home, report: () => undefined });
  if ('errors' in built) throw new Error(built.errors.join());
  const policy = built.policy;
  await policy.filterTools('s', [echo]);
  const call = {
    sessionId: 'b', server: 's', tool: 'run', descriptor: echo, host: {}, signal: new AbortController().signal,
    arguments: { command: 'npm test -- --reporter dot', cwd: '/work/project', timeout: 30 },
  };
  const times = [];
  for (let i = 0; i < 5000; i++) {
    const t0 = performance.now();
    const d = await policy.beforeToolCall(call);
    times.push(performance.now() - t0);
    if (d.action !== 'allow') throw new Error(JSON.stringify(d));
  }
  const text = 'line of build output \x1b[32mok\x1b[0m\n'.repeat(120); // ~4 KB
  const st = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    sanitizeToolResult({ content: [{ type: 'text', text }] });
    st.push(performance.now() - t0);
  }
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) await policy.filterTools('s', [echo]);
  const pinMs = (performance.now() - t0) / 200;
  await policy.close();

  const yaml = `servers:\n  fx:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(FIXTURE)}]\n    policy: { deny: [delete_all], rateLimit: { "*": "100000/s" }, approve: { shell: true } }\n`;
  const gwParsed = parseGatewayConfig(yaml, 'bench.yaml');
  if ('errors' in gwParsed) throw new Error(gwParsed.errors.join());
  const token = 'x'.repeat(32);
  const roundTrips = async (withPolicy) => {
    const p = createGatewayPolicy(gwParsed.config, { dataDir: home, report: () => undefined });
    if ('errors' in p) throw new Error(p.errors.join());
    const gw = new Gateway({ config: gwParsed.config, policy: withPolicy ? p.policy : undefined });
    const front = await gw.serveHttp(0, token);
    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${front.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    await client.listTools();
    const xs = [];
    for (let i = 0; i < 530; i++) {
      const s = performance.now();
      await client.callTool({ name: 'echo', arguments: { text: `call ${i}` } });
      if (i >= 30) xs.push(performance.now() - s);
    }
    await client.close();
    await gw.close();
    await p.policy.close();
    return xs;
  };
  const without = await roundTrips(false);
  const withPolicy = await roundTrips(true);

  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(`load average ${loadavg()[0].toFixed(2)}`);
  console.log('| measure | p50 | p99 |');
  console.log('| --- | ---: | ---: |');
  console.log(`| beforeToolCall, allow path (5000 calls) | ${us(percentile(times, 50))} | ${us(percentile(times, 99))} |`);
  console.log(`| sanitise a 4 KB result | ${us(percentile(st, 50))} | ${us(percentile(st, 99))} |`);
  console.log(`| filterTools with the pin file read (mean) | ${us(pinMs)} | |`);
  console.log(`| echo round trip over HTTP, no policy | ${ms(percentile(without, 50))} | ${ms(percentile(without, 99))} |`);
  console.log(`| echo round trip over HTTP, with policy | ${ms(percentile(withPolicy, 50))} | ${ms(percentile(withPolicy, 99))} |`);
  const added = percentile(withPolicy, 50) - percentile(without, 50);
  console.log(`policy adds ${ms(added)} at p50 per round trip (target < 1 ms); allow-path p99 target < 1 ms: ${percentile(times, 99) < 1 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
