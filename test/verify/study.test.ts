// `study --verify` over the study fixture (loopback registries and git remotes) with the HTTPS fake as
// every provider: counts per repository only, and the report's share of leaking repositories with a live
// credential. Without the flag nothing is contacted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { StudyReport } from '../../src/study/report/model.js';
import { createFixture, SECRETS, studyArgs, studyEnv, type Fixture } from '../study/fixtures.js';
import { FakeProvider, makeCerts, type Certs } from './fake-https.js';

let f: Fixture;
let certs: Certs;
let fake: FakeProvider;
beforeAll(async () => {
  f = await createFixture();
  certs = makeCerts(['api.github.com', 'api.anthropic.com']);
  fake = await new FakeProvider(certs).start();
  fake.reset((req) => (String(req.headers.authorization ?? '').includes(SECRETS.headPat) ? { status: 200, body: { login: 'fixture-user' }, headers: { 'x-oauth-scopes': 'repo' } } : { status: 401, body: { message: 'Bad credentials' } }));
});
afterAll(async () => {
  await fake.stop();
  certs.cleanup();
  await f?.close();
});

const env = () => ({ ...studyEnv(), KEYWARD_VERIFY_TEST_ADDRESS: `127.0.0.1:${fake.port}`, KEYWARD_VERIFY_TEST_CA: certs.caFile });

describe('keyward study --verify', () => {
  it('is off by default: no provider is contacted and the report has no verification', async () => {
    const db = path.join(f.dir, 'plain.db');
    const r = await run(studyArgs(f, db, ['--out', 'plain-out']), { env: env(), cwd: f.dir });
    expect(r.exitCode).toBe(0);
    expect(fake.seen).toHaveLength(0);
    const report = JSON.parse(await fs.readFile(path.join(f.dir, 'plain-out', 'report.json'), 'utf8')) as StudyReport;
    expect(report.verification).toBeUndefined();
  });

  it('stores live/invalid counts per repository and reports the share with a live credential', async () => {
    const db = path.join(f.dir, 'verified.db');
    const r = await run(studyArgs(f, db, ['--verify', '--out', 'verified-out']), { env: env(), cwd: f.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('study --verify: credentials found will be checked');
    const rows = new Database(db, { readonly: true }).prepare("SELECT repo, verified_live, verified_invalid FROM repos WHERE status = 'scanned' ORDER BY repo").all() as { repo: string; verified_live: number; verified_invalid: number }[];
    const byRepo = Object.fromEntries(rows.map((x) => [x.repo, [x.verified_live, x.verified_invalid]]));
    expect(byRepo['acme/head-leak']).toEqual([1, 0]);
    expect(byRepo['acme/leaky-server']).toEqual([0, 1]);
    expect(byRepo['acme/mono']).toEqual([0, 1]);
    expect(byRepo['acme/clean']).toEqual([0, 0]);
    const report = JSON.parse(await fs.readFile(path.join(f.dir, 'verified-out', 'report.json'), 'utf8')) as StudyReport;
    expect(report.verification).toMatchObject({ live: 1, invalid: 2, withLive: { leaking: 1, total: 3 } });
    const md = await fs.readFile(path.join(f.dir, 'verified-out', 'report.md'), 'utf8');
    expect(md).toContain('## Live credentials (study --verify)');
    expect(md).toContain('1 of 3 leaking repositories');
    // Counts only: nothing in the database or the outputs holds a secret or an account name.
    const dump = (await fs.readFile(db)).toString('latin1') + md + r.stdout + r.stderr;
    for (const s of [SECRETS.headPat, SECRETS.historyPat, SECRETS.anthropic, 'fixture-user']) expect(dump).not.toContain(s);
  });
});
