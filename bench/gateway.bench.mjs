#!/usr/bin/env node
// Gateway overhead: tool-call round trips to @modelcontextprotocol/server-everything, direct and through
// `keyward gateway` (built dist, redaction and audit log on), over stdio and streamable HTTP, at concurrency 1
// and 32, with a 4 KB result (the `echo` tool echoing a 4 KB string). Prints added latency p50/p99 and
// throughput. Two clients drive the same paths in the same run: the SDK's own client (what a host runs; its
// fetch + zod cost is part of every number) and a minimal JSON-RPC client (keep-alive node:http agent, or
// newline-delimited JSON on a child's pipes) that leaves the CPU to the gateway, so its capacity shows.
// Usage: node bench/gateway.bench.mjs [--calls N] [--client sdk|raw|both] [--json]
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
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
const CLIENTS = (() => {
  const i = args.indexOf('--client');
  const v = i >= 0 ? args[i + 1] : 'both';
  return v === 'both' ? ['sdk', 'raw'] : [v];
})();
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

async function connect(transport, pid) {
  const client = new Client({ name: 'keyward-bench', version: '1' });
  await client.connect(transport);
  return { pid: pid === false ? undefined : (pid ?? transport.pid ?? undefined), callTool: (params) => client.callTool(params), close: () => client.close() };
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid) {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const INIT_PARAMS = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'keyward-bench-raw', version: '1' } };

/** The least a streamable-HTTP client can do: POST JSON-RPC on kept-alive sockets, read JSON or SSE answers. */
async function rawHttp(url, headers = {}, pid = undefined) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port, pathname } = new URL(url);
  const base = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers };
  let nextId = 1;
  const post = (body, extra = {}, method = 'POST') =>
    new Promise((res, rej) => {
      const req = request({ host: hostname, port, path: pathname, method, agent, headers: { ...base, ...extra } }, (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => res({ status: r.statusCode, headers: r.headers, text: Buffer.concat(chunks).toString('utf8') }));
        r.on('error', rej);
      });
      req.on('error', rej);
      req.end(body);
    });
  const answer = (r, id) => {
    if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.text.slice(0, 200)}`);
    if (!String(r.headers['content-type']).includes('text/event-stream')) return JSON.parse(r.text);
    for (const line of r.text.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const m = JSON.parse(line.slice(5));
      if (m.id === id) return m;
    }
    throw new Error('no answer in the event stream');
  };
  const init = await post(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: INIT_PARAMS }));
  answer(init, 0);
  const session = { 'mcp-session-id': init.headers['mcp-session-id'], 'mcp-protocol-version': INIT_PARAMS.protocolVersion };
  await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), session);
  return {
    pid,
    async callTool(params) {
      const id = nextId++;
      const m = answer(await post(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }), session), id);
      if (m.error) throw new Error(m.error.message);
      return m.result;
    },
    async close() {
      await post('', session, 'DELETE').catch(() => undefined);
      agent.destroy();
    },
  };
}

/** The least a stdio client can do: newline-delimited JSON-RPC on the child's pipes, answers matched by id. */
async function rawStdio(command, argv, env) {
  const child = spawn(command, argv, { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map();
  let buf = '';
  let nextId = 1;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trim()) continue;
      const m = JSON.parse(line);
      if (m.id !== undefined && 'method' in m === false) waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    }
  });
  const call = (method, params) => {
    const id = nextId++;
    return new Promise((res) => {
      waiting.set(id, res);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  };
  await call('initialize', INIT_PARAMS);
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return {
    pid: child.pid,
    async callTool(params) {
      const m = await call('tools/call', params);
      if (m.error) throw new Error(m.error.message);
      return m.result;
    },
    async close() {
      child.stdin.end();
      child.kill();
    },
  };
}

async function measure(client, calls, concurrency) {
  const expected = `Echo: ${PAYLOAD}`;
  // Warm-up: JIT, connection pools, first-call paths.
  for (let i = 0; i < 100; i++) await client.callTool({ name: 'echo', arguments: { message: PAYLOAD } });
  const lat = [];
  let next = 0;
  const cpu0 = cpuMs(client.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next++;
        const s = performance.now();
        const r = await client.callTool({ name: 'echo', arguments: { message: PAYLOAD } });
        lat.push(performance.now() - s);
        if (r.content[0].text !== expected) throw new Error(`unexpected echo result: ${JSON.stringify(r).slice(0, 200)}`);
      }
    }),
  );
  const total = performance.now() - t0;
  const cpu1 = cpuMs(client.pid);
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
  // The gateway's own CPU per call: unlike calls/s it does not depend on what else the machine is running.
  const cpuPerCall = cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / calls;
  return { p50: pct(50), p99: pct(99), rps: (calls / total) * 1000, cpuPerCall };
}

// A streamable-HTTP server that does nothing but answer (echo), with JSON: what a client can do at best here.
const STUB = `
const http = require('node:http');
http.createServer({ noDelay: true }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const m = JSON.parse(Buffer.concat(chunks).toString());
    if (m.id === undefined) return void res.writeHead(202).end();
    const result = m.method === 'initialize'
      ? { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'stub', version: '1' } }
      : m.method === 'tools/call' ? { content: [{ type: 'text', text: 'Echo: ' + m.params.arguments.message }] } : {};
    res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'stub' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.error('stub listening'));
