// The lean streamable-HTTP server transport of the front: JSON answers for plain calls, SSE when a related
// message has to go out first, batches, the GET stream, DELETE, and the protocol's refusals (406/415/400/404/409).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { LeanStreamableHttpTransport } from '../../src/gateway/transports/streamable-http.js';

const ACCEPT = 'application/json, text/event-stream';
const INIT = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

/** A toy server behind the transport: any method is answered at once, `chatty` sends a related notification
 * first, `hang` is never answered. */
function wire(t: LeanStreamableHttpTransport, seen: JSONRPCMessage[]): void {
  t.onmessage = (m) => {
    seen.push(m);
    if (!('method' in m) || !('id' in m) || m.id === undefined) return;
    const id = m.id;
    if (m.method === 'hang') return;
    if (m.method === 'chatty') {
      void t.send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } }, { relatedRequestId: id });
      setTimeout(() => void t.send({ jsonrpc: '2.0', id, result: { done: true } }), 10);
      return;
    }
    void t.send({ jsonrpc: '2.0', id, result: { echo: m.method } });
  };
}

describe('lean streamable HTTP transport', () => {
  let server: Server;
  let base: string;
  let t: LeanStreamableHttpTransport;
  let seen: JSONRPCMessage[];
  let closed: number;
  let sid: string;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, 'mcp-session-id': sid, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeEach(async () => {
    seen = [];
    closed = 0;
    t = new LeanStreamableHttpTransport();
    wire(t, seen);
    t.onclose = () => void closed++;
    server = createServer((req, res) => void t.handleRequest(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    sid = '';
    const r = await post(INIT);
    expect(r.status).toBe(200);
    sid = r.headers.get('mcp-session-id')!;
    expect(sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.sessionId).toBe(sid);
    await r.json();
  });

  afterEach(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers a plain request with application/json and the session header', async () => {
    const r = await post({ jsonrpc: '2.0', id: 7, method: 'tools/list' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('mcp-session-id')).toBe(sid);
    expect(await r.json()).toEqual({ jsonrpc: '2.0', id: 7, result: { echo: 'tools/list' } });
  });

  it('switches to an event stream when a related message must go out before the response', async () => {
    const r = await post({ jsonrpc: '2.0', id: 'c1', method: 'chatty' });
    expect(r.headers.get('content-type')).toBe('text/event-stream');
    const events = (await r.text())
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
    expect(events).toEqual([
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } },
      { jsonrpc: '2.0', id: 'c1', result: { done: true } },
    ]);
  });

  it('answers a batch with an array once every request is answered', async () => {
    const r = await post([
      { jsonrpc: '2.0', id: 1, method: 'a' },
      { jsonrpc: '2.0', method: 'notifications/x' },
      { jsonrpc: '2.0', id: 2, method: 'b' },
    ]);
    const body = (await r.json()) as { id: number }[];
    expect(body.map((m) => m.id).sort()).toEqual([1, 2]);
    expect(seen.filter((m) => 'method' in m).map((m) => (m as { method: string }).method)).toEqual(['initialize', 'a', 'notifications/x', 'b']);
  });

  it('accepts notifications and responses with 202 and passes them on', async () => {
    const r = await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(r.status).toBe(202);
    expect(seen.at(-1)).toEqual({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const r2 = await post({ jsonrpc: '2.0', id: 'keyward-1', result: { action: 'accept' } });
    expect(r2.status).toBe(202);
    expect(seen.at(-1)).toEqual({ jsonrpc: '2.0', id: 'keyward-1', result: { action: 'accept' } });
  });

  it('carries unrelated server messages on the one GET stream; a second GET is refused', async () => {
    const controller = new AbortController();
    const g = await fetch(base, { headers: { accept: 'text/event-stream', 'mcp-session-id': sid }, signal: controller.signal });
    expect(g.status).toBe(200);
    expect(g.headers.get('content-type')).toBe('text/event-stream');
    const second = await fetch(base, { headers: { accept: 'text/event-stream', 'mcp-session-id': sid } });
    expect(second.status).toBe(409);
    await t.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    const reader = g.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/tools/list_changed"}\n\n');
    controller.abort();
  });

  it('refuses what the protocol refuses', async () => {
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'x' }, { accept: 'application/json' })).status).toBe(406);
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'x' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ id: 1, method: 'x' })).status).toBe(400);
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'x' }, { 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'x' }, { 'mcp-session-id': 'other' })).status).toBe(404);
    expect((await post(INIT)).status).toBe(400);
    const del = await fetch(base, { method: 'PUT', headers: { 'mcp-session-id': sid } });
    expect(del.status).toBe(405);
    // Nothing refused reached the server.
    expect(seen.map((m) => ('method' in m ? m.method : ''))).toEqual(['initialize']);
  });

  it('ends the session on DELETE', async () => {
    const r = await fetch(base, { method: 'DELETE', headers: { 'mcp-session-id': sid } });
    expect(r.status).toBe(200);
    expect(closed).toBe(1);
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'x' })).status).toBe(404);
    await expect(t.send({ jsonrpc: '2.0', method: 'notifications/x' })).rejects.toThrow(/closed/);
  });

  it('ends the POST of a request the host cancelled (no answer may follow)', async () => {
    const pending = post({ jsonrpc: '2.0', id: 'h1', method: 'hang' });
    await new Promise((r) => setTimeout(r, 20));
    const c = await post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'h1' } });
    expect(c.status).toBe(202);
    const r = await pending;
    expect(r.headers.get('content-type')).toBe('text/event-stream');
    expect(await r.text()).toBe('');
    await expect(t.send({ jsonrpc: '2.0', id: 'h1', result: {} })).rejects.toThrow(/no open request/);
  });

  it('refuses a response, or a related message, for a request that is not open', async () => {
    await expect(t.send({ jsonrpc: '2.0', id: 99, result: {} })).rejects.toThrow(/no open request/);
    await (await post({ jsonrpc: '2.0', id: 5, method: 'tools/list' })).json();
    await expect(t.send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 2 } }, { relatedRequestId: 5 })).rejects.toThrow(
      /no open request/,
    );
  });
});
