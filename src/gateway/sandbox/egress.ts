// Network allow-lists for sandboxed servers. The sandbox keeps its own empty network namespace (no route out).
// Its only way out is a Unix socket bound into it. Behind that socket, an HTTP CONNECT proxy in the gateway checks
// each destination against the server's allow-list, then the resolved addresses against the private/metadata
// ranges, and connects to the checked address (so DNS cannot change the answer between check and use).
// Inside the sandbox, a small shim listens on 127.0.0.1:PROXY_PORT, relays connections to the socket, and runs
// the server with HTTPS_PROXY set. A client that ignores the proxy gets no network, which is the point.
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, isIP, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyAddress } from '../url-guard.js';
import { globToRegExp } from '../policy/glob.js';

/** Port the shim listens on inside the sandbox's own network namespace (nothing else can be there). */
export const PROXY_PORT = 3128;
/** Where the proxy socket's folder is mounted inside the sandbox. */
export const SANDBOX_SOCKET_DIR = '/tmp/keyward-egress';

export interface AllowEntry {
  host: RegExp;
  /** Undefined: 443 and 80. */
  port?: number;
  /** The entry names an IP literal: the person asked for that address, private or not. */
  literal: boolean;
  text: string;
}

export function parseAllowList(entries: string[]): { allow: AllowEntry[] } | { errors: string[] } {
  const errors: string[] = [];
  const allow: AllowEntry[] = [];
  for (const text of entries) {
    const m = /^(\[[0-9a-f:]+\]|[A-Za-z0-9*.-]+)(?::(\d{1,5}))?$/i.exec(text.trim());
    const port = m?.[2] === undefined ? undefined : Number(m[2]);
    if (!m || (port !== undefined && (port < 1 || port > 65535))) {
      errors.push(`network allow-list entry "${text}": expected host, *.domain, host:port or an IP address`);
      continue;
    }
    const host = m[1].replace(/^\[|\]$/g, '').toLowerCase();
    allow.push({ host: globToRegExp(host), port, literal: isIP(host) !== 0, text });
  }
  return errors.length ? { errors } : { allow };
}

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (host) => lookup(host, { all: true, verbatim: true });

/** Decides one CONNECT target; returns the address to connect to, or why not. */
export async function checkEgress(
  allow: AllowEntry[],
  host: string,
  port: number,
  resolve: Lookup = systemLookup,
): Promise<{ ok: true; address: string } | { ok: false; reason: string }> {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  const entry = allow.find((e) => e.host.test(name) && (e.port === undefined ? port === 443 || port === 80 : e.port === port));
  if (!entry) return { ok: false, reason: `${name}:${port} is not in the allow-list` };
  let addresses: string[];
  if (isIP(name)) addresses = [name];
  else {
    try {
      addresses = (await resolve(name)).map((a) => a.address);
    } catch {
      return { ok: false, reason: `${name} does not resolve` };
    }
  }
  if (!addresses.length) return { ok: false, reason: `${name} does not resolve` };
  if (!entry.literal) {
    // A name may not lead into the local network or to cloud metadata (DNS rebinding, SSRF).
    const bad = addresses.find((a) => classifyAddress(a) !== 'public');
    if (bad) return { ok: false, reason: `${name} resolves to ${classifyAddress(bad)} address ${bad}` };
  }
  return { ok: true, address: addresses[0] };
}

export class EgressProxy {
  readonly dir: string;
  readonly socketPath: string;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly serverName: string,
    private readonly allow: AllowEntry[],
    private readonly report: (line: string) => void,
    private readonly resolve: Lookup,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'keyward-egress-'));
    this.socketPath = join(this.dir, 'proxy.sock');
    this.server = createServer((c) => this.handle(c));
  }

  static async start(serverName: string, allow: AllowEntry[], report: (line: string) => void, resolve: Lookup = systemLookup): Promise<EgressProxy> {
    const p = new EgressProxy(serverName, allow, report, resolve);
    await new Promise<void>((ok, fail) => {
      p.server.once('error', fail);
      p.server.listen(p.socketPath, ok);
    });
    return p;
  }

  private handle(client: Socket): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 8192) refuse(431, 'request head too large');
        return;
      }
      client.off('data', onData);
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const rest = head.subarray(end + 4);
      const m = /^CONNECT (\[[0-9a-fA-F:]+\]|[^\s:]+):(\d{1,5}) HTTP\/1\.[01]$/.exec(line);
      if (!m) return refuse(405, 'only CONNECT (HTTPS through HTTPS_PROXY) goes through keyward egress');
      const port = Number(m[2]);
      void checkEgress(this.allow, m[1], port, this.resolve).then((d) => {
        if (!d.ok) {
          this.report(`keyward gateway: egress from ${this.serverName} refused: ${d.reason}`);
          return refuse(403, d.reason);
        }
        const upstream = createConnection({ host: d.address, port });
        let connected = false;
        this.sockets.add(upstream);
        upstream.once('close', () => this.sockets.delete(upstream));
        upstream.once('connect', () => {
          connected = true;
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (rest.length) upstream.write(rest);
          client.pipe(upstream);
          upstream.pipe(client);
        });
        upstream.on('error', () => {
          if (!connected) refuse(502, `cannot reach ${m[1]}:${port}`);
          else client.destroy();
        });
        client.once('close', () => upstream.destroy());
      });
    };
    const refuse = (status: number, reason: string): void => {
      client.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nkeyward: ${reason}\n`);
    };
    client.on('data', onData);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The shim run inside the sandbox (as `node -e`): relay 127.0.0.1:PORT to the proxy socket, run the server,
 * pass its exit status and termination signals on. CommonJS and node: built-ins only, so any node runs it.
 */
export const SHIM_SOURCE = `const net=require('node:net'),cp=require('node:child_process');
const [port,sock,cmd,...args]=process.argv.slice(1);
const srv=net.createServer((c)=>{const u=net.connect(sock);c.pipe(u);u.pipe(c);c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());});
srv.listen(Number(port),'127.0.0.1',()=>{const ch=cp.spawn(cmd,args,{stdio:'inherit'});
for(const s of ['SIGTERM','SIGINT','SIGHUP'])process.on(s,()=>ch.kill(s));
ch.on('exit',(code,sig)=>process.exit(code===null?1:code));ch.on('error',(e)=>{process.stderr.write('keyward egress shim: '+e.message+'\\n');process.exit(127);});});`;
