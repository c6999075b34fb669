// Stage-level checks: registry entry shapes, HTTP retries, listing resume, the history reader and clone caps.
import { execFileSync } from 'node:child_process';
import { mkdirSync, promises as fs, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';
import { cloneRepo } from '../../src/study/clone.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { scanRepo } from '../../src/study/scan-repo.js';
import { getJson } from '../../src/study/http.js';
import { parseOfficialEntry, parseServerFile, parseSmitheryEntry } from '../../src/study/registries.js';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'keyward-study-stages-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function withServer(handler: http.RequestListener, fn: (base: string) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const sh = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV }).toString().trim();

describe('registry entries', () => {
  it('reads the current and the older official shape alike', () => {
    const current = parseOfficialEntry({
      server: { name: 'a/b', repository: { url: 'https://github.com/A/B', subfolder: 'x' }, packages: [{}] },
      _meta: { 'io.modelcontextprotocol.registry/official': { isLatest: false } },
    });
    expect(current).toMatchObject({ key: 'a/b', repo: 'a/b', subfolder: 'x', deployment: 'local', isLatest: false });
    const flat = parseOfficialEntry({ name: 'c/d', repository: { url: 'git@github.com:c/d.git' }, remotes: [{ url: 'https://x.invalid' }] });
    expect(flat).toMatchObject({ key: 'c/d', repo: 'c/d', deployment: 'remote', isLatest: true });
    expect(parseOfficialEntry({ nothing: true })).toBeUndefined();
  });

  it('finds a Smithery repository in the detail record when the list has none', () => {
    const entry = { qualifiedName: '@x/y', remote: true, homepage: 'https://smithery.ai/server/@x/y' };
    expect(parseSmitheryEntry(entry)?.repo).toBeUndefined();
    const withDetail = parseSmitheryEntry(entry, { repository: { url: 'https://github.com/x/y' } });
    expect(withDetail).toMatchObject({ repo: 'x/y', deployment: 'remote' });
    expect(withDetail?.raw).toEqual({ list: entry, detail: { repository: { url: 'https://github.com/x/y' } } });
  });

  it('reads JSONL and {servers: [...]} files of either shape', () => {
    const jsonl = parseServerFile('{"name":"a/b","repository":{"url":"https://github.com/a/b"}}\n{"qualifiedName":"@c/d","homepage":"https://github.com/c/d"}\n');
    expect(Array.isArray(jsonl) && jsonl.map((s) => [s.source, s.repo])).toEqual([
      ['official', 'a/b'],
      ['smithery', 'c/d'],
    ]);
    const wrapped = parseServerFile(JSON.stringify({ servers: [{ server: { name: 'e/f' } }] }));
    expect(Array.isArray(wrapped) && wrapped[0].key).toBe('e/f');
    expect(parseServerFile('{"a":1}\nnot json')).toEqual({ error: 'line 2 is not JSON' });
  });
});

describe('getJson', () => {
  it('retries 5xx and 429, not 4xx, and never echoes request headers', async () => {
    let calls = 0;
    const key = fakeToken('key-', 20, 9);
    await withServer(
      (req, res) => {
        calls++;
        if (req.url === '/flaky' && calls < 3) {
          res.writeHead(calls === 1 ? 503 : 429, calls === 2 ? { 'retry-after': '0' } : {}).end();
          return;
        }
        if (req.url === '/missing') return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      },
      async (base) => {
        const ok = await getJson(`${base}/flaky`, { retries: 3, retryBaseMs: 1, headers: { authorization: `Bearer ${key}` } });
        expect(ok).toMatchObject({ ok: true, value: { ok: true }, attempts: 3 });
        calls = 10;
        const missing = await getJson(`${base}/missing`, { retries: 3, retryBaseMs: 1, headers: { authorization: `Bearer ${key}` } });
        expect(missing).toMatchObject({ ok: false, status: 404, attempts: 1 });
        expect(JSON.stringify(missing)).not.toContain(key);
      },
    );
  });

  it('times out a hung attempt, retries it, and gives up with the reason', async () => {
    let calls = 0;
    await withServer(
      () => void calls++, // never answers
      async (base) => {
        const res = await getJson(`${base}/hang`, { retries: 1, retryBaseMs: 1, timeoutMs: 100 });
        expect(res).toMatchObject({ ok: false, attempts: 2, error: expect.stringMatching(/no answer within 100 ms \(gave up after 2 attempts\)/) });
        expect(calls).toBe(2);
      },
    );
  });

  it('honours GitHub rate-limit headers: waits for a near reset, stops at a far one', async () => {
    let calls = 0;
    let resetIn = 1; // seconds
    await withServer(
      (_req, res) => {
        calls++;
        if (calls === 1 || resetIn > 100) {
          res.writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetIn) }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      },
      async (base) => {
        const retries: number[] = [];
        const ok = await getJson(`${base}/r`, { retries: 2, retryBaseMs: 1, maxWaitMs: 5000, onRetry: (_a, _r, delay) => retries.push(delay) });
        expect(ok).toMatchObject({ ok: true, attempts: 2 });
        expect(retries[0]).toBeGreaterThan(500); // the reset time, not the 1 ms back-off
        resetIn = 3600;
        const far = await getJson(`${base}/r`, { retries: 2, retryBaseMs: 1, maxWaitMs: 5000 });
        expect(far).toMatchObject({ ok: false, status: 403, attempts: 1, rateLimitedUntil: expect.any(Number) });
        expect(far.ok === false && far.error).toMatch(/rate limited until/);
      },
    );
  });

  it('gives up on a dead server with an error value', async () => {
    const res = await getJson('http://127.0.0.1:9/x', { retries: 1, retryBaseMs: 1 });
    expect(res.ok).toBe(false);
    expect(res.attempts).toBe(2);
  });
});

