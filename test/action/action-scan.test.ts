// The GitHub Action's scan step (scripts/action-scan.mjs, what action.yml runs) on repositories built here,
// with the variables and event files GitHub would give it: push, first push of a branch, force-push (old tip
// still known, and gone), pull request. The SARIF it writes validates against the 2.1.0 schema; the job summary
// counts by rule and shows masked values only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sarifValidator } from '../helpers/sarif.js';
import { commitAll, ghToken, gitIn, initRepo, tempDir, writeTree } from '../scan/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'action-scan.mjs');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const ZEROS = '0'.repeat(40);

const old = ghToken(51);
const fresh = ghToken(52);
const onFeature = ghToken(53);
const second = ghToken(54);

let dir: string;
let repo: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('keyward-action-'));
  repo = join(dir, 'repo');
  mkdirSync(repo);
});
afterEach(async () => cleanup());

async function build(): Promise<Record<string, string>> {
  initRepo(repo);
  await writeTree(repo, { 'a.env': `T=${old}\n` });
  const c1 = commitAll(repo, 'c1', '2026-03-01T10:00:00Z');
  await writeTree(repo, { 'b.txt': 'clean\n' });
  const c2 = commitAll(repo, 'c2', '2026-03-02T10:00:00Z');
  gitIn(repo, ['checkout', '-q', '-b', 'feature']);
  await writeTree(repo, { 'f.env': `T=${onFeature}\n`, 'g.env': `T2=${second}\n` });
  const f1 = commitAll(repo, 'f1', '2026-03-03T10:00:00Z');
  gitIn(repo, ['checkout', '-q', 'main']);
  await writeTree(repo, { 'c.env': `T=${fresh}\n` });
  const c3 = commitAll(repo, 'c3', '2026-03-04T10:00:00Z');
  return { c1, c2, c3, f1 };
}

interface ActionRun {
  status: number | null;
  log: string;
  summary: string;
  outputs: Record<string, string>;
  report: () => { runs: { results: { ruleId: string; properties?: { commit?: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  paths: () => string[];
}

function action(eventName: string, event: object, sha: string, inputs: Record<string, string> = {}): ActionRun {
  const eventFile = join(dir, 'event.json');
  const summaryFile = join(dir, 'summary.md');
  const outputFile = join(dir, 'output.txt');
  writeFileSync(eventFile, JSON.stringify(event));
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v]));
  const r = spawnSync(process.execPath, [SCRIPT], {
    cwd: repo,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GITHUB_WORKSPACE: repo,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_SHA: sha,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      KEYWARD_BIN: BIN,
      ...inputEnv,
    },
  });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  const report = () => JSON.parse(readFileSync(outputs.report, 'utf8'));
  return {
    status: r.status,
    log: r.stdout + r.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs,
    report,
    paths: () => report().runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri).sort(),
  };
}

