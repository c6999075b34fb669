// The folder walker on its own: .gitignore semantics (nested, negated, from above the scanned subfolder,
// .git/info/exclude), forced excludes, sorted output and skip accounting.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/rules/fake.js';
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

/**
 * The walk as it was before the walker learnt to skip rules that cannot match a name: every entry is put
 * to every .gitignore from the deepest up, until one has an opinion; forced excludes first.
 */
function walkAskingEveryRule(root: string, excludes: string[] = []): string[] {
  const forced = ignore().add(excludes);
  const out: string[] = [];
  const visit = (rel: string, layers: { base: string; ig: ReturnType<typeof ignore> }[]) => {
    const abs = rel ? join(root, rel) : root;
    const entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => e.name === '.gitignore')) layers = [...layers, { base: rel, ig: ignore().add(readFileSync(join(abs, '.gitignore'), 'utf8')) }];
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      const asked = e.isDirectory() ? `${path}/` : path;
      if (e.name === '.git' || forced.ignores(asked)) continue;
      let ignored = false;
      for (const { base, ig } of [...layers].reverse()) {
        const verdict = ig.test(base ? asked.slice(base.length + 1) : asked);
        if (verdict.ignored || verdict.unignored) {
          ignored = verdict.ignored;
          break;
        }
      }
      if (ignored) continue;
      if (e.isDirectory()) visit(path, layers);
      else out.push(path);
    }
  };
  visit('', []);
  return out;
}

describe('walkFiles skipping rules that cannot match a name', () => {
  const PATTERNS = ['*.log', '!keep.log', 'build', '/dist/', 'gen/*', '!gen/keep.ts', 'a/**/b.ts', '**/tmp', 'src/cache/', '*.py[cod]', '!src', 'x?.ts', 'docs/*.md', '!docs/', 'lib', '!lib/', '.env*', '!.env.example', '[bc]*.ts'];
  const NAMES = ['a', 'b.ts', 'build', 'dist', 'gen', 'keep.ts', 'keep.log', 'x.log', 'tmp', 'src', 'cache', 'm.pyc', 'xy.ts', 'docs', 'r.md', 'lib', '.env', '.env.example', 'c.ts'];

  it('walks generated trees exactly as asking every rule about every entry does', async () => {
    const rand = seededRandom(99);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    for (let tree = 0; tree < 40; tree++) {
      const root = join(dir, `t${tree}`);
      const files: Record<string, string> = {};
      const rules = () => Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(PATTERNS)).join('\n');
      files['.gitignore'] = rules();
      for (let f = 0; f < 30; f++) {
        const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(NAMES));
        // A name is a file or a folder in one tree, never both.
        if (parts.some((_, k) => files[parts.slice(0, k + 1).join('/')] !== undefined && k < parts.length - 1)) continue;
        if (Object.keys(files).some((p) => p.startsWith(`${parts.join('/')}/`))) continue;
        files[parts.join('/')] = 'x';
        if (parts.length > 1 && rand() < 0.3) files[`${parts.slice(0, -1).join('/')}/.gitignore`] = rules();
      }
      await writeTree(root, files);
      const excludes = rand() < 0.3 ? [pick(PATTERNS)] : [];
      expect((await walk(root, { excludes })).paths, `${tree}: ${JSON.stringify(files)} excludes ${excludes}`).toEqual(walkAskingEveryRule(root, excludes));
    }
  });

  it('still asks a rule that ignores a folder another .gitignore un-ignores about what is in it', async () => {
    await writeTree(dir, { '.gitignore': 'dir\n', 'a/.gitignore': '!dir/\n', 'a/dir/x.js': 'x', 'b/y.js': 'x' });
    expect((await walk(dir)).paths).toEqual(walkAskingEveryRule(dir));
  });

  it('lets a nested negation bring back a name an outer .gitignore ignores', async () => {
    await writeTree(dir, { '.gitignore': '*.log\n', 'sub/.gitignore': '!keep.log\n', 'sub/keep.log': 'x', 'sub/x.log': 'x' });
    expect((await walk(dir)).paths).toEqual(['.gitignore', 'sub/.gitignore', 'sub/keep.log']);
  });

  it('reads a pattern under folders from a .gitignore above the scanned subfolder', async () => {
    await writeTree(dir, { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': '/app/src/tmp/*\n!/app/src/tmp/keep.txt\n', 'app/src/tmp/keep.txt': 'x', 'app/src/tmp/x.txt': 'x', 'app/src/main.ts': 'x' });
    expect((await walk(join(dir, 'app', 'src'))).paths).toEqual(['main.ts', 'tmp/keep.txt']);
  });
});

describe('walkFiles on an ignored folder named explicitly', () => {
  it('scans it (as ripgrep does) instead of skipping everything', async () => {
    await writeTree(dir, { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'vendor/\n', 'vendor/lib/a.js': 'x' });
    expect((await walk(join(dir, 'vendor'))).paths).toEqual(['lib/a.js']);
  });
});
