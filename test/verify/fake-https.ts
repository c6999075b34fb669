// A local HTTPS fake for verifier endpoints: a CA made for the test run (openssl), one leaf certificate
// naming every declared host, a server on 127.0.0.1 that records each request and answers from a handler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoopbackOverride } from '../../src/verify/http.js';

export interface Seen {
  host: string;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Never answer (timeouts). */
  hang?: boolean;
  /** Answer after this many milliseconds. */
  delayMs?: number;
}

export interface Certs {
  caPem: string;
  caFile: string;
  key: string;
  cert: string;
  cleanup(): void;
}

/** A throwaway CA and a leaf for `names` (wildcards allowed), valid for a day. */
export function makeCerts(names: string[]): Certs {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-fake-ca-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=keyward test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=keyward fake provider');
  writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  ssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '1', '-extfile', 'ext.cnf');
  return {
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    key: readFileSync(join(dir, 'leaf.key'), 'utf8'),
    cert: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export class FakeProvider {
  readonly seen: Seen[] = [];
  handler: (req: Seen) => FakeReply = () => ({ status: 404, body: { error: 'no route' } });
  private server?: Server;
  private sockets = new Set<Socket>();
  port = 0;
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly certs: Certs) {}

  async start(): Promise<this> {
    this.server = createServer({ key: this.certs.key, cert: this.certs.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen: Seen = { host: String(req.headers.host ?? '').replace(/:\d+$/, ''), method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.seen.push(seen);
        const reply = this.handler(seen);
        if (reply.hang) return;
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        const body = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
        setTimeout(() => {
          this.inFlight--;
          res.writeHead(reply.status, { 'content-type': typeof reply.body === 'object' ? 'application/json' : 'text/plain', ...reply.headers });
          res.end(body);
        }, reply.delayMs ?? 0);
      });
    });
    this.server.on('secureConnection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get override(): LoopbackOverride {
    return { address: '127.0.0.1', port: this.port, ca: this.certs.caPem };
  }

  reset(handler: (req: Seen) => FakeReply): void {
    this.seen.length = 0;
    this.maxInFlight = 0;
    this.handler = handler;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}
