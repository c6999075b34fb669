// The study's blob-filtered clone (--filter=blob:limit) must find exactly what a full clone finds: a
// secret deleted in history, one in a blob of exactly the size cap, and none in a blob over the cap, which
// the filtered clone never downloads (and never fetches later: no lazy fetch from the promisor remote).
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { cloneHoldsBlobsUpTo, cloneRepo, type CloneOptions } from '../../src/study/clone.js';
import { scanRepo } from '../../src/study/scan-repo.js';
import { makeRepo } from './fixtures.js';

const CAP = 4096;
const deleted = fakeToken('ghp_', 36, 801);
const atCap = fakeToken('ghp_', 36, 802);
const overCap = fakeToken('ghp_', 36, 803);

/** A text file of exactly `size` bytes holding `line`. */
function sized(line: string, size: number): string {
  const filler = 'lorem ipsum dolor sit amet\n';
  const body = filler.repeat(Math.ceil(size / filler.length));
  return (line + body).slice(0, size - 1) + '\n';
}

describe('blob-filtered clone vs full clone', () => {
  let tmp: string;
  let base: Omit<CloneOptions, 'workDir'>;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'keyward-filter-'));
    makeRepo(tmp, 'x/assets', [
      {
        'README.md': '# assets\n',
        '.env': `GITHUB_TOKEN=${deleted}\n`,
        'docs/at-cap.txt': sized(`token = "${atCap}"\n`, CAP),
        'data/big.txt': sized(`token = "${overCap}"\n`, CAP * 50),
      },
      { '.env': null, 'src/index.ts': 'export const x = 1;\n' },
    ]);
    // git's local transports honour a filter only when the served repository allows it (GitHub does).
    execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: path.join(tmp, 'remote', 'x/assets.git') });
    base = { urlTemplate: `file://${tmp}/remote/{repo}.git`, maxBytes: 1e9, timeoutMs: 30_000, retries: 0, retryBaseMs: 1 };
  });
  afterAll(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('finds the same secrets, skips the same blobs and downloads less', async () => {
    const full = await cloneRepo('x/assets', { ...base, workDir: path.join(tmp, 'full') });
    const filtered = await cloneRepo('x/assets', { ...base, workDir: path.join(tmp, 'filtered'), maxBlobBytes: CAP });
    if (!full.ok || !filtered.ok) throw new Error('clone failed');
    expect(filtered.head).toBe(full.head);
    expect(filtered.sizeBytes).toBeLessThan(full.sizeBytes);

    const bigBlob = execFileSync('git', ['rev-parse', 'HEAD:data/big.txt'], { cwd: full.dir, encoding: 'utf8' }).trim();
    const has = (dir: string, id: string) => {
      try {
        execFileSync('git', ['cat-file', '-e', id], { cwd: dir, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    expect(has(full.dir, bigBlob)).toBe(true);
    expect(has(filtered.dir, bigBlob)).toBe(false);

    const scan = (dir: string) => scanRepo(dir, { ruleSet: builtinRuleSet(), salt: 'filter-salt', maxBlobBytes: CAP });
    const a = await scan(full.dir);
    const b = await scan(filtered.dir);
    if (!('findings' in a) || !('findings' in b)) throw new Error('scan failed');
    expect(b).toEqual(a);
    expect(a.findings.map((f) => [f.path, f.inHead])).toEqual([
      ['.env', false],
      ['docs/at-cap.txt', true],
    ]);
    expect(a.skippedBlobs).toBe(1); // data/big.txt: too large in the full clone, absent from the filtered one
    // Reading the history did not pull the big blob in from the origin.
    expect(has(filtered.dir, bigBlob)).toBe(false);

    // A kept clone made under a smaller cap cannot serve a scan with a larger one; a full clone can.
    expect(await cloneHoldsBlobsUpTo(filtered.dir, CAP)).toBe(true);
    expect(await cloneHoldsBlobsUpTo(filtered.dir, CAP * 2)).toBe(false);
    expect(await cloneHoldsBlobsUpTo(full.dir, CAP * 100)).toBe(true);
  });

  it('falls back to a full clone when the server does not support filters', async () => {
    execFileSync('git', ['config', 'uploadpack.allowFilter', 'false'], { cwd: path.join(tmp, 'remote', 'x/assets.git') });
    try {
      const c = await cloneRepo('x/assets', { ...base, workDir: path.join(tmp, 'nofilter'), maxBlobBytes: CAP });
      if (!c.ok) throw new Error(c.detail);
      const res = await scanRepo(c.dir, { ruleSet: builtinRuleSet(), salt: 'filter-salt', maxBlobBytes: CAP });
      expect('findings' in res && res.findings.length).toBe(2);
    } finally {
      execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: path.join(tmp, 'remote', 'x/assets.git') });
    }
  });
});

describe('git() with a watch', () => {
  it('stops polling when the command ends while a check is running', async () => {
    const { git } = await import('../../src/study/git.js');
    let checks = 0;
    // The first check outlives the command; before the fix it re-armed the poll for ever after.
    await git(['version'], {
      watch: {
        intervalMs: 1,
        check: async () => {
          checks++;
          await new Promise((r) => setTimeout(r, 150));
          return undefined;
        },
      },
    });
    await new Promise((r) => setTimeout(r, 400));
    const after = checks;
    await new Promise((r) => setTimeout(r, 200));
    expect(checks).toBe(after);
    expect(after).toBeLessThanOrEqual(2);
  });
});
