// A lean server side of MCP streamable HTTP for the gateway's front, on plain node:http (the SDK's transport
// converts every request into a WHATWG Request/Response pair and a web stream, which cost more CPU than the
// proxying itself). One instance per session. A POST holding requests is answered as `application/json` when
// the responses come first, and switches to `text/event-stream` the moment a message related to one of its
// requests (progress, a server's elicitation or sampling request) has to go out before them — so plain calls
// pay for no SSE framing and streaming still works. GET opens the session's stream for unrelated
// server-to-client messages; DELETE ends the session.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
const MAX_BATCH = 100;
const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** One POST that carried requests: where their responses (and related messages) go. */
interface PostStream {
  res: ServerResponse;
  /** Request ids of this POST still waiting for a response. */
  pending: Set<RequestId>;
  /** Responses held until all are in (JSON mode). */
  done: JSONRPCMessage[];
  batch: boolean;
  sse: boolean;
}

export type ReadBody = { ok: true; value: unknown } | { ok: false; status: number; code: number; message: string };

/**
 * Reads and parses a JSON body, refusing more than `maxBytes` (by Content-Length up front, then by count).
 * Plain 'data'/'end' listeners: an async iterator over the request costs more than the body it reads.
 */
export function readJsonBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY): Promise<ReadBody> {
  const tooLarge: ReadBody = { ok: false, status: 413, code: -32000, message: `Payload Too Large: the body exceeds ${maxBytes} bytes` };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve(tooLarge);
    };
    req.on('data', onData);
    req.once('error', () => resolve({ ok: false, status: 400, code: -32000, message: 'Bad Request: the body could not be read' }));
    req.once('end', () => {
      if (size > maxBytes) return;
      try {
        const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve({ ok: true, value: JSON.parse(text) });
      } catch {
        resolve({ ok: false, status: 400, code: -32700, message: 'Parse error: Invalid JSON' });
      }
    });
  });
}

/** The JSON-RPC 2.0 envelope, checked structurally (the session checks each method's params). */
function isMessage(m: unknown): m is JSONRPCMessage {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  if (o.jsonrpc !== '2.0') return false;
  const idOk = typeof o.id === 'string' || (typeof o.id === 'number' && Number.isInteger(o.id));
  if (typeof o.method === 'string') return o.id === undefined || idOk;
  return idOk && ('result' in o ? typeof o.result === 'object' && o.result !== null : typeof o.error === 'object' && o.error !== null);
}

const isRequest = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId; method: string } =>
  'method' in m && 'id' in m && m.id !== undefined;
const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId } => !('method' in m) && 'id' in m;

/** True when the body (single message or batch) is an initialize request. */
export function isInitializeBody(body: unknown): boolean {
  const list = Array.isArray(body) ? body : [body];
  return list.some((m) => isMessage(m) && 'method' in m && m.method === 'initialize' && 'id' in m);
}

export function sendJsonError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}

function sseEvent(message: JSONRPCMessage): string {
  return `event: message\ndata: ${JSON.stringify(message)}\n\n`;
}

export interface LeanHttpTransportOptions {
  maxBodyBytes?: number;
  /** Called once the session id is assigned (on initialize), before the initialize request is dispatched. */
  onsessioninitialized?: (sessionId: string) => void;
}

export class LeanStreamableHttpTransport implements Transport {
  sessionId?: string;
  onmessage?: Transport['onmessage'];
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private readonly byRequest = new Map<RequestId, PostStream>();
  private readonly open = new Set<PostStream>();
  private standalone?: ServerResponse;
  private closed = false;

  constructor(private readonly options: LeanHttpTransportOptions = {}) {}

  async start(): Promise<void> {}

  /** Serves one HTTP request of this session; `body` is the already parsed POST body when the caller read it. */
  async handleRequest(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void> {
    if (this.closed) return sendJsonError(res, 404, -32001, 'Session not found');
    switch (req.method) {
      case 'POST':
        return this.post(req, res, body);
      case 'GET':
        return this.get(req, res);
      case 'DELETE': {
        if (!this.checkSession(req, res)) return;
        res.writeHead(200, this.sessionHeader()).end();
        return this.close();
      }
      default:
        return sendJsonError(res, 405, -32000, 'Method not allowed', { allow: 'GET, POST, DELETE' });
    }
  }

  private sessionHeader(): Record<string, string> {
    return this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId };
  }

