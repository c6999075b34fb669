// How sure a finding is to be a live credential. A rule may say; otherwise its shape decides: a generic
// detector (a secret-named key, a header) is `low`, a provider rule `medium`, and a provider rule whose every
// keyword is a registered prefix (`ghp_`, `npm_`, `pypi-`, `sk-ant-api`, `xoxb-`) `high` — such a prefix
// does not occur by chance. An identifier of the same account near the secret raises it one level.
import type { Confidence, Rule, StructuredRule } from './types.js';

const LEVELS: Confidence[] = ['low', 'medium', 'high'];

/** A keyword that is a token's own prefix: four or more characters with a separator inside or at its end. */
const PREFIX_KEYWORD = /^[a-z0-9]{2,}[-_]|^[a-z0-9]{3,}[-_]?[a-z0-9]*[-_]$/;

export function ruleConfidence(rule: Rule | StructuredRule): Confidence {
  if (rule.confidence) return rule.confidence;
  if (rule.generic) return 'low';
  if ('pattern' in rule && rule.keywords.length && rule.keywords.every((k) => k.length >= 4 && PREFIX_KEYWORD.test(k))) return 'high';
  return 'medium';
}

export function raiseConfidence(c: Confidence): Confidence {
  return LEVELS[Math.min(LEVELS.length - 1, LEVELS.indexOf(c) + 1)]!;
}

/** How far either side of a secret a rule's `context` identifier is looked for. */
export const CONTEXT_REACH = 300;
