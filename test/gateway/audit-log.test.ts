// The audit log: argument shapes carry no values, and the file rotates by size.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlAuditLog, shapeOf, type AuditEntry } from '../../src/gateway/audit-log.js';
import { fakeToken } from '../../src/rules/fake.js';
import { tempDir } from './helpers.js';

describe('audit log', () => {
  it('records the shape of arguments, never a value (not even one used as a key)', () => {
    const secret = fakeToken('sk_live_', 32, 4);
    const shape = shapeOf({ query: secret, limit: 5, deep: { list: [secret, true, null] }, [secret]: 1 });
    const text = JSON.stringify(shape);
    expect(text).not.toContain(secret);
    expect(shape).toEqual({
      type: 'object',
      keys: {
        query: { type: 'string', length: secret.length },
        limit: { type: 'number' },
        deep: { type: 'object', keys: { list: { type: 'array', length: 3, items: [{ type: 'string', length: secret.length }, { type: 'boolean' }, { type: 'null' }] } } },
        [`<key:${secret.length}>`]: { type: 'number' },
      },
    });
  });

  it('rotates by size and keeps a bounded number of old files', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = join(dir, 'logs', 'gateway.jsonl');
      const log = new JsonlAuditLog(file, 1_000, 2);
      const entry: AuditEntry = { time: 't', session: 's', method: 'tools/call', decision: 'allow', durationMs: 1, requestBytes: 1, responseBytes: 1 };
      for (let i = 0; i < 40; i++) log.write({ ...entry, tool: `tool-${i}` });
      expect(existsSync(`${file}.1`)).toBe(true);
      expect(existsSync(`${file}.2`)).toBe(true);
      expect(existsSync(`${file}.3`)).toBe(false);
      const current = readFileSync(file, 'utf8').trim().split('\n');
      expect(Buffer.byteLength(readFileSync(file))).toBeLessThanOrEqual(1_000);
      expect(JSON.parse(current.at(-1)!).tool).toBe('tool-39');
    } finally {
      await cleanup();
    }
  });
});
