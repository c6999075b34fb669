#!/usr/bin/env node
// Gateway overhead: tool-call round trips from the SDK client to @modelcontextprotocol/server-everything, direct
// and through `keyward gateway` (built dist, redaction on), over stdio and streamable HTTP, at concurrency 1 and
// 32, with a 4 KB result (the `echo` tool echoing a 4 KB string). Prints added latency p50/p99 and throughput.
// Usage: node bench/gateway.bench.mjs [--calls N] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist/cli/bin.js');
const EVERYTHING = join(ROOT, 'node_modules/.bin/mcp-server-everything');
const args = process.argv.slice(2);
const CALLS = Number(args[args.indexOf('--calls') + 1]) || 2000;
const JSON_OUT = args.includes('--json');
const PAYLOAD = 'abcdefghijklmnopqrstuvwxyz0123456789 '.repeat(111).slice(0, 4096);
// A fixed token: the gateway only checks it; generated per run would do as well.
const TOKEN = 'bench-token-0123456789abcdefghijklmnop';

const work = mkdtempSync(join(tmpdir(), 'keyward-gw-bench-'));
const children = [];

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startProcess(command, argv, env, readyPattern) {
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let err = '';
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${command} did not start: ${err}`)), 20_000);
    child.stderr.on('data', (c) => {
      err += c;
      if (readyPattern.test(err)) {
        clearTimeout(timer);
        res();
      }
    });
    child.once('exit', (code) => rej(new Error(`${command} exited ${code}: ${err}`)));
  });
  return child;
}

async function connect(transport) {
  const client = new Client({ name: 'keyward-bench', version: '1' });
  await client.connect(transport);
  return client;
}

async function measure(client, calls, concurrency) {
  const expected = `Echo: ${PAYLOAD}`;
  // Warm-up: JIT, connection pools, first-call paths.
  for (let i = 0; i < 100; i++) await client.callTool({ name: 'echo', arguments: { message: PAYLOAD } });
  const lat = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next++;
        const s = performance.now();
        const r = await client.callTool({ name: 'echo', arguments: { message: PAYLOAD } });
        lat.push(performance.now() - s);
        if (r.content[0].text !== expected) throw new Error('unexpected echo result');
      }
    }),
  );
  const total = performance.now() - t0;
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
  return { p50: pct(50), p99: pct(99), rps: (calls / total) * 1000 };
}

async function main() {
  const logFile = join(work, 'gateway.jsonl');
  const httpPort = await freePort();
  await startProcess(EVERYTHING, ['streamableHttp'], { PORT: String(httpPort) }, /listening|running/i);
  const gwPort = await freePort();
  const configFile = join(work, 'keyward.gateway.yaml');
  writeFileSync(configFile, `servers:\n  everything:\n    url: http://127.0.0.1:${httpPort}/mcp\n`);
  await startProcess(
    process.execPath,
    [BIN, 'gateway', '--http', '--port', String(gwPort), '--token', TOKEN, '--config', configFile, '--log', logFile],
    { KEYWARD_HOME: work },
    /listening on/,
  );

  // The same HTTP front with server-everything as a stdio child: the gateway's own HTTP cost, without the
  // everything server's HTTP transport (slow on its own, see "http direct").
  const gwStdioPort = await freePort();
  const stdioConfig = join(work, 'stdio.gateway.yaml');
  writeFileSync(stdioConfig, `servers:\n  everything:\n    command: ${JSON.stringify(EVERYTHING)}\n    args: [stdio]\n`);
  await startProcess(
    process.execPath,
    [BIN, 'gateway', '--http', '--port', String(gwStdioPort), '--token', TOKEN, '--config', stdioConfig, '--log', logFile],
    { KEYWARD_HOME: work },
    /listening on/,
  );

  const setups = {
    'stdio direct': () => new StdioClientTransport({ command: EVERYTHING, args: ['stdio'], stderr: 'ignore' }),
    'stdio gateway': () =>
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'gateway', '--log', logFile, '--', EVERYTHING, 'stdio'],
        env: { PATH: process.env.PATH, KEYWARD_HOME: work },
        stderr: 'ignore',
      }),
    'http direct': () => new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${httpPort}/mcp`)),
    'http gateway': () =>
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${gwPort}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    'http-front gateway': () =>
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${gwStdioPort}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
  };
  const results = {};
  for (const [name, make] of Object.entries(setups)) {
    const client = await connect(make());
    results[name] = {
      c1: await measure(client, Math.min(CALLS, 1000), 1),
      c32: await measure(client, CALLS, 32),
    };
    await client.close();
  }

  const f = (n) => n.toFixed(2).padStart(8);
  const rows = [];
  for (const kind of ['stdio', 'http']) {
    const d = results[`${kind} direct`];
    const g = results[`${kind} gateway`];
    for (const c of ['c1', 'c32']) {
      rows.push({
        transport: kind,
        concurrency: c === 'c1' ? 1 : 32,
        directP50: d[c].p50,
        gatewayP50: g[c].p50,
        addedP50: g[c].p50 - d[c].p50,
        directP99: d[c].p99,
        gatewayP99: g[c].p99,
        addedP99: g[c].p99 - d[c].p99,
        directRps: d[c].rps,
        gatewayRps: g[c].rps,
      });
    }
  }
  // HTTP front over a stdio child, compared with the direct stdio connection to the same server.
  for (const c of ['c1', 'c32']) {
    const d = results['stdio direct'];
    const g = results['http-front gateway'];
    rows.push({
      transport: 'http→stdio',
      concurrency: c === 'c1' ? 1 : 32,
      directP50: d[c].p50,
      gatewayP50: g[c].p50,
      addedP50: g[c].p50 - d[c].p50,
      directP99: d[c].p99,
      gatewayP99: g[c].p99,
      addedP99: g[c].p99 - d[c].p99,
      directRps: d[c].rps,
      gatewayRps: g[c].rps,
    });
  }
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify({ payloadBytes: PAYLOAD.length, calls: CALLS, rows }, null, 2)}\n`);
    return;
  }
  console.log(`\nkeyward gateway overhead — echo tool, 4 KB result, redaction on, ${CALLS} calls at c=32 (1000 at c=1); ms`);
  console.log('transport   conc  direct p50  gw p50  added p50 | direct p99   gw p99  added p99 | direct calls/s  gw calls/s');
  for (const r of rows) {
    console.log(
      `${r.transport.padEnd(10)} ${String(r.concurrency).padStart(4)}  ${f(r.directP50)} ${f(r.gatewayP50)} ${f(r.addedP50)}  | ${f(r.directP99)} ${f(r.gatewayP99)} ${f(r.addedP99)}  | ${r.directRps.toFixed(0).padStart(13)} ${r.gatewayRps.toFixed(0).padStart(11)}`,
    );
  }
  const c1 = rows.filter((r) => r.concurrency === 1);
  const httpRps = Math.max(...rows.filter((r) => r.transport !== 'stdio' && r.concurrency === 32).map((r) => r.gatewayRps));
  console.log(
    `\ntargets: p99 added < 2 ms at c=1 → ${c1.map((r) => `${r.transport} ${r.addedP99.toFixed(2)} ms`).join(', ')}; ` +
      `≥ 1000 calls/s over HTTP → ${httpRps.toFixed(0)} calls/s`,
  );
}

try {
  await main();
} finally {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
