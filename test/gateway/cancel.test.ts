// Cancellation the other way round: a server cancels a request it sent the host (elicitation); the gateway
// cancels its relayed copy, so the host's handler sees its signal abort.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { fakeToken } from '../../src/rules/fake.js';
import { CRASHY, textOf } from './helpers.js';

describe('server-side cancellation', () => {
  it('relays a server’s cancellation of its own elicitation to the host', async () => {
    const token = fakeToken('', 40, 31);
    const parsed = parseGatewayConfig(`servers:\n  crashy:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(CRASHY)}]\n`, 'c.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join());
    const gw = new Gateway({ config: parsed.config });
    const front = await gw.serveHttp(0, token);
    const client = new Client({ name: 'cancel-test', version: '1' }, { capabilities: { elicitation: {} } });
    let asked = '';
    let aborted = false;
    client.setRequestHandler(ElicitRequestSchema, async (req, extra) => {
      asked = req.params.message;
      await new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
      return { action: 'cancel' };
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${front.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    try {
      const r = await client.callTool({ name: 'ask-then-cancel', arguments: {} });
      expect(textOf(r)).toBe('done without asking');
      for (let i = 0; i < 40 && !aborted; i++) await new Promise((res) => setTimeout(res, 25));
      expect(asked).toBe('favourite colour?');
      expect(aborted).toBe(true);
    } finally {
      await client.close();
      await gw.close();
    }
  });
});
