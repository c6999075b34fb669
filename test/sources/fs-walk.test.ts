// The folder walker on its own: .gitignore semantics (nested, negated, from above the scanned subfolder,
// .git/info/exclude), forced excludes, sorted output and skip accounting.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/sources/fs-walk.js';
import type { SkipKind } from '../../src/sources/types.js';
import { tempDir, writeTree } from '../scan/helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-walk-')));
afterEach(async () => cleanup());

async function walk(root: string, opts: Partial<Parameters<typeof walkFiles>[1]> = {}) {
  const skipped: [SkipKind, string][] = [];
  const paths: string[] = [];
  for await (const f of walkFiles(root, { maxFileSize: 1 << 20, ...opts }, { skip: (k, p) => void skipped.push([k, p]) })) paths.push(f.path);
  return { paths, skipped };
}

describe('walkFiles', () => {
  it('applies .gitignore files above a scanned subfolder and .git/info/exclude', async () => {
    await writeTree(dir, {
      '.gitignore': 'generated/\n',
      '.git/info/exclude': 'local-*.txt\n',
      'app/.gitignore': '*.tmp\n',
      'app/src/main.ts': 'x',
      'app/src/generated/out.ts': 'x',
      'app/src/local-notes.txt': 'x',
      'app/src/scratch.tmp': 'x',
    });
    expect((await walk(join(dir, 'app', 'src'))).paths).toEqual(['main.ts']);
    expect((await walk(join(dir, 'app', 'src'), { gitignore: false })).paths).toEqual(['generated/out.ts', 'local-notes.txt', 'main.ts', 'scratch.tmp']);
  });

  it('lets forced excludes win over a .gitignore negation', async () => {
    await writeTree(dir, { '.gitignore': '!fixtures/keep.env\n', 'fixtures/keep.env': 'x', 'b.ts': 'x' });
    const r = await walk(dir, { excludes: ['fixtures/'] });
    expect(r.paths).toEqual(['.gitignore', 'b.ts']);
    expect(r.skipped).toContainEqual(['ignored', 'fixtures']);
  });

  it('yields in sorted order and skips binary extensions without reading them', async () => {
    await mkdir(join(dir, 'z'));
    await writeFile(join(dir, 'z', 'b.txt'), 'x');
    await writeFile(join(dir, 'a.txt'), 'x');
    await writeFile(join(dir, 'logo.PNG'), 'not really a png');
    const r = await walk(dir);
    expect(r.paths).toEqual(['a.txt', 'z/b.txt']);
    expect(r.skipped).toEqual([['binary', 'logo.PNG']]);
  });
});

describe('walkFiles on an ignored folder named explicitly', () => {
  it('scans it (as ripgrep does) instead of skipping everything', async () => {
    await writeTree(dir, { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'vendor/\n', 'vendor/lib/a.js': 'x' });
    expect((await walk(join(dir, 'vendor'))).paths).toEqual(['lib/a.js']);
  });
});
