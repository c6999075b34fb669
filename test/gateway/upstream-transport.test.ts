// The stdio upstream transport: a burst of messages sent in one turn reaches the child (as one write), in order,
// every one answered, without the drain-listener pile-up a write per message caused.
import { describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { openUpstream } from '../../src/gateway/transports/upstream.js';
import { CRASHY } from './helpers.js';

describe('stdio upstream transport', () => {
  it('delivers a burst of 200 calls sent in one turn, all answered in order, without warnings', async () => {
    const parsed = parseGatewayConfig(`servers:\n  crashy:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(CRASHY)}]\n`, 't.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join());
    const { transport } = await openUpstream(parsed.config.servers[0], { maxMessageBytes: 1 << 20 });
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    const answers: number[] = [];
    const all = new Promise<void>((resolve) => {
      transport.onmessage = (m: JSONRPCMessage) => {
        if ('id' in m && typeof m.id === 'number' && m.id > 0) answers.push(m.id);
        if (answers.length === 200) resolve();
      };
    });
    try {
      await transport.start();
      await transport.send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
      const padding = 'x'.repeat(4096);
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          transport.send({ jsonrpc: '2.0', id: i + 1, method: 'tools/call', params: { name: 'ok', arguments: { padding } } }),
        ),
      );
      await all;
      expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await transport.close();
    }
  });
});
