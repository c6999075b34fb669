// Opens the SDK client transport towards one upstream server: a stdio child with a scrubbed environment and
// secrets resolved from the store at spawn time, or a remote streamable HTTP / SSE server reached through the
// guarded fetch with its token in a header. The only place that knows SDK client transport classes.
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { SecretStore } from '../../store/types.js';
import type { LaunchSpec } from '../hooks.js';
import type { ServerConfig } from '../config.js';
import type { InjectedSecret } from '../redactor.js';
import { checkUpstreamUrl, guardedFetch, type Resolver } from '../url-guard.js';

export interface OpenedUpstream {
  transport: Transport;
  /** Secret values handed to this server; the redactor masks them wherever they reappear. */
  injected: InjectedSecret[];
  /** Child stderr (stdio only), to be redacted before it is shown. */
  stderr?: Readable;
  /** True for children (restart with back-off), false for remote servers. */
  local: boolean;
}

export interface UpstreamDeps {
  store?: SecretStore;
  /** The sandbox may rewrite a stdio launch (e.g. into a bwrap command line). */
  prepareLaunch?: (server: string, spec: LaunchSpec, sandbox: unknown) => Promise<LaunchSpec>;
  maxMessageBytes: number;
  /** DNS resolver for the SSRF guard (tests inject one). */
  resolver?: Resolver;
}

export class UpstreamConfigError extends Error {
  override name = 'UpstreamConfigError';
}

async function resolveSecret(store: SecretStore | undefined, server: string, key: string): Promise<string> {
  if (!store) throw new UpstreamConfigError(`server ${server} needs secret "${key}" but no secret store is available`);
  let value: string | undefined;
  try {
    value = await store.get(key);
  } catch (e) {
    // A locked or unreadable store will not unlock itself by retrying: a config problem, reported once.
    throw new UpstreamConfigError(`server ${server}: could not read secret "${key}" from the ${store.description}: ${(e as Error).message}`);
  }
  if (value === undefined) {
    throw new UpstreamConfigError(`server ${server}: secret "${key}" is not in the store (add it with \`keyward secrets set ${key}\`)`);
  }
  return value;
}

/**
 * Messages sent to a child in one turn of the event loop leave in one pipe write: under concurrency, a write per
 * message (and the child wake-up each one causes) costs more than relaying the message. The framing is the
 * SDK's (one JSON text per line). The SDK transport keeps the child private, so this reaches for its `_process`
 * field and leaves sending to the SDK when a later SDK renames it (or before start, after close).
 */
function coalesceWrites(transport: StdioClientTransport): void {
  const start = transport.start.bind(transport);
  const send = transport.send.bind(transport);
  let stdin: ChildProcess['stdin'] = null;
  let queue: string[] = [];
  const flush = (): void => {
    const chunk = queue.join('');
    queue = [];
    if (stdin && !stdin.destroyed) stdin.write(chunk);
  };
  transport.start = async () => {
    await start();
    stdin = (transport as unknown as { _process?: ChildProcess })._process?.stdin ?? null;
  };
  transport.send = (message: JSONRPCMessage) => {
    if (!stdin || stdin.destroyed) return send(message);
    if (queue.push(`${JSON.stringify(message)}\n`) === 1) setImmediate(flush);
    return Promise.resolve();
  };
}

export async function openUpstream(server: ServerConfig, deps: UpstreamDeps): Promise<OpenedUpstream> {
  const injected: InjectedSecret[] = [];
  if (server.command) {
    const env: Record<string, string> = { ...server.env };
    for (const [name, key] of Object.entries(server.secrets)) {
      const value = await resolveSecret(deps.store, server.name, key);
      env[name] = value;
      injected.push({ label: name, value });
    }
    let spec: LaunchSpec = { command: server.command, args: [...server.args], env, cwd: server.cwd };
    if (deps.prepareLaunch) spec = await deps.prepareLaunch(server.name, spec, server.sandbox);
    // The SDK adds only HOME, LOGNAME, PATH, SHELL, TERM and USER from our own environment; everything else the
    // child sees is what the config declared.
    const transport = new StdioClientTransport({
      command: spec.command,
      args: spec.args,
      env: spec.env,
      cwd: spec.cwd,
      stderr: 'pipe',
      maxBufferSize: deps.maxMessageBytes,
    });
    coalesceWrites(transport);
    return { transport, injected, stderr: (transport.stderr as Readable | null) ?? undefined, local: true };
  }
  const url = server.url!;
  const check = checkUpstreamUrl(url, server);
  if (!check.ok) throw new UpstreamConfigError(`server ${server.name}: ${check.reason}`);
  const headers: Record<string, string> = {};
  for (const [h, v] of Object.entries(server.headers)) {
    if ('secret' in v) {
      const value = await resolveSecret(deps.store, server.name, v.secret);
      headers[h] = value;
      injected.push({ label: h, value });
      // "Bearer <token>" style values: the bare token is what a server might echo.
      const bare = /^\s*\S+\s+(\S{6,})\s*$/.exec(value)?.[1];
      if (bare) injected.push({ label: h, value: bare });
    } else headers[h] = v.value;
  }
  const fetch = guardedFetch(server, deps.resolver);
  const transport =
    server.transport === 'sse'
      ? new SSEClientTransport(check.url, { fetch, requestInit: { headers } })
      : new StreamableHTTPClientTransport(check.url, { fetch, requestInit: { headers } });
  return { transport, injected, local: false };
}
