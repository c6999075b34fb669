// The scanner's byte-level gate must agree with scanText: a raw keyword or, for structured files, a
// structured rule's keyword lets the file through; nothing else does.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import type { StructuredRule } from '../../src/engine/types.js';
import { rules as codeHosting } from '../../src/rules/providers/code-hosting.js';
import { engineFor } from '../../src/scan/engine.js';
import { looksBinary, scanBytes, scanFile } from '../../src/scan/scan-bytes.js';
import { ghToken, tempDir, writeTree } from './helpers.js';

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

describe('scanFile reads every file into one reused buffer', () => {
  it('never shows a file the bytes of the one before it, and reads files past the shared size on their own', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const big = `${'a'.repeat(5 * 1024 * 1024)}\ntoken = "${ghToken(1)}"\n`;
      const medium = `${'b'.repeat(200 * 1024)}\nconst gh = "${ghToken(2)}";\n`;
      // Shorter than the file before: the rest of the buffer still holds the medium file's token.
      const short = 'no secret here\n';
      const tail = `x = "${ghToken(3)}"\n`;
      await writeTree(dir, { 'big.txt': big, 'medium.ts': medium, 'short.txt': short, 'tail.txt': tail });
      const secrets = (name: string) => scanFile(join(dir, name), name, engine, 64 * 1024 * 1024).findings.map((f) => [f.secret, f.line]);
      expect(secrets('medium.ts')).toEqual([[ghToken(2), 2]]);
      expect(secrets('short.txt')).toEqual([]);
      expect(secrets('big.txt')).toEqual([[ghToken(1), 2]]);
      expect(secrets('tail.txt')).toEqual([[ghToken(3), 1]]);
      expect(secrets('medium.ts')).toEqual([[ghToken(2), 2]]);
    } finally {
      await cleanup();
    }
  });
});
