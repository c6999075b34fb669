// Transport, approval and permission checks, and how secrets are tied to servers.
import { describe, expect, it } from 'vitest';
import { documentApprovalFindings, serverApprovalFindings } from '../../src/audit/checks/approval.js';
import { permissionFinding } from '../../src/audit/checks/permissions.js';
import { findValuePath, serverAt } from '../../src/audit/checks/secrets.js';
import { isLoopbackHost, transportFindings } from '../../src/audit/checks/transport.js';
import { KeyLocator } from '../../src/audit/locate.js';
import { hostById } from '../../src/hosts/index.js';
import { toEntry } from '../../src/hosts/shape.js';

const entry = (raw: Record<string, unknown>, name = 's') => toEntry(name, ['mcpServers', name], raw);

describe('insecure transport', () => {
  it('flags http:// to non-loopback hosts, with credentials raising severity', () => {
    expect(transportFindings(entry({ url: 'http://10.0.0.5:8000/sse' }))).toMatchObject([
      { id: 'insecure-transport', severity: 'medium', keyPath: 'mcpServers.s.url', value: 'http://10.0.0.5:8000/sse' },
    ]);
    const withHeaders = transportFindings(entry({ url: 'http://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${T}' } }));
    expect(withHeaders[0].severity).toBe('high');
    const query = transportFindings(entry({ serverUrl: 'http://u:pw@mcp.example.com/sse?key=abc' }));
    expect(query[0]).toMatchObject({ severity: 'high', keyPath: 'mcpServers.s.serverUrl', value: 'http://***:***@mcp.example.com/sse?key=***' });
  });

  it('leaves https and loopback alone; checks bridge arguments', () => {
    for (const url of ['https://mcp.example.com', 'http://localhost:3000/mcp', 'http://127.0.0.1:8080', 'http://[::1]:9000/sse', 'http://app.localhost/mcp']) {
      expect(transportFindings(entry({ url }))).toEqual([]);
    }
    expect(isLoopbackHost('127.10.0.1')).toBe(true);
    expect(isLoopbackHost('localhost.evil.com')).toBe(false);
    const bridge = transportFindings(entry({ command: 'npx', args: ['-y', 'mcp-remote@0.1.29', 'http://mcp.corp.example.com/sse'] }));
    expect(bridge.map((f) => f.keyPath)).toEqual(['mcpServers.s.args[2]']);
  });
});

describe('approval bypasses', () => {
  it('per-server lists and flags', () => {
    const cline = hostById('cline')!;
    expect(serverApprovalFindings(cline, entry({ command: 'x', autoApprove: ['a', 'b'] }))).toMatchObject([
      { id: 'approval-bypass', keyPath: 'mcpServers.s.autoApprove', value: 'a, b' },
    ]);
    expect(serverApprovalFindings(cline, entry({ command: 'x', autoApprove: [] }))).toEqual([]);
    expect(serverApprovalFindings(hostById('gemini-cli')!, entry({ command: 'x', trust: true }))[0].value).toBe('true');
    expect(serverApprovalFindings(hostById('gemini-cli')!, entry({ command: 'x', trust: false }))).toEqual([]);
    expect(serverApprovalFindings(hostById('roo-code')!, entry({ command: 'x', alwaysAllow: ['*'] }))[0].value).toBe('every tool');
    // Claude Desktop has no such setting: the same key means nothing there.
    expect(serverApprovalFindings(hostById('claude-desktop')!, entry({ command: 'x', autoApprove: ['a'] }))).toEqual([]);
  });

  it('document-wide switches', () => {
    const cc = hostById('claude-code')!;
    const loc = cc.locations({ home: '/h', platform: 'linux', env: {} })[0];
    expect(documentApprovalFindings(cc, { enableAllProjectMcpServers: true, projects: { '/p': { enableAllProjectMcpServers: true } } }, loc).map((f) => f.keyPath)).toEqual([
      'enableAllProjectMcpServers',
      'projects["/p"].enableAllProjectMcpServers',
    ]);
    expect(documentApprovalFindings(cc, { enableAllProjectMcpServers: false }, loc)).toEqual([]);
    const goose = hostById('goose')!;
    const gl = goose.locations({ home: '/h', platform: 'linux', env: {} })[0];
    expect(documentApprovalFindings(goose, { GOOSE_MODE: 'approve' }, gl)).toEqual([]);
    expect(documentApprovalFindings(goose, { GOOSE_MODE: 'Auto' }, gl)).toHaveLength(1);
  });
});

describe('permissions', () => {
  it('flags group/other access only on files holding secrets, never on Windows', () => {
    const base = { path: "/h/it's.json", holdsSecrets: true, platform: 'linux' as const, what: 'config' as const };
    expect(permissionFinding({ ...base, mode: 0o644 })).toMatchObject({
      id: 'world-readable-config',
      value: '644',
      fix: "chmod 600 '/h/it'\\''s.json' (or run keyward audit --fix-permissions)",
    });
    expect(permissionFinding({ ...base, mode: 0o640 })!.message).toMatch(/readable by group \(mode 640\)/);
    expect(permissionFinding({ ...base, mode: 0o600 })).toBeUndefined();
    expect(permissionFinding({ ...base, mode: 0o644, holdsSecrets: false })).toBeUndefined();
    expect(permissionFinding({ ...base, mode: 0o644, platform: 'win32' })).toBeUndefined();
  });
});

describe('secret placement', () => {
  it('finds the key path of a value and the server that holds it', () => {
    const root = { mcp_servers: { exa: { env: { KEY: 'abc123' } } }, list: ['x', 'zzabc'] };
    expect(findValuePath(root, 'abc123')).toEqual(['mcp_servers', 'exa', 'env', 'KEY']);
    expect(findValuePath(root, 'zzabc')).toEqual(['list', 1]);
    const servers = [toEntry('a', ['mcpServers', 'a'], {}), toEntry('ab', ['mcpServers', 'ab'], {})];
    expect(serverAt(servers, 'mcpServers.ab.env.X')?.name).toBe('ab');
    expect(serverAt(servers, 'mcpServers.a.args[2]')?.name).toBe('a');
    expect(serverAt(servers, 'models[0].apiKey')).toBeUndefined();
  });

  it('locates key paths in JSON, YAML and TOML', () => {
    expect(new KeyLocator('{\n "a": {\n  "b": "x"\n }\n}', 'json').line(['a', 'b'])).toBe(3);
    expect(new KeyLocator('a:\n  list:\n    - one\n    - two\n', 'yaml').line(['a', 'list', 1])).toBe(4);
    const toml = 'x = 1\n[mcp_servers.exa]\ncommand = "npx"\n[mcp_servers.exa.env]\nKEY = "v"\n';
    expect(new KeyLocator(toml, 'toml').line(['mcp_servers', 'exa', 'env', 'KEY'])).toBe(5);
    expect(new KeyLocator(toml, 'toml').line(['mcp_servers', 'exa', 'command'])).toBe(3);
    expect(new KeyLocator('{', 'json').line(['a'])).toBeUndefined();
  });
});
