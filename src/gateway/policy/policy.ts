// The gateway's policy layer: builds a GatewayPolicy (src/gateway/hooks.ts) from the `policy:` and `sandbox:`
// sections of keyward.gateway.yaml. Per call, in this order: hidden (allow/deny) → pinned → rate limit →
// argument validation → approval by a person. Results get terminal escapes stripped. Every check fails closed.
import type { GatewayConfig } from '../config.js';
import type { Decision, GatewayPolicy, LaunchSpec, ToolCallContext, ToolDescriptor } from '../hooks.js';
import { parseSandboxConfig, prepareSandboxedLaunch, type SandboxDeps } from '../sandbox/index.js';
import { EgressProxy, parseAllowList, type Lookup } from '../sandbox/egress.js';
import { ApprovalBroker, type ApprovalDeps } from './approvals.js';
import { defaultPolicyConfig, parsePolicyConfig, SHELL_PATTERNS, type ServerPolicyConfig } from './config.js';
import { checkPins, pinsFilePath, readPins, toolHash, writePins } from './pins.js';
import { TokenBucket } from './rate-limit.js';
import { sanitizeToolResult } from './sanitize.js';
import { ArgumentValidator } from './validate.js';

export interface PolicyDeps {
  /** keyward data dir: pins.json and the approval endpoint files live here; none → pinning is off. */
  dataDir?: string;
  report: (line: string) => void;
  /** Tests and UIs hear about each page approval here. */
  onPending?: ApprovalDeps['onPending'];
  approvalPort?: number;
  /** Each decision with its reason, for the audit log and the tests. */
  onDecision?: (d: PolicyDecision) => void;
  sandbox?: Partial<SandboxDeps>;
  /** DNS for the egress proxy (tests inject one). */
  egressLookup?: Lookup;
  now?: () => Date;
}

export interface PolicyDecision {
  sessionId: string;
  server: string;
  tool: string;
  action: 'allow' | 'deny';
  /** The control that decided: hidden, pin, rate-limit, validation, approval, or none. */
  control: 'hidden' | 'pin' | 'rate-limit' | 'validation' | 'approval' | 'none';
  reason?: string;
  /** For approvals: how the answer came (elicitation, page, cli, timeout, session memory). */
  via?: string;
  ms: number;
}

export class KeywardPolicy implements GatewayPolicy {
  readonly approvals: ApprovalBroker;
  private readonly validator = new ArgumentValidator();
  private readonly buckets = new Map<string, TokenBucket>();
  /** server → tool → why it is not offered (allow/deny or pin). */
  private readonly hidden = new Map<string, Map<string, string>>();
  /** Hash each offered tool had when filterTools passed it, so a call can be re-checked against its pin. */
  private readonly offered = new Map<string, string>();
  /** `session\0server\0tool` approved "always for this session". */
  private readonly sessionApproved = new Set<string>();
  private pinQueue: Promise<unknown> = Promise.resolve();
  /** One egress proxy per server with a network allow-list, shared by its (re)spawned children. */
  private readonly egress = new Map<string, Promise<EgressProxy>>();

  constructor(
    private readonly servers: Map<string, ServerPolicyConfig>,
    private readonly deps: PolicyDeps,
  ) {
    this.approvals = new ApprovalBroker({ dataDir: deps.dataDir, report: deps.report, onPending: deps.onPending, port: deps.approvalPort });
  }

  private configFor(server: string): ServerPolicyConfig {
    return this.servers.get(server) ?? defaultPolicyConfig();
  }

  async filterTools(server: string, tools: ToolDescriptor[], instructions?: string): Promise<ToolDescriptor[]> {
    const cfg = this.configFor(server);
    const hidden = new Map<string, string>();
    let visible: ToolDescriptor[] = [];
    for (const t of tools) {
      const why = this.listReason(cfg, t.name);
      if (why) hidden.set(t.name, why);
      else visible.push(t);
    }
    if (cfg.pin && this.deps.dataDir) {
      const check = await this.withPins(server, visible, instructions);
      for (const [name, why] of check.blocked) hidden.set(name, why);
      for (const name of check.changed) this.deps.report(`keyward gateway: BLOCKED ${server}/${name}: its description or input schema changed since it was pinned (keyward pins review ${server})`);
      visible = check.kept;
    }
    for (const t of visible) this.offered.set(`${server}\0${t.name}`, toolHash(t));
    this.hidden.set(server, hidden);
    return visible;
  }

