// YAML and TOML parsers give every string leaf its key path and the exact offsets of its text; Markdown
// config fences are scanned as the configs they show.
import { describe, expect, it } from 'vitest';
import { stringify } from 'smol-toml';
import { stringify as yamlStringify } from 'yaml';
import { fencedSpans, markdownBlocks } from '../../src/engine/formats/markdown.js';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scan-text.js';
import { formatKeyPath, parseStructured, structuredViews } from '../../src/engine/structured.js';
import type { StructuredDocument } from '../../src/engine/types.js';
import { fakeToken, seededRandom } from '../../src/rules/fake.js';
import { rules, structuredRules } from '../../src/rules/generic/index.js';

function leaves(text: string, format: 'yaml' | 'toml' | 'jsonc'): [string, string, string][] {
  const r = parseStructured(text, format);
  if ('error' in r) throw new Error(r.error);
  return (r.doc as StructuredDocument).leaves.map((l) => [formatKeyPath(l.path), l.value, text.slice(l.start, l.end)]);
}

describe('JSON/JSONC leaves', () => {
  it('gives key paths, offsets and the parsed value, with comments and trailing commas', () => {
    const j = '{\n  // servers\n  "mcpServers": { "x": { "args": ["-y", "a\\"b"], "env": { "K": "v", }, "n": 1, "o": null, }, },\n  "list": [[{"deep": "d"}]],\n}';
    expect(leaves(j, 'jsonc')).toEqual([
      ['mcpServers.x.args[0]', '-y', '-y'],
      ['mcpServers.x.args[1]', 'a"b', 'a\\"b'],
      ['mcpServers.x.env.K', 'v', 'v'],
      ['list[0][0].deep', 'd', 'd'],
    ]);
    const r = parseStructured(j, 'jsonc');
    expect('doc' in r && r.doc.root).toEqual({ mcpServers: { x: { args: ['-y', 'a"b'], env: { K: 'v' }, n: 1, o: null } }, list: [[{ deep: 'd' }]] });
  });

  it('reports text that is not JSON', () => {
    expect(parseStructured('not json at all', 'json')).toHaveProperty('error');
  });
});

function countStrings(v: unknown): number {
  if (typeof v === 'string') return 1;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countStrings(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + countStrings(x), 0);
  return 0;
}

describe('TOML leaves', () => {
  const toml = [
    'model = "o3"',
    '[mcp_servers.search]',
    "args = [\"-y\", 'lit', \"a\\\"b\"]",
    'env = { "API_KEY" = "k1", OTHER = \'k2\' }',
    '[mcp_servers.search.env2]',
    'TOKEN = """',
    'multi"""',
    '[[arr]]',
    'name = "one"',
    '[arr.sub]',
    'k = "v0"',
    '[[arr]]',
    'name = "two"',
    'a.b."c.d" = "dotted" # trailing comment',
  ].join('\n');

  it('gives key paths through tables, arrays of tables, inline tables, arrays and dotted keys', () => {
    expect(leaves(toml, 'toml')).toEqual([
      ['model', 'o3', 'o3'],
      ['mcp_servers.search.args[0]', '-y', '-y'],
      ['mcp_servers.search.args[1]', 'lit', 'lit'],
      ['mcp_servers.search.args[2]', 'a"b', 'a\\"b'],
      ['mcp_servers.search.env.API_KEY', 'k1', 'k1'],
      ['mcp_servers.search.env.OTHER', 'k2', 'k2'],
      ['mcp_servers.search.env2.TOKEN', 'multi', 'multi'],
      ['arr[0].name', 'one', 'one'],
      ['arr[0].sub.k', 'v0', 'v0'],
      ['arr[1].name', 'two', 'two'],
      ['arr[1].a.b["c.d"]', 'dotted', 'dotted'],
    ]);
  });

  it('locates every string of generated documents (tables, arrays of tables, inline arrays)', () => {
    let arraysOfTables = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rand = seededRandom(seed);
      // Keys are unique; values repeat (three of them), so only a scanner that tracks tables and indices
      // can give each occurrence its own offset.
      const word = () => fakeToken('', 3 + Math.floor(rand() * 10), Math.floor(rand() * 1e6));
      const pool = [word(), word(), word()];
      const repeated = () => pool[Math.floor(rand() * 3)];
      const value = (depth: number): unknown => {
        const r = rand();
        if (depth > 2 || r < 0.45) return repeated();
        if (r < 0.6) return Math.floor(rand() * 100);
        if (r < 0.75) return [repeated(), repeated()];
        if (r < 0.85) return [{ [word()]: repeated() }, { [word()]: repeated() }];
        return Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => [word(), value(depth + 1)]));
      };
      const doc = Object.fromEntries(Array.from({ length: 4 }, () => [word(), value(0)]));
      const toml = stringify(doc);
      if (toml.includes('[[')) arraysOfTables++;
      for (const [text, format] of [[toml, 'toml'], [yamlStringify(doc), 'yaml']] as const) {
        const r = parseStructured(text, format);
        if ('error' in r) throw new Error(`${format} seed ${seed}: ${r.error}`);
        for (const l of r.doc.leaves) expect(text.slice(l.start, l.end), `${format} seed ${seed} ${formatKeyPath(l.path)}`).toBe(l.value);
        const count = countStrings(doc);
        expect(r.doc.leaves.length, `${format} seed ${seed}`).toBe(count);
        const starts = r.doc.leaves.map((l) => l.start);
        expect(new Set(starts).size, `${format} seed ${seed}: distinct offsets`).toBe(starts.length);
      }
    }
    expect(arraysOfTables).toBeGreaterThan(5);
  });

  it('reports invalid TOML as an error value', () => {
    expect(parseStructured('a = = 1', 'toml')).toHaveProperty('error');
  });
});