`;

async function main() {
  const logFile = join(work, 'gateway.jsonl');
  const httpPort = await freePort();
  await startProcess(EVERYTHING, ['streamableHttp'], { PORT: String(httpPort) }, /listening|running/i);
  const gwPort = await freePort();
  const configFile = join(work, 'keyward.gateway.yaml');
  writeFileSync(configFile, `servers:\n  everything:\n    url: http://127.0.0.1:${httpPort}/mcp\n`);
  const gwHttp = await startProcess(
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
  const gwFront = await startProcess(
    process.execPath,
    [BIN, 'gateway', '--http', '--port', String(gwStdioPort), '--token', TOKEN, '--config', stdioConfig, '--log', join(work, 'http-front.jsonl')],
    { KEYWARD_HOME: work },
    /listening on/,
  );

  const stubPort = await freePort();
  await startProcess(process.execPath, ['-e', STUB], { PORT: String(stubPort) }, /listening/);

  const gwStdio = [BIN, 'gateway', '--log', join(work, 'stdio.jsonl'), '--', EVERYTHING, 'stdio'];
  const gwEnv = { PATH: process.env.PATH, KEYWARD_HOME: work };
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const sdkHttp = (url, headers, pid) => connect(new StreamableHTTPClientTransport(new URL(url), headers ? { requestInit: { headers } } : {}), pid);
  const setups = {
    sdk: {
      'stdio direct': () => connect(new StdioClientTransport({ command: EVERYTHING, args: ['stdio'], stderr: 'ignore' }), false),
      'stdio gateway': () => connect(new StdioClientTransport({ command: process.execPath, args: gwStdio, env: gwEnv, stderr: 'ignore' })),
      'http direct': () => sdkHttp(`http://127.0.0.1:${httpPort}/mcp`),
      'http gateway': () => sdkHttp(`http://127.0.0.1:${gwPort}/mcp`, auth, gwHttp.pid),
      'http-front gateway': () => sdkHttp(`http://127.0.0.1:${gwStdioPort}/mcp`, auth, gwFront.pid),
      'http stub': () => sdkHttp(`http://127.0.0.1:${stubPort}/mcp`),
    },
    raw: {
      'stdio direct': async () => ({ ...(await rawStdio(EVERYTHING, ['stdio'], process.env)), pid: undefined }),
      'stdio gateway': () => rawStdio(process.execPath, gwStdio, gwEnv),
      'http direct': () => rawHttp(`http://127.0.0.1:${httpPort}/mcp`),
      'http gateway': () => rawHttp(`http://127.0.0.1:${gwPort}/mcp`, auth, gwHttp.pid),
      'http-front gateway': () => rawHttp(`http://127.0.0.1:${gwStdioPort}/mcp`, auth, gwFront.pid),
      'http stub': () => rawHttp(`http://127.0.0.1:${stubPort}/mcp`),
    },
  };
  const row = (client, transport, c, d, g) => ({
    client,
    transport,
    concurrency: c === 'c1' ? 1 : 32,
    directP50: d[c].p50,
    gatewayP50: g[c].p50,
    addedP50: g[c].p50 - d[c].p50,
    directP99: d[c].p99,
    gatewayP99: g[c].p99,
    addedP99: g[c].p99 - d[c].p99,
    directRps: d[c].rps,
    gatewayRps: g[c].rps,
    gatewayCpuMsPerCall: g[c].cpuPerCall,
  });
  const rows = [];
  const ceiling = {};
  for (const clientKind of CLIENTS) {
    const results = {};
    for (const [name, make] of Object.entries(setups[clientKind])) {
      const client = await make();
      results[name] = {
        c1: await measure(client, Math.min(CALLS, 1000), 1),
        c32: await measure(client, CALLS, 32),
      };
      await client.close();
    }
    ceiling[clientKind] = results['http stub'].c32.rps;
    for (const c of ['c1', 'c32']) {
      rows.push(row(clientKind, 'stdio', c, results['stdio direct'], results['stdio gateway']));
      rows.push(row(clientKind, 'http', c, results['http direct'], results['http gateway']));
      // HTTP front over a stdio child, compared with the direct stdio connection to the same server.
      rows.push(row(clientKind, 'http→stdio', c, results['stdio direct'], results['http-front gateway']));
    }
  }
  rows.sort((x, y) => CLIENTS.indexOf(x.client) - CLIENTS.indexOf(y.client) || x.transport.localeCompare(y.transport) || x.concurrency - y.concurrency);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify({ payloadBytes: PAYLOAD.length, calls: CALLS, loadavg: load, rows, clientCeilingRps: ceiling }, null, 2)}\n`);
    return;
  }
  const f = (n) => n.toFixed(2).padStart(8);
  console.log(`\nkeyward gateway overhead — echo tool, 4 KB result, redaction + audit log on, ${CALLS} calls at c=32 (1000 at c=1); ms; load average ${load}`);
  console.log('client transport   conc  direct p50  gw p50  added p50 | direct p99   gw p99  added p99 | direct calls/s  gw calls/s | gw CPU ms/call');
  for (const r of rows) {
    console.log(
      `${r.client.padEnd(6)} ${r.transport.padEnd(10)} ${String(r.concurrency).padStart(4)}  ${f(r.directP50)} ${f(r.gatewayP50)} ${f(r.addedP50)}  | ${f(r.directP99)} ${f(r.gatewayP99)} ${f(r.addedP99)}  | ${r.directRps.toFixed(0).padStart(13)} ${r.gatewayRps.toFixed(0).padStart(11)} | ${r.gatewayCpuMsPerCall === undefined ? '     -' : r.gatewayCpuMsPerCall.toFixed(3).padStart(6)}`,
    );
  }
  console.log(
    `client ceiling, c=32 against a stub HTTP server that only echoes (no gateway): ${CLIENTS.map((k) => `${k} ${ceiling[k].toFixed(0)} calls/s`).join(', ')}`,
  );
  for (const clientKind of CLIENTS) {
    const mine = rows.filter((r) => r.client === clientKind);
    const c1 = mine.filter((r) => r.concurrency === 1);
    const httpRps = Math.max(...mine.filter((r) => r.transport !== 'stdio' && r.concurrency === 32).map((r) => r.gatewayRps));
    console.log(
      `targets (${clientKind} client): p99 added < 2 ms at c=1 → ${c1.map((r) => `${r.transport} ${r.addedP99.toFixed(2)} ms`).join(', ')}; ` +
        `≥ 1000 calls/s over HTTP → ${httpRps.toFixed(0)} calls/s`,
    );
  }
}

try {
  await main();
} finally {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
