// Keyword offsets found on raw bytes and moved onto the decoded text must be the ones a keyword pass over
// the text finds: the engine trusts them to place its rule windows.
import { describe, expect, it } from 'vitest';
import { builtinRuleSet } from '../../src/rules/index.js';
import { keywordsInText, utf16Offsets } from '../../src/scan/utf16-offsets.js';

// Keywords, their upper-case forms, ASCII filler and 2-, 3- and 4-byte characters (an emoji is 2 code units).
const PIECES = ['token', 'TOKEN', 'api_key', 'secret', 'ghp_', '://', 'password', ' ', '\n', 'x', '=', 'é', 'ü', '€', '中', '😀', '🔑'];

function randomText(seed: number, length: number): string {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s);
  let text = '';
  while (text.length < length) text += PIECES[next() % PIECES.length];
  return text;
}

describe('keywordsInText', () => {
  const automaton = builtinRuleSet().automaton!;

  it('gives the offsets a pass over the decoded text finds, including past the per-keyword cap', () => {
    for (const [seed, length] of [[1, 200], [2, 5_000], [3, 60_000]] as const) {
      const text = randomText(seed, length);
      const bytes = Buffer.from(text, 'utf8');
      const onBytes = automaton.locate(bytes, 256);
      expect(onBytes.ascii).toBe(false);
      expect(keywordsInText(onBytes, utf16Offsets(bytes))).toEqual(automaton.locate(text, 256));
    }
  });

  it('gives the same offsets when non-ASCII characters are rare (long ASCII runs are skipped block by block)', () => {
    const lines = Array.from({ length: 240 }, (_, i) => (i % 70 === 3 ? `// 🔑 note ${i} é\n` : `const token${i} = "x"; // api_key\n`));
    const text = lines.join('');
    const bytes = Buffer.from(text, 'utf8');
    const onText = automaton.locate(text, 256);
    expect(onText.positions.some((list) => list && list.length > 100)).toBe(true);
    expect(keywordsInText(automaton.locate(bytes, 256), utf16Offsets(bytes))).toEqual(onText);
  });

  it('leaves ASCII-only offsets as they are', () => {
    const bytes = Buffer.from('const token = "x";\n');
    const found = automaton.locate(bytes, 256);
    expect(keywordsInText(found, utf16Offsets(bytes))).toBe(found);
  });
});