describe('action-scan.mjs (the Action\'s scan step)', () => {
  it('push: scans before..sha, writes valid SARIF, a summary by rule with masked values, and fails the step', async () => {
    if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test builds first)');
    const c = await build();
    const r = action('push', { before: c.c2, after: c.c3, ref: 'refs/heads/main' }, c.c3);
    expect(r.status, r.log).toBe(1);
    expect(r.paths()).toEqual(['c.env']);
    const validate = sarifValidator();
    expect(validate(r.report()), JSON.stringify(validate.errors)).toBe(true);
    expect(r.report().runs[0].results[0].properties?.commit).toBe(c.c3);
    expect(r.outputs.findings).toBe('1');
    expect(r.summary).toContain('## keyward: 1 secret found');
    expect(r.summary).toContain(`Scanned the pushed commits ${c.c2.slice(0, 7)}..${c.c3.slice(0, 7)}.`);
    expect(r.summary).toMatch(/\| `github-pat` \| 1 \|/);
    expect(r.summary).toContain('`c.env:1`');
    expect(r.summary).not.toContain('introduced in commit');
    for (const s of [r.summary, r.log, readFileSync(r.outputs.report, 'utf8')]) for (const t of [old, fresh, onFeature, second]) expect(s).not.toContain(t);
  });

  it('first push of a branch (before all zeros): the commits no other branch holds', async () => {
    const c = await build();
    gitIn(repo, ['checkout', '-q', 'feature']);
    const r = action('push', { before: ZEROS, after: c.f1, ref: 'refs/heads/feature', created: true }, c.f1);
    expect(r.status, r.log).toBe(1);
    expect(r.paths()).toEqual(['f.env', 'g.env']);
    expect(r.summary).toContain('## keyward: 2 secrets found');
    expect(r.summary).toContain('new branch');
    expect(r.summary).toMatch(/\| `github-pat` \| 2 \|/);
  });

  it('force-push: the new tip\'s commits the old one lacked; an old tip that is gone falls back to the new-branch rule', async () => {
    const c = await build();
    // main is rewritten: c3 replaced by c3' (same secret, another clean file), the old c3 stays as a dangling commit.
    gitIn(repo, ['reset', '-q', '--hard', c.c2]);
    await writeTree(repo, { 'd.txt': 'clean too\n', 'c.env': `T=${fresh}\n` });
    const rewritten = commitAll(repo, 'c3 again', '2026-03-05T10:00:00Z');
    const known = action('push', { before: c.c3, after: rewritten, forced: true }, rewritten);
    expect(known.status, known.log).toBe(1);
    expect(known.paths()).toEqual(['c.env']);
    expect(known.summary).toContain('a force-push');

    const gone = action('push', { before: 'ab'.repeat(20), after: rewritten, forced: true }, rewritten);
    expect(gone.status, gone.log).toBe(1);
    expect(gone.summary).toContain('is gone');
    // Only feature is another branch: c1 and c2 are on it, so only the rewritten commit is scanned.
    expect(gone.paths()).toEqual(['c.env']);
  });

  it('pull request: base..head; a clean range passes with a summary saying so', async () => {
    const c = await build();
    const pr = action('pull_request', { pull_request: { base: { sha: c.c2 }, head: { sha: c.f1 } } }, c.c3);
    expect(pr.status, pr.log).toBe(1);
    expect(pr.paths()).toEqual(['f.env', 'g.env']);
    expect(pr.summary).toContain(`the pull request's commits ${c.c2.slice(0, 7)}..${c.f1.slice(0, 7)}`);

    await writeTree(repo, { 'e.txt': 'nothing here\n' });
    const clean = commitAll(repo, 'clean', '2026-03-06T10:00:00Z');
    const ok = action('pull_request', { pull_request: { base: { sha: c.c3 }, head: { sha: clean } } }, clean);
    expect(ok.status, ok.log).toBe(0);
    expect(ok.summary).toContain('## keyward: no secrets found');
    expect(sarifValidator()(ok.report())).toBe(true);
  });

  it('a depth-1 checkout (actions/checkout default) is deepened from origin before the range is scanned', async () => {
    const c = await build();
    const origin = repo;
    repo = join(dir, 'shallow');
    gitIn(dir, ['clone', '-q', '--depth', '1', '--branch', 'main', `file://${origin}`, repo]);
    expect(gitIn(repo, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
    const r = action('push', { before: c.c2, after: c.c3 }, c.c3);
    expect(r.status, r.log).toBe(1);
    expect(r.paths()).toEqual(['c.env']);
    expect(gitIn(repo, ['rev-parse', '--is-shallow-repository']).trim()).toBe('false');
  });

  it('inputs: fail-on never, format json, history all/none, and bad values are exit 2', async () => {
    const c = await build();
    const never = action('push', { before: c.c2, after: c.c3 }, c.c3, { 'fail-on': 'never', format: 'json' });
    expect(never.status, never.log).toBe(0);
    expect(never.outputs.report.endsWith('keyward.json')).toBe(true);
    expect(never.summary).toMatch(/\| `github-pat` \| 1 \|/);
    const all = action('workflow_dispatch', {}, c.c3, { history: 'all' });
    expect(all.paths()).toEqual(['a.env', 'c.env', 'f.env', 'g.env']);
    const files = action('push', { before: c.c2, after: c.c3 }, c.c3, { history: 'none' });
    expect(files.summary).toContain('the checked-out files');
    expect(files.paths()).toEqual(['a.env', 'c.env']);
    expect(action('push', {}, c.c3, { format: 'text' }).status).toBe(2);
    expect(action('push', {}, c.c3, { history: 'some' }).status).toBe(2);
  });
});

describe('action.yml', () => {
  it('is a composite action whose steps pass every input the script reads', () => {
    const doc = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(doc.runs.using).toBe('composite');
    const inputs = Object.keys(doc.inputs).sort();
    expect(inputs).toEqual(['baseline', 'fail-on', 'format', 'history', 'output', 'path', 'upload-sarif', 'verify']);
    const scanStep = doc.runs.steps.find((s: { id?: string }) => s.id === 'scan');
    const read = [...readFileSync(SCRIPT, 'utf8').matchAll(/input\('([a-z-]+)'/g)].map((m) => m[1]);
    for (const name of new Set(read)) {
      expect(scanStep.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
    const upload = doc.runs.steps.find((s: { uses?: string }) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload.with.sarif_file).toBe('${{ steps.scan.outputs.report }}');
  });

  it('the README and docs/ci.md workflow examples use only inputs action.yml declares', () => {
    const declared = new Set(Object.keys(parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')).inputs));
    for (const file of ['README.md', 'docs/ci.md']) {
      const blocks = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes('/keyward@'));
      expect(blocks.length, file).toBeGreaterThan(0);
      for (const block of blocks) {
        const steps = parse(block) as unknown;
        const found = JSON.stringify(steps).match(/"uses":"<owner>\/keyward@[^"]+","with":(\{[^}]*\})/);
        expect(found, `${file}: a keyward step with inputs`).not.toBeNull();
        for (const key of Object.keys(JSON.parse(found![1]))) expect(declared.has(key), `${file}: input ${key}`).toBe(true);
      }
    }
  });
});
