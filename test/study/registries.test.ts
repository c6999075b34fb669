// The registry clients against the documented response shapes (test/study/fixtures/registries/), served from
// loopback: query parameters each API asks for, cursor/page/next handling, where the repository comes from,
// and why a server without one is left out.
import { promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';
import { fetchOfficialPage, fetchPulsePage, fetchSmitheryPage, missingRepoReason } from '../../src/study/registries.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'registries');
const fixture = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const KEY = fakeToken('smithery-test-', 24, 701);

let base = '';
let tmp = '';
const requests: { path: string; query: Record<string, string>; headers: http.IncomingHttpHeaders }[] = [];
let server: http.Server;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'keyward-registries-'));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers });
    const send = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (url.pathname === '/v0.1/servers') {
      const cursor = url.searchParams.get('cursor');
      if (!cursor) return send(200, fixture('official-page-1.json'));
      if (cursor === 'com.example/weather:1.4.0') return send(200, fixture('official-page-2.json'));
      return send(400, '{"error":"bad cursor"}');
    }
    if (url.pathname.startsWith('/smithery/')) {
      if (req.headers.authorization !== `Bearer ${KEY}`) return send(401, '{"error":"unauthorized"}');
      if (url.pathname === '/smithery/servers') return send(200, fixture('smithery-page-1.json'));
      if (url.pathname === '/smithery/servers/smithery-ai%2Fhello-world') return send(200, fixture('smithery-detail.json'));
      return send(404, '{"error":"not found"}');
    }
    if (url.pathname === '/pulse/servers') {
      // PulseMCP answers 410 to a request without a versioned User-Agent.
      if (!/\/\d/.test(req.headers['user-agent'] ?? '')) return send(410, '{"error":"gone"}');
      const page = url.searchParams.get('offset') === '2' ? fixture('pulsemcp-page-2.json') : fixture('pulsemcp-page-1.json');
      return send(200, page.replaceAll('https://api.pulsemcp.com/v0beta', `${base}/pulse`));
    }
    send(404, '{"error":"no route"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await fs.rm(tmp, { recursive: true, force: true });
});

const http0 = { retries: 0, retryBaseMs: 1, headers: { 'user-agent': 'keyward/0.1.0 (test)' } };

describe('official MCP Registry (OpenAPI 2025-12-01)', () => {
  it('asks for latest versions only, follows metadata.nextCursor exactly, and reads repository.url / subfolder', async () => {
    requests.length = 0;
    const p1 = await fetchOfficialPage(undefined, { ...http0, baseUrl: base, pageSize: 250 });
    if ('error' in p1) throw new Error(p1.error);
    expect(requests[0]).toMatchObject({ path: '/v0.1/servers', query: { limit: '100', version: 'latest' } });
    expect(p1.next).toBe('com.example/weather:1.4.0');
    expect(p1.servers.map((s) => [s.key, s.repo, s.subfolder, s.deployment, s.isLatest])).toEqual([
      ['io.github.modelcontextprotocol/everything', 'modelcontextprotocol/servers', 'src/everything', 'local', true],
      ['com.example/weather', undefined, undefined, 'remote', true],
    ]);
    const p2 = await fetchOfficialPage(p1.next, { ...http0, baseUrl: base, pageSize: 100 });
    if ('error' in p2) throw new Error(p2.error);
    // The cursor goes back as given (URL-encoded by URLSearchParams), and a missing cursor ends the list.
    expect(requests[1].query).toEqual({ limit: '100', version: 'latest', cursor: 'com.example/weather:1.4.0' });
    expect(p2.next).toBeUndefined();
    expect(p2.servers.map((s) => [s.key, s.repo, s.repoUrl])).toEqual([
      ['io.github.upstash/context7', 'upstash/context7', 'https://github.com/upstash/context7'],
      ['io.gitlab.example/notes', undefined, 'https://gitlab.com/example/notes-mcp'],
    ]);
  });

  it('refuses an answer without a servers array', async () => {
    const res = await fetchOfficialPage('nope', { ...http0, baseUrl: `${base}/smithery`, pageSize: 10 });
    expect(res).toEqual({ error: expect.stringMatching(/HTTP 401|servers array/) });
  });
});

