// The policy's allow path under repetition: thousands of calls stay allowed (the rate-limit bucket refills, no
// state leaks between calls), and sanitising a long coloured result strips every escape and keeps the text.
// What these cost is measured by `bench/policy.bench.mjs`, not here: timings do not belong in unit tests.
import { describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../../src/gateway/config.js';
import type { ToolDescriptor } from '../../src/gateway/hooks.js';
import { createGatewayPolicy } from '../../src/gateway/policy/policy.js';
import { sanitizeToolResult } from '../../src/gateway/policy/sanitize.js';
import { tempDir } from './helpers.js';

const run: ToolDescriptor = {
  name: 'run',
  description: 'Runs a command',
  inputSchema: {
    type: 'object',
    properties: { command: { type: 'string' }, cwd: { type: 'string' }, timeout: { type: 'number', minimum: 0 } },
    required: ['command'],
    additionalProperties: false,
  },
};

describe('policy allow path under repetition', () => {
  it('keeps allowing a valid call 3000 times, and still refuses an invalid one after', async () => {
    const home = await tempDir();
    try {
      const parsed = validateGatewayConfig(
        { servers: { s: { command: 'x', policy: { deny: ['delete_*'], rateLimit: { '*': '1000000/s' }, approve: { shell: true, tools: ['admin_*'] } } } } },
        'repeat',
      );
      if ('errors' in parsed) throw new Error(parsed.errors.join());
      const built = createGatewayPolicy(parsed.config, { dataDir: home.dir, report: () => undefined });
      if ('errors' in built) throw new Error(built.errors.join());
      const policy = built.policy;
      await policy.filterTools('s', [run]);
      const call = {
        sessionId: 'b',
        server: 's',
        tool: 'run',
        arguments: { command: 'npm test -- --reporter dot', cwd: '/work/project', timeout: 30 } as Record<string, unknown>,
        descriptor: run,
        host: {},
        signal: new AbortController().signal,
      };
      const actions = new Set<string>();
      for (let i = 0; i < 3000; i++) actions.add((await policy.beforeToolCall(call)).action);
      expect([...actions]).toEqual(['allow']);
      const invalid = await policy.beforeToolCall({ ...call, arguments: { command: 42 } });
      expect(invalid.action).not.toBe('allow');
      await policy.close();
    } finally {
      await home.cleanup();
    }
  });

  it('sanitises a 4 KB coloured result to its plain text', () => {
    const text = 'line of build output \x1b[32mok\x1b[0m\n'.repeat(120);
    const out = sanitizeToolResult({ content: [{ type: 'text', text }] });
    const cleaned = (out.result.content as { text: string }[])[0].text;
    expect(cleaned).toBe('line of build output ok\n'.repeat(120));
    expect(out.stripped).toBeGreaterThan(0);
  });
});
