import { describe, expect, it } from 'vitest';
import { checkRuleExamples } from '../../src/engine/check-examples.js';
import { rules, structuredRules } from '../../src/rules/generic/index.js';

describe('generic rules prove themselves on their own examples', () => {
  for (const rule of [...rules, ...structuredRules]) {
    it(rule.id, () => {
      expect(checkRuleExamples(rule)).toEqual([]);
    });
  }
  it('have many examples each (they cause most false positives)', () => {
    for (const r of rules) {
      expect(r.examples.positive.length, r.id).toBeGreaterThanOrEqual(2);
      expect(r.examples.negative.length, r.id).toBeGreaterThanOrEqual(5);
    }
  });
});
