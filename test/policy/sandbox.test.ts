// Sandboxed stdio servers. Under bwrap (real, through the gateway): server-filesystem told it may read a whole
// folder still cannot read the part the sandbox does not mount, and a child cannot reach a loopback server
// outside its network namespace; the environment holds only declared variables. The macOS profile and the
// container command line are checked as text; an unavailable sandbox refuses to start unless optional.
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapLaunch } from '../../src/gateway/sandbox/bwrap.js';
import { parseSandboxConfig, type SandboxConfig } from '../../src/gateway/sandbox/config.js';
import { containerArgs } from '../../src/gateway/sandbox/container.js';
import { checkEgress, parseAllowList } from '../../src/gateway/sandbox/egress.js';
import { defaultWhich, prepareSandboxedLaunch } from '../../src/gateway/sandbox/index.js';
import { sandboxExecProfile } from '../../src/gateway/sandbox/sandbox-exec.js';
import { FILESYSTEM, FIXTURE, startGateway, tempDir, textOf } from './helpers.js';

const hasBwrap = defaultWhich()('bwrap') !== undefined;
const cfg = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ type: 'bwrap', writable: [], readable: [], network: false, optional: false, ...over });

describe('sandbox config', () => {
  it('parses the short forms; network allow-lists are checked and need bwrap', () => {
    expect(parseSandboxConfig('bwrap', 's')).toEqual({ config: cfg() });
    expect(parseSandboxConfig('optional', 's')).toEqual({ config: cfg({ type: 'auto', optional: true }) });
    expect(parseSandboxConfig(undefined, 's')).toEqual({});
    expect(parseSandboxConfig({ type: 'bwrap', network: ['api.github.com', '*.example.com:8443'] }, 's')).toEqual({
      config: cfg({ allowHosts: ['api.github.com', '*.example.com:8443'] }),
    });
    expect(parseSandboxConfig({ type: 'bwrap', network: ['http://x.example/', 'h:99999'] }, 's')).toEqual({
      errors: [
        's.network: network allow-list entry "http://x.example/": expected host, *.domain, host:port or an IP address',
        's.network: network allow-list entry "h:99999": expected host, *.domain, host:port or an IP address',
      ],
    });
    expect(parseSandboxConfig({ type: 'podman', image: 'i', network: ['x.example'] }, 's')).toEqual({
      errors: ['s.network: host allow-lists are enforced with bwrap only (its egress proxy); use network: false or true with podman'],
    });
    expect(parseSandboxConfig({ writable: ['relative/path'], colour: 1 }, 's')).toEqual({
      errors: ['s.colour: unknown key', 's.writable: expected a list of absolute paths'],
    });
    expect(parseSandboxConfig({ type: 'docker' }, 's')).toEqual({ errors: ['s.image: docker needs an image (e.g. node:20-slim)'] });
  });
});