describe('study list resumes from the saved cursor', () => {
  it('fails on a dead page, keeps page 1, and continues from page 2 on the next run', async () => {
    let page2Up = false;
    const hits: string[] = [];
    await withServer(
      (req, res) => {
        const url = new URL(req.url!, 'http://x');
        hits.push(url.searchParams.get('cursor') ?? 'first');
        const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (!url.searchParams.get('cursor')) return json({ servers: [{ server: { name: 'p/one', repository: { url: 'https://github.com/p/one' } } }], metadata: { nextCursor: 'n2' } });
        if (!page2Up) return void res.writeHead(502).end();
        json({ servers: [{ server: { name: 'p/two', repository: { url: 'https://github.com/p/two' } } }], metadata: {} });
      },
      async (base) => {
        const db = path.join(tmp, 'list.db');
        const args = ['study', 'list', '--db', db, '--source', 'official', '--registry-url', base, '--retries', '1', '--retry-base-ms', '1'];
        const a = await run(args, { env: {}, cwd: tmp });
        expect(a.exitCode).toBe(2);
        expect(a.stdout).toContain('listed 1 server ');
        expect(a.stderr).toMatch(/HTTP 502 \(gave up after 2 attempts\)/);
        page2Up = true;
        const b = await run(args, { env: {}, cwd: tmp });
        expect(b.exitCode).toBe(0);
        expect(b.stdout).toContain('listed 2 servers → 2 unique GitHub repositories');
        expect(hits).toEqual(['first', 'n2', 'n2', 'n2']);
        // Finished: a third run fetches nothing.
        await run(args, { env: {}, cwd: tmp });
        expect(hits).toHaveLength(4);
      },
    );
  });

  it('lists from a local file', async () => {
    const file = path.join(tmp, 'servers.jsonl');
    await fs.writeFile(file, '{"name":"f/a","repository":{"url":"https://github.com/f/a"}}\n{"qualifiedName":"@f/b","homepage":"https://github.com/F/A"}\n');
    const res = await run(['study', 'list', '--db', path.join(tmp, 'file.db'), '--from-file', file], { env: {}, cwd: tmp });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain('listed 2 servers → 1 unique GitHub repository');
  });
});