describe('YAML leaves', () => {
  it('gives key paths and offsets for plain, quoted and block scalars, across documents', () => {
    const y = 'mcpServers:\n  - name: x\n    env:\n      KEY: "quoted"\n      B: plain value\n    args: [\'a\', b]\n---\nfoo: |\n  block\n';
    expect(leaves(y, 'yaml')).toEqual([
      ['mcpServers[0].name', 'x', 'x'],
      ['mcpServers[0].env.KEY', 'quoted', 'quoted'],
      ['mcpServers[0].env.B', 'plain value', 'plain value'],
      ['mcpServers[0].args[0]', 'a', 'a'],
      ['mcpServers[0].args[1]', 'b', 'b'],
      ['foo', 'block\n', '|\n  block\n'],
    ]);
  });

  it('reports a document that does not parse', () => {
    expect(parseStructured('a: [1, 2\nb: }', 'yaml')).toHaveProperty('error');
  });
});

describe('Markdown config fences', () => {
  const key = fakeToken('', 32, 77);
  const md = [
    '# Server',
    '```json',
    '{ "mcpServers": { "w": { "command": "x", "env": { "WEATHER_API_KEY": "' + key + '" } } } }',
    '```',
    '',
    '~~~yaml',
    'extensions:',
    '  w:',
    '    envs:',
    '      W_TOKEN: ${W_TOKEN}',
    '~~~',
    '```',
    '{ "not": "tagged but json" }',
    '```',
    '```python',
    'print("hi")',
    '```',
  ].join('\n');

  it('finds json, yaml and untagged JSON blocks, not other languages', () => {
    expect(markdownBlocks(md).map((b) => [b.format, md.slice(b.start, b.end).split('\n')[0]])).toEqual([
      ['jsonc', md.split('\n')[2]],
      ['yaml', 'extensions:'],
      ['jsonc', '{ "not": "tagged but json" }'],
    ]);
    expect(structuredViews(md, 'README.md')).toHaveLength(3);
    expect(structuredViews(md, 'notes.txt')).toEqual([]);
    expect(structuredViews('{}', 'web/package-lock.json')).toEqual([]);
    expect(structuredViews('a: 1\n'.repeat(100_001), 'big.yaml')).toEqual([]);
    expect(structuredViews('a: 1\n', 'small.yaml')).toHaveLength(1);
  });

  it('finds on the bytes the fences markdownBlocks pairs, so slices between them hold whole blocks', () => {
    const spans = fencedSpans(Buffer.from(md));
    expect(spans.map(([s, e]) => md.slice(s, e).split('\n')[0])).toEqual(['```json', '~~~yaml', '```', '```python']);
    // Generated Markdown with nested, indented, unclosed and inline fences, and CRLF lines: every block
    // markdownBlocks finds lies inside one span, and a slice cut at span edges finds the same blocks.
    for (let seed = 1; seed <= 200; seed++) {
      const rand = seededRandom(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
      const lines = Array.from({ length: 5 + Math.floor(rand() * 40) }, () =>
        pick(['```json', '```', '````', '~~~yaml', '~~~', '   ```toml', '    ```json', 'text ``` inline', '{ "a": 1 }', 'a: 1', 'prose', '']),
      );
      const text = lines.join(rand() < 0.2 ? '\r\n' : '\n');
      const found = fencedSpans(Buffer.from(text));
      for (const block of markdownBlocks(text)) {
        expect(found.some(([s, e]) => s <= block.start && block.end <= e), `${JSON.stringify(text)}: block at ${block.start}`).toBe(true);
      }
      for (const [s, e] of found) {
        const inside = markdownBlocks(text.slice(s, e)).map((b) => [b.start + s, b.end + s]);
        const whole = markdownBlocks(text).filter((b) => b.start >= s && b.end <= e).map((b) => [b.start, b.end]);
        expect(inside).toEqual(whole);
      }
    }
  });

  it('reports a secret in a README fence with its line and key path', () => {
    const { findings, warnings } = scanText({ text: md, path: 'docs/README.md' }, compileRuleSet(rules, structuredRules));
    expect(warnings).toEqual([]);
    expect(findings.map((f) => [f.ruleId, f.line, f.context, f.secret === key])).toEqual([
      ['generic-api-key', 3, 'mcpServers.w.env.WEATHER_API_KEY', true],
    ]);
  });

  it('warns for a config that does not parse, but not for a README fence that does not', () => {
    const set = compileRuleSet(rules, structuredRules);
    // The config holds a secret-shaped entry, so it is parsed (config-secret's text gate opens) and fails.
    const broken = '{ api_token: Zq8vX2mN4pL7, [1, '; // keyward:allow: made-up value, the test needs a secret-shaped entry
    expect(scanText({ text: broken, path: 'mcp.json' }, set).warnings).toHaveLength(1);
    // Nothing secret-shaped in it: nothing a parse could find, so no parse and no warning.
    expect(scanText({ text: '{ "api_token": [1, ', path: 'mcp.json' }, set).warnings).toEqual([]);
    expect(scanText({ text: '```json\n' + broken + '\n```\n', path: 'README.md' }, set).warnings).toEqual([]);
  });
});
