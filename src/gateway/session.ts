// The proxy core: one front session (the host) relayed to N upstream servers. It serves the host's requests
// (routing calls, redacting every message in both directions, calling the policy hooks, writing the audit log)
// and relays what servers send (notifications, server→host requests, cancellation). The pieces it composes live
// in session/: naming (namespacing and routing), catalog (merged lists), handshake (initialize), host-requests
// (what the gateway asks the host). Transport-agnostic: it sees JSON-RPC messages only.
import type { JSONRPCMessage, JSONRPCNotification, JSONRPCRequest, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { AuditEntry, AuditSink } from './audit-log.js';
import { shapeOf } from './audit-log.js';
import type { GatewayConfig } from './config.js';
import type { GatewayPolicy, HostCapabilities, ToolCallContext } from './hooks.js';
import { InjectedSecrets, newStats, type RedactionStats } from './redactor.js';
import { Catalog } from './session/catalog.js';
import type { FrontChannel } from './session/front-channel.js';
import { initializeResult, relayedCapabilities } from './session/handshake.js';
import { HostRequests } from './session/host-requests.js';
import { Naming } from './session/naming.js';
import type { UpstreamDeps } from './transports/upstream.js';
import { GatewayErrorCode, Upstream, UpstreamError } from './upstream.js';

export type { FrontChannel };

export interface SessionDeps {
  sessionId: string;
  config: GatewayConfig;
  upstream: UpstreamDeps;
  policy: GatewayPolicy;
  audit: AuditSink;
  /** Diagnostics (already redacted) for the user's stderr. */
  report: (line: string) => void;
  version: string;
}

interface Inflight {
  controller: AbortController;
  server?: string;
}

export class ProxySession {
  private readonly upstreams = new Map<string, Upstream>();
  readonly injected = new InjectedSecrets();
  private hostCapabilities: Record<string, unknown> = {};
  private initialized = false;
  private closed = false;
  /** Front requests being served, by JSON-RPC id (stringified). */
  private readonly inflight = new Map<string, Inflight>();
  private readonly host: HostRequests;
  /** Progress tokens the host gave, → the host request they belong to (to route progress on HTTP streams). */
  private readonly progressOwner = new Map<string | number, RequestId>();
  /** Requests servers sent the host, still waiting for its answer (server + id → cancel). */
  private readonly serverRequests = new Map<string, AbortController>();
  private readonly naming: Naming;
  private readonly catalog: Catalog;

  constructor(
    private readonly front: FrontChannel,
    private readonly deps: SessionDeps,
  ) {
    this.host = new HostRequests(front);
    this.naming = new Naming(Boolean(deps.config.namespace), this.upstreams);
    this.catalog = new Catalog(deps.policy, this.naming, deps.report);
  }

  get id(): string {
    return this.deps.sessionId;
  }

  /** Entry point for every message the host sends. */
  handle(message: JSONRPCMessage): void {
    const m = message as Record<string, unknown>;
    if (typeof m.method === 'string') {
      if (m.id !== undefined) void this.serve(message as JSONRPCRequest);
      else this.hostNotification(message as JSONRPCNotification);
      return;
    }
    // A response to something we asked the host.
    this.host.settle(m);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const f of this.inflight.values()) f.controller.abort();
    this.host.rejectAll();
    await Promise.all([...this.upstreams.values()].map((u) => u.close()));
  }

  // ---- host → gateway -------------------------------------------------------------------------------------

  private async serve(req: JSONRPCRequest): Promise<void> {
    const started = performance.now();
    const key = String(req.id);
    const controller = new AbortController();
    const inflight: Inflight = { controller };
    this.inflight.set(key, inflight);
    const params = (req.params ?? {}) as Record<string, unknown>;
    const token = (params._meta as { progressToken?: string | number } | undefined)?.progressToken;
    if (token !== undefined) this.progressOwner.set(token, req.id);
    const entry: AuditEntry = {
      time: new Date().toISOString(),
      session: this.id,
      method: req.method,
      decision: 'allow',
      durationMs: 0,
      requestBytes: approxBytes(req),
      responseBytes: 0,
    };
    const stats = newStats();
    let response: JSONRPCMessage;
    try {
      const result = await this.dispatch(req, params, controller.signal, inflight, entry, stats);
      response = { jsonrpc: '2.0', id: req.id, result: result as never };
    } catch (e) {
      const err = this.toJsonRpcError(e, entry);
      response = { jsonrpc: '2.0', id: req.id, error: err };
    } finally {
      this.inflight.delete(key);
      if (token !== undefined) this.progressOwner.delete(token);
    }
    if (stats.masked.size) entry.redacted = Object.fromEntries(stats.masked);
    if (controller.signal.aborted) {
      // The host cancelled: per the protocol it expects no answer.
      entry.decision = 'cancelled';
    } else {
      entry.responseBytes = approxBytes(response);
      await this.front.send(response).catch(() => undefined);
    }
    entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
    if (entry.server === undefined) delete entry.server;
    try {
      this.deps.audit.write(entry);
    } catch (e) {
      this.deps.report(`keyward gateway: could not write the audit log: ${(e as Error).message}`);
    }
  }

  private toJsonRpcError(e: unknown, entry: AuditEntry): { code: number; message: string; data?: unknown } {
    if (e instanceof UpstreamError) {
      entry.errorCode = e.code;
      if (entry.decision === 'allow') entry.decision = e.code === GatewayErrorCode.UpstreamTimeout ? 'timeout' : 'error';
      // Upstream error text can carry secrets too: it goes through the redactor of the server it came from.
      const up = entry.server ? this.upstreams.get(entry.server) : undefined;
      const stats = newStats();
      try {
        const message = up ? up.redactor.redactString(e.message, stats) : this.injected.mask(e.message, stats);
        const data = e.data === undefined ? undefined : up ? up.redactor.redactValue(e.data, stats) : undefined;
        return data === undefined ? { code: e.code, message } : { code: e.code, message, data };
      } catch {
        return { code: GatewayErrorCode.RedactionFailed, message: 'error withheld: redaction failed' };
      }
    }
    entry.decision = 'error';
    entry.errorCode = -32603;
    this.deps.report(`keyward gateway: internal error while serving ${entry.method}: ${(e as Error)?.message ?? e}`);
    return { code: -32603, message: 'internal gateway error (see the gateway log)' };
  }

  private async dispatch(
    req: JSONRPCRequest,
    params: Record<string, unknown>,
    signal: AbortSignal,
    inflight: Inflight,
    entry: AuditEntry,
    stats: RedactionStats,
  ): Promise<Record<string, unknown>> {
    switch (req.method) {
      case 'initialize':
        return this.initialize(params);
      case 'ping':
        return {};
      case 'tools/list':
        return { tools: await this.catalog.listTools(this.ready(), stats) };
      case 'tools/call':
        return this.callTool(req, params, signal, inflight, entry, stats);
      case 'prompts/list':
        return { prompts: await this.catalog.listAll(this.ready(), 'prompts', 'prompts/list', 'prompts', stats, (s, p) => ({ ...p, name: this.naming.expose(s, String(p.name)) })) };
      case 'resources/list':
        return { resources: await this.catalog.listAll(this.ready(), 'resources', 'resources/list', 'resources', stats, (s, r) => ({ ...r, uri: this.naming.exposeUri(s, String(r.uri)) })) };
      case 'resources/templates/list':
        return {
          resourceTemplates: await this.catalog.listAll(this.ready(), 'resources', 'resources/templates/list', 'resourceTemplates', stats, (s, r) => ({
            ...r,
            uriTemplate: this.naming.exposeUri(s, String(r.uriTemplate)),
          })),
        };
      case 'prompts/get': {
        const { up, name } = this.naming.routeName(params.name);
        return this.forward(up, req.method, { ...params, name }, signal, inflight, entry, stats);
      }
      case 'resources/read':
      case 'resources/subscribe':
      case 'resources/unsubscribe': {
        const { up, uri } = this.naming.routeUri(params.uri);
        return this.forward(up, req.method, { ...params, uri }, signal, inflight, entry, stats);
      }
      case 'completion/complete': {
        const ref = (params.ref ?? {}) as Record<string, unknown>;
        if (ref.type === 'ref/prompt') {
          const { up, name } = this.naming.routeName(ref.name);
          return this.forward(up, req.method, { ...params, ref: { ...ref, name } }, signal, inflight, entry, stats);
        }
        const { up, uri } = this.naming.routeUri(ref.uri);
        return this.forward(up, req.method, { ...params, ref: { ...ref, uri } }, signal, inflight, entry, stats);
      }
      case 'logging/setLevel': {
        const targets = this.ready().filter((u) => u.info?.capabilities.logging);
        await Promise.allSettled(targets.map((u) => u.request('logging/setLevel', params, { signal })));
        return {};
      }
      default: {
        // With one server the gateway is transparent: methods it does not know pass through, redacted.
        const only = this.naming.single();
        if (only) return this.forward(only, req.method, params, signal, inflight, entry, stats);
        throw new UpstreamError(`method ${req.method} is not supported by the gateway`, -32601);
      }
    }
  }

  private async initialize(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.initialized) throw new UpstreamError('session already initialized', -32600);
    this.initialized = true;
    this.hostCapabilities = (params.capabilities as Record<string, unknown>) ?? {};
    const relayed = relayedCapabilities(this.hostCapabilities);
    const clientInfo = { name: 'keyward-gateway', version: this.deps.version };
    for (const server of this.deps.config.servers) {
      const up = new Upstream(server, this.deps.upstream, { capabilities: relayed, clientInfo }, this.upstreamEvents, this.injected);
      this.upstreams.set(server.name, up);
    }
    await Promise.all([...this.upstreams.values()].map((u) => u.start()));
    return initializeResult(this.ready(), params.protocolVersion, { namespace: Boolean(this.deps.config.namespace), version: this.deps.version });
  }

  private hostNotification(n: JSONRPCNotification): void {
    switch (n.method) {
      case 'notifications/cancelled': {
        const id = (n.params as { requestId?: RequestId } | undefined)?.requestId;
        if (id !== undefined) this.inflight.get(String(id))?.controller.abort();
        return;
      }
      case 'notifications/roots/list_changed':
        for (const u of this.ready()) u.notify(n.method, n.params as Record<string, unknown> | undefined);
        return;
      default:
        return;
    }
  }

  // ---- tools -----------------------------------------------------------------------------------------------

  private async callTool(
    req: JSONRPCRequest,
    params: Record<string, unknown>,
    signal: AbortSignal,
    inflight: Inflight,
    entry: AuditEntry,
    stats: RedactionStats,
  ): Promise<Record<string, unknown>> {
    const { up, name } = this.naming.routeName(params.name);
    entry.server = up.name;
    entry.tool = name;
    const args = (params.arguments ?? {}) as Record<string, unknown>;
    entry.args = shapeOf(args);
    const block = up.config.redact.mode === 'block';
    const safeArgs = up.redactor.redactValue(args, stats, { tool: name, block });
    if (stats.blocked.length) {
      entry.decision = 'block';
      throw new UpstreamError(
        `tool call refused: its arguments contain a secret (${stats.blocked.join(', ')}) and server ${up.name} blocks secrets in arguments`,
        GatewayErrorCode.SecretBlocked,
      );
    }
    const known = this.catalog.cachedTools(up.name) ?? (await this.catalog.toolsOf(up, newStats()));
    const descriptor = known.get(name);
    if (!descriptor) {
      entry.decision = 'deny';
      const why = this.deps.policy.describeHidden?.(up.name, name);
      if (why) entry.reason = why;
      throw new UpstreamError(`tool ${String(params.name)} is not offered by this gateway${why ? `: ${why}` : ''}`, GatewayErrorCode.UnknownTarget);
    }
    const ctx: ToolCallContext = {
      sessionId: this.id,
      server: up.name,
      tool: name,
      arguments: safeArgs,
      descriptor,
      host: this.hostFor(req.id),
      signal,
    };
    const decision = await this.deps.policy.beforeToolCall(ctx);
    if (decision.action === 'deny') {
      entry.decision = 'deny';
      entry.reason = up.redactor.redactString(decision.reason, newStats()).slice(0, 500);
      throw new UpstreamError(`tool call denied by policy: ${decision.reason}`, GatewayErrorCode.PolicyDenied);
    }
    inflight.server = up.name;
    const raw = await up.request('tools/call', { ...params, name, arguments: safeArgs }, { signal });
    let result = this.naming.exposeContent(up.name, up.redactor.redactValue(raw, stats, { tool: name }));
    if (this.deps.policy.transformToolResult) result = this.deps.policy.transformToolResult(ctx, result);
    return result;
  }

  // ---- generic forwarding ----------------------------------------------------------------------------------

  private async forward(
    up: Upstream,
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
    inflight: Inflight,
    entry: AuditEntry,
    stats: RedactionStats,
  ): Promise<Record<string, unknown>> {
    entry.server = up.name;
    inflight.server = up.name;
    if (method === 'prompts/get') {
      entry.tool = String(params.name);
      entry.args = shapeOf(params.arguments ?? {});
    }
    const safe = up.redactor.redactValue(params, stats);
    const result = await up.request(method, safe, { signal });
    return this.naming.exposeContent(up.name, up.redactor.redactValue(result, stats));
  }

  // ---- gateway → host --------------------------------------------------------------------------------------

  /** What the policy layer may ask the host for during one tool call. */
  private hostFor(related: RequestId): HostCapabilities {
    if (!this.hostCapabilities.elicitation) return {};
    return {
      elicit: async (message, requestedSchema, signal) => {
        const r = await this.host.send('elicitation/create', { message, requestedSchema }, related, signal);
        return r as Awaited<ReturnType<NonNullable<HostCapabilities['elicit']>>>;
      },
    };
  }

  /** The host request a server-initiated message most likely belongs to: the newest call in flight to it. */
  private relatedTo(server: string): RequestId | undefined {
    let found: string | undefined;
    for (const [id, f] of this.inflight) if (f.server === server) found = id;
    if (found === undefined) return undefined;
    const n = Number(found);
    return Number.isInteger(n) && String(n) === found ? n : found;
  }

  private readonly upstreamEvents = {
    notification: (up: Upstream, n: JSONRPCNotification): void => this.upstreamNotification(up, n),
    request: (up: Upstream, r: JSONRPCRequest): void => void this.upstreamRequest(up, r),
    ready: (up: Upstream, restarted: boolean): void => {
      this.catalog.forgetTools(up.name);
      if (restarted && this.initialized) {
        void this.front.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }).catch(() => undefined);
      }
    },
    problem: (_up: Upstream, text: string): void => this.deps.report(`keyward gateway: ${text}`),
  };

  private upstreamNotification(up: Upstream, n: JSONRPCNotification): void {
    let params = n.params as Record<string, unknown> | undefined;
    let related: RequestId | undefined;
    try {
      if (params) params = up.redactor.redactValue(params, newStats());
    } catch {
      this.deps.report(`keyward gateway: dropped a ${n.method} notification from ${up.name}: redaction failed`);
      return;
    }
    switch (n.method) {
      case 'notifications/progress':
        related = this.progressOwner.get((params as { progressToken?: string | number }).progressToken ?? '');
        break;
      case 'notifications/tools/list_changed':
        this.catalog.forgetTools(up.name);
        break;
      case 'notifications/resources/updated':
        if (params && typeof params.uri === 'string') params = { ...params, uri: this.naming.exposeUri(up.name, params.uri) };
        break;
      case 'notifications/cancelled': {
        // The server gave up on a request it sent the host: cancel our copy (which tells the host, by our id).
        const id = (params as { requestId?: RequestId } | undefined)?.requestId;
        if (id !== undefined) this.serverRequests.get(`${up.name}\u0000${String(id)}`)?.abort();
        return;
      }
      default:
        related = n.method === 'notifications/message' ? this.relatedTo(up.name) : undefined;
    }
    const out: JSONRPCNotification = params === undefined ? { jsonrpc: '2.0', method: n.method } : { jsonrpc: '2.0', method: n.method, params };
    void this.front.send(out, related).catch(() => undefined);
  }

  private async upstreamRequest(up: Upstream, r: JSONRPCRequest): Promise<void> {
    const needs: Record<string, string> = {
      'sampling/createMessage': 'sampling',
      'elicitation/create': 'elicitation',
      'roots/list': 'roots',
    };
    const cap = needs[r.method];
    if (!cap || this.hostCapabilities[cap] === undefined) {
      up.respond({ jsonrpc: '2.0', id: r.id, error: { code: -32601, message: `the host does not support ${r.method}` } });
      return;
    }
    const key = `${up.name}\u0000${String(r.id)}`;
    const controller = new AbortController();
    this.serverRequests.set(key, controller);
    try {
      const params = up.redactor.redactValue((r.params ?? {}) as Record<string, unknown>, newStats());
      const result = await this.host.send(r.method, params, this.relatedTo(up.name), controller.signal);
      up.respond({ jsonrpc: '2.0', id: r.id, result: up.redactor.redactValue(result, newStats()) as never });
    } catch (e) {
      if (controller.signal.aborted) return; // the server cancelled it: it expects no answer
      const err = e instanceof UpstreamError ? { code: e.code, message: up.redactor.redactString(e.message, newStats()) } : { code: -32603, message: 'gateway error' };
      up.respond({ jsonrpc: '2.0', id: r.id, error: err });
    } finally {
      this.serverRequests.delete(key);
    }
  }

  private ready(): Upstream[] {
    return [...this.upstreams.values()].filter((u) => u.state === 'ready');
  }
}

function approxBytes(m: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(m));
  } catch {
    return 0;
  }
}
