// Sharding through the real CLI: the same study run once whole and once as 4 concurrent `--shard i/4`
// processes of dist/cli/bin.js, then `study merge`. The merged database and report must equal the single
// run's exactly (repositories, findings, skip reasons, every report number); only timings and the run log
// may differ.
import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { openStudyDb } from '../../src/study/db.js';
import { createFixture, listArgs, makeRepo, repoArgs, studyEnv, type Fixture } from './fixtures.js';

const BIN = process.env.KEYWARD_BIN ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/bin.js');
const exec = promisify(execFile);
/** Both studies share a salt, so their secret hashes compare (the documented way to shard). */
const SALT = 'shard-test-salt';

async function keyward(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd, env: { ...studyEnv(), KEYWARD_STUDY_SALT: SALT } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Columns that measure the run (wall clock, when) rather than the study's result. */
const TIMING = new Set(['clone_ms', 'scan_ms', 'updated_at']);

/** Every result table of a study database as sorted rows, without timings and without the run log. */
function dump(file: string): Record<string, string[]> {
  const db = openStudyDb(file, { readonly: true });
  try {
    const out: Record<string, string[]> = {};
    for (const table of ['servers', 'repos', 'findings', 'server_findings', 'list_state']) {
      const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      out[table] = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !TIMING.has(k)))).sort();
    }
    out.meta = (db.prepare("SELECT key, value FROM meta WHERE key NOT IN ('created_at')").all() as { key: string; value: string }[])
      .map((r) => `${r.key}=${r.value}`)
      .sort();
    return out;
  } finally {
    db.close();
  }
}

async function reportJson(dir: string): Promise<Record<string, unknown>> {
  const report = JSON.parse(await fs.readFile(path.join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
  delete report.generatedAt;
  delete report.run; // how long each process took: differs by nature
  return report;
}

describe.skipIf(!existsSync(BIN))('study sharded 4 ways through the built bin equals one run', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await createFixture();
    // Six more repositories beside the fixture's seven (13 in all, so every shard gets a few): leaky at
    // HEAD, leaky in history only, clean, and one with no commit at all (skipped as empty).
    const servers: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const repo = `extra/repo-${i}`;
      servers.push({ name: `io.github.extra/repo-${i}`, repository: { url: `https://github.com/${repo}` }, packages: [{ registryType: 'npm', identifier: `x${i}` }] });
      if (i === 5) {
        execFileSync('git', ['init', '-q', '--bare', path.join(f.dir, 'remote', `${repo}.git`)]);
        continue;
      }
      const token = fakeToken('ghp_', 36, 700 + i);
      makeRepo(f.dir, repo, [
        { 'README.md': `# extra ${i}\n`, ...(i % 2 === 0 ? { '.env': `GITHUB_TOKEN=${token}\n` } : {}) },
        i === 2 ? { '.env': null } : { 'src/index.ts': `export const n = ${i};\n` },
      ]);
    }
    await fs.writeFile(path.join(f.dir, 'extra.json'), JSON.stringify(servers));
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  it('merging the shards gives the single run’s repositories, findings, skips and report', async () => {
    const list = (db: string) => [...listArgs(f, db), '--from-file', 'extra.json'];
    const single = await keyward(['study', 'run', ...list('single.db'), ...repoArgs(f, 'single.db').slice(2), '--concurrency', '2', '--out', 'single'], f.dir);
    expect(single.stderr).not.toMatch(/unexpected error/);
    expect(single.code).toBe(0);
    expect(single.stdout).toContain('13 unique GitHub repositories');

    // List once, copy the listed database to every shard (docs/study.md, Sharding), run them at once.
    expect((await keyward(['study', 'list', ...list('listed.db')], f.dir)).code).toBe(0);
    const shards = [0, 1, 2, 3].map((i) => `shard-${i}.db`);
    for (const s of shards) await fs.copyFile(path.join(f.dir, 'listed.db'), path.join(f.dir, s));
    const runs = await Promise.all(
      shards.map((db, i) => keyward(['study', 'run', ...list(db), ...repoArgs(f, db).slice(2), '--shard', `${i}/4`, '--concurrency', '1'], f.dir)),
    );
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/unexpected error/);
      expect(r.code).toBe(0);
    }
    // Each shard took its own slice, and together they took every repository once.
    const taken = runs.map((r) => Number(/processed (\d+) repositor/.exec(r.stdout)?.[1]));
    expect(taken.reduce((a, b) => a + b, 0)).toBe(13);
    expect(taken.filter((n) => n > 0).length).toBeGreaterThan(1);

    const merge = await keyward(['study', 'merge', ...shards, '--out', 'merged.db'], f.dir);
    expect(merge.code).toBe(0);
    expect(merge.stderr).toBe('');
    expect((await keyward(['study', 'report', '--db', 'merged.db', '--out', 'merged'], f.dir)).code).toBe(0);

    const a = dump(path.join(f.dir, 'single.db'));
    const b = dump(path.join(f.dir, 'merged.db'));
    expect(a.repos.length).toBe(13);
    expect(a.findings.length).toBeGreaterThan(5);
    expect(a.repos.filter((r) => r.includes('"skipped"')).length).toBe(3); // archived, unreachable, empty
    expect(b).toEqual(a);
    expect(await reportJson(path.join(f.dir, 'merged'))).toEqual(await reportJson(path.join(f.dir, 'single')));
  }, 90_000);
});
