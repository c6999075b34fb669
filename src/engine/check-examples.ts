// Proves each rule against its own examples through the real prefilter and filters, so a keyword that
// drifts from its pattern, or a placeholder filter that eats a real shape, is caught.
import { compileRuleSet } from './ruleset.js';
import { scanText } from './scan-text.js';
import type { Rule, StructuredRule } from './types.js';

export interface ExampleFailure {
  ruleId: string;
  kind: 'positive' | 'negative' | 'published';
  example: string;
  found: string[];
}

export function checkRuleExamples(rule: Rule | StructuredRule): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  const isStructured = 'detect' in rule;
  const set = isStructured ? compileRuleSet([], [rule]) : compileRuleSet([rule]);
  const run = (text: string, path: string) =>
    scanText({ text, path }, set).findings.filter((f) => f.ruleId === rule.id);

  if (isStructured) {
    for (const ex of rule.examples.positive) {
      if (run(ex.text, ex.path).length === 0) failures.push({ ruleId: rule.id, kind: 'positive', example: ex.text, found: [] });
    }
    for (const ex of rule.examples.negative) {
      const found = run(ex.text, ex.path);
      if (found.length) failures.push({ ruleId: rule.id, kind: 'negative', example: ex.text, found: found.map((f) => f.redacted) });
    }
  } else {
    if (rule.examples.positive.length === 0) failures.push({ ruleId: rule.id, kind: 'positive', example: '(none given)', found: [] });
    for (const ex of rule.examples.positive) {
      if (run(ex, 'example.txt').length === 0) failures.push({ ruleId: rule.id, kind: 'positive', example: ex, found: [] });
    }
    for (const ex of rule.examples.negative) {
      const found = run(ex, 'example.txt');
      if (found.length) failures.push({ ruleId: rule.id, kind: 'negative', example: ex, found: found.map((f) => f.redacted) });
    }
    // A published test vector is reported, marked `example`, and never as a live secret.
    for (const ex of rule.examples.published ?? []) {
      const found = scanText({ text: ex, path: 'example.txt' }, set, { reportExamples: true }).findings.filter((f) => f.ruleId === rule.id);
      if (!found.length || found.some((f) => !f.example)) failures.push({ ruleId: rule.id, kind: 'published', example: ex, found: found.map((f) => f.redacted) });
    }
  }
  return failures;
}
