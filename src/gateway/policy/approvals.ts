// Asking a person before a sensitive tool call runs. Through MCP elicitation when the host supports it;
// otherwise through a local page on 127.0.0.1 (one-time link, CSRF token on the form) and the
// `keyward approvals` CLI, which talks to the same server with a bearer token kept in the data dir.
// No answer before the timeout, or the call being cancelled, counts as deny.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HostCapabilities } from '../hooks.js';
import { PAGE_HEADERS, renderApprovalPage, renderMessagePage } from './approval-page.js';
import { maskSecrets } from './mask.js';

export type ApprovalAnswer = 'once' | 'session' | 'deny' | 'timeout';

export interface ApprovalRequest {
  sessionId: string;
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
  /** Which rule asked for approval (shown to the person). */
  reason: string;
  timeoutMs: number;
  signal: AbortSignal;
  host: HostCapabilities;
}

export interface ApprovalOutcome {
  answer: ApprovalAnswer;
  via: 'elicitation' | 'page' | 'cli' | 'timeout' | 'cancelled';
}

/** What `keyward approvals list` sees. */
export interface PendingView {
  id: string;
  server: string;
  tool: string;
  reason: string;
  arguments: unknown;
  sessionId: string;
  expiresAt: string;
}

interface Pending extends PendingView {
  linkToken: string;
  linkUsed: boolean;
  csrf?: string;
  settle: (o: ApprovalOutcome) => void;
}

export interface ApprovalDeps {
  /** Where `approvals/<pid>.json` (URL + API token for the CLI) is written; none → no discovery file. */
  dataDir?: string;
  /** Diagnostics (stderr): the approval link is announced here. */
  report: (line: string) => void;
  /** Also told about each new page approval (tests, UIs). */
  onPending?: (p: { id: string; url: string; server: string; tool: string }) => void;
  port?: number;
}

export interface ApprovalEndpoint {
  url: string;
  token: string;
  pid: number;
}

export function approvalsDir(dataDir: string): string {
  return join(dataDir, 'approvals');
}

const MAX_BODY = 16 * 1024;

export class ApprovalBroker {
  private readonly pending = new Map<string, Pending>();
  private server?: Server;
  private starting?: Promise<string>;
  private baseUrl?: string;
  private readonly apiToken = randomBytes(32).toString('base64url');
  private discoveryFile?: string;

  constructor(private readonly deps: ApprovalDeps) {}

  async ask(req: ApprovalRequest): Promise<ApprovalOutcome> {
    if (req.signal.aborted) return { answer: 'deny', via: 'cancelled' };
    const masked = maskSecrets(req.arguments);
    if (req.host.elicit) {
      try {
        return await this.elicit(req, masked);
      } catch (e) {
        if (req.signal.aborted) return { answer: 'deny', via: 'cancelled' };
        this.deps.report(`keyward gateway: asking the host failed (${(e as Error).message}); using the local approval page`);
      }
    }
    return this.askPage(req, masked);
  }

  /** Current requests, for the CLI and tests. */
  list(): PendingView[] {
    return [...this.pending.values()].map(({ id, server, tool, reason, arguments: a, sessionId, expiresAt }) => ({
      id, server, tool, reason, arguments: a, sessionId, expiresAt,
    }));
  }

  decide(id: string, answer: 'once' | 'session' | 'deny', via: 'page' | 'cli'): boolean {
    const p = this.pending.get(id);
    if (!p) return false;
    p.settle({ answer, via });
    return true;
  }

