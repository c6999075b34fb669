// One upstream server as seen from one gateway session: a small JSON-RPC client over an SDK transport with the
// MCP handshake, a timeout on every request, cancellation, and restart with back-off when the server crashes,
// hangs up or breaks the protocol. Failures become UpstreamError values the session turns into JSON-RPC errors.
import { createInterface } from 'node:readline';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { ServerConfig } from './config.js';
import { InjectedSecrets, Redactor, newStats } from './redactor.js';
import { openUpstream, UpstreamConfigError, type UpstreamDeps } from './transports/upstream.js';

/** JSON-RPC error codes the gateway itself produces (documented in docs/gateway.md). */
export const GatewayErrorCode = {
  UpstreamUnavailable: -32010,
  UpstreamTimeout: -32001,
  UpstreamProtocol: -32011,
  PolicyDenied: -32012,
  SecretBlocked: -32013,
  RedactionFailed: -32014,
  UnknownTarget: -32602,
} as const;

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface UpstreamInfo {
  protocolVersion: string;
  capabilities: Record<string, unknown>;
  serverInfo?: Record<string, unknown>;
  instructions?: string;
}

export interface UpstreamEvents {
  notification(up: Upstream, message: JSONRPCNotification): void;
  request(up: Upstream, message: JSONRPCRequest): void;
  /** The server came (back) up; its lists may have changed. */
  ready(up: Upstream, restarted: boolean): void;
  /** A problem worth telling the user (already redacted). */
  problem(up: Upstream, text: string): void;
}

interface Pending {
  method: string;
  resolve: (result: Record<string, unknown>) => void;
  reject: (e: UpstreamError) => void;
  timer: NodeJS.Timeout;
  timeoutMs: number;
  progressToken?: string | number;
  cleanup: () => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type UpstreamState = 'idle' | 'starting' | 'ready' | 'down' | 'closed';

const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000, 30_000];
/** A server that stayed up this long is healthy again: back-off starts over. */
const HEALTHY_AFTER_MS = 30_000;

export class Upstream {
  state: UpstreamState = 'idle';
  info: UpstreamInfo | undefined;
  readonly redactor: Redactor;
  private transport: Transport | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private attempts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private upSince = 0;
  private everReady = false;
  private firstAttempt: Promise<void> | undefined;
  /** Why the server last went down, for error messages while it is restarting. */
  private lastFailure = 'not started';

  constructor(
    readonly config: ServerConfig,
    private readonly deps: UpstreamDeps,
    /** What we tell the server about ourselves: the host's capabilities, relayed. */
    private readonly client: { capabilities: Record<string, unknown>; clientInfo: Record<string, unknown> },
    private readonly events: UpstreamEvents,
    private readonly injected: InjectedSecrets = new InjectedSecrets(),
  ) {
    this.redactor = new Redactor(injected, config.redact.allow);
  }

  get name(): string {
    return this.config.name;
  }

  /** Starts the server; resolves after the first attempt (success or failure), retrying in the background. */
  start(): Promise<void> {
    this.firstAttempt ??= this.attempt().catch(() => undefined);
    return this.firstAttempt;
  }

