// The proxy core: one front session (the host) relayed to N upstream servers. It answers the MCP handshake
// itself, aggregates and namespaces tools, prompts and resources, routes calls, relays notifications, server→host
// requests (sampling, elicitation, roots) and cancellation, redacts every message in both directions, calls the
// policy hooks and writes the audit log. Transport-agnostic: it sees JSON-RPC messages only.
import type { JSONRPCMessage, JSONRPCNotification, JSONRPCRequest, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { AuditEntry, AuditSink } from './audit-log.js';
import { shapeOf } from './audit-log.js';
import type { GatewayConfig } from './config.js';
import type { GatewayPolicy, HostCapabilities, ToolCallContext, ToolDescriptor } from './hooks.js';
import { InjectedSecrets, newStats, type RedactionStats } from './redactor.js';
import type { UpstreamDeps } from './transports/upstream.js';
import { GatewayErrorCode, Upstream, UpstreamError } from './upstream.js';

/** How the session talks to its host; implemented over an SDK server transport in transports/front.ts. */
export interface FrontChannel {
  send(message: JSONRPCMessage, relatedRequestId?: RequestId): Promise<void>;
}

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

const SEP = '__';
const MAX_PAGES = 100;

interface Inflight {
  controller: AbortController;
  server?: string;
}

interface HostPending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (e: UpstreamError) => void;
}

export class ProxySession {
  private readonly upstreams = new Map<string, Upstream>();
  readonly injected = new InjectedSecrets();
  private hostCapabilities: Record<string, unknown> = {};
  private initialized = false;
  private closed = false;
  /** Front requests being served, by JSON-RPC id (stringified). */
  private readonly inflight = new Map<string, Inflight>();
  /** Requests we sent to the host, by our id. */
  private readonly hostPending = new Map<string, HostPending>();
  private nextHostId = 1;
  /** Progress tokens the host gave, → the host request they belong to (to route progress on HTTP streams). */
  private readonly progressOwner = new Map<string | number, RequestId>();
  /** Requests servers sent the host, still waiting for its answer (server + id → cancel). */
  private readonly serverRequests = new Map<string, AbortController>();
  /** Filtered tool descriptors per server, by upstream tool name. */
  private readonly tools = new Map<string, Map<string, ToolDescriptor>>();

