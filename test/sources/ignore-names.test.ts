// The walker's quick name test for .gitignore rules: it may say "maybe" too often, never "no" where `ignore`
// has an opinion on an entry whose folders it keeps; and on real templates it must actually say "no".
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/rules/fake.js';
import { nameFilter } from '../../src/sources/ignore-names.js';

const PIECES = ['a', 'b', 'lib', '.js', '.py', 'x y', 'A', '.', '-', '$', '~', '\t', '*', '*', '?', '[ab]', '[!a]', '[a-c]', '**'];
const NAMES = ['a', 'b', 'A', 'ab', 'ba', 'lib', 'a.js', 'b.py', 'a.pyc', '.env', 'x y', 'x yz', 'lib.js', '$a', 'a~', 'a\tb', 'c'];

function patternFrom(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const segment = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(PIECES)).join('');
  const segments = Array.from({ length: 1 + Math.floor(rand() * 3) }, segment);
  return `${rand() < 0.25 ? '!' : ''}${rand() < 0.25 ? '/' : ''}${segments.join('/')}${rand() < 0.3 ? '/' : ''}${rand() < 0.1 ? '  ' : ''}`;
}

/** Every path of one to three segments over NAMES, each with whether its folders are kept by `ig`. */
function* entriesKeptBy(ig: ReturnType<typeof ignore>, rand: () => number): Generator<{ path: string; name: string }> {
  for (let i = 0; i < 60; i++) {
    const depth = 1 + Math.floor(rand() * 3);
    const parts = Array.from({ length: depth }, () => NAMES[Math.floor(rand() * NAMES.length)]);
    // The walker never enters a folder the rules ignore, so entries below one are never asked about.
    if (parts.slice(0, -1).some((_, k) => ig.ignores(`${parts.slice(0, k + 1).join('/')}/`))) continue;
    yield { path: parts.join('/'), name: parts[parts.length - 1] };
  }
}

describe('nameFilter', () => {
  it('never rules out an entry that `ignore` ignores or un-ignores (generated patterns and paths)', () => {
    const rand = seededRandom(2024);
    let filtered = 0;
    let asked = 0;
    let ruledOut = 0;
    for (let set = 0; set < 1500; set++) {
      const patterns = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => patternFrom(rand));
      const text = patterns.join(rand() < 0.5 ? '\n' : '\r\n');
      const ig = ignore().add(text);
      const filter = nameFilter(rand() < 0.5 ? text : patterns);
      if (!filter) continue;
      filtered++;
      for (const { path, name } of entriesKeptBy(ig, rand)) {
        for (const asDir of [false, true]) {
          const verdict = ig.test(asDir ? `${path}/` : path);
          const maybe = filter(name, path);
          asked++;
          if (!maybe) ruledOut++;
          if (verdict.ignored || verdict.unignored) expect(maybe, `${JSON.stringify(patterns)} on ${JSON.stringify(path)}${asDir ? '/' : ''}`).toBe(true);
        }
      }
    }
    // The generator must reach the filter often, and the filter must narrow things down for the test to mean much.
    expect(filtered).toBeGreaterThan(500);
    expect(ruledOut / asked).toBeGreaterThan(0.3);
  });

  it('rules out ordinary source names against common templates, and keeps what they list', () => {
    const template = [
      '# Byte-compiled / optimized',
      '__pycache__/',
      '*.py[cod]',
      '*$py.class',
      '.env',
      '!.env.example',
      'node_modules',
      '/dist',
      '*.log',
      'npm-debug.log*',
      '.vscode/*',
      '!.vscode/settings.json',
      'src/server/generated-diagrams/*',
      'Network Trash Folder',
      'Icon\r\r', // macOS's: the CR before the LF goes, the other is the name's
      '.DS_Store',
      'build/**',
    ].join('\n');
    const filter = nameFilter(template)!;
    expect(filter).toBeDefined();
    for (const path of ['src/server.py', 'index.ts', 'README.md', 'src/server/main.py', 'dist.ts', 'docs/env.md', '.vscodeignore', 'Icon', 'src/build/x.js'])
      expect(filter(path.split('/').pop()!, path), path).toBe(false);
    for (const path of ['a/b.pyc', 'x/node_modules', 'dist', '.vscode/launch.json', '.vscode/settings.json', 'src/server/generated-diagrams/a.png', 'npm-debug.log.1', 'x/.DS_Store', 'Network Trash Folder', 'Icon\r', '.env.example', 'A.LOG', 'build/out/x.js'])
      expect(filter(path.split('/').pop()!, path), path).toBe(true);
  });

  it('gives no filter where every name could match or a pattern is not read', () => {
    for (const rules of ['*', '*/**', '**/x/*', '**', '\\!important', 'caf\u00e9', '\ufeffdist', '[[:alpha:]]', '[]a]', '[!]a]', 'a[/]b', '   '])
      expect(nameFilter(rules), JSON.stringify(rules)).toBeUndefined();
    expect(nameFilter('# only a comment\n\n')!('anything', 'anything')).toBe(false);
  });
});
