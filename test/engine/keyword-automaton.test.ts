import { describe, expect, it } from 'vitest';
import { KeywordAutomaton } from '../../src/engine/keyword-automaton.js';
import { seededRandom } from '../../src/rules/fake.js';

const keywords = ['key=', 'api_key=', '_key', 'ghp_', 'sk-', 'sk-proj-', 'bearer', '://', 'token', 'to'];

function naive(text: string): number[] {
  const lower = text.toLowerCase();
  return keywords.flatMap((k, i) => (lower.includes(k) ? [i] : [])).sort((a, b) => a - b);
}

describe('KeywordAutomaton', () => {
  const automaton = KeywordAutomaton.build(keywords)!;

  it('finds overlapping and nested keywords, case-insensitively', () => {
    const found = automaton.scanString('export API_KEY=abc; Authorization: BEARER x').sort((a, b) => a - b);
    expect(found.map((i) => keywords[i]).sort()).toEqual(['_key', 'api_key=', 'bearer', 'key='].sort());
  });

  it('agrees with a naive search on random text, as strings and as bytes', () => {
    const rand = seededRandom(7);
    const alphabet = 'aAbeErsSkKpPyY_=-:/ otTghjnoq\u00e9\u4e2d';
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(rand() * 200);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      if (rand() < 0.5) text += keywords[Math.floor(rand() * keywords.length)].toUpperCase();
      expect(automaton.scanString(text).sort((a, b) => a - b)).toEqual(naive(text));
      expect(automaton.scanBytes(Buffer.from(text, 'utf8')).sort((a, b) => a - b)).toEqual(naive(text));
    }
  });

  it('refuses non-ASCII keywords so callers fall back', () => {
    expect(KeywordAutomaton.build(['clé'])).toBeUndefined();
  });
});
