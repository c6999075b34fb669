// keyward.gateway.yaml validation: clear errors as values, TLS and SSRF refusals decided without network.
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';

function errorsOf(yaml: string): string[] {
  const r = parseGatewayConfig(yaml, 'kw.yaml');
  return 'errors' in r ? r.errors : [];
}

describe('gateway config', () => {
  it('parses stdio and remote servers with secrets, headers, redaction and raw policy sections', () => {
    const r = parseGatewayConfig(
      `
timeoutMs: 5000
servers:
  github:
    command: npx
    args: [-y, some-server]
    env: { LOG_LEVEL: debug }
    secrets: { GITHUB_TOKEN: github/token }
    redact: { allow: [generic-api-key, search/*], mode: block }
    policy: { deny: [delete_*] }
    sandbox: { network: false }
  remote:
    url: https://mcp.example.com/mcp
    headers:
      Authorization: { secret: remote/bearer }
      X-Client: keyward
`,
      'kw.yaml',
    );
    if ('errors' in r) throw new Error(r.errors.join('\n'));
    const [gh, remote] = r.config.servers;
    expect(r.config.namespace).toBe(true);
    expect(gh).toMatchObject({ name: 'github', command: 'npx', args: ['-y', 'some-server'], secrets: { GITHUB_TOKEN: 'github/token' }, timeoutMs: 5000 });
    expect(gh.redact).toEqual({ allow: ['generic-api-key', 'search/*'], mode: 'block' });
    expect(gh.policy).toEqual({ deny: ['delete_*'] });
    expect(gh.sandbox).toEqual({ network: false });
    expect(remote.headers).toEqual({ Authorization: { secret: 'remote/bearer' }, 'X-Client': { value: 'keyward' } });
  });

  it('refuses plain http to a non-loopback host unless allowHttp, and allows loopback', () => {
    expect(errorsOf('servers:\n  r:\n    url: http://mcp.example.com/mcp\n')).toEqual([
      expect.stringMatching(/servers\.r\.url: plain http to mcp\.example\.com is refused.*allowHttp/),
    ]);
    expect(errorsOf('servers:\n  r:\n    url: http://mcp.example.com/mcp\n    allowHttp: true\n')).toEqual([]);
    expect(errorsOf('servers:\n  r:\n    url: http://127.0.0.1:3000/mcp\n')).toEqual([]);
    expect(errorsOf('servers:\n  r:\n    url: http://localhost:3000/mcp\n')).toEqual([]);
  });

  it('refuses credentials in URLs, private and metadata addresses', () => {
    expect(errorsOf('servers:\n  r:\n    url: https://user:pw@mcp.example.com/\n')[0]).toMatch(/credentials in the URL are refused/);
    expect(errorsOf('servers:\n  r:\n    url: https://10.1.2.3/mcp\n')[0]).toMatch(/private or link-local/);
    expect(errorsOf('servers:\n  r:\n    url: https://10.1.2.3/mcp\n    allowPrivate: true\n')).toEqual([]);
    expect(errorsOf('servers:\n  r:\n    url: http://169.254.169.254/latest\n    allowHttp: true\n    allowPrivate: true\n')[0]).toMatch(/metadata/);
    expect(errorsOf('servers:\n  r:\n    url: https://[fd00:ec2::254]/\n    allowPrivate: true\n')[0]).toMatch(/metadata/);
  });

  it('names what is wrong, where', () => {
    const errors = errorsOf(`
servers:
  bad__name: { command: x }
  both: { command: x, url: https://a.example }
  none: { args: [] }
  typo: { command: x, secret: { A: b } }
  envs: { command: x, env: { "1BAD": y } }
  mode: { command: x, redact: { mode: drop } }
`);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('servers.bad__name: server names use letters'),
        expect.stringContaining('servers.both: has both `command` and `url`'),
        expect.stringContaining('servers.none: needs either `command`'),
        expect.stringContaining('servers.typo: unknown key `secret`'),
        expect.stringContaining('servers.envs.env.1BAD: not a valid environment variable name'),
        expect.stringContaining('servers.mode.redact.mode: expected `mask` or `block`'),
      ]),
    );
    expect(errorsOf('servers: [')[0]).toMatch(/kw\.yaml: not valid YAML/);
    expect(errorsOf('other: 1')[0]).toMatch(/`servers:` must map/);
  });
});
