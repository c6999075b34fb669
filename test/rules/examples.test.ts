import { describe, expect, it } from 'vitest';
import { checkRuleExamples } from '../../src/engine/check-examples.js';
import { builtinRules, structuredRules } from '../../src/rules/index.js';

describe('every rule proves itself on its own examples', () => {
  for (const rule of [...builtinRules, ...structuredRules]) {
    it(rule.id, () => {
      expect(checkRuleExamples(rule)).toEqual([]);
    });
  }
});

describe('rule set', () => {
  it('has unique kebab-case ids', () => {
    const ids = [...builtinRules, ...structuredRules].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
  it('every rule has positive and negative examples', () => {
    for (const r of builtinRules) {
      expect(r.examples.positive.length, r.id).toBeGreaterThan(0);
      expect(r.examples.negative.length, r.id).toBeGreaterThan(0);
    }
  });
});
