// The HTTP front's gates: bearer token (constant-time), Origin and Host checks against DNS rebinding, and the
// token file created on first run with mode 600.
import { request } from 'node:http';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { loadOrCreateToken } from '../../src/gateway/paths.js';
import { isLocalOrigin, tokenMatches, type HttpFront } from '../../src/gateway/transports/http.js';
import { CRASHY, connectHttp, tempDir } from './helpers.js';

const TOKEN = fakeToken('', 43, 99);
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

function post(port: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        // SSE answers stay open: the status is all we need.
        if (res.headers['content-type']?.includes('text/event-stream')) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        }
      },
    );
    req.on('error', reject);
    req.end(INIT);
  });
}

describe('HTTP front gates', () => {
  let gw: Gateway;
  let front: HttpFront;
  beforeAll(async () => {
    const parsed = parseGatewayConfig(`servers:\n  crashy:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(CRASHY)}]\n`, 't.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join());
    gw = new Gateway({ config: parsed.config, report: (l) => console.error(l) });
    front = await gw.serveHttp(0, TOKEN);
  });
  afterAll(async () => gw.close());

  it('refuses a request without a bearer token, or with a wrong one (401)', async () => {
    expect((await post(front.port, {})).status).toBe(401);
    expect((await post(front.port, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` })).status).toBe(401);
    expect((await post(front.port, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host header even with the right token (403)', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await post(front.port, { ...auth, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(front.port, { ...auth, origin: 'null' })).status).toBe(403);
    expect((await post(front.port, { ...auth, host: `evil.example:${front.port}` })).status).toBe(403);
    expect((await post(front.port, { ...auth, host: `127.0.0.1:${front.port + 1}` })).status).toBe(403);
  });

  it('accepts the right token with a local Origin', async () => {
    const r = await post(front.port, { authorization: `Bearer ${TOKEN}`, origin: `http://localhost:${front.port}` });
    expect(r.status).toBe(200);
  });

  it('starts no session (and no server) for a first POST that is not an initialize', async () => {
    const before = gw.sessions.size;
    const r = await fetch(`${front.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(r.status).toBe(400);
    expect(gw.sessions.size).toBe(before);
  });

  it('serves a real SDK client that presents the token', async () => {
    const c = await connectHttp(front.url, TOKEN);
    const tools = await c.client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('ok');
    await c.close();
  });

  it('classifies origins and compares tokens exactly', () => {
    expect(isLocalOrigin('http://127.0.0.1:3000')).toBe(true);
    expect(isLocalOrigin('http://[::1]:3000')).toBe(true);
    expect(isLocalOrigin('http://localhost')).toBe(true);
    expect(isLocalOrigin('http://localhost.evil.example')).toBe(false);
    expect(isLocalOrigin('http://127.0.0.1.nip.io')).toBe(false);
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
  });
});

describe('idle HTTP sessions', () => {
  it('closes a session with no open connection after the idle time, stopping its children', async () => {
    const parsed = parseGatewayConfig(`servers:\n  crashy:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(CRASHY)}]\n`, 't.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join());
    const gw = new Gateway({ config: parsed.config });
    const front = await gw.serveHttp(0, TOKEN, 300);
    try {
      const r = await fetch(`${front.url}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: INIT,
      });
      const sid = r.headers.get('mcp-session-id');
      await r.text();
      expect(sid).toBeTruthy();
      expect(front.sessions()).toBe(1);
      expect(gw.sessions.size).toBe(1);
      await new Promise((res) => setTimeout(res, 900));
      expect(front.sessions()).toBe(0);
      expect(gw.sessions.size).toBe(0);
      const again = await fetch(`${front.url}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'mcp-session-id': sid!, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      });
      expect(again.status).toBe(404);
    } finally {
      await gw.close();
    }
  });
});

describe('bearer token file', () => {
  it('is generated once, stored with mode 600 and reused', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const first = loadOrCreateToken(join(dir, 'data'));
      expect(first.created).toBe(true);
      expect(first.token.length).toBeGreaterThanOrEqual(40);
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
      const second = loadOrCreateToken(join(dir, 'data'));
      expect(second.created).toBe(false);
      expect(second.token).toBe(first.token);
    } finally {
      await cleanup();
    }
  });
});
