// The report's Run section: each clone/scan run logs its wall time, repositories, peak RSS and peak clone
// disk in the database (merged across shards), and the HTML and Markdown reports show them.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openStudyDb } from '../../src/study/db.js';
import { mergeStudies } from '../../src/study/merge.js';
import { renderHtml } from '../../src/study/report/html.js';
import { renderMarkdown } from '../../src/study/report/markdown.js';
import { buildReport } from '../../src/study/report/model.js';
import { createFixture, studyArgs, studyEnv, type Fixture } from './fixtures.js';

const report = (file: string) => {
  const db = openStudyDb(file, { readonly: true });
  try {
    return buildReport(db, { baseline: 0.046, rules: new Map(), now: new Date('2026-01-01T00:00:00Z') });
  } finally {
    db.close();
  }
};

function insertRun(file: string, values: { started: string; shard: string; wallMs: number; scanned: number; skipped: number; rss: number; disk: number | null }): void {
  const db = openStudyDb(file, { salt: 'run-salt' });
  db.prepare(
    `INSERT INTO runs (started_at, mode, shard, concurrency, wall_ms, taken, cloned, scanned, skipped, findings, peak_rss_bytes, peak_clone_bytes, interrupted)
     VALUES (?, 'both', ?, 4, ?, ?, ?, ?, ?, 3, ?, ?, 0)`,
  ).run(values.started, values.shard, values.wallMs, values.scanned + values.skipped, values.scanned, values.scanned, values.skipped, values.rss, values.disk);
  db.close();
}

describe('the Run section', () => {
  let f: Fixture;
  let tmp: string;
  beforeAll(async () => {
    f = await createFixture();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'keyward-runs-'));
  });
  afterAll(async () => {
    await f?.close();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('a study run logs its run and its report shows it', async () => {
    const db = path.join(f.dir, 'run.db');
    const res = await run(studyArgs(f, db, ['--out', 'out', '--concurrency', '2']), { env: studyEnv(), cwd: f.dir });
    expect(res.exitCode).toBe(0);
    const r = report(db);
    expect(r.run?.runs).toHaveLength(1);
    const facts = r.run!.runs[0];
    expect(facts).toMatchObject({ mode: 'both', shard: '', concurrency: 2, repos: 7, scanned: 5, skipped: 2, interrupted: false });
    expect(facts.wallMs).toBeGreaterThan(0);
    expect(facts.peakRssBytes).toBeGreaterThan(20 * 1024 * 1024);
    // At least the largest fixture clone was on disk at some point, and never more than all of them.
    expect(facts.peakDiskBytes).toBeGreaterThan(10_000);
    const html = await fs.readFile(path.join(f.dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<h2>Run</h2>');
    expect(html).toContain('repositories per minute');
    expect(await fs.readFile(path.join(f.dir, 'out', 'report.md'), 'utf8')).toContain('## Run');
    // A run with nothing left to do is not logged.
    expect((await run(studyArgs(f, db), { env: studyEnv(), cwd: f.dir })).exitCode).toBe(0);
    expect(report(db).run?.runs).toHaveLength(1);
  });

  it('merges the shards’ runs and renders their figures', async () => {
    const a = path.join(tmp, 'a.db');
    const b = path.join(tmp, 'b.db');
    insertRun(a, { started: '2026-01-01T10:00:00.000Z', shard: '0/2', wallMs: 120_000, scanned: 90, skipped: 10, rss: 150 * 1024 * 1024, disk: 300 * 1024 * 1024 });
    insertRun(b, { started: '2026-01-01T10:00:30.000Z', shard: '1/2', wallMs: 60_000, scanned: 45, skipped: 5, rss: 200 * 1024 * 1024, disk: null });
    const merged = path.join(tmp, 'merged.db');
    mergeStudies(merged, [a, b]);
    mergeStudies(merged, [a]); // merging a shard twice does not log its run twice
    const r = report(merged);
    expect(r.run?.total).toEqual({
      wallMs: 180_000,
      spanMs: 120_000,
      repos: 150,
      scanned: 135,
      skipped: 15,
      findings: 6,
      reposPerMinute: 50,
      peakRssBytes: 200 * 1024 * 1024,
      peakDiskBytes: 300 * 1024 * 1024,
    });
    const html = renderHtml(r);
    const section = html.slice(html.indexOf('<h2>Run</h2>'), html.indexOf('<h2>Notes</h2>'));
    expect(section).toContain('<div class="card"><b>50.0</b>repositories per minute</div>');
    expect(section).toContain('<div class="card"><b>3 min 00 s</b>wall time</div>');
    expect(section).toContain('<div class="card"><b>200 MiB</b>peak RSS</div>');
    expect(section).toContain('<div class="card"><b>300 MiB</b>peak disk for clones</div>');
    expect(section).toContain('150 repositories finished (135 scanned, 15 skipped) in 3 min 00 s over 2 runs (wall times added up; first start to last end 2 min 00 s)');
    expect(section).toContain('<tr><td>2026-01-01T10:00:00.000Z</td><td>clone + scan</td><td>0/2</td><td>4</td><td>2 min 00 s</td><td>100 (90 / 10)</td><td>50.0</td><td>150 MiB</td><td>300 MiB</td></tr>');
    expect(section).toContain('<td>1/2</td><td>4</td><td>1 min 00 s</td><td>50 (45 / 5)</td><td>50.0</td><td>200 MiB</td><td>n/a</td>');
    expect(renderMarkdown(r)).toContain('| 2026-01-01T10:00:30.000Z | clone + scan | 1/2 | 4 | 1 min 00 s | 50 (45 / 5) | 50.0 | 200 MiB | n/a |');
  });
});
