// The scanner's byte-level gate must agree with scanText: a raw keyword or, for structured files, a
// structured rule's keyword lets the file through; nothing else does.
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import type { StructuredRule } from '../../src/engine/types.js';
import { rules as codeHosting } from '../../src/rules/providers/code-hosting.js';
import { engineFor } from '../../src/scan/engine.js';
import { looksBinary, scanBytes } from '../../src/scan/scan-bytes.js';

const secretKeys: StructuredRule = {
  id: 'test-secret-key',
  title: 'secret-named key',
  severity: 'high',
  keywords: ['api_key'],
  detect: (doc) => doc.leaves.filter((l) => /api_key$/i.test(String(l.path.at(-1)))).map((leaf) => ({ leaf })),
  examples: { positive: [], negative: [] },
};
const engine = engineFor(compileRuleSet(codeHosting, [secretKeys]));
const value = 'Zq8vX2mN4pL7rT1wK9sB3dF6hJ0cY5uE';

describe('scan gate', () => {
  it('lets structured files with a structured keyword reach the structured rules', () => {
    const json = JSON.stringify({ env: { ACME_API_KEY: value } });
    expect(engine.gate(Buffer.from(json), 'mcp.json')).toBeDefined();
    expect(engine.gate(Buffer.from(json), 'notes.txt')).toBeUndefined();
    const out = scanBytes(Buffer.from(json), 'mcp.json', engine);
    expect(out.findings.map((f) => [f.ruleId, f.context])).toEqual([['test-secret-key', 'env.ACME_API_KEY']]);
  });

  it('drops text without any keyword before decoding it', () => {
    expect(engine.gate(Buffer.from('just some prose'), 'a.md')).toBeUndefined();
    expect(engine.gate(Buffer.from('prefix GHP_ here'), 'a.md')?.rules.map((c) => c.rule.id)).toContain('github-pat');
  });

  it('sniffs binaries by a NUL byte in the first 8000 bytes only', () => {
    expect(looksBinary(Buffer.from([65, 0, 66]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.alloc(8000, 65), Buffer.from([0])]))).toBe(false);
  });
});
