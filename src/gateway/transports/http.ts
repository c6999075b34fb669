// The HTTP front on 127.0.0.1: streamable HTTP (`/mcp`, session-based) and the legacy HTTP+SSE pair (`/sse`,
// `/messages`) for older clients. Every request passes three gates first: the Host header must name this
// loopback listener and a present `Origin` must be local (DNS-rebinding defence, 403), and the bearer token must
// match (constant-time, 401). The host's token is ours alone: it is never forwarded upstream.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { LeanStreamableHttpTransport, isInitializeBody, readJsonBody, sendJsonError } from './streamable-http.js';

export interface HttpFrontOptions {
  port: number;
  token: string;
  /** Binds a fresh transport to a new proxy session. */
  attach: (transport: Transport) => Promise<void>;
  maxBodyBytes?: number;
  /** A session with no open connection and no request for this long is closed (its children stop). */
  idleMs?: number;
}

export interface HttpFront {
  url: string;
  port: number;
  /** Open sessions (streamable + legacy SSE). */
  sessions(): number;
  close(): Promise<void>;
}

const LOCAL_HOSTS = /^(?:127\.0\.0\.1|localhost|\[::1\])$/i;

export function isLocalOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    // WHATWG URL keeps the brackets of an IPv6 host ("[::1]").
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTS.test(u.hostname);
  } catch {
    return false;
  }
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(.*?)(?::(\d+))?$/.exec(host);
  if (!m || !LOCAL_HOSTS.test(m[1])) return false;
  return m[2] === undefined || Number(m[2]) === port;
}

/** Constant-time: hashing first makes both sides the same length, so not even the length leaks. */
export function tokenMatches(given: string, expected: string | Buffer): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = typeof expected === 'string' ? createHash('sha256').update(expected).digest() : expected;
  return timingSafeEqual(a, b);
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }));
}

export async function startHttpFront(options: HttpFrontOptions): Promise<HttpFront> {
  const streamable = new Map<string, LeanStreamableHttpTransport>();
  const sse = new Map<string, SSEServerTransport>();
  let port = options.port;
  // Hashed once: every request then costs one SHA-256 of the presented token.
  const tokenDigest = createHash('sha256').update(options.token).digest();
  // Liveness per session: open requests (a GET stream counts while it is open) and the time of the last one.
  const activity = new Map<string, { open: number; last: number }>();
  const touch = (id: string, res: ServerResponse): void => {
    const a = activity.get(id) ?? { open: 0, last: 0 };
    activity.set(id, a);
    a.open++;
    a.last = Date.now();
    res.once('close', () => {
      a.open--;
      a.last = Date.now();
    });
  };
  const idleMs = options.idleMs ?? 30 * 60_000;
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, a] of activity) {
      if (a.open > 0 || now - a.last < idleMs) continue;
      activity.delete(id);
      void (streamable.get(id) ?? sse.get(id))?.close().catch(() => undefined);
    }
  }, Math.min(60_000, Math.max(50, Math.floor(idleMs / 4))));
  sweep.unref();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, port)) return refuse(res, 403, 'forbidden: Host header is not this loopback listener');
    const origin = req.headers.origin;
    if (origin !== undefined && !isLocalOrigin(origin)) return refuse(res, 403, 'forbidden: cross-origin request');
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m || !tokenMatches(m[1], tokenDigest)) {
      return refuse(res, 401, 'unauthorized: a valid bearer token is required', { 'www-authenticate': 'Bearer realm="keyward-gateway"' });
    }
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const pathname = q < 0 ? raw : raw.slice(0, q);
    if (pathname === '/mcp') {
      const sid = req.headers['mcp-session-id'];
      if (typeof sid === 'string') {
        const t = streamable.get(sid);
        if (!t) return refuse(res, 404, 'unknown or expired session');
        touch(sid, res);
        return t.handleRequest(req, res);
      }
      if (req.method !== 'POST') return refuse(res, 400, 'missing mcp-session-id header');
      // A new session starts only with an initialize request: read it first, so a stray POST spawns no servers.
      const body = await readJsonBody(req, options.maxBodyBytes);
      if (!body.ok) return sendJsonError(res, body.status, body.code, body.message);
      if (!isInitializeBody(body.value)) return sendJsonError(res, 400, -32000, 'Bad Request: Server not initialized');
      const t = new LeanStreamableHttpTransport({
        maxBodyBytes: options.maxBodyBytes,
        onsessioninitialized: (id) => {
          streamable.set(id, t);
          // The initialize response is still open (servers may take a while to start): count it, or the
          // idle sweep can close a slow session before its first answer.
          touch(id, res);
        },
      });
      await options.attach(t);
      const inner = t.onclose;
      t.onclose = () => {
        if (t.sessionId) {
          streamable.delete(t.sessionId);
          activity.delete(t.sessionId);
        }
        inner?.();
      };
      await t.handleRequest(req, res, body.value);
      // The initialize was refused (a malformed batch, a wrong Accept header): nothing to keep.
      if (!t.sessionId) await t.close();
      return;
    }
    if (pathname === '/sse' && req.method === 'GET') {
      const t = new SSEServerTransport('/messages', res);
      await options.attach(t);
      sse.set(t.sessionId, t);
      touch(t.sessionId, res);
      const inner = t.onclose;
      t.onclose = () => {
        sse.delete(t.sessionId);
        activity.delete(t.sessionId);
        inner?.();
      };
      return;
    }
    if (pathname === '/messages' && req.method === 'POST') {
      const t = sse.get(new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)).get('sessionId') ?? '');
      if (!t) return refuse(res, 404, 'unknown or expired session');
      touch(t.sessionId, res);
      return t.handlePostMessage(req, res);
    }
    return refuse(res, 404, 'not found: use /mcp (streamable HTTP) or /sse (legacy)');
  };

  // No Nagle delay: an answer is one small write that should leave at once.
  const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal gateway error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sessions: () => streamable.size + sse.size,
    close: async () => {
      clearInterval(sweep);
      await Promise.all([...streamable.values(), ...sse.values()].map((t) => t.close().catch(() => undefined)));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