  constructor(
    private readonly front: FrontChannel,
    private readonly deps: SessionDeps,
  ) {}

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
    const pending = this.hostPending.get(String(m.id));
    if (!pending) return;
    this.hostPending.delete(String(m.id));
    if (m.error && typeof m.error === 'object') {
      const e = m.error as { code?: number; message?: string; data?: unknown };
      pending.reject(new UpstreamError(e.message ?? 'host error', e.code ?? GatewayErrorCode.UpstreamProtocol, e.data));
    } else pending.resolve((m.result as Record<string, unknown>) ?? {});
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const f of this.inflight.values()) f.controller.abort();
    for (const p of this.hostPending.values()) p.reject(new UpstreamError('session closed', GatewayErrorCode.UpstreamUnavailable));
    this.hostPending.clear();
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
        return { tools: await this.listTools(stats) };
      case 'tools/call':
        return this.callTool(req, params, signal, inflight, entry, stats);
      case 'prompts/list':
        return { prompts: await this.listAll('prompts', 'prompts/list', 'prompts', stats, (s, p) => ({ ...p, name: this.expose(s, String(p.name)) })) };
      case 'resources/list':
        return { resources: await this.listAll('resources', 'resources/list', 'resources', stats, (s, r) => ({ ...r, uri: this.exposeUri(s, String(r.uri)) })) };
      case 'resources/templates/list':
        return {
          resourceTemplates: await this.listAll('resources', 'resources/templates/list', 'resourceTemplates', stats, (s, r) => ({
            ...r,
            uriTemplate: this.exposeUri(s, String(r.uriTemplate)),
          })),
        };
      case 'prompts/get': {
        const { up, name } = this.routeName(params.name);
        return this.forward(up, req.method, { ...params, name }, signal, inflight, entry, stats);
      }
      case 'resources/read':
      case 'resources/subscribe':
      case 'resources/unsubscribe': {
        const { up, uri } = this.routeUri(params.uri);
        return this.forward(up, req.method, { ...params, uri }, signal, inflight, entry, stats);
      }
      case 'completion/complete': {
        const ref = (params.ref ?? {}) as Record<string, unknown>;
        if (ref.type === 'ref/prompt') {
          const { up, name } = this.routeName(ref.name);
          return this.forward(up, req.method, { ...params, ref: { ...ref, name } }, signal, inflight, entry, stats);
        }
        const { up, uri } = this.routeUri(ref.uri);
        return this.forward(up, req.method, { ...params, ref: { ...ref, uri } }, signal, inflight, entry, stats);
      }
      case 'logging/setLevel': {
        const targets = this.ready().filter((u) => u.info?.capabilities.logging);
        await Promise.allSettled(targets.map((u) => u.request('logging/setLevel', params, { signal })));
        return {};
      }
      default: {
        // With one server the gateway is transparent: methods it does not know pass through, redacted.
        const only = this.single();
        if (only) return this.forward(only, req.method, params, signal, inflight, entry, stats);
        throw new UpstreamError(`method ${req.method} is not supported by the gateway`, -32601);
      }
    }
  }

  private async initialize(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.initialized) throw new UpstreamError('session already initialized', -32600);
    this.initialized = true;
    this.hostCapabilities = (params.capabilities as Record<string, unknown>) ?? {};
    const relayed: Record<string, unknown> = {};
    // The host's client capabilities are relayed so upstream servers can ask for sampling, elicitation, roots.
    for (const k of ['sampling', 'elicitation', 'roots', 'experimental'] as const) {
      if (this.hostCapabilities[k] !== undefined) relayed[k] = this.hostCapabilities[k];
    }
    const clientInfo = { name: 'keyward-gateway', version: this.deps.version };
    for (const server of this.deps.config.servers) {
      const up = new Upstream(server, this.deps.upstream, { capabilities: relayed, clientInfo }, this.upstreamEvents, this.injected);
      this.upstreams.set(server.name, up);
    }
    await Promise.all([...this.upstreams.values()].map((u) => u.start()));
    const requested = String(params.protocolVersion ?? '');
    const protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;
    const ready = this.ready();
    const has = (cap: string): boolean => ready.some((u) => u.info?.capabilities[cap] !== undefined);
    const capabilities: Record<string, unknown> = { tools: { listChanged: true } };
    if (has('prompts')) capabilities.prompts = { listChanged: true };
    if (has('resources')) {
      const subscribe = ready.some((u) => (u.info?.capabilities.resources as { subscribe?: boolean } | undefined)?.subscribe);
      capabilities.resources = { listChanged: true, ...(subscribe ? { subscribe: true } : {}) };
    }
    if (has('logging')) capabilities.logging = {};
    if (has('completions')) capabilities.completions = {};
    const stats = newStats();
    const instructions = ready
      .filter((u) => u.info?.instructions)
      .map((u) => {
        const text = u.redactor.redactString(u.info!.instructions!, stats);
        return this.deps.config.namespace ? `## ${u.name} (tools prefixed ${u.name}${SEP})\n${text}` : text;
      })
      .join('\n\n');
    const result: Record<string, unknown> = {
      protocolVersion,
      capabilities,
      serverInfo: { name: 'keyward-gateway', version: this.deps.version },
    };
    if (instructions) result.instructions = instructions;
    return result;
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

  private async toolsOf(up: Upstream, stats: RedactionStats): Promise<Map<string, ToolDescriptor>> {
    const raw = (await this.pages(up, 'tools/list', 'tools')) as unknown as ToolDescriptor[];
    const redacted = up.redactor.redactValue(raw, stats);
    const kept = await this.deps.policy.filterTools(up.name, redacted, up.info?.instructions);
    const byName = new Map<string, ToolDescriptor>();
    for (const t of kept) {
      if (byName.has(t.name)) this.deps.report(`keyward gateway: server ${up.name} lists tool ${t.name} twice; keeping the first`);
      else byName.set(t.name, t);
    }
    this.tools.set(up.name, byName);
    return byName;
  }

  private async listTools(stats: RedactionStats): Promise<ToolDescriptor[]> {
    const ups = this.ready().filter((u) => u.info?.capabilities.tools !== undefined);
    const lists = await Promise.allSettled(ups.map((u) => this.toolsOf(u, stats)));
    const out: ToolDescriptor[] = [];
    const seen = new Set<string>();
    lists.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.deps.report(`keyward gateway: tools/list from ${ups[i].name} failed: ${(r.reason as Error).message}`);
        return;
      }
      for (const t of r.value.values()) {
        const exposed = this.expose(ups[i].name, t.name);
        // Clashes cannot be resolved safely (which server would a call reach?): both are dropped.
        if (seen.has(exposed)) {
          this.deps.report(`keyward gateway: tool name ${exposed} clashes; it is not offered`);
          const idx = out.findIndex((x) => x.name === exposed);
          if (idx >= 0) out.splice(idx, 1);
          continue;
        }
        seen.add(exposed);
        out.push({ ...t, name: exposed });
      }
    });
    return out;
  }

  private async callTool(
    req: JSONRPCRequest,
    params: Record<string, unknown>,
    signal: AbortSignal,
    inflight: Inflight,
    entry: AuditEntry,
    stats: RedactionStats,
  ): Promise<Record<string, unknown>> {
    const { up, name } = this.routeName(params.name);
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
    const known = this.tools.get(up.name) ?? (await this.toolsOf(up, newStats()));
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
    let result = this.exposeContent(up.name, up.redactor.redactValue(raw, stats, { tool: name }));
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
    return this.exposeContent(up.name, up.redactor.redactValue(result, stats));
  }

  private async pages(up: Upstream, method: string, key: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await up.request(method, cursor ? { cursor } : undefined);
      const list = page[key];
      if (Array.isArray(list)) items.push(...(list as Record<string, unknown>[]));
      cursor = typeof page.nextCursor === 'string' ? page.nextCursor : undefined;
      if (!cursor) break;
    }
    return items;
  }

  private async listAll(
    capability: string,
    method: string,
    key: string,
    stats: RedactionStats,
    rename: (server: string, item: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<Record<string, unknown>[]> {
    const ups = this.ready().filter((u) => u.info?.capabilities[capability] !== undefined);
    const lists = await Promise.allSettled(ups.map((u) => this.pages(u, method, key)));
    const out: Record<string, unknown>[] = [];
    lists.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.deps.report(`keyward gateway: ${method} from ${ups[i].name} failed: ${(r.reason as Error).message}`);
        return;
      }
      for (const item of ups[i].redactor.redactValue(r.value, stats)) out.push(rename(ups[i].name, item));
    });
    return out;
  }

  // ---- gateway → host --------------------------------------------------------------------------------------

  /** What the policy layer may ask the host for during one tool call. */
  private hostFor(related: RequestId): HostCapabilities {
    if (!this.hostCapabilities.elicitation) return {};
    return {
      elicit: async (message, requestedSchema, signal) => {
        const r = await this.requestHost('elicitation/create', { message, requestedSchema }, related, signal);
        return r as Awaited<ReturnType<NonNullable<HostCapabilities['elicit']>>>;
      },
    };
  }

  private requestHost(
    method: string,
    params: Record<string, unknown>,
    related: RequestId | undefined,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const id = `keyward-${this.nextHostId++}`;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.hostPending.delete(id)) return;
        void this.front
          .send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'cancelled' } }, related)
          .catch(() => undefined);
        reject(new UpstreamError('cancelled', GatewayErrorCode.UpstreamUnavailable));
      };
      this.hostPending.set(id, {
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.front.send({ jsonrpc: '2.0', id, method, params }, related).catch(() => {
        this.hostPending.delete(id);
        reject(new UpstreamError('could not reach the host', GatewayErrorCode.UpstreamUnavailable));
      });
    });
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
      this.tools.delete(up.name);
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
        this.tools.delete(up.name);
        break;
      case 'notifications/resources/updated':
        if (params && typeof params.uri === 'string') params = { ...params, uri: this.exposeUri(up.name, params.uri) };
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
      const result = await this.requestHost(r.method, params, this.relatedTo(up.name), controller.signal);
      up.respond({ jsonrpc: '2.0', id: r.id, result: up.redactor.redactValue(result, newStats()) as never });
    } catch (e) {
      if (controller.signal.aborted) return; // the server cancelled it: it expects no answer
      const err = e instanceof UpstreamError ? { code: e.code, message: up.redactor.redactString(e.message, newStats()) } : { code: -32603, message: 'gateway error' };
      up.respond({ jsonrpc: '2.0', id: r.id, error: err });
    } finally {
      this.serverRequests.delete(key);
    }
  }

  // ---- naming ----------------------------------------------------------------------------------------------

  private ready(): Upstream[] {
    return [...this.upstreams.values()].filter((u) => u.state === 'ready');
  }

  private single(): Upstream | undefined {
    return this.upstreams.size === 1 ? [...this.upstreams.values()][0] : undefined;
  }

  private expose(server: string, name: string): string {
    return this.deps.config.namespace ? `${server}${SEP}${name}` : name;
  }

  private exposeUri(server: string, uri: string): string {
    return this.deps.config.namespace ? `${server}+${uri}` : uri;
  }

  private routeName(exposed: unknown): { up: Upstream; name: string } {
    if (typeof exposed !== 'string' || !exposed) throw new UpstreamError('missing name', GatewayErrorCode.UnknownTarget);
    if (!this.deps.config.namespace) {
      const only = this.single();
      if (only) return { up: only, name: exposed };
    }
    const i = exposed.indexOf(SEP);
    const up = i > 0 ? this.upstreams.get(exposed.slice(0, i)) : undefined;
    if (!up) throw new UpstreamError(`unknown name ${exposed}: expected <server>${SEP}<name>`, GatewayErrorCode.UnknownTarget);
    return { up, name: exposed.slice(i + SEP.length) };
  }

  private routeUri(exposed: unknown): { up: Upstream; uri: string } {
    if (typeof exposed !== 'string' || !exposed) throw new UpstreamError('missing uri', GatewayErrorCode.UnknownTarget);
    if (!this.deps.config.namespace) {
      const only = this.single();
      if (only) return { up: only, uri: exposed };
    }
    const i = exposed.indexOf('+');
    const up = i > 0 ? this.upstreams.get(exposed.slice(0, i)) : undefined;
    if (!up) throw new UpstreamError(`unknown resource ${exposed}: expected <server>+<uri>`, GatewayErrorCode.UnknownTarget);
    return { up, uri: exposed.slice(i + 1) };
  }

  /** Resource URIs inside results (links, embedded resources, read contents) get the server's prefix too. */
  private exposeContent(server: string, result: Record<string, unknown>): Record<string, unknown> {
    if (!this.deps.config.namespace) return result;
    const fixItem = (c: unknown): unknown => {
      if (!c || typeof c !== 'object') return c;
      const item = c as Record<string, unknown>;
      if (item.type === 'resource_link' && typeof item.uri === 'string') return { ...item, uri: this.exposeUri(server, item.uri) };
      if (item.type === 'resource' && item.resource && typeof (item.resource as { uri?: unknown }).uri === 'string') {
        const res = item.resource as Record<string, unknown>;
        return { ...item, resource: { ...res, uri: this.exposeUri(server, String(res.uri)) } };
      }
      return c;
    };
    let out = result;
    if (Array.isArray(result.content)) out = { ...out, content: result.content.map(fixItem) };
    if (Array.isArray(result.contents)) {
      out = {
        ...out,
        contents: (result.contents as Record<string, unknown>[]).map((c) =>
          typeof c?.uri === 'string' ? { ...c, uri: this.exposeUri(server, c.uri) } : c,
        ),
      };
    }
    if (Array.isArray(result.messages)) {
      out = {
        ...out,
        messages: (result.messages as Record<string, unknown>[]).map((msg) => ({ ...msg, content: fixItem(msg.content) })),
      };
    }
    return out;
  }
}

function approxBytes(m: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(m));
  } catch {
    return 0;
  }
}
