import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { applyEdits, diffValues } from '../../src/protect/edits.js';
import { applyTomlEdits } from '../../src/protect/edit-toml.js';
import { unifiedDiff } from '../../src/protect/diff.js';
import { parseWrap, rewriteServer, type Binding } from '../../src/protect/entry.js';
import { parseConfigText } from '../../src/hosts/load.js';
import { fakeToken } from '../../src/rules/fake.js';

const opts = { launcher: ['/n', '/k/bin.js'], storeKind: 'file' as const, bridge: ['npx', '-y', 'mcp-remote@0.15.1'] };
const site = (kind: 'env' | 'arg' | 'header' | 'url', field: string, value: string, index?: number) => ({ kind, field, value, index, secrets: [value], ruleIds: [] });

describe('TOML edits', () => {
  const text = `# top
[mcp_servers."my server"]
command = "npx" # launcher
args = [
  "-y",   # yes
  # the package
  "pkg@1.0.0",
]
env = { A = "1", "B-2" = "x" }

[mcp_servers."my server".env2]
K = "v"

[other]
x = 1
`;
  it('replaces values, keeps array comments, edits inline tables, removes sections', () => {
    const r = applyTomlEdits(text, [
      { op: 'set', path: ['mcp_servers', 'my server', 'command'], value: '/n' },
      { op: 'set', path: ['mcp_servers', 'my server', 'args'], value: ['/k', '--', '-y', 'pkg@1.0.0'] },
      { op: 'delete', path: ['mcp_servers', 'my server', 'env', 'A'] },
      { op: 'delete', path: ['mcp_servers', 'my server', 'env2'] },
      { op: 'set', path: ['mcp_servers', 'my server', 'type'], value: 'stdio' },
    ]);
    expect(r.ok).toBe(true);
    const out = (r as { text: string }).text;
    expect(out).toContain('command = "/n" # launcher');
    expect(out).toContain('  "-y",  # yes');
    expect(out).toContain('  # the package\n  "pkg@1.0.0",');
    expect(out).toContain('env = { B-2 = "x" }');
    expect(out).not.toContain('env2');
    expect(out).toContain('[other]\nx = 1');
    expect(parseToml(out)).toEqual({
      mcp_servers: { 'my server': { command: '/n', args: ['/k', '--', '-y', 'pkg@1.0.0'], env: { 'B-2': 'x' }, type: 'stdio' } },
      other: { x: 1 },
    });
  });

  it('reports what it cannot place instead of guessing', () => {
    const r = applyTomlEdits('a = 1\n', [{ op: 'delete', path: ['nope', 'x'] }]);
    expect(r).toEqual({ ok: false, error: 'key not found (at nope.x)' });
  });
});

describe('applyEdits verifies by re-parsing', () => {
  it('keeps JSONC comments and trailing commas and the file indentation (tabs)', () => {
    const text = '{\n\t// c1\n\t"servers": {\n\t\t"a": { "command": "x", "env": { "T": "s", "U": "u" } }, // c2\n\t},\n}\n';
    const root = (parseConfigText(text, 'jsonc') as { root: unknown }).root;
    const edits = diffValues(['servers', 'a'], { command: 'x', env: { T: 's', U: 'u' } }, { command: 'y', args: ['1'], env: { U: 'u' } });
    const r = applyEdits(text, 'jsonc', root, edits);
    expect(r.ok).toBe(true);
    const out = (r as { text: string }).text;
    expect(out).toContain('\t// c1');
    expect(out).toContain('// c2');
    expect(out).not.toContain('"T"');
  });

  it('keeps YAML comments and untouched flow styles', () => {
    const text = '# head\nmcpServers:\n  - name: a # inline\n    command: x\n    args: ["1"]\n    env:\n      T: s\n  - name: b\n    args: ["2"]\n';
    const root = (parseConfigText(text, 'yaml') as { root: unknown }).root;
    const r = applyEdits(text, 'yaml', root, [{ op: 'delete', path: ['mcpServers', 0, 'env'] }, { op: 'set', path: ['mcpServers', 0, 'command'], value: 'y' }]);
    const out = (r as { text: string }).text;
    expect(out).toBe('# head\nmcpServers:\n  - name: a # inline\n    command: y\n    args: ["1"]\n  - name: b\n    args: ["2"]\n');
  });
});

