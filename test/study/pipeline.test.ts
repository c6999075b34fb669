// End to end, offline: registries on loopback → local git remotes → scan → report, checked exactly against
// the planted truth; plus resume, secret hygiene of the database, disclosure texts, sharding and merge.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openFileStore } from '../../src/store/select.js';
import type { StudyReport } from '../../src/study/report/model.js';
import { binomialTest, twoProportionZTest, wilson } from '../../src/study/stats.js';
import { createFixture, listArgs, repoArgs, SECRETS, SMITHERY_KEY, studyArgs, studyEnv, type Fixture } from './fixtures.js';

let f: Fixture;
let db: string;
let first: Awaited<ReturnType<typeof run>>;
let second: Awaited<ReturnType<typeof run>>;
let report: StudyReport;
let runMs = 0;

beforeAll(async () => {
  f = await createFixture();
  db = path.join(f.dir, 'study.db');
  // First run stops after two repositories (as if killed), the second finishes the queue.
  first = await run(studyArgs(f, db, ['--limit', '2', '--concurrency', '1']), { env: studyEnv(), cwd: f.dir });
  const t0 = Date.now();
  second = await run(studyArgs(f, db, ['--concurrency', '3', '--out', 'out']), { env: studyEnv(), cwd: f.dir });
  runMs = Date.now() - t0;
  report = JSON.parse(await fs.readFile(path.join(f.dir, 'out', 'report.json'), 'utf8')) as StudyReport;
});

afterAll(async () => {
  await f?.close();
});