describe('repository scan and clone', () => {
  let work: string;
  const tok = (seed: number) => fakeToken('ghp_', 36, seed);
  const scan = (dir: string) => scanRepo(dir, { ruleSet: builtinRuleSet(), salt: 'test-salt', maxBlobBytes: 1024 * 1024 });
  beforeAll(() => {
    work = path.join(tmp, 'hist');
    mkdirSync(path.join(work, 'src'), { recursive: true });
    sh(tmp, 'init', '-q', '-b', 'main', work);
    writeFileSync(path.join(work, 'a.txt'), `token ${tok(1)}\n`);
    sh(work, 'add', '-A');
    sh(work, 'commit', '-q', '-m', 'c1');
    sh(work, 'checkout', '-q', '-b', 'side');
    writeFileSync(path.join(work, 'side.txt'), `only on a branch ${tok(2)}\n`);
    sh(work, 'add', '-A');
    sh(work, 'commit', '-q', '-m', 'side');
    sh(work, 'checkout', '-q', 'main');
    writeFileSync(path.join(work, 'src', 'b c.ts'), `export const t = "${tok(3)}";\n`);
    sh(work, 'rm', '-q', 'a.txt');
    sh(work, 'add', '-A');
    sh(work, 'commit', '-q', '-m', 'c2');
  });

  it('scans every blob of every ref once, with its introducing commit and whether it is at HEAD', async () => {
    const c1 = sh(work, 'rev-parse', 'main~1');
    const c2 = sh(work, 'rev-parse', 'main');
    const side = sh(work, 'rev-parse', 'side');
    const res = await scan(path.join(work, '.git'));
    if ('error' in res) throw new Error(res.error);
    expect([res.head, res.commits, res.blobs]).toEqual([c2, 3, 3]);
    expect(res.findings.map((f) => [f.path, f.commit, f.inHead, f.surface, f.rule])).toEqual([
      ['a.txt', c1, false, 'other', 'github-pat'],
      ['side.txt', side, false, 'other', 'github-pat'],
      ['src/b c.ts', c2, true, 'source', 'github-pat'],
    ]);
    expect(new Set(res.findings.map((f) => f.secretHash)).size).toBe(3);
    expect(JSON.stringify(res)).not.toContain(tok(3));
  });

  it('finds a secret that only a merge commit introduced (conflict resolution)', async () => {
    const m = path.join(tmp, 'merge');
    sh(tmp, 'init', '-q', '-b', 'main', m);
    writeFileSync(path.join(m, 'm.txt'), 'base\n');
    sh(m, 'add', '-A');
    sh(m, 'commit', '-q', '-m', 'base');
    sh(m, 'checkout', '-q', '-b', 'feat');
    writeFileSync(path.join(m, 'm.txt'), 'feat\n');
    sh(m, 'commit', '-q', '-am', 'feat');
    sh(m, 'checkout', '-q', 'main');
    writeFileSync(path.join(m, 'm.txt'), 'main\n');
    sh(m, 'commit', '-q', '-am', 'main');
    try {
      sh(m, 'merge', '-q', 'feat');
    } catch {
      // expected conflict
    }
    writeFileSync(path.join(m, 'm.txt'), `resolved ${tok(4)}\n`);
    sh(m, 'add', 'm.txt');
    sh(m, 'commit', '-q', '--no-edit');
    const res = await scan(path.join(m, '.git'));
    if ('error' in res) throw new Error(res.error);
    expect([res.commits, res.blobs]).toEqual([4, 4]);
    expect(res.findings.map((f) => [f.path, f.commit, f.inHead])).toEqual([['m.txt', sh(m, 'rev-parse', 'HEAD'), true]]);
  });

  it('refuses a shallow repository instead of reporting its history clean', async () => {
    const shallow = path.join(tmp, 'shallow');
    sh(tmp, 'clone', '-q', '--bare', '--depth', '1', `file://${work}/.git`, shallow);
    const res = await scan(shallow);
    expect(res).toEqual({ error: expect.stringMatching(/shallow clone/) });
  });

  it('refuses to report on a database that does not exist', async () => {
    const res = await run(['study', 'report', '--db', 'nowhere.db', '--out', 'o'], { env: {}, cwd: tmp });
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/nowhere\.db does not exist\n  hint: run `keyward study run`/);
    await expect(fs.access(path.join(tmp, 'nowhere.db'))).rejects.toThrow();
  });

  it('rejects merging a file that is not a study database, and an unusable clone folder', async () => {
    const bogus = path.join(tmp, 'bogus.db');
    await fs.writeFile(bogus, 'not sqlite at all');
    const res = await run(['study', 'merge', bogus, '--out', 'm.db'], { env: {}, cwd: tmp });
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/bogus\.db is not a keyward study database\n  hint:/);
    const file = path.join(tmp, 'servers2.jsonl');
    await fs.writeFile(file, '{"name":"w/a","repository":{"url":"https://github.com/w/a"}}\n');
    const clone = await run(['study', 'run', '--db', 'w.db', '--from-file', file, '--work-dir', bogus], { env: {}, cwd: tmp });
    expect(clone.exitCode).toBe(2);
    expect(clone.stderr).toMatch(/cannot create the clone folder .*bogus\.db/);
  });

  it('skips a repository over --max-repo-size with a counted reason, and rejects a size it cannot read', async () => {
    const file = path.join(tmp, 'big.jsonl');
    await fs.writeFile(file, '{"name":"x/hist","repository":{"url":"https://github.com/x/hist"}}\n');
    const args = ['study', 'run', '--db', 'big.db', '--from-file', file, '--clone-url-template', `file://${work}/.git`, '--out', 'big'];
    const res = await run([...args, '--max-repo-size', '1K'], { env: {}, cwd: tmp });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain('0 scanned, 1 skipped');
    const report = JSON.parse(await fs.readFile(path.join(tmp, 'big', 'report.json'), 'utf8')) as { funnel: { skippedByReason: Record<string, number> } };
    expect(report.funnel.skippedByReason).toEqual({ oversize: 1 });
    const bad = await run([...args, '--max-repo-size', 'huge'], { env: {}, cwd: tmp });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--max-repo-size must be a size such as 500M or 2G (got "huge")');
  });

  it('fails loudly when a list has no servers', async () => {
    const file = path.join(tmp, 'empty.jsonl');
    await fs.writeFile(file, '\n');
    const res = await run(['study', 'list', '--db', path.join(tmp, 'empty.db'), '--from-file', file], { env: {}, cwd: tmp });
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('keyward: no servers were listed');
  });

  it('clones full history, and skips oversize and unreachable repositories with a reason', async () => {
    const base = { urlTemplate: `file://${work}/.git`, workDir: path.join(tmp, 'clones'), timeoutMs: 30_000, retries: 1, retryBaseMs: 1 };
    const ok = await cloneRepo('x/hist', { ...base, maxBytes: 50 * 1024 * 1024 });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.head).toBe(sh(work, 'rev-parse', 'main'));
      expect(sh(ok.dir, 'rev-parse', '--is-shallow-repository')).toBe('false');
      expect(sh(ok.dir, 'branch', '--list')).toContain('side');
    }
    const big = await cloneRepo('x/hist2', { ...base, maxBytes: 100 });
    expect(big).toMatchObject({ ok: false, reason: 'oversize' });
    const gone = await cloneRepo('x/none', { ...base, urlTemplate: `file://${tmp}/nowhere/{repo}.git`, maxBytes: 1e9 });
    expect(gone).toMatchObject({ ok: false, reason: 'unreachable', attempts: 1 });
    await expect(fs.access(path.join(tmp, 'clones', 'x', 'none.git'))).rejects.toThrow();
  });
});