  get url(): string | undefined {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) p.settle({ answer: 'deny', via: 'cancelled' });
    if (this.discoveryFile) await fs.rm(this.discoveryFile, { force: true });
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  private async elicit(req: ApprovalRequest, masked: unknown): Promise<ApprovalOutcome> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = AbortSignal.any([req.signal, timeout]);
    const message =
      `keyward: allow ${req.server} / ${req.tool}? (${req.reason})\n` +
      `Arguments (secrets masked):\n${JSON.stringify(masked, null, 2)}\nNo answer within ${Math.round(req.timeoutMs / 1000)} s means deny.`;
    const schema = {
      type: 'object',
      properties: {
        decision: {
          type: 'string',
          title: 'Decision',
          enum: ['once', 'session', 'deny'],
          enumNames: ['Approve once', 'Always for this session', 'Deny'],
        },
      },
      required: ['decision'],
    };
    try {
      const r = await req.host.elicit!(message, schema, signal);
      if (r.action !== 'accept') return { answer: 'deny', via: 'elicitation' };
      const d = r.content?.decision;
      return { answer: d === 'once' || d === 'session' ? d : 'deny', via: 'elicitation' };
    } catch (e) {
      if (timeout.aborted) return { answer: 'timeout', via: 'timeout' };
      if (req.signal.aborted) return { answer: 'deny', via: 'cancelled' };
      throw e;
    }
  }

  private async askPage(req: ApprovalRequest, masked: unknown): Promise<ApprovalOutcome> {
    const base = await this.start();
    const id = randomBytes(6).toString('hex');
    return new Promise<ApprovalOutcome>((resolve) => {
      let done = false;
      const settle = (o: ApprovalOutcome): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req.signal.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        resolve(o);
      };
      const timer = setTimeout(() => settle({ answer: 'timeout', via: 'timeout' }), req.timeoutMs);
      const onAbort = (): void => settle({ answer: 'deny', via: 'cancelled' });
      req.signal.addEventListener('abort', onAbort, { once: true });
      const p: Pending = {
        id,
        server: req.server,
        tool: req.tool,
        reason: req.reason,
        arguments: masked,
        sessionId: req.sessionId,
        expiresAt: new Date(Date.now() + req.timeoutMs).toISOString(),
        linkToken: randomBytes(24).toString('base64url'),
        linkUsed: false,
        settle,
      };
      this.pending.set(id, p);
      const link = `${base}/a/${id}?k=${p.linkToken}`;
      this.deps.report(
        `keyward gateway: ${req.server}/${req.tool} needs your approval (${req.reason}): open ${link} or run \`keyward approvals approve ${id}\` (deny after ${Math.round(req.timeoutMs / 1000)} s)`,
      );
      this.deps.onPending?.({ id, url: link, server: req.server, tool: req.tool });
    });
  }

  private start(): Promise<string> {
    this.starting ??= new Promise<string>((resolve, reject) => {
      const server = createServer((rq, rs) => {
        this.handle(rq, rs).catch(() => {
          if (!rs.headersSent) rs.writeHead(500).end();
        });
      });
      server.once('error', reject);
      server.listen(this.deps.port ?? 0, '127.0.0.1', () => {
        this.server = server;
        this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        void this.writeDiscovery().then(() => resolve(this.baseUrl!), reject);
      });
    });
    // A failed start (port taken, data dir unwritable) is retried by the next request rather than cached.
    this.starting.catch(() => (this.starting = undefined));
    return this.starting;
  }

  private async writeDiscovery(): Promise<void> {
    if (!this.deps.dataDir) return;
    const dir = approvalsDir(this.deps.dataDir);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
    const endpoint: ApprovalEndpoint = { url: this.baseUrl!, token: this.apiToken, pid: process.pid };
    await fs.writeFile(file, `${JSON.stringify(endpoint)}\n`, { mode: 0o600 });
    this.discoveryFile = file;
  }

  private async handle(rq: IncomingMessage, rs: ServerResponse): Promise<void> {
    const port = (this.server?.address() as AddressInfo | null)?.port;
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends its own Host.
    if (rq.headers.host !== `127.0.0.1:${port}` && rq.headers.host !== `localhost:${port}`) return void rs.writeHead(421).end();
    const url = new URL(rq.url ?? '/', this.baseUrl);
    const page = /^\/a\/([0-9a-f]{12})$/.exec(url.pathname);
    if (page && rq.method === 'GET') return this.showPage(page[1], url.searchParams.get('k') ?? '', rs);
    if (page && rq.method === 'POST') return this.postPage(page[1], rq, rs);
    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(bearer(rq), this.apiToken)) return json(rs, 401, { error: 'missing or wrong bearer token' });
      if (url.pathname === '/api/pending' && rq.method === 'GET') return json(rs, 200, { pending: this.list() });
      const m = /^\/api\/pending\/([0-9a-f]{12})$/.exec(url.pathname);
      if (m && rq.method === 'POST') {
        let body: { decision?: unknown };
        try {
          body = JSON.parse(await readBody(rq)) as { decision?: unknown };
        } catch {
          return json(rs, 400, { error: 'expected a JSON body {"decision": "once"|"session"|"deny"}' });
        }
        const d = body.decision;
        if (d !== 'once' && d !== 'session' && d !== 'deny') return json(rs, 400, { error: 'decision must be once, session or deny' });
        return this.decide(m[1], d, 'cli') ? json(rs, 200, { ok: true }) : json(rs, 404, { error: `no pending approval ${m[1]}` });
      }
    }
    rs.writeHead(404, PAGE_HEADERS).end(renderMessagePage('Not found', 'Nothing here.'));
  }

  private showPage(id: string, k: string, rs: ServerResponse): void {
    const p = this.pending.get(id);
    // One-time link: the first visit consumes it and binds a fresh CSRF token to this request.
    if (!p || p.linkUsed || !sameToken(k, p.linkToken)) {
      return void rs.writeHead(410, PAGE_HEADERS).end(renderMessagePage('Link not valid', 'This approval link was already used, has expired, or was answered.'));
    }
    p.linkUsed = true;
    p.csrf = randomBytes(24).toString('base64url');
    const expiresInSeconds = Math.max(0, Math.round((Date.parse(p.expiresAt) - Date.now()) / 1000));
    rs.writeHead(200, PAGE_HEADERS).end(
      renderApprovalPage(
        { id, server: p.server, tool: p.tool, reason: p.reason, argumentsJson: JSON.stringify(p.arguments, null, 2), expiresInSeconds },
        p.csrf,
      ),
    );
  }

  private async postPage(id: string, rq: IncomingMessage, rs: ServerResponse): Promise<void> {
    const origin = rq.headers.origin;
    if (origin !== undefined && origin !== this.baseUrl && origin !== this.baseUrl?.replace('127.0.0.1', 'localhost')) {
      return void rs.writeHead(403, PAGE_HEADERS).end(renderMessagePage('Refused', 'Cross-origin form posts are not accepted.'));
    }
    const p = this.pending.get(id);
    const form = new URLSearchParams(await readBody(rq));
    if (!p || !p.csrf || !sameToken(form.get('csrf') ?? '', p.csrf)) {
      return void rs.writeHead(403, PAGE_HEADERS).end(renderMessagePage('Refused', 'Missing or wrong form token, or this request was already answered.'));
    }
    const d = form.get('decision');
    if (d !== 'once' && d !== 'session' && d !== 'deny') return void rs.writeHead(400, PAGE_HEADERS).end(renderMessagePage('Bad request', 'Unknown decision.'));
    this.decide(id, d, 'page');
    const title = d === 'deny' ? 'Denied' : d === 'once' ? 'Approved once' : 'Approved for this session';
    rs.writeHead(200, PAGE_HEADERS).end(renderMessagePage(title, `${p.server} / ${p.tool}: you can close this tab.`));
  }
}

function bearer(rq: IncomingMessage): string {
  const h = rq.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7).trim() : '';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

function json(rs: ServerResponse, status: number, body: unknown): void {
  rs.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

function readBody(rq: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    rq.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        rq.destroy();
      } else chunks.push(c);
    });
    rq.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    rq.on('error', reject);
  });
}

/** The running gateways' approval endpoints (for the CLI); files of gateways that are gone are skipped. */
export async function findEndpoints(dataDir: string): Promise<ApprovalEndpoint[]> {
  const dir = approvalsDir(dataDir);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: ApprovalEndpoint[] = [];
  for (const n of names.filter((x) => x.endsWith('.json')).sort()) {
    try {
      const e = JSON.parse(await fs.readFile(join(dir, n), 'utf8')) as ApprovalEndpoint;
      if (!isAlive(e.pid)) continue;
      out.push(e);
    } catch {
      // A half-written or foreign file: not an endpoint.
    }
  }
  return out;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