  /** Why a tool the host asked for is not offered (the core adds this to its error). */
  describeHidden(server: string, tool: string): string | undefined {
    return this.hidden.get(server)?.get(tool) ?? this.listReason(this.configFor(server), tool);
  }

  async beforeToolCall(call: ToolCallContext): Promise<Decision> {
    const t0 = performance.now();
    const done = (control: PolicyDecision['control'], reason?: string, via?: string): Decision => {
      const action = reason === undefined ? 'allow' : 'deny';
      this.deps.onDecision?.({ sessionId: call.sessionId, server: call.server, tool: call.tool, action, control, reason, via, ms: performance.now() - t0 });
      return reason === undefined ? { action: 'allow' } : { action: 'deny', reason };
    };
    const cfg = this.configFor(call.server);
    const hidden = this.describeHidden(call.server, call.tool);
    if (hidden) return done('hidden', hidden);
    if (cfg.pin && this.deps.dataDir) {
      // The descriptor the core holds must be the one that passed the pin check.
      const offered = this.offered.get(`${call.server}\0${call.tool}`);
      if (!call.descriptor || !offered || toolHash(call.descriptor) !== offered) {
        return done('pin', `tool ${call.tool} has not passed the pin check; list the tools again`);
      }
    }
    const limit = cfg.rateLimits.find((r) => r.glob.match(call.tool));
    if (limit) {
      const key = `${call.server}\0${limit.glob.globs[0]}\0${call.tool}`;
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(limit.rate)));
      const took = bucket.take();
      if (!took.ok) return done('rate-limit', `rate limit: ${call.server}/${call.tool} allows ${limit.rate.text}; try again in ${Math.ceil(took.retryMs / 1000)} s`);
    }
    if (cfg.validate && call.descriptor) {
      const v = this.validator.validate(call.descriptor.inputSchema, call.arguments);
      if (!v.ok) return done('validation', `invalid arguments for ${call.tool}: ${v.errors.join('; ')}`);
    }
    const why = approvalReason(cfg, call);
    if (why) {
      const key = `${call.sessionId}\0${call.server}\0${call.tool}`;
      if (this.sessionApproved.has(key)) return done('approval', undefined, 'session');
      const outcome = await this.approvals.ask({
        sessionId: call.sessionId,
        server: call.server,
        tool: call.tool,
        arguments: call.arguments,
        reason: why,
        timeoutMs: cfg.approve.timeoutMs,
        signal: call.signal,
        host: call.host,
      });
      if (outcome.answer === 'session') this.sessionApproved.add(key);
      if (outcome.answer === 'once' || outcome.answer === 'session') return done('approval', undefined, outcome.via);
      const reason =
        outcome.answer === 'timeout'
          ? `no approval for ${call.server}/${call.tool} within ${Math.round(cfg.approve.timeoutMs / 1000)} s (${why})`
          : outcome.via === 'cancelled'
            ? `approval for ${call.server}/${call.tool} was cancelled`
            : `a person denied ${call.server}/${call.tool} (${why})`;
      return done('approval', reason, outcome.via);
    }
    return done('none');
  }

  transformToolResult(call: ToolCallContext, result: Record<string, unknown>): Record<string, unknown> {
    if (!this.configFor(call.server).sanitize) return result;
    return sanitizeToolResult(result).result;
  }

  async prepareLaunch(server: string, launch: LaunchSpec, sandbox: unknown): Promise<LaunchSpec> {
    return prepareSandboxedLaunch(server, launch, sandbox, { report: this.deps.report, egress: (s, hosts) => this.egressFor(s, hosts), ...this.deps.sandbox });
  }

  async close(): Promise<void> {
    await this.approvals.close();
    const proxies = [...this.egress.values()];
    this.egress.clear();
    await Promise.all(proxies.map((p) => p.then((x) => x.close(), () => undefined)));
  }

  private async egressFor(server: string, hosts: string[]): Promise<string> {
    let p = this.egress.get(server);
    if (!p) {
      const parsed = parseAllowList(hosts);
      if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
      p = EgressProxy.start(server, parsed.allow, this.deps.report, this.deps.egressLookup);
      this.egress.set(server, p);
    }
    return (await p).dir;
  }

  private listReason(cfg: ServerPolicyConfig, tool: string): string | undefined {
    const denied = cfg.deny.match(tool);
    if (denied) return `tool ${tool} is denied by the gateway policy (deny: ${denied})`;
    if (!cfg.allow.empty && !cfg.allow.match(tool)) return `tool ${tool} is not in the gateway policy's allow-list`;
    return undefined;
  }

  /** Pin checks read-modify-write pins.json; one at a time within this process. */
  private withPins(server: string, tools: ToolDescriptor[], instructions: string | undefined) {
    const file = pinsFilePath(this.deps.dataDir!);
    const run = async () => {
      const pins = await readPins(file);
      const check = checkPins(pins, server, tools, instructions, this.deps.now?.() ?? new Date());
      if (check.dirty) await writePins(file, pins);
      return check;
    };
    const next = this.pinQueue.then(run, run);
    this.pinQueue = next.catch(() => undefined);
    return next;
  }
}