describe('entry rewrite', () => {
  const gh = fakeToken('ghp_', 36, 5);
  it('extends an existing wrap instead of nesting one (second secret added later)', () => {
    const raw = { command: '/n', args: ['/k/bin.js', 'run', '--store', 'file', '--secret', 'A=h/s/A', '--', 'npx', 'srv'], env: { B: gh } };
    expect(parseWrap(raw.command, raw.args)?.inner).toEqual(['npx', 'srv']);
    const b: Binding = { name: 'B', storeKey: 'h/s/B', value: gh, site: site('env', 'B', gh) };
    const next = rewriteServer(raw, 'claude-desktop', 'stdio', [b], opts);
    expect(next).toEqual({ command: '/n', args: ['/k/bin.js', 'run', '--store', 'file', '--secret', 'A=h/s/A', '--secret', 'B=keyward://h/s/B', '--', 'npx', 'srv'] });
  });

  it('writes OpenCode array commands and `environment`, and Zed nested commands', () => {
    const oc = rewriteServer({ type: 'local', command: ['npx', 'srv'], environment: { T: gh, L: 'x' } }, 'opencode', 'stdio', [{ name: 'T', storeKey: 'o/s/T', value: gh, site: site('env', 'T', gh) }], opts);
    expect(oc).toEqual({ type: 'local', command: ['/n', '/k/bin.js', 'run', '--store', 'file', '--secret', 'T=keyward://o/s/T', '--', 'npx', 'srv'], environment: { L: 'x' } });
    const zed = rewriteServer({ command: { path: 'srv', args: ['a'], env: { T: gh } }, settings: {} }, 'zed', 'stdio', [{ name: 'T', storeKey: 'z/s/T', value: gh, site: site('env', 'T', gh) }], opts);
    expect(zed).toEqual({ command: { path: '/n', args: ['/k/bin.js', 'run', '--store', 'file', '--secret', 'T=keyward://z/s/T', '--', 'srv', 'a'] }, settings: {} });
  });

  it('moves a goose remote extension with a secret URL behind the bridge', () => {
    const key = fakeToken('', 32, 9);
    const raw = { type: 'sse', uri: `https://x.example.com/sse?api_key=${key}`, enabled: true, name: 'x' };
    const next = rewriteServer(raw, 'goose', 'sse', [{ name: 'KEYWARD_URL_API_KEY', storeKey: 'g/x/KEYWARD_URL_API_KEY', value: key, site: { ...site('url', 'url', raw.uri), secrets: [key] } }], opts);
    expect(next).toEqual({
      type: 'stdio',
      enabled: true,
      name: 'x',
      cmd: '/n',
      args: ['/k/bin.js', 'run', '--store', 'file', '--secret', 'KEYWARD_URL_API_KEY=keyward://g/x/KEYWARD_URL_API_KEY', '--', 'npx', '-y', 'mcp-remote@0.15.1', 'https://x.example.com/sse?api_key=${KEYWARD:KEYWARD_URL_API_KEY}', '--transport', 'sse-only'],
    });
  });

  it('keeps a plain-http remote working behind the bridge (mcp-remote needs --allow-http for it)', () => {
    const key = fakeToken('', 24, 11);
    const raw = { url: 'http://docs.internal.acme.io/mcp', headers: { 'X-API-Key': key } };
    const next = rewriteServer(raw, 'claude-desktop', 'http', [{ name: 'KEYWARD_HEADER_X_API_KEY', storeKey: 'c/d/K', value: key, site: site('header', 'X-API-Key', key) }], opts);
    expect(next.args).toEqual(['/k/bin.js', 'run', '--store', 'file', '--secret', 'KEYWARD_HEADER_X_API_KEY=keyward://c/d/K', '--', 'npx', '-y', 'mcp-remote@0.15.1', 'http://docs.internal.acme.io/mcp', '--transport', 'http-only', '--allow-http', '--header', 'X-API-Key:${KEYWARD:KEYWARD_HEADER_X_API_KEY}']);
    expect(JSON.stringify(next)).not.toContain(key);
  });
});

describe('unified diff', () => {
  it('masks secrets and numbers hunks', () => {
    const s = fakeToken('ghp_', 36, 1);
    const d = unifiedDiff('f.json', `a\nb\n"T": "${s}"\nc\n`, 'a\nb\nc\n', [s]);
    expect(d).not.toContain(s);
    expect(d).toBe(`--- f.json\n+++ f.json (protected)\n@@ -1,5 +1,4 @@\n a\n b\n-"T": "ghp_************"\n c\n \n`);
    expect(unifiedDiff('f', 'same\n', 'same\n', [])).toBe('');
  });
});