describe('Smithery (api.smithery.ai)', () => {
  it('sends the key as Bearer, pages with page/pageSize, and resolves repositories from GitHub homepages only', async () => {
    requests.length = 0;
    const page = await fetchSmitheryPage(1, { ...http0, baseUrl: `${base}/smithery`, pageSize: 500, apiKey: KEY, details: true });
    if ('error' in page) throw new Error(page.error);
    expect(requests[0]).toMatchObject({ path: '/smithery/servers', query: { page: '1', pageSize: '100' } });
    expect(requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(page.next).toBeUndefined(); // currentPage 1 of totalPages 1
    expect(page.servers.map((s) => [s.key, s.repo, s.deployment])).toEqual([
      ['exa', 'exa-labs/exa-mcp-server', 'remote'],
      ['smithery-ai/hello-world', undefined, 'remote'],
      ['tavily-ai/tavily-mcp', 'tavily-ai/tavily-mcp', 'local'],
    ]);
    // The detail record was asked for (slash as %2F) but names no repository either: the homepage stays.
    expect(requests.map((r) => r.path)).toContain('/smithery/servers/smithery-ai%2Fhello-world');
    expect(page.servers[1].repoUrl).toBe('https://smithery.ai/server/smithery-ai/hello-world');
    expect(missingRepoReason('smithery', page.servers[1].repoUrl)).toBe('homepage not a GitHub repository');
  });

  it('says to check the key on 401 and never repeats it', async () => {
    const res = await fetchSmitheryPage(1, { ...http0, baseUrl: `${base}/smithery`, pageSize: 10, apiKey: 'wrong' });
    expect(res).toEqual({ error: expect.stringMatching(/HTTP 401 \(check the Smithery API key\)/) });
    expect(JSON.stringify(res)).not.toContain('wrong');
  });
});

describe('PulseMCP (v0beta)', () => {
  it('pages by following next on the same origin, keyed by the PulseMCP slug', async () => {
    requests.length = 0;
    const p1 = await fetchPulsePage(undefined, { ...http0, baseUrl: `${base}/pulse`, pageSize: 2 });
    if ('error' in p1) throw new Error(p1.error);
    expect(requests[0].query).toEqual({ count_per_page: '2', offset: '0' });
    expect(p1.servers.map((s) => [s.key, s.repo])).toEqual([
      ['mendableai-firecrawl', 'mendableai/firecrawl-mcp-server'],
      ['example-hosted', undefined],
    ]);
    const p2 = await fetchPulsePage(p1.next, { ...http0, baseUrl: `${base}/pulse`, pageSize: 2 });
    if ('error' in p2) throw new Error(p2.error);
    // No source_code_url, but the external URL is the GitHub repository.
    expect(p2.servers.map((s) => [s.key, s.repo])).toEqual([['upstash-context7', 'upstash/context7']]);
    expect(p2.next).toBeUndefined();
  });

  it('will not follow a next page to another host', async () => {
    const res = await fetchPulsePage('https://api.pulsemcp.com/v0beta/servers?offset=2', { ...http0, baseUrl: `${base}/pulse`, pageSize: 2 });
    expect(res).toEqual({ error: expect.stringMatching(/not on http:\/\/127\.0\.0\.1/) });
  });
});

describe('study list over all three sources', () => {
  it('deduplicates by repository and counts the servers left out, by reason', async () => {
    const db = path.join(tmp, 'three.db');
    const args = ['study', 'list', '--db', db, '--source', 'official,smithery,pulsemcp', '--registry-url', base, '--smithery-url', `${base}/smithery`];
    const res = await run([...args, '--pulse-url', `${base}/pulse`, '--page-size', '2', '--retries', '0'], { env: { SMITHERY_API_KEY: KEY }, cwd: tmp });
    expect(res.stderr).toBe('');
    expect(res.exitCode).toBe(0);
    // 4 official + 3 Smithery + 3 PulseMCP servers; upstash/context7 is listed twice but is one repository.
    expect(res.stdout).toBe(
      'listed 10 servers → 5 unique GitHub repositories\n' +
        '4 servers have no GitHub repository to clone: 1 homepage not a GitHub repository, 2 no repository listed, 1 repository not on GitHub\n',
    );
  });
});
