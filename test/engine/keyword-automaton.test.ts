import { describe, expect, it } from 'vitest';
import { KeywordAutomaton, locateBySearch } from '../../src/engine/keyword-automaton.js';
import { compileRuleSet, locateKeywords } from '../../src/engine/ruleset.js';
import { seededRandom } from '../../src/rules/fake.js';

const keywords = ['key=', 'api_key=', '_key', 'ghp_', 'sk-', 'sk-proj-', 'bearer', '://', 'token', 'to'];

function naive(text: string): number[] {
  const lower = text.toLowerCase();
  return keywords.flatMap((k, i) => (lower.includes(k) ? [i] : [])).sort((a, b) => a - b);
}

describe('KeywordAutomaton', () => {
  const automaton = KeywordAutomaton.build(keywords)!;

  it('finds overlapping and nested keywords, case-insensitively', () => {
    const found = automaton.locate('export API_KEY=abc; Authorization: BEARER x', 256).present;
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
      expect(automaton.locate(text, 256).present).toEqual(naive(text));
      expect(automaton.locate(Buffer.from(text, 'utf8'), 256).present).toEqual(naive(text));
    }
  });

  it('refuses non-ASCII keywords so callers fall back', () => {
    expect(KeywordAutomaton.build(['clé'])).toBeUndefined();
  });

  it('locates the same offsets by plain search as by the automaton, with the same cap and ascii flag', () => {
    const rand = seededRandom(11);
    const alphabet = 'aAbeErsSkKpPyY_=-:/ otTghjnoq\u00e9\u4e2d\u212a\u0130';
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(rand() * 400);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      if (rand() < 0.5) text += keywords[Math.floor(rand() * keywords.length)].toUpperCase();
      const cap = 1 + Math.floor(rand() * 6);
      expect(locateBySearch(keywords, text, cap)).toEqual(automaton.locate(text, cap));
      const bytes = Buffer.from(text, 'utf8');
      expect(locateBySearch(keywords, bytes, cap)).toEqual(automaton.locate(bytes, cap));
    }
  });

  it('searches one-character keywords (a user rule may have one) through the automaton, with the same answer', () => {
    const short = ['x', 'ab', 'AB_c'];
    const text = 'xAB_C ab x';
    expect(locateBySearch(short, text, 8)).toEqual(KeywordAutomaton.build(short)!.locate(text, 8));
    expect(locateBySearch(short, text, 8).positions[0]).toEqual([0, 9]);
    expect(locateBySearch(['ab', 'ab_c'], text, 8).positions).toEqual([[1, 6], [1]]);
  });

  it('finds the same offsets in four lanes over long bytes, keywords across the lanes\' borders included', () => {
    const rand = seededRandom(13);
    const alphabet = 'aAbeErsSkKpPyY_=-:/ otTghjnoq';
    for (let n = 0; n < 60; n++) {
      const len = 4096 + Math.floor(rand() * 12000);
      const chars: string[] = [];
      for (let i = 0; i < len; i++) chars.push(alphabet[Math.floor(rand() * alphabet.length)]);
      // A keyword straddling, starting at and ending at each quarter's border.
      const q = len >> 2;
      for (const border of [q, 2 * q, 3 * q]) {
        const k = keywords[Math.floor(rand() * keywords.length)];
        const at = border - Math.floor(rand() * (k.length + 1));
        for (let i = 0; i < k.length; i++) chars[at + i] = k[i];
      }
      const text = chars.join('');
      // Plain search shares no code with the lanes; a small cap also checks the cap across lanes.
      for (const cap of [2, 40, 256]) {
        const bytes = Buffer.from(text, 'latin1');
        expect(automaton.locate(bytes, cap)).toEqual(locateBySearch(keywords, bytes, cap));
      }
    }
  });
});

describe('locateKeywords', () => {
  it('searches small inputs without building the automaton, then builds it once the budget is spent', () => {
    const set = compileRuleSet([
      { id: 'demo-token', title: 'demo', severity: 'high', keywords: ['demo_'], pattern: /demo_[a-z]{8}/, examples: { positive: ['demo_abcdefgh'], negative: [] } },
    ]);
    // The rule set also holds the base64 decoder's keywords.
    const demo = set.keywords.indexOf('demo_');
    const small = 'x demo_abcdefgh y';
    expect(locateKeywords(set, small).positions[demo]).toEqual([2]);
    expect(set.searchedBytes).toBe(small.length);
    const big = 'z'.repeat(600 * 1024) + ' DEMO_';
    expect(locateKeywords(set, big).positions[demo]).toEqual([600 * 1024 + 1]);
    // The budget is untouched by a text that went through the automaton.
    expect(set.searchedBytes).toBe(small.length);
  });
});

