// Shared pieces of the gateway tests: an in-memory secret store, temp dirs, SDK clients over both fronts.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { SecretStore } from '../../src/store/types.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/cli/bin.js');
export const EVERYTHING = join(ROOT, 'node_modules/.bin/mcp-server-everything');
export const FILESYSTEM = join(ROOT, 'node_modules/.bin/mcp-server-filesystem');
export const CRASHY = join(ROOT, 'test/gateway/fixtures/crashy-server.mjs');

export function requireBuild(): void {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test builds first)');
}

export class MemoryStore implements SecretStore {
  readonly kind = 'file' as const;
  readonly description = 'in-memory test store';
  private readonly map = new Map<string, string>();
  constructor(entries: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(entries)) this.map.set(k, v);
  }
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.map.set(key, value);
  }
  async delete(key: string): Promise<boolean> {
    return this.map.delete(key);
  }
  async list(): Promise<string[]> {
    return [...this.map.keys()];
  }
}

export async function tempDir(prefix = 'keyward-gw-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Connected {
  client: Client;
  /** What the gateway wrote to stderr (stdio front only). */
  stderr: () => string;
  notifications: { method: string; params?: unknown }[];
  close: () => Promise<void>;
}

/** Roots the test host offers (server-filesystem asks for them through the gateway). */
export const hostRoots: { uri: string; name?: string }[] = [];
export const rootsAsked = { count: 0 };

function newClient(notifications: Connected['notifications']): Client {
  const client = new Client({ name: 'keyward-test', version: '1' }, { capabilities: { roots: { listChanged: true } } });
  client.fallbackNotificationHandler = async (n) => void notifications.push({ method: n.method, params: n.params });
  client.setRequestHandler(ListRootsRequestSchema, async () => {
    rootsAsked.count++;
    return { roots: hostRoots };
  });
  return client;
}

/** Starts the built `keyward gateway` as a child and connects the SDK client to it over stdio. */
export async function connectStdio(args: string[], env: Record<string, string>): Promise<Connected> {
  requireBuild();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'gateway', ...args],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const notifications: Connected['notifications'] = [];
  const client = newClient(notifications);
  await client.connect(transport);
  return { client, stderr: () => err, notifications, close: () => client.close() };
}

export async function connectHttp(baseUrl: string, token: string, legacySse = false): Promise<Connected> {
  const headers = { Authorization: `Bearer ${token}` };
  const transport = legacySse
    ? new SSEClientTransport(new URL(`${baseUrl}/sse`), { requestInit: { headers }, eventSourceInit: { fetch: (u, i) => fetch(u, { ...i, headers: { ...(i?.headers as Record<string, string>), ...headers } }) } })
    : new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers } });
  const notifications: Connected['notifications'] = [];
  const client = newClient(notifications);
  await client.connect(transport);
  return { client, stderr: () => '', notifications, close: () => client.close() };
}

export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}