  /** Session id and protocol version headers of a request after initialize (the SDK's rules and codes). */
  private checkSession(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.sessionId === undefined) {
      sendJsonError(res, 400, -32000, 'Bad Request: Server not initialized');
      return false;
    }
    const sid = req.headers['mcp-session-id'];
    if (typeof sid !== 'string' || !sid) {
      sendJsonError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
      return false;
    }
    if (sid !== this.sessionId) {
      sendJsonError(res, 404, -32001, 'Session not found');
      return false;
    }
    const version = req.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      sendJsonError(res, 400, -32000, `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
      return false;
    }
    return true;
  }

  private async post(req: IncomingMessage, res: ServerResponse, parsed?: unknown): Promise<void> {
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return sendJsonError(res, 406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return sendJsonError(res, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
    let raw = parsed;
    if (raw === undefined) {
      const read = await readJsonBody(req, this.options.maxBodyBytes);
      if (!read.ok) return sendJsonError(res, read.status, read.code, read.message);
      raw = read.value;
    }
    const batch = Array.isArray(raw);
    const messages = (batch ? raw : [raw]) as unknown[];
    if (messages.length > MAX_BATCH) return sendJsonError(res, 400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH} messages`);
    if (messages.length === 0 || !messages.every(isMessage)) {
      return sendJsonError(res, 400, -32700, 'Parse error: Invalid JSON-RPC message');
    }
    if (this.closed) return sendJsonError(res, 404, -32001, 'Session not found');
    const initialize = messages.some((m) => 'method' in m && m.method === 'initialize' && 'id' in m);
    if (initialize) {
      if (this.sessionId !== undefined) return sendJsonError(res, 400, -32600, 'Invalid Request: Server already initialized');
      if (messages.length > 1) return sendJsonError(res, 400, -32600, 'Invalid Request: Only one initialization request is allowed');
      this.sessionId = randomUUID();
      this.options.onsessioninitialized?.(this.sessionId);
    } else if (!this.checkSession(req, res)) {
      return;
    }
    const requests = messages.filter(isRequest);
    if (requests.length === 0) {
      res.writeHead(202, this.sessionHeader()).end();
      for (const m of messages) {
        this.onmessage?.(m);
        if ('method' in m && m.method === 'notifications/cancelled') this.cancelled(m.params?.requestId);
      }
      return;
    }
    const stream: PostStream = { res, pending: new Set(requests.map((r) => r.id)), done: [], batch, sse: false };
    for (const id of stream.pending) this.byRequest.set(id, stream);
    this.open.add(stream);
    // The client went away (or gave up on the call): nothing more can be written to this stream.
    res.once('close', () => this.forget(stream));
    for (const m of messages) {
      this.onmessage?.(m);
      if ('method' in m && m.method === 'notifications/cancelled') this.cancelled(m.params?.requestId);
    }
  }

  /**
   * The host cancelled one of its requests: the protocol forbids an answer to it, so its POST would stay open
   * for good. It stops waiting for that id, and a stream left with nothing to wait for is ended.
   */
  private cancelled(id: unknown): void {
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const stream = this.byRequest.get(id);
    if (!stream) return;
    this.byRequest.delete(id);
    stream.pending.delete(id);
    if (stream.pending.size > 0) return;
    this.open.delete(stream);
    if (!stream.sse) this.toSse(stream);
    stream.res.end();
  }

  private forget(stream: PostStream): void {
    this.open.delete(stream);
    for (const id of stream.pending) if (this.byRequest.get(id) === stream) this.byRequest.delete(id);
    stream.pending.clear();
  }

  private get(req: IncomingMessage, res: ServerResponse): void {
    if (!(req.headers.accept ?? '').includes('text/event-stream')) {
      return sendJsonError(res, 406, -32000, 'Not Acceptable: Client must accept text/event-stream');
    }
    if (!this.checkSession(req, res)) return;
    if (this.standalone) return sendJsonError(res, 409, -32000, 'Conflict: Only one SSE stream is allowed per session');
    this.standalone = res;
    res.writeHead(200, { ...SSE_HEADERS, ...this.sessionHeader() });
    res.flushHeaders();
    res.once('close', () => {
      if (this.standalone === res) this.standalone = undefined;
    });
  }

  private toSse(stream: PostStream): void {
    stream.sse = true;
    stream.res.writeHead(200, { ...SSE_HEADERS, ...this.sessionHeader() });
    // Responses of a batch that were already in go out first, as events.
    for (const m of stream.done) stream.res.write(sseEvent(m));
    stream.done = [];
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    if (isResponse(message)) {
      const stream = this.byRequest.get(message.id);
      if (!stream) throw new Error(`no open request with id ${String(message.id)}`);
      this.byRequest.delete(message.id);
      stream.pending.delete(message.id);
      if (stream.sse) stream.res.write(sseEvent(message));
      else stream.done.push(message);
      if (stream.pending.size > 0) return;
      this.open.delete(stream);
      if (stream.sse) {
        stream.res.end();
      } else {
        const body = JSON.stringify(stream.batch ? stream.done : stream.done[0]);
        stream.res.writeHead(200, { 'content-type': 'application/json', ...this.sessionHeader() });
        stream.res.end(body);
      }
      return;
    }
    const related = options?.relatedRequestId;
    if (related !== undefined) {
      // Tied to a request: only that request's stream will do (as the SDK transport); once it is answered, a late
      // message (progress after the result) has nowhere to go.
      const stream = this.byRequest.get(related);
      if (!stream) throw new Error(`no open request with id ${String(related)}`);
      if (!stream.sse) this.toSse(stream);
      stream.res.write(sseEvent(message));
      return;
    }
    // Not tied to a request: the session's GET stream, if the client opened one (else dropped, as the protocol
    // allows for a client that wants no server-initiated messages).
    this.standalone?.write(sseEvent(message));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.open) {
      if (s.sse || s.res.headersSent) s.res.end();
      else sendJsonError(s.res, 404, -32001, 'Session closed');
    }
    this.open.clear();
    this.byRequest.clear();
    this.standalone?.end();
    this.standalone = undefined;
    this.onclose?.();
  }
}
