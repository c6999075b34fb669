// The prefilter must never drop a rule whose keyword occurs: checked on every built-in rule's examples, as
// decoded text and as raw bytes (what the scanner feeds it), and on overlapping keywords.
import { describe, expect, it } from 'vitest';
import { compileRuleSet, prefilter } from '../../src/engine/ruleset.js';
import type { Rule } from '../../src/engine/types.js';
import { builtinRuleSet, builtinRules } from '../../src/rules/index.js';

const ids = (rules: readonly { rule: { id: string } }[]) => new Set(rules.map((r) => r.rule.id));

describe('prefilter', () => {
  const set = builtinRuleSet();

  it('selects each rule on its own positive examples, from text and from bytes alike', () => {
    for (const rule of builtinRules) {
      for (const ex of [...rule.examples.positive, ...rule.examples.negative]) {
        const fromText = ids(prefilter(set, ex).rules);
        const fromBytes = ids(prefilter(set, Buffer.from(ex, 'utf8')).rules);
        expect([...fromBytes].sort(), `${rule.id} on ${ex.slice(0, 40)}`).toEqual([...fromText].sort());
        if (rule.examples.positive.includes(ex) && rule.keywords.length) expect(fromText.has(rule.id), rule.id).toBe(true);
      }
    }
  });

  it('matches case-insensitively, resets on non-ASCII, reports overlapping keywords and structured ones', () => {
    const rule = (id: string, keywords: string[]): Rule => ({ id, title: id, severity: 'low', keywords, pattern: /x/, examples: { positive: [], negative: [] } });
    const small = compileRuleSet([rule('r-ab', ['ab']), rule('r-bc', ['bc']), rule('r-long', ['abcdef'])], [
      { id: 's-key', title: 's', severity: 'low', keywords: ['apikey'], detect: () => [], examples: { positive: [], negative: [] } },
    ]);
    expect([...ids(prefilter(small, Buffer.from('xxABC')).rules)].sort()).toEqual(['r-ab', 'r-bc']);
    expect([...ids(prefilter(small, 'abcdef').rules)].sort()).toEqual(['r-ab', 'r-bc', 'r-long']);
    expect(ids(prefilter(small, Buffer.from('a\u00e9b c')).rules).size).toBe(0);
    expect(prefilter(small, '{"ApiKey": 1}').structuredRules.map((r) => r.id)).toEqual(['s-key']);
    expect(prefilter(small, '{"name": 1}').structuredRules).toEqual([]);
  });
});