/** Why this call needs a person, or undefined. */
export function approvalReason(cfg: ServerPolicyConfig, call: Pick<ToolCallContext, 'tool' | 'arguments' | 'descriptor'>): string | undefined {
  const a = cfg.approve;
  const glob = a.tools.match(call.tool);
  if (glob) return `approve: ${glob}`;
  if (a.notReadOnly && call.descriptor?.annotations?.readOnlyHint !== true) return 'tool is not annotated read-only';
  if (a.shell || a.arguments.length) {
    for (const s of stringLeaves(call.arguments)) {
      if (a.shell) {
        const hit = SHELL_PATTERNS.find((p) => p.re.test(s));
        if (hit) return `argument looks like a dangerous shell command (${hit.name})`;
      }
      const re = a.arguments.find((r) => r.test(s));
      if (re) return `argument matches ${re.source}`;
    }
  }
  return undefined;
}

function stringLeaves(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50) return out;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringLeaves(x, out, depth + 1);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringLeaves(x, out, depth + 1);
  return out;
}

/** Builds the policy for a gateway config; config errors (policy or sandbox sections) are returned, not thrown. */
export function createGatewayPolicy(config: GatewayConfig, deps: PolicyDeps): { policy: KeywardPolicy } | { errors: string[] } {
  const errors: string[] = [];
  const servers = new Map<string, ServerPolicyConfig>();
  for (const s of config.servers) {
    const parsed = parsePolicyConfig(s.policy, `${config.source}: servers.${s.name}.policy`);
    if ('errors' in parsed) errors.push(...parsed.errors);
    else {
      // `keyward gateway -- <command>` names every wrapped server "server": pins keyed by that name would mix
      // unrelated servers, so pinning needs a named server from a config file.
      if (config.source === 'command line' && s.policy === undefined) parsed.config.pin = false;
      servers.set(s.name, parsed.config);
    }
    if (s.sandbox !== undefined && s.url) errors.push(`${config.source}: servers.${s.name}.sandbox: applies to stdio servers (command), not to a url`);
    const sandbox = parseSandboxConfig(s.sandbox, `${config.source}: servers.${s.name}.sandbox`);
    if ('errors' in sandbox) errors.push(...sandbox.errors);
  }
  return errors.length ? { errors } : { policy: new KeywardPolicy(servers, deps) };
}
