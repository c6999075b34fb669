// The byte-level keyword automaton must never drop a rule the engine's own prefilter would run: checked on
// every built-in rule's examples, on mixed case, across non-ASCII bytes, and on overlapping keywords.
import { describe, expect, it } from 'vitest';
import { candidateRules, compileRuleSet } from '../../src/engine/ruleset.js';
import type { Rule } from '../../src/engine/types.js';
import { builtinRuleSet, builtinRules } from '../../src/rules/index.js';
import { buildKeywordIndex } from '../../src/scan/keyword-index.js';

const ids = (rules: { rule: { id: string } }[]) => new Set(rules.map((r) => r.rule.id));

describe('keyword index', () => {
  const set = builtinRuleSet();
  const index = buildKeywordIndex(set)!;

  it('finds at least the candidates of the engine prefilter for every rule example', () => {
    expect(index).toBeDefined();
    for (const rule of builtinRules) {
      for (const ex of [...rule.examples.positive, ...rule.examples.negative]) {
        const mine = ids(index.scan(Buffer.from(ex)).rules);
        for (const id of ids(candidateRules(set, ex))) expect(mine.has(id), `${rule.id}: ${id} on ${ex.slice(0, 40)}`).toBe(true);
        if (rule.examples.positive.includes(ex) && rule.keywords.length) expect(mine.has(rule.id)).toBe(true);
      }
    }
  });

  it('matches case-insensitively, resets on non-ASCII bytes, and reports overlapping keywords', () => {
    const rule = (id: string, keywords: string[]): Rule => ({ id, title: id, severity: 'low', keywords, pattern: /x/, examples: { positive: [], negative: [] } });
    const small = compileRuleSet([rule('r-ab', ['ab']), rule('r-bc', ['bc']), rule('r-long', ['abcdef'])]);
    const idx = buildKeywordIndex(small)!;
    expect([...ids(idx.scan(Buffer.from('xxABC')).rules)].sort()).toEqual(['r-ab', 'r-bc']);
    expect([...ids(idx.scan(Buffer.from('abcdef')).rules)].sort()).toEqual(['r-ab', 'r-bc', 'r-long']);
    expect(ids(idx.scan(Buffer.from('a\u00e9b c')).rules).size).toBe(0);
    expect(ids(idx.scan(Buffer.from('zzz')).rules).size).toBe(0);
  });
});
