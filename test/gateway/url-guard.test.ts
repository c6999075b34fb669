// The SSRF guard: address classes, DNS answers re-checked, every fetch (and so every redirect hop the SDK
// follows) checked before any connection, and the connection pinned to the checked address.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { join } from 'node:path';
import { tempDir } from './helpers.js';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyAddress, guardedFetch, resolveChecked, UrlRefusedError } from '../../src/gateway/url-guard.js';

const strict = { allowHttp: false, allowPrivate: false };

describe('url guard', () => {
  it('classifies loopback, private, link-local and metadata addresses', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('10.0.0.5')).toBe('private');
    expect(classifyAddress('172.20.1.1')).toBe('private');
    expect(classifyAddress('192.168.1.1')).toBe('private');
    expect(classifyAddress('169.254.10.10')).toBe('private');
    expect(classifyAddress('fe80::1')).toBe('private');
    expect(classifyAddress('fd12::1')).toBe('private');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('metadata');
    expect(classifyAddress('fd00:ec2::254')).toBe('metadata');
    expect(classifyAddress('100.100.100.200')).toBe('metadata');
    expect(classifyAddress('93.184.215.14')).toBe('public');
  });

  it('re-checks after DNS: a public name resolving to a private or loopback address is refused', async () => {
    const to = (address: string) => async () => [{ address, family: 4 }];
    await expect(resolveChecked(new URL('https://mcp.example.com/'), strict, to('10.0.0.7'))).rejects.toThrow(/resolves to a private address/);
    await expect(resolveChecked(new URL('https://mcp.example.com/'), strict, to('127.0.0.1'))).rejects.toThrow(UrlRefusedError);
    await expect(resolveChecked(new URL('https://mcp.example.com/'), { allowHttp: false, allowPrivate: true }, to('169.254.169.254'))).rejects.toThrow(/metadata/);
    await expect(resolveChecked(new URL('https://mcp.example.com/'), strict, to('93.184.215.14'))).resolves.toEqual({ address: '93.184.215.14', family: 4 });
    await expect(resolveChecked(new URL('https://mcp.example.com/'), { allowHttp: false, allowPrivate: true }, to('10.0.0.7'))).resolves.toBeTruthy();
  });

  it('refuses before connecting: metadata, http to remote hosts, userinfo', async () => {
    const fetch = guardedFetch(strict, async () => {
      throw new Error('must not resolve');
    });
    await expect(fetch('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(UrlRefusedError);
    await expect(fetch('http://mcp.example.com/mcp')).rejects.toThrow(/TLS required/);
    await expect(fetch('https://u:p@mcp.example.com/mcp')).rejects.toThrow(/credentials in the URL/);
  });

  it('connects to the checked address and leaves redirects to the caller, who re-enters the guard', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/hop') {
        res.writeHead(302, { location: 'https://169.254.169.254/latest/meta-data/' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`host header ${req.headers.host}`);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // "localhost" is pinned to whatever the resolver said was checked: 127.0.0.1.
      const fetch = guardedFetch(strict, async () => [{ address: '127.0.0.1', family: 4 }]);
      const ok = await fetch(`http://localhost:${port}/`);
      expect(await ok.text()).toBe(`host header localhost:${port}`);
      const hop = await fetch(`http://localhost:${port}/hop`);
      expect(hop.status).toBe(302);
      await expect(fetch(hop.headers.get('location')!)).rejects.toThrow(/metadata/);
    } finally {
      server.close();
    }
  });

  it('leaves no abort listener behind on the shared signal once a request is over', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const fetch = guardedFetch({ allowHttp: false, allowPrivate: true }, async () => [{ address: '127.0.0.1', family: 4 }]);
      const signal = new AbortController().signal;
      for (let i = 0; i < 20; i++) expect(await (await fetch(`http://127.0.0.1:${port}/`, { signal })).text()).toBe('ok');
      await new Promise((r) => setImmediate(r));
      expect(getEventListeners(signal, 'abort').length).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('verifies TLS certificates: a self-signed upstream is refused', async () => {
    const { dir, cleanup } = await tempDir();
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const server = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('should not be reached'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const fetch = guardedFetch(strict, async () => [{ address: '127.0.0.1', family: 4 }]);
      await expect(fetch(`https://localhost:${port}/`)).rejects.toThrow(/self[- ]signed/i);
    } finally {
      server.close();
      await cleanup();
    }
  });
});
