// Shared pieces of the policy tests: a gateway with the keyward policy behind its HTTP front, reached by the
// SDK's real client, with the policy's reports, pending approvals and decisions collected.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { AuditEntry } from '../../src/gateway/audit-log.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { createGatewayPolicy, type KeywardPolicy, type PolicyDecision } from '../../src/gateway/policy/policy.js';
import { fakeToken } from '../../src/rules/fake.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE = join(ROOT, 'test/policy/fixtures/policy-server.mjs');
export const EVERYTHING = join(ROOT, 'node_modules/.bin/mcp-server-everything');
export const FILESYSTEM = join(ROOT, 'node_modules/.bin/mcp-server-filesystem');

export async function tempDir(prefix = 'keyward-policy-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Harness {
  client: Client;
  gw: Gateway;
  policy: KeywardPolicy;
  reports: string[];
  pending: { id: string; url: string; server: string; tool: string }[];
  decisions: PolicyDecision[];
  audit: AuditEntry[];
  /** Resolves with the next approval link announced by the policy. */
  nextPending: () => Promise<{ id: string; url: string }>;
  close: () => Promise<void>;
}

export interface HarnessOptions {
  dataDir?: string;
  /** Host answers elicitation with this (the host then declares the capability). */
  elicit?: (message: string) => Promise<ElicitResult> | ElicitResult;
}

export async function startGateway(yaml: string, options: HarnessOptions = {}): Promise<Harness> {
  const parsed = parseGatewayConfig(yaml, 'policy-test.yaml');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  const reports: string[] = [];
  const pending: Harness['pending'] = [];
  const decisions: PolicyDecision[] = [];
  const waiters: ((p: { id: string; url: string }) => void)[] = [];
  const built = createGatewayPolicy(parsed.config, {
    dataDir: options.dataDir,
    report: (l) => void reports.push(l),
    onPending: (p) => {
      pending.push(p);
      waiters.shift()?.(p);
    },
    onDecision: (d) => void decisions.push(d),
  });
  if ('errors' in built) throw new Error(built.errors.join('\n'));
  const audit: AuditEntry[] = [];
  const gw = new Gateway({ config: parsed.config, policy: built.policy, report: (l) => void reports.push(l), audit: { write: (e) => void audit.push(e) } });
  const token = fakeToken('', 40, 5);
  const front = await gw.serveHttp(0, token);
  const client = new Client({ name: 'policy-test', version: '1' }, { capabilities: options.elicit ? { elicitation: {} } : {} });
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, async (req) => answer(req.params.message));
  }
  await client.connect(new StreamableHTTPClientTransport(new URL(`${front.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return {
    client,
    gw,
    policy: built.policy,
    reports,
    pending,
    decisions,
    audit,
    nextPending: () => new Promise((r) => waiters.push(r)),
    close: async () => {
      await client.close().catch(() => undefined);
      await gw.close();
    },
  };
}

export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

export function fixtureYaml(policy: string, extra = ''): string {
  return `servers:\n  fx:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(FIXTURE)}]\n${extra}    policy:\n${policy
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n')}\n`;
}