  private async attempt(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'starting';
    let transport: Transport | undefined;
    try {
      const opened = await openUpstream(this.config, this.deps);
      transport = opened.transport;
      this.injected.set(this.name, opened.injected);
      if (opened.stderr) this.pipeStderr(opened.stderr);
      this.transport = transport;
      transport.onmessage = (m: JSONRPCMessage) => this.receive(transport!, m);
      transport.onerror = (e: Error) => this.transportError(transport!, e, opened.local);
      transport.onclose = () => this.transportClosed(transport!);
      await transport.start();
      const init = await this.request(
        'initialize',
        { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: this.client.capabilities, clientInfo: this.client.clientInfo },
        { timeoutMs: Math.min(this.config.timeoutMs, 30_000) },
      );
      this.info = {
        protocolVersion: String(init.protocolVersion ?? LATEST_PROTOCOL_VERSION),
        capabilities: (init.capabilities as Record<string, unknown>) ?? {},
        serverInfo: init.serverInfo as Record<string, unknown> | undefined,
        instructions: typeof init.instructions === 'string' ? init.instructions : undefined,
      };
      transport.setProtocolVersion?.(this.info.protocolVersion);
      await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      this.state = 'ready';
      this.upSince = Date.now();
      const restarted = this.everReady;
      this.everReady = true;
      this.events.ready(this, restarted);
    } catch (e) {
      const reason = e instanceof UpstreamConfigError ? e.message : describeError(e);
      this.lastFailure = `failed to start: ${reason}`;
      this.events.problem(this, `server ${this.name} ${this.lastFailure}`);
      if (transport && this.transport === transport) {
        this.transport = undefined;
        await transport.close().catch(() => undefined);
      }
      // A config problem (missing secret, refused URL) will not fix itself by retrying.
      if (e instanceof UpstreamConfigError) this.state = 'down';
      else this.scheduleRestart();
      throw e;
    }
  }

  private pipeStderr(stream: NodeJS.ReadableStream): void {
    const rl = createInterface({ input: stream });
    rl.on('line', (line) => {
      const masked = this.redactor.redactString(line, newStats());
      this.events.problem(this, `[${this.name}] ${masked}`);
    });
  }

  private receive(from: Transport, message: JSONRPCMessage): void {
    if (from !== this.transport) return;
    const m = message as Record<string, unknown>;
    if ('method' in m) {
      if ('id' in m && m.id !== undefined) {
        if (m.method === 'ping') void from.send({ jsonrpc: '2.0', id: m.id as RequestId, result: {} }).catch(() => undefined);
        else this.events.request(this, message as JSONRPCRequest);
        return;
      }
      if (m.method === 'notifications/progress') {
        const token = (m.params as { progressToken?: string | number } | undefined)?.progressToken;
        for (const p of this.pending.values()) {
          if (p.progressToken !== undefined && p.progressToken === token) {
            // Progress proves the server is working: restart the timeout (as the SDK's resetTimeoutOnProgress).
            p.timer.refresh();
          }
        }
      }
      this.events.notification(this, message as JSONRPCNotification);
      return;
    }
    const id = m.id;
    if (typeof id !== 'number') return;
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.cleanup();
    if ('error' in m && m.error && typeof m.error === 'object') {
      const err = m.error as { code?: unknown; message?: unknown; data?: unknown };
      p.reject(
        new UpstreamError(
          typeof err.message === 'string' ? err.message : 'upstream error',
          typeof err.code === 'number' ? err.code : GatewayErrorCode.UpstreamProtocol,
          err.data,
        ),
      );
    } else if ('result' in m && m.result && typeof m.result === 'object') {
      p.resolve(m.result as Record<string, unknown>);
    } else {
      p.reject(new UpstreamError(`server ${this.name} answered ${p.method} with a malformed response`, GatewayErrorCode.UpstreamProtocol));
    }
  }

  private transportError(from: Transport, e: Error, local: boolean): void {
    if (from !== this.transport) return;
    const text = describeError(e);
    if (/ReadBuffer exceeded/.test(e.message)) {
      this.fail(from, `server ${this.name} sent a message larger than ${this.deps.maxMessageBytes} bytes`);
      return;
    }
    const malformed = e instanceof SyntaxError || e.name === 'ZodError' || e.name === '$ZodError';
    if (malformed && local) {
      // A child that writes non-JSON-RPC to stdout has lost the protocol: fail what is in flight clearly and
      // restart it, rather than letting every pending call run into its timeout.
      this.fail(from, `server ${this.name} sent malformed JSON-RPC`);
      return;
    }
    this.events.problem(this, `server ${this.name}: ${this.redactor.redactString(text, newStats())}`);
  }

  private fail(from: Transport, reason: string): void {
    this.lastFailure = reason;
    this.events.problem(this, reason);
    this.rejectAll(new UpstreamError(`${reason}; restarting it`, GatewayErrorCode.UpstreamProtocol));
    void from.close().catch(() => undefined);
  }

