// The gateway as a library: a config, a secret store, a policy and an audit sink in; fronts (stdio, HTTP) out.
// Each front session gets its own proxy session and its own upstream connections, so a crash or a slow server
// in one session never touches another.
import { randomUUID } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import type { SecretStore } from '../store/types.js';
import type { AuditSink } from './audit-log.js';
import { nullAuditLog } from './audit-log.js';
import type { GatewayConfig } from './config.js';
import type { GatewayPolicy } from './hooks.js';
import { allowAllPolicy } from './hooks.js';
import { ProxySession, type FrontChannel } from './session.js';
import { attachFront, stdioFrontTransport } from './transports/front.js';
import { startHttpFront, type HttpFront } from './transports/http.js';
import type { Resolver } from './url-guard.js';

export interface GatewayOptions {
  config: GatewayConfig;
  store?: SecretStore;
  policy?: GatewayPolicy;
  audit?: AuditSink;
  /** Diagnostics sink (stderr); lines are redacted before they get here. */
  report?: (line: string) => void;
  version?: string;
  resolver?: Resolver;
}

export class Gateway {
  readonly sessions = new Set<ProxySession>();
  private readonly fronts: HttpFront[] = [];
  private readonly policy: GatewayPolicy;

  constructor(private readonly options: GatewayOptions) {
    this.policy = options.policy ?? allowAllPolicy;
  }

  private session(channel: FrontChannel): ProxySession {
    const { config } = this.options;
    const s = new ProxySession(channel, {
      sessionId: randomUUID().slice(0, 8),
      config,
      upstream: {
        store: this.options.store,
        maxMessageBytes: config.maxMessageBytes,
        resolver: this.options.resolver,
        prepareLaunch: this.policy.prepareLaunch?.bind(this.policy),
      },
      policy: this.policy,
      audit: this.options.audit ?? nullAuditLog,
      report: this.options.report ?? (() => undefined),
      version: this.options.version ?? '0.0.0',
    });
    this.sessions.add(s);
    return s;
  }

  /** Serves one host over stdio; resolves when the host closes stdin. */
  async serveStdio(stdin: Readable, stdout: Writable): Promise<void> {
    const transport = stdioFrontTransport(stdin, stdout);
    const session = await attachFront(transport, (c) => this.session(c), (s) => this.sessions.delete(s));
    await new Promise<void>((resolve) => {
      stdin.once('end', resolve);
      stdin.once('close', resolve);
    });
    await transport.close().catch(() => undefined);
    await session.close();
    this.sessions.delete(session);
  }

  async serveHttp(port: number, token: string, idleMs?: number): Promise<HttpFront> {
    const front = await startHttpFront({
      port,
      token,
      idleMs,
      attach: async (t) => {
        await attachFront(t, (c) => this.session(c), (s) => this.sessions.delete(s));
      },
    });
    this.fronts.push(front);
    return front;
  }

  async close(): Promise<void> {
    await Promise.all(this.fronts.map((f) => f.close()));
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.sessions.clear();
    await this.policy.close?.();
  }
}
