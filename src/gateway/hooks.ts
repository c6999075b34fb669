// The contract between the gateway's proxy core and its policy layer (allow/deny, approval, validation,
// pinning, sandbox). The core calls these hooks; the policy layer implements them. Keep this file small.

export interface ToolDescriptor {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** What the host can do for us; elicitation is present only when the host declared the capability. */
export interface HostCapabilities {
  elicit?: (message: string, requestedSchema: Record<string, unknown>, signal: AbortSignal) => Promise<{
    action: 'accept' | 'decline' | 'cancel';
    content?: Record<string, unknown>;
  }>;
}

export interface ToolCallContext {
  sessionId: string;
  /** Upstream server name as configured (not namespaced). */
  server: string;
  /** Tool name as the upstream server knows it (not namespaced). */
  tool: string;
  arguments: Record<string, unknown>;
  /** The tool's descriptor from the last tools/list of that server, when known. */
  descriptor?: ToolDescriptor;
  host: HostCapabilities;
  signal: AbortSignal;
}

export type Decision = { action: 'allow' } | { action: 'deny'; reason: string };

export interface GatewayPolicy {
  /** Called on every tools/list result of a server (and on list_changed): hidden or blocked tools are removed. */
  filterTools(server: string, tools: ToolDescriptor[], instructions?: string): Promise<ToolDescriptor[]>;
  /** Called before each tools/call is forwarded; may wait for a person (approval). Deny → JSON-RPC error. */
  beforeToolCall(call: ToolCallContext): Promise<Decision>;
  /** Called on each tools/call result after redaction (e.g. to strip terminal escapes). */
  transformToolResult?(call: ToolCallContext, result: Record<string, unknown>): Record<string, unknown>;
  /**
   * Called before each stdio server is spawned (and re-spawned): the sandbox may rewrite the launch. `sandbox` is
   * the server's raw `sandbox:` section from keyward.gateway.yaml. Throwing refuses to start the server.
   */
  prepareLaunch?(server: string, launch: LaunchSpec, sandbox: unknown): Promise<LaunchSpec>;
  /** Why filterTools hid a tool the host called anyway (deny-list, changed pin), for the error message. */
  describeHidden?(server: string, tool: string): string | undefined;
  close?(): Promise<void>;
}

/** A stdio launch the sandbox may rewrite (e.g. into a bwrap command line). */
export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

/** Default: everything allowed, nothing changed. */
export const allowAllPolicy: GatewayPolicy = {
  filterTools: async (_server, tools) => tools,
  beforeToolCall: async () => ({ action: 'allow' }),
};