  private transportClosed(from: Transport): void {
    if (from !== this.transport) return;
    this.transport = undefined;
    if (this.state === 'closed') return;
    if (this.state === 'ready') this.lastFailure = 'exited';
    this.events.problem(this, `server ${this.name} ${this.lastFailure}`);
    this.rejectAll(new UpstreamError(`server ${this.name} ${this.lastFailure}; restarting it`, GatewayErrorCode.UpstreamUnavailable));
    if (this.state === 'ready') this.scheduleRestart();
    this.state = 'down';
  }

  private rejectAll(error: UpstreamError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) {
      p.cleanup();
      p.reject(error);
    }
  }

  private scheduleRestart(): void {
    if (this.state === 'closed' || this.restartTimer) return;
    if (this.upSince && Date.now() - this.upSince > HEALTHY_AFTER_MS) this.attempts = 0;
    const delay = BACKOFF_MS[Math.min(this.attempts, BACKOFF_MS.length - 1)];
    this.attempts++;
    this.state = 'down';
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.attempt().catch(() => undefined);
    }, delay);
    this.restartTimer.unref();
  }

  /** Sends a request and waits for its result; every failure is an UpstreamError. */
  request(method: string, params: Record<string, unknown> | undefined, options: RequestOptions = {}): Promise<Record<string, unknown>> {
    const transport = this.transport;
    if (!transport || (this.state !== 'ready' && method !== 'initialize')) {
      return Promise.reject(
        new UpstreamError(`server ${this.name} is unavailable (${this.lastFailure})`, GatewayErrorCode.UpstreamUnavailable),
      );
    }
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        void transport
          .send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'cancelled by the client' } })
          .catch(() => undefined);
        reject(new UpstreamError('request cancelled', GatewayErrorCode.UpstreamUnavailable));
      };
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        signal?.removeEventListener('abort', onAbort);
        void transport
          .send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'timed out' } })
          .catch(() => undefined);
        reject(new UpstreamError(`server ${this.name} did not answer ${method} within ${timeoutMs} ms`, GatewayErrorCode.UpstreamTimeout));
      }, timeoutMs);
      const meta = (params?._meta as { progressToken?: string | number } | undefined) ?? undefined;
      this.pending.set(id, {
        method,
        resolve,
        reject,
        timer,
        timeoutMs,
        progressToken: meta?.progressToken,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      });
      if (signal) {
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
      }
      const message: JSONRPCRequest = params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
      transport.send(message).catch((e: unknown) => {
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        p.cleanup();
        const reason = this.redactor.redactString(describeError(e), newStats());
        p.reject(new UpstreamError(`server ${this.name}: ${reason}`, GatewayErrorCode.UpstreamUnavailable));
        // A remote server that refused a message (restarted and forgot our session, went away) is connected
        // afresh with back-off; the next call after it is back gets a new session.
        if (method !== 'initialize' && this.transport === transport) this.reconnect(transport, `failed: ${reason}`);
      });
    });
  }

  private reconnect(from: Transport, reason: string): void {
    if (this.state !== 'ready') return;
    this.lastFailure = reason;
    this.transport = undefined;
    this.state = 'down';
    this.rejectAll(new UpstreamError(`server ${this.name} ${reason}; reconnecting`, GatewayErrorCode.UpstreamUnavailable));
    this.scheduleRestart();
    void from.close().catch(() => undefined);
  }

  notify(method: string, params?: Record<string, unknown>): void {
    if (this.state !== 'ready' || !this.transport) return;
    const message: JSONRPCNotification = params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
    void this.transport.send(message).catch(() => undefined);
  }

  /** Answers a request the server sent us (sampling, elicitation, roots). */
  respond(message: JSONRPCMessage): void {
    void this.transport?.send(message).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.state = 'closed';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.rejectAll(new UpstreamError(`server ${this.name} is shutting down`, GatewayErrorCode.UpstreamUnavailable));
    const t = this.transport;
    this.transport = undefined;
    await t?.close().catch(() => undefined);
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0].slice(0, 300);
  return String(e).slice(0, 300);
}