describe('egress allow-list decisions', () => {
  const allow = (xs: string[]) => {
    const r = parseAllowList(xs);
    if ('errors' in r) throw new Error(r.errors.join());
    return r.allow;
  };
  const dns = (map: Record<string, string[]>) => async (h: string) => {
    if (!map[h]) throw new Error('ENOTFOUND');
    return map[h].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  it('allows listed hosts on 443/80 or their given port, checks where names resolve', async () => {
    const a = allow(['api.github.com', '*.example.com:8443', '10.0.0.5:5432']);
    const r = dns({ 'api.github.com': ['140.82.112.5'], 'x.example.com': ['93.184.215.14'], 'rebind.example.com': ['169.254.169.254'] });
    expect(await checkEgress(a, 'api.github.com', 443, r)).toEqual({ ok: true, address: '140.82.112.5' });
    expect(await checkEgress(a, 'api.github.com', 22, r)).toEqual({ ok: false, reason: 'api.github.com:22 is not in the allow-list' });
    expect(await checkEgress(a, 'x.example.com', 8443, r)).toEqual({ ok: true, address: '93.184.215.14' });
    expect(await checkEgress(a, 'example.com', 8443, r)).toMatchObject({ ok: false });
    expect(await checkEgress(a, 'rebind.example.com', 8443, r)).toEqual({ ok: false, reason: 'rebind.example.com resolves to metadata address 169.254.169.254' });
    // An IP literal in the list is the person's explicit choice, private or not.
    expect(await checkEgress(a, '10.0.0.5', 5432, r)).toEqual({ ok: true, address: '10.0.0.5' });
    expect(await checkEgress(a, 'gone.example.com', 8443, r)).toEqual({ ok: false, reason: 'gone.example.com does not resolve' });
  });
});

describe('launch rewriting', () => {
  const launch = { command: '/srv/app/server', args: ['--root', '/data'], env: { API_KEY: 'from-store', MODE: 'x' }, cwd: undefined };

  it('builds a bwrap command line: no network, cleared env, private /tmp, writable after readable', () => {
    const spec = bwrapLaunch({ bwrap: '/usr/bin/bwrap', command: '/srv/app/server', launch, config: cfg({ readable: ['/data'], writable: ['/data/out'] }), nodePath: process.execPath });
    const a = spec.args;
    expect(spec.command).toBe('/usr/bin/bwrap');
    // Values reach bwrap through its environment, not its argv (readable by any local user).
    expect(spec.env).toMatchObject({ API_KEY: 'from-store', MODE: 'x', HOME: '/tmp/home' });
    expect(a).not.toContain('from-store');
    expect(a.join(' ')).toContain('--unsetenv LOGNAME --unsetenv SHELL --unsetenv TERM --unsetenv USER');
    expect(a.slice(0, 3)).toEqual(['--unshare-all', '--die-with-parent', '--new-session']);
    expect(a).not.toContain('--share-net');
    expect(a.join(' ')).toContain('--tmpfs /tmp');
    expect(a.join(' ')).toContain('--ro-bind /data /data');
    expect(a.indexOf('--bind')).toBeGreaterThan(a.lastIndexOf('--ro-bind'));
    expect(a.indexOf('--tmpfs')).toBeLessThan(a.indexOf('/data'));
    expect(a.slice(-4)).toEqual(['--', '/srv/app/server', '--root', '/data']);
    const net = bwrapLaunch({ bwrap: 'bwrap', command: '/srv/app/server', launch, config: cfg({ network: true }), nodePath: process.execPath });
    expect(net.args).toContain('--share-net');
    const listed = bwrapLaunch({ bwrap: 'bwrap', command: '/srv/app/server', launch, config: cfg({ allowHosts: ['x.example'] }), nodePath: process.execPath, egressDir: '/tmp/keyward-egress-abc' });
    expect(listed.args).not.toContain('--share-net');
    expect(listed.args.join(' ')).toContain('--bind /tmp/keyward-egress-abc /tmp/keyward-egress');
    expect(listed.env.HTTPS_PROXY).toBe('http://127.0.0.1:3128');
    expect(listed.args.slice(-6)).toEqual(['--', '3128', '/tmp/keyward-egress/proxy.sock', '/srv/app/server', '--root', '/data']);
  });

  it('writes a deny-by-default sandbox-exec profile', () => {
    const profile = sandboxExecProfile(cfg({ type: 'sandbox-exec', readable: ['/Users/me/notes'], writable: ['/Users/me/out "x"'] }), ['/opt/srv']);
    expect(profile.split('\n').slice(0, 2)).toEqual(['(version 1)', '(deny default)']);
    expect(profile).toContain('(subpath "/Users/me/notes")');
    expect(profile).toContain('(subpath "/opt/srv")');
    expect(profile).toMatch(/\(allow file-write\* [^\n]*\(subpath "\/Users\/me\/out \\"x\\""\)\)/);
    expect(profile).toContain('(deny network*)');
    expect(sandboxExecProfile(cfg({ network: true }))).toContain('(allow network*)');
  });

  it('builds a docker/podman run line that keeps secret values out of argv', () => {
    const a = containerArgs(launch, cfg({ type: 'podman', image: 'node:20-slim', readable: ['/data'], writable: ['/data/out'] }));
    expect(a.slice(0, 3)).toEqual(['run', '--rm', '-i']);
    expect(a.join(' ')).toContain('--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges --network none');
    expect(a.join(' ')).toContain('--volume /data:/data:ro --volume /data/out:/data/out:rw --env API_KEY --env MODE node:20-slim /srv/app/server --root /data');
    expect(a.join(' ')).not.toContain('from-store');
  });

  it('refuses to start when the sandbox is unavailable, unless it is optional (then warns loudly)', async () => {
    const reports: string[] = [];
    const deps = { report: (l: string) => void reports.push(l), platform: 'linux' as const, which: (p: string) => (p === 'bwrap' ? undefined : `/usr/bin/${p}`) };
    await expect(prepareSandboxedLaunch('fs', launch, { type: 'bwrap' }, deps)).rejects.toThrow(/bwrap \(bubblewrap\) is not installed/);
    await expect(prepareSandboxedLaunch('fs', launch, 'sandbox-exec', deps)).rejects.toThrow(/sandbox-exec runs on macOS only/);
    await expect(prepareSandboxedLaunch('fs', launch, { type: 'bwrap', network: ['bad entry'] }, deps)).rejects.toThrow(/expected host/);
    expect(await prepareSandboxedLaunch('fs', launch, { type: 'bwrap', optional: true }, deps)).toBe(launch);
    expect(reports).toEqual([expect.stringMatching(/WARNING: server fs runs WITHOUT a sandbox \(bwrap \(bubblewrap\) is not installed/)]);
    const noNs = { ...deps, which: (p: string) => `/usr/bin/${p}`, bwrapWorks: () => false };
    await expect(prepareSandboxedLaunch('fs', launch, 'bwrap', noNs)).rejects.toThrow(/cannot create namespaces/);
    await expect(prepareSandboxedLaunch('fs', launch, { type: 'docker', image: 'node:20' }, { ...deps, which: () => undefined })).rejects.toThrow(/docker is not installed/);
  });
});

describe.skipIf(!hasBwrap)('bwrap, for real, through the gateway', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let listener: Server;
  let port: number;
  beforeAll(async () => {
    tmp = await tempDir();
    await mkdir(join(tmp.dir, 'inside'));
    await mkdir(join(tmp.dir, 'outside'));
    await writeFile(join(tmp.dir, 'inside', 'note.txt'), 'note inside');
    await writeFile(join(tmp.dir, 'outside', 'secret.txt'), 'outside the sandbox');
    listener = createServer((s) => s.end());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => listener?.close(r));
    await tmp?.cleanup();
  });

  const fsYaml = (sandbox: string) =>
    `servers:\n  files:\n    command: ${JSON.stringify(FILESYSTEM)}\n    args: [${JSON.stringify(tmp.dir)}]\n    policy: { pin: false }\n${sandbox}`;

  it('server-filesystem cannot read outside the readable paths even by absolute path (the server itself would allow it)', async () => {
    const secretPath = join(tmp.dir, 'outside', 'secret.txt');
    const plain = await startGateway(fsYaml(''));
    try {
      // Control: the server's own allowed dir covers outside/, so unsandboxed it reads the file.
      expect(textOf(await plain.client.callTool({ name: 'read_text_file', arguments: { path: secretPath } }))).toBe('outside the sandbox');
    } finally {
      await plain.close();
    }
    const boxed = await startGateway(fsYaml(`    sandbox: { type: bwrap, readable: [${JSON.stringify(join(tmp.dir, 'inside'))}] }\n`));
    try {
      expect(textOf(await boxed.client.callTool({ name: 'read_text_file', arguments: { path: join(tmp.dir, 'inside', 'note.txt') } }))).toBe('note inside');
      const denied = await boxed.client.callTool({ name: 'read_text_file', arguments: { path: secretPath } }).then(
        (r) => textOf(r),
        (e: Error) => e.message,
      );
      expect(denied).not.toContain('outside the sandbox');
      expect(denied).toMatch(/ENOENT|no such file|not found|Access denied/i);
      // Readable is not writable.
      const write = await boxed.client.callTool({ name: 'write_file', arguments: { path: join(tmp.dir, 'inside', 'new.txt'), content: 'x' } }).then(
        (r) => textOf(r),
        (e: Error) => e.message,
      );
      expect(write).toMatch(/EROFS|read-only/i);
    } finally {
      await boxed.close();
    }
  }, 30_000);

  const fxYaml = (sandbox: string) =>
    `servers:\n  fx:\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(FIXTURE)}]\n    env: { DECLARED: "yes" }\n    policy: { pin: false, sanitize: false }\n${sandbox}`;

  it('a sandboxed child cannot reach a loopback server outside; network: true can; the env holds only declared variables', async () => {
    process.env.KEYWARD_POLICY_TEST_LEAK = 'gateway-only';
    try {
      const plain = await startGateway(fxYaml(''));
      try {
        expect(textOf(await plain.client.callTool({ name: 'connect', arguments: { port } }))).toBe('connected');
      } finally {
        await plain.close();
      }
      const boxed = await startGateway(fxYaml('    sandbox: bwrap\n'));
      try {
        expect(textOf(await boxed.client.callTool({ name: 'connect', arguments: { port } }))).toMatch(/^failed: (ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|timeout)/);
        // sanitize is off for this server: it would strip the NUL separators of /proc/self/environ.
        const environ = textOf(await boxed.client.callTool({ name: 'read', arguments: { path: '/proc/self/environ' } }));
        const names = environ.split('\0').filter(Boolean).map((kv) => kv.split('=')[0]).sort();
        // bwrap itself adds PWD for --chdir.
        expect(names).toEqual(['DECLARED', 'HOME', 'PATH', 'PWD']);
        // The gateway's own files are not there either.
        expect(textOf(await boxed.client.callTool({ name: 'read', arguments: { path: join(tmp.dir, 'inside', 'note.txt') } }))).toBe('failed: ENOENT');
      } finally {
        await boxed.close();
      }
      const net = await startGateway(fxYaml('    sandbox: { type: bwrap, network: true }\n'));
      try {
        expect(textOf(await net.client.callTool({ name: 'connect', arguments: { port } }))).toBe('connected');
      } finally {
        await net.close();
      }
    } finally {
      delete process.env.KEYWARD_POLICY_TEST_LEAK;
    }
  }, 30_000);
  it('network allow-list: the child reaches only listed destinations, through the egress proxy, and nothing directly', async () => {
    const target = createServer((s) => s.end('hello from outside'));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const tport = (target.address() as AddressInfo).port;
    const boxed = await startGateway(fxYaml(`    sandbox: { type: bwrap, network: ["127.0.0.1:${tport}", "localhost:${tport}"] }\n`));
    try {
      const ok = textOf(await boxed.client.callTool({ name: 'proxied', arguments: { host: '127.0.0.1', port: tport } }));
      expect(ok).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nhello from outside$/);
      const unlisted = textOf(await boxed.client.callTool({ name: 'proxied', arguments: { host: '127.0.0.1', port } }));
      expect(unlisted).toMatch(new RegExp(`^HTTP/1\\.1 403 [^]*127\\.0\\.0\\.1:${port} is not in the allow-list`));
      // A listed name that resolves into the local network is refused (rebinding defence).
      const byName = textOf(await boxed.client.callTool({ name: 'proxied', arguments: { host: 'localhost', port: tport } }));
      expect(byName).toMatch(/^HTTP\/1\.1 403 [^]*localhost resolves to loopback address/);
      // Ignoring the proxy gets nowhere: the sandbox has no network of its own.
      expect(textOf(await boxed.client.callTool({ name: 'connect', arguments: { port: tport } }))).toMatch(/^failed: /);
      expect(boxed.reports.filter((r) => r.includes('egress from fx refused'))).toHaveLength(2);
    } finally {
      await boxed.close();
      await new Promise((r) => target.close(r));
    }
  }, 30_000);
});
