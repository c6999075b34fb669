// Remote upstreams: a streamable HTTP server on loopback (an SDK server that records what reaches it). Its token
// comes from the store into a header — never the URL — the host's own bearer token is never passed on, and the
// token is masked when the server echoes it back.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { MemoryStore, connectHttp, textOf, type Connected } from './helpers.js';

const REMOTE_TOKEN = fakeToken('rk_', 32, 41);
const HOST_TOKEN = fakeToken('', 40, 42);

describe('remote streamable HTTP upstream', () => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let remote: ReturnType<typeof createServer>;
  let gw: Gateway;
  let c: Connected;

  beforeAll(async () => {
    remote = createServer(async (req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      // Stateless: one server + transport per request, as the SDK documents for simple remote servers.
      const server = new Server({ name: 'remote-echo', version: '1' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, async () => ({
        tools: [{ name: 'whoami', description: 'echoes the Authorization header it received', inputSchema: { type: 'object' } }],
      }));
      server.setRequestHandler(CallToolRequestSchema, async () => ({
        content: [{ type: 'text', text: `you sent ${req.headers.authorization}` }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      await server.connect(transport);
      await transport.handleRequest(req, res);
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    const port = (remote.address() as AddressInfo).port;
    const parsed = parseGatewayConfig(
      `servers:\n  remote:\n    url: http://127.0.0.1:${port}/mcp\n    headers:\n      Authorization: { secret: remote/auth }\n`,
      'remote.yaml',
    );
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    gw = new Gateway({ config: parsed.config, store: new MemoryStore({ 'remote/auth': `Bearer ${REMOTE_TOKEN}` }) });
    const front = await gw.serveHttp(0, HOST_TOKEN);
    c = await connectHttp(front.url, HOST_TOKEN);
  }, 30_000);

  afterAll(async () => {
    await c?.close();
    await gw?.close();
    remote?.close();
  });

  it('sends the store token as a header, never in the URL, and never the host token', async () => {
    const tools = await c.client.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(['whoami']);
    const out = textOf(await c.client.callTool({ name: 'whoami', arguments: {} }));
    expect(seen.length).toBeGreaterThan(0);
    for (const r of seen) {
      expect(r.headers.authorization).toBe(`Bearer ${REMOTE_TOKEN}`);
      expect(r.url).not.toContain(REMOTE_TOKEN);
      expect(JSON.stringify(r.headers)).not.toContain(HOST_TOKEN);
    }
    // The echoed header comes back masked.
    expect(out).not.toContain(REMOTE_TOKEN);
    expect(out).toContain('[REDACTED:injected:Authorization]');
  });
});

describe('remote legacy SSE upstream', () => {
  let remote: ReturnType<typeof createServer>;
  let gw: Gateway;
  let c: Connected;
  const auth: (string | undefined)[] = [];

  beforeAll(async () => {
    const sessions = new Map<string, SSEServerTransport>();
    remote = createServer(async (req, res) => {
      auth.push(req.headers.authorization);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/sse') {
        const t = new SSEServerTransport('/messages', res);
        sessions.set(t.sessionId, t);
        const server = new Server({ name: 'legacy', version: '1' }, { capabilities: { tools: {} } });
        server.setRequestHandler(ListToolsRequestSchema, async () => ({
          tools: [{ name: 'ping-back', description: 'answers pong', inputSchema: { type: 'object' } }],
        }));
        server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
        await server.connect(t);
        return;
      }
      const t = sessions.get(url.searchParams.get('sessionId') ?? '');
      if (!t) {
        res.writeHead(404).end();
        return;
      }
      await t.handlePostMessage(req, res);
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    const port = (remote.address() as AddressInfo).port;
    const parsed = parseGatewayConfig(
      `servers:\n  legacy:\n    url: http://127.0.0.1:${port}/sse\n    transport: sse\n    headers:\n      Authorization: { secret: legacy/auth }\n`,
      'legacy.yaml',
    );
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    gw = new Gateway({ config: parsed.config, store: new MemoryStore({ 'legacy/auth': `Bearer ${REMOTE_TOKEN}` }) });
    const front = await gw.serveHttp(0, HOST_TOKEN);
    c = await connectHttp(front.url, HOST_TOKEN);
  }, 30_000);

  afterAll(async () => {
    await c?.close();
    await gw?.close();
    remote?.closeAllConnections();
    remote?.close();
  });

  it('speaks to an HTTP+SSE server through the guarded fetch, with the store token on every request', async () => {
    expect((await c.client.listTools()).tools.map((t) => t.name)).toEqual(['ping-back']);
    expect(textOf(await c.client.callTool({ name: 'ping-back', arguments: {} }))).toBe('pong');
    expect(auth.length).toBeGreaterThan(1);
    expect(auth.every((a) => a === `Bearer ${REMOTE_TOKEN}`)).toBe(true);
  });
});

describe('remote upstream that restarts and forgets its sessions', () => {
  it('fails the call in flight clearly, reconnects with a new session and serves the next call', async () => {
    let sessions = new Map<string, StreamableHTTPServerTransport>();
    const remote = createServer(async (req, res) => {
      const sid = req.headers['mcp-session-id'];
      if (typeof sid === 'string') {
        const t = sessions.get(sid);
        if (!t) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
          return;
        }
        return t.handleRequest(req, res);
      }
      const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => void sessions.set(id, t) });
      const server = new Server({ name: 'stateful', version: '1' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'hello', inputSchema: { type: 'object' } }] }));
      server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: `hello from ${t.sessionId}` }] }));
      await server.connect(t);
      await t.handleRequest(req, res);
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    const port = (remote.address() as AddressInfo).port;
    const parsed = parseGatewayConfig(`servers:\n  stateful:\n    url: http://127.0.0.1:${port}/mcp\n`, 's.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    const gw = new Gateway({ config: parsed.config });
    const front = await gw.serveHttp(0, HOST_TOKEN);
    const c = await connectHttp(front.url, HOST_TOKEN);
    try {
      const first = textOf(await c.client.callTool({ name: 'hello', arguments: {} }));
      sessions = new Map(); // the remote "restarts"
      await expect(c.client.callTool({ name: 'hello', arguments: {} })).rejects.toThrow(/server stateful/);
      let second = '';
      for (let i = 0; i < 50 && !second; i++) {
        await new Promise((r) => setTimeout(r, 100));
        second = await c.client.callTool({ name: 'hello', arguments: {} }).then(textOf, () => '');
      }
      expect(second).toMatch(/^hello from /);
      expect(second).not.toBe(first);
    } finally {
      await c.close();
      await gw.close();
      remote.closeAllConnections();
      remote.close();
    }
  });
});
