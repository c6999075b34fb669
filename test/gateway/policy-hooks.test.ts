// The proxy core's side of the policy contract (src/gateway/hooks.ts) with server-everything behind the HTTP
// front: filterTools hides tools (and their calls), beforeToolCall can deny or ask the host through elicitation,
// transformToolResult sees the already redacted result; block mode refuses arguments holding a secret; the
// server's own elicitation and sampling requests reach the host and come back.
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/gateway/audit-log.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import type { GatewayPolicy, ToolCallContext } from '../../src/gateway/hooks.js';
import { fakeToken } from '../../src/rules/fake.js';
import { EVERYTHING, textOf } from './helpers.js';

const TOKEN = fakeToken('', 40, 77);
const GH = fakeToken('ghp_', 36, 19);

describe('policy hooks and block mode', () => {
  let gw: Gateway;
  let client: Client;
  const audit: AuditEntry[] = [];
  const filtered: string[] = [];
  const seenByPolicy: ToolCallContext[] = [];
  const transformed: string[] = [];
  const elicitations: string[] = [];

  const policy: GatewayPolicy = {
    filterTools: async (server, tools) => {
      filtered.push(server);
      return tools.filter((t) => t.name !== 'get-env');
    },
    beforeToolCall: async (call) => {
      seenByPolicy.push(call);
      if (call.tool === 'get-sum') return { action: 'deny', reason: 'sums are switched off' };
      if (call.tool === 'echo' && call.arguments.message === 'ask first') {
        if (!call.host.elicit) return { action: 'deny', reason: 'no way to ask' };
        const answer = await call.host.elicit(`Allow ${call.server}/${call.tool}?`, { type: 'object', properties: {} }, call.signal);
        return answer.action === 'accept' ? { action: 'allow' } : { action: 'deny', reason: 'person said no' };
      }
      return { action: 'allow' };
    },
    transformToolResult: (call, result) => {
      transformed.push(JSON.stringify(result));
      return call.tool === 'echo' ? { ...result, content: [...(result.content as unknown[]), { type: 'text', text: 'checked' }] } : result;
    },
  };

  beforeAll(async () => {
    const parsed = parseGatewayConfig(`servers:\n  everything:\n    command: ${JSON.stringify(EVERYTHING)}\n    redact: { mode: block }\n`, 'p.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    gw = new Gateway({ config: parsed.config, policy, audit: { write: (e) => void audit.push(e) } });
    const front = await gw.serveHttp(0, TOKEN);
    client = new Client({ name: 'policy-test', version: '1' }, { capabilities: { elicitation: {}, sampling: {} } });
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      elicitations.push(req.params.message);
      return { action: 'accept', content: { name: 'Test Person', check: true } };
    });
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: 'assistant',
      content: { type: 'text', text: 'sampled answer from the host' },
      model: 'test-model',
    }));
    await client.connect(new StreamableHTTPClientTransport(new URL(`${front.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
  }, 30_000);

  afterAll(async () => {
    await client?.close();
    await gw?.close();
  });

  it('hides filtered tools from tools/list and refuses calls to them', async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(filtered).toContain('everything');
    expect(names).toContain('echo');
    expect(names).not.toContain('get-env');
    await expect(client.callTool({ name: 'get-env', arguments: {} })).rejects.toThrow(/not offered/);
  });

  it('turns a deny decision into a JSON-RPC error with the reason', async () => {
    await expect(client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } })).rejects.toThrow(/-32012.*denied by policy: sums are switched off/);
    expect(audit.some((e) => e.tool === 'get-sum' && e.decision === 'deny' && e.reason === 'sums are switched off')).toBe(true);
  });

  it('lets the policy ask the host through elicitation before the call runs', async () => {
    const r = await client.callTool({ name: 'echo', arguments: { message: 'ask first' } });
    expect(elicitations).toContain('Allow everything/echo?');
    expect(textOf(r)).toBe('Echo: ask first\nchecked');
  });

  it('in block mode refuses arguments holding a secret, naming the rule and not the value', async () => {
    const err = await client.callTool({ name: 'echo', arguments: { message: `token ${GH}` } }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/-32013.*github-pat/);
    expect((err as Error).message).not.toContain(GH);
    expect(seenByPolicy.some((c) => JSON.stringify(c.arguments).includes(GH))).toBe(false);
    expect(audit.some((e) => e.tool === 'echo' && e.decision === 'block')).toBe(true);
  });

  it('relays the server’s own elicitation and sampling requests to the host', async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('trigger-elicitation-request');
    const e = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    expect(textOf(e)).toContain('Test Person');
    const s = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'hi' } });
    expect(textOf(s)).toContain('sampled answer from the host');
  });
});
