// What a version adds to the one before it: the ranges must hold every line that is new or has new
// neighbours (soundness: a history scan skips the rest), and should be tight (speed). Checked on hand-made
// cases and on generated edits of generated files.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/rules/fake.js';
import { changedLines, PreviousVersions } from '../../src/sources/blob-diff.js';

const b = (s: string) => Buffer.from(s);
/** The text of each range, for readable expectations. */
const texts = (prev: string, next: string) => changedLines(b(prev), b(next)).map(([s, e]) => next.slice(s, e));

describe('changedLines', () => {
  it('is empty for equal versions and covers whole lines of an edit', () => {
    expect(changedLines(b('a\nb\n'), b('a\nb\n'))).toEqual([]);
    expect(texts('key=abc\nrest\n', 'key=abd\nrest\n')).toEqual(['key=abd\n']);
    expect(texts('a\nc\n', 'a\nb\nc\n')).toEqual(['b\n']);
    expect(texts('a\nb', 'a\nbc')).toEqual(['bc']);
  });

  it('marks lines removed with a zero-length range where they were', () => {
    expect(changedLines(b('A\nB\nC\n'), b('A\nC\n'))).toEqual([[2, 2]]);
  });

  it('takes a line as new when the old version held it as part of a longer line', () => {
    // "abc\n" exists in both as bytes, but in the old version it ended the line "key=abc".
    expect(texts('key=abc\n', 'key=\nabc\n')).toEqual(['key=\nabc\n']);
  });

  it('reports separate edits of a large file separately', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} of a long generated document, unique text ${i * 7919}\n`);
    const next = [...lines];
    next[100] = 'first edit\n';
    next[1500] = 'second edit\n';
    next.splice(900, 0, 'inserted line\n');
    expect(texts(lines.join(''), next.join(''))).toEqual(['first edit\n', 'inserted line\n', 'second edit\n']);
  });

  it('never leaves a new line, or a line with new neighbours, outside its ranges (generated edits)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = seededRandom(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
      // Repeated short lines (`}`, blank) and long unique ones, as in code.
      const vocabulary = ['}', '', '  return x;', '# heading', 'const a = 1;', '```json', '```'];
      const line = () => (rand() < 0.4 ? pick(vocabulary) : `line ${Math.floor(rand() * 1e6)} ${'x'.repeat(Math.floor(rand() * 60))}`);
      const prev = Array.from({ length: 50 + Math.floor(rand() * 1500) }, line);
      const next = [...prev];
      for (let e = Math.floor(rand() * 12); e >= 0; e--) {
        const at = Math.floor(rand() * next.length);
        const kind = rand();
        if (kind < 0.3) next.splice(at, 0, line());
        else if (kind < 0.55) next.splice(at, 1 + Math.floor(rand() * 3));
        else if (kind < 0.8) next[at] = line();
        // Split or join lines: the same bytes, other line boundaries.
        else if (kind < 0.9 && next[at]) next.splice(at, 1, next[at].slice(0, 3), next[at].slice(3));
        else if (at + 1 < next.length) next.splice(at, 2, next[at] + next[at + 1]);
      }
      const prevText = prev.join('\n') + (rand() < 0.5 ? '\n' : '');
      const nextText = next.join('\n') + (rand() < 0.5 ? '\n' : '');
      assertSound(prevText, nextText, changedLines(b(prevText), b(nextText)));
    }
  });
});

/**
 * Every stretch of `next` between ranges must be a run of whole lines of `prev`, in order, so that each line
 * in it has the same neighbours as in `prev` (or a range right beside it).
 */
function assertSound(prev: string, next: string, ranges: [number, number][]): void {
  let from = 0;
  let searchFrom = 0;
  const stretches: [number, number][] = [];
  for (const [s, e] of ranges) {
    expect(s).toBeGreaterThanOrEqual(from);
    expect(s === 0 || next[s - 1] === '\n').toBe(true);
    expect(e === next.length || next[e - 1] === '\n').toBe(true);
    stretches.push([from, s]);
    from = e;
  }
  stretches.push([from, next.length]);
  for (const [s, e] of stretches) {
    if (s === e) continue;
    const piece = next.slice(s, e);
    let at = prev.indexOf(piece, searchFrom);
    // The stretch must sit on line boundaries in prev too.
    while (at >= 0 && !((at === 0 || prev[at - 1] === '\n') && (at + piece.length === prev.length || piece.endsWith('\n')))) at = prev.indexOf(piece, at + 1);
    if (at < 0) throw new Error(`unchanged stretch ${JSON.stringify(piece.slice(0, 80))} is not whole lines of the old version`);
    searchFrom = at + piece.length;
  }
}

describe('PreviousVersions', () => {
  const big = (c: string, n = 20_000) => Buffer.from(`${c.repeat(n)}\n`);

  it('diffs a path against the version it saw last and keeps none of the small files', () => {
    const versions = new PreviousVersions(1 << 20, 1024);
    expect(versions.next('a.md', big('a')).changed).toBeUndefined();
    expect(versions.next('a.md', Buffer.concat([big('a'), b('added\n')])).changed).toEqual([[20_001, 20_007]]);
    expect(versions.next('small.txt', b('x\n')).changed).toBeUndefined();
    expect(versions.next('small.txt', b('y\n')).changed).toBeUndefined();
  });

  it('forgets the oldest paths beyond its byte budget', () => {
    const versions = new PreviousVersions(50_000, 1024);
    versions.next('one', big('a'));
    versions.next('two', big('b'));
    versions.next('three', big('c'));
    expect(versions.next('one', big('a')).changed).toBeUndefined();
    expect(versions.next('three', big('c')).changed).toEqual([]);
  });

  it('keeps a blob that fills its own buffer as it is, and copies one cut from a larger buffer', () => {
    const versions = new PreviousVersions(1 << 20, 1024);
    expect(versions.next('a.md', big('a')).retained).toBe(true);
    const chunk = Buffer.concat([big('b'), big('c')]);
    const cut = chunk.subarray(0, 20_001);
    expect(versions.next('b.md', cut).retained).toBe(false);
    chunk.fill(0x7a);
    expect(versions.next('b.md', big('b')).changed).toEqual([]);
  });
});