describe('keyward study run (fixtures)', () => {
  it('runs both invocations cleanly and retries the failing registry page', () => {
    expect(first.stderr).not.toMatch(/unexpected error/);
    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    expect(first.stdout).toContain('processed 2 repositories');
    expect(second.stdout).toContain('processed 5 repositories');
    expect(f.hits.get('/v0.1/servers?cursor=c2')).toBe(2);
    expect(first.stderr).toMatch(/HTTP 500; retry 1/);
    // The listing finished in the first run: the second does not fetch the registries again.
    expect(f.hits.get('/v0.1/servers')).toBe(1);
    console.log(`fixture throughput: ${(5 / (runMs / 60_000)).toFixed(0)} repos/min (${runMs} ms for 5 repos)`);
  });

  it('reports the funnel exactly', () => {
    expect(report.funnel).toEqual({
      serversListed: 16,
      bySource: { official: 8, pulsemcp: 3, smithery: 5 },
      serversWithGithubRepo: 13,
      // com.example/hosted-only and PulseMCP's acme-hosted name no repository; io.gitlab.foo/bar is on GitLab.
      serversWithoutRepo: { 'no repository listed': 2, 'repository not on GitHub': 1 },
      uniqueRepos: 7,
      // acme/clean, acme/mono and acme/leaky-server are each listed by more than one registry.
      reposInSeveralSources: 3,
      sharedRepos: 3,
      maxServersPerRepo: 4,
      pending: 0,
      skipped: 2,
      skippedByReason: { archived: 1, unreachable: 1 },
      cloned: 5,
      scanned: 5,
      leakingHistory: 3,
      leakingHead: 2,
    });
  });

  it('computes shares, intervals and the baseline test from the planted truth', () => {
    expect(report.leaks.history).toEqual({ leaking: 3, total: 5, share: 0.6, ci95: wilson(3, 5) });
    expect(report.leaks.head).toEqual({ leaking: 2, total: 5, share: 0.4, ci95: wilson(2, 5) });
    expect(report.baseline).toBe(0.046);
    expect(report.baselineTest.history).toEqual(binomialTest(3, 5, 0.046));
    expect(report.baselineTest.history.pGreater).toBeLessThan(0.01);
  });

  it('compares local and remote under each classification rule', () => {
    const [r1, r2, r3] = report.localRemote;
    // R1: remote = leaky-server, mono (one of its servers has remotes[]); local = head-leak, clean, placeholder.
    expect([r1.local.leaking, r1.local.total, r1.remote.leaking, r1.remote.total, r1.unclassified]).toEqual([1, 3, 2, 2, 0]);
    expect(r1.test).toEqual(twoProportionZTest(1, 3, 2, 2));
    // R2 (Smithery flags): local = mono, clean; remote = leaky-server; head-leak and placeholder are not on Smithery.
    expect([r2.local.leaking, r2.local.total, r2.remote.leaking, r2.remote.total, r2.unclassified]).toEqual([1, 2, 1, 1, 2]);
    // R3 (code): remote = leaky-server (Streamable HTTP), mono (SSE), placeholder (smithery.yaml http).
    expect([r3.local.leaking, r3.local.total, r3.remote.leaking, r3.remote.total, r3.unclassified]).toEqual([1, 2, 2, 3, 0]);
  });

  it('breaks findings down by secret type, surface and provider', () => {
    expect(report.byRule.map((b) => [b.key, b.repos, b.reposAtHead, b.findings, b.distinctSecrets])).toEqual([
      ['github-pat', 2, 1, 2, 2],
      ['anthropic-api-key', 1, 1, 1, 1],
      ['api-key-header', 1, 0, 1, 1],
      ['authorization-bearer', 1, 1, 1, 1],
    ]);
    expect(report.bySurface.map((b) => [b.key, b.repos, b.reposAtHead, b.findings])).toEqual([
      ['MCP config', 1, 1, 1],
      ['README', 1, 1, 1],
      ['.env', 1, 0, 1],
      ['source', 1, 1, 2],
    ]);
    expect(report.byProvider.map((b) => [b.key, b.repos, b.findings])).toEqual([
      ['Generic', 2, 2],
      ['GitHub', 2, 2],
      ['Anthropic', 1, 1],
    ]);
    expect(report.findings).toEqual({ total: 5, atHead: 3, distinctSecrets: 5 });
  });

  it('finds secrets in the registry entries themselves and stores those entries masked', () => {
    expect(report.registryEntries.withSecret).toEqual({ leaking: 1, total: 16, share: 1 / 16, ci95: wilson(1, 16) });
    expect(report.registryEntries.byRule.map((b) => [b.key, b.servers, b.findings])).toEqual([['mcp-registry-secret', 1, 1]]);
    const conn = new Database(db, { readonly: true });
    const raw = (conn.prepare("SELECT raw FROM servers WHERE server_key = 'com.example/hosted-only'").get() as { raw: string }).raw;
    conn.close();
    const header = (JSON.parse(raw) as { remotes: { headers: { value: string }[] }[] }).remotes[0].headers[0];
    expect(header.value).toMatch(/^.{0,4}\*{4,}$/);
  });

  it('names no repository unless asked', async () => {
    const md = await fs.readFile(path.join(f.dir, 'out', 'report.md'), 'utf8');
    const html = await fs.readFile(path.join(f.dir, 'out', 'report.html'), 'utf8');
    for (const text of [md, html, JSON.stringify(report)]) expect(text).not.toMatch(/acme\//);
    const named = await run(['study', 'report', '--db', db, '--out', 'named', '--name-repos'], { env: studyEnv(), cwd: f.dir });
    expect(named.exitCode).toBe(0);
    const namedJson = JSON.parse(await fs.readFile(path.join(f.dir, 'named', 'report.json'), 'utf8')) as StudyReport;
    expect(namedJson.repos?.map((r) => r.repo)).toEqual(['acme/head-leak', 'acme/leaky-server', 'acme/mono']);
  });

  it('never rescans a finished repository and records why the others were skipped', () => {
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT repo, status, reason, scan_count, head_commit FROM repos ORDER BY repo').all() as {
      repo: string;
      status: string;
      reason: string | null;
      scan_count: number;
      head_commit: string | null;
    }[];
    conn.close();
    expect(rows.map((r) => [r.repo, r.status, r.scan_count])).toEqual([
      ['acme/clean', 'scanned', 1],
      ['acme/head-leak', 'scanned', 1],
      ['acme/leaky-server', 'scanned', 1],
      ['acme/missing', 'skipped', 0],
      ['acme/mono', 'scanned', 1],
      ['acme/old', 'skipped', 0],
      ['acme/placeholder', 'scanned', 1],
    ]);
    expect(rows.find((r) => r.repo === 'acme/old')?.reason).toMatch(/^archived/);
    expect(rows.find((r) => r.repo === 'acme/missing')?.reason).toMatch(/^unreachable/);
    for (const r of rows.filter((x) => x.status === 'scanned')) expect(r.head_commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('keeps no raw secret and no API key in the database, its WAL, or any output', async () => {
    const files = [db, `${db}-wal`, `${db}-shm`];
    const blobs: Buffer[] = [];
    for (const file of files) blobs.push(await fs.readFile(file).catch(() => Buffer.alloc(0)));
    const bytes = Buffer.concat(blobs);
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [...Object.values(SECRETS), SMITHERY_KEY]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      // Not even the part after the redacted prefix.
      expect(bytes.includes(Buffer.from(secret.slice(8)))).toBe(false);
      for (const out of [first.stdout, first.stderr, second.stdout, second.stderr]) expect(out).not.toContain(secret);
    }
    const conn = new Database(db, { readonly: true });
    const redacted = conn.prepare('SELECT redacted, secret_hash FROM findings').all() as { redacted: string; secret_hash: string }[];
    conn.close();
    expect(redacted).toHaveLength(5);
    for (const r of redacted) {
      expect(r.redacted).toMatch(/^.{0,4}\*{4,}$/);
      expect(r.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('writes one redacted notification per affected repository', async () => {
    const res = await run(['study', 'disclose', '--db', db, '--out', 'disclose'], { env: studyEnv(), cwd: f.dir });
    expect(res.exitCode).toBe(0);
    const files = (await fs.readdir(path.join(f.dir, 'disclose'))).sort();
    expect(files).toEqual(['acme__head-leak.md', 'acme__leaky-server.md', 'acme__mono.md']);
    const leaky = await fs.readFile(path.join(f.dir, 'disclose', 'acme__leaky-server.md'), 'utf8');
    expect(leaky).toContain('`.env:1`');
    expect(leaky).toContain('no — history only');
    expect(leaky).toContain('https://github.com/settings/tokens');
    for (const file of files) {
      const text = await fs.readFile(path.join(f.dir, 'disclose', file), 'utf8');
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
  });

  it('runs list, clone and scan as separate resumable stages', async () => {
    const stagedDb = path.join(f.dir, 'staged.db');
    const list = await run(['study', 'list', ...listArgs(f, stagedDb)], { env: studyEnv(), cwd: f.dir });
    expect(list.stdout).toContain('listed 16 servers → 7 unique GitHub repositories');
    const clone = await run(['study', 'clone', ...repoArgs(f, stagedDb)], { env: studyEnv(), cwd: f.dir });
    expect(clone.stdout).toContain('cloned 7 repositories: 5 cloned, 0 scanned, 2 skipped');
    const count = (sql: string) => {
      const conn = new Database(stagedDb, { readonly: true });
      try {
        return (conn.prepare(sql).get() as { n: number }).n;
      } finally {
        conn.close();
      }
    };
    expect(count("SELECT COUNT(*) AS n FROM repos WHERE status = 'cloned'")).toBe(5);
    await fs.access(path.join(`${stagedDb}.clones`, 'acme', 'mono.git'));
    const scan = await run(['study', 'scan', ...repoArgs(f, stagedDb)], { env: studyEnv(), cwd: f.dir });
    expect(scan.stdout).toContain('processed 5 repositories: 0 cloned, 5 scanned, 0 skipped, 5 findings');
    expect(count("SELECT COUNT(*) AS n FROM repos WHERE status = 'scanned' AND scan_count = 1")).toBe(5);
    await expect(fs.access(path.join(`${stagedDb}.clones`, 'acme', 'mono.git'))).rejects.toThrow();
  });

  it('reads the Smithery key from the secret store when SMITHERY_API_KEY is unset', async () => {
    const env = { PATH: process.env.PATH, KEYWARD_STORE: 'file', KEYWARD_HOME: path.join(f.dir, 'home'), KEYWARD_STORE_KEY: '11'.repeat(32) };
    await openFileStore({ env }).set('SMITHERY_API_KEY', SMITHERY_KEY);
    const storeDb = path.join(f.dir, 'store.db');
    const args = ['study', 'list', '--db', storeDb, '--source', 'smithery', '--smithery-url', `${f.baseUrl}/smithery`, '--smithery-details', '--page-size', '4'];
    const res = await run(args, { env, cwd: f.dir });
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('listed 5 servers → 5 unique GitHub repositories');
    const noKey = await run(['study', 'list', '--db', path.join(f.dir, 'nokey.db'), '--source', 'smithery', '--smithery-url', `${f.baseUrl}/smithery`], {
      env: { PATH: process.env.PATH, KEYWARD_STORE: 'file', KEYWARD_HOME: path.join(f.dir, 'empty-home'), KEYWARD_STORE_KEY: '22'.repeat(32) },
      cwd: f.dir,
    });
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr).toContain('smithery: no API key');
  });

  it('splits into shards that merge back to the same numbers', async () => {
    const env = { ...studyEnv(), KEYWARD_STUDY_SALT: 'ab'.repeat(32) };
    const shards = ['0/2', '1/2'].map((s, i) => ({ s, db: path.join(f.dir, `shard${i}.db`) }));
    for (const { s, db: shardDb } of shards) {
      const res = await run(studyArgs(f, shardDb, ['--shard', s]), { env, cwd: f.dir, isTTY: true });
      expect(res.exitCode).toBe(0);
      // The progress line is drawn on a TTY.
      expect(res.stderr).toMatch(/scanned \d+\/\d+ .*ETA/);
    }
    const merged = await run(['study', 'merge', ...shards.map((x) => x.db), '--out', 'merged.db'], { env, cwd: f.dir });
    expect(merged.exitCode).toBe(0);
    expect(merged.stderr).toBe('');
    const rep = await run(['study', 'report', '--db', 'merged.db', '--out', 'merged'], { env, cwd: f.dir });
    expect(rep.exitCode).toBe(0);
    const mergedReport = JSON.parse(await fs.readFile(path.join(f.dir, 'merged', 'report.json'), 'utf8')) as StudyReport;
    // The run log differs by design (one run vs two shard runs, each with its own timings); the results may not.
    const strip = (r: StudyReport) => ({ ...r, generatedAt: '', run: undefined });
    expect(strip(mergedReport)).toEqual(strip(report));
    expect(mergedReport.run.runs.map((r) => r.shard)).toEqual(expect.arrayContaining(['0/2', '1/2']));
  });
});
