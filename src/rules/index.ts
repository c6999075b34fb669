// The built-in rule set: provider rules grouped by field, then generic detectors. One plain list.
import { compileRuleSet, type RuleSet } from '../engine/ruleset.js';
import type { Rule, StructuredRule } from '../engine/types.js';
import * as generic from './generic/index.js';
import * as ai from './providers/ai.js';
import * as chat from './providers/chat.js';
import * as cloud from './providers/cloud/index.js';
import * as codeHosting from './providers/code-hosting.js';
import * as data from './providers/data.js';
import * as messaging from './providers/messaging.js';
import * as observability from './providers/observability.js';
import * as payments from './providers/payments.js';
import * as productivity from './providers/productivity.js';
import * as registries from './providers/registries.js';
import * as search from './providers/search.js';

export const providerRules: Rule[] = [
  ...ai.rules,
  ...codeHosting.rules,
  ...chat.rules,
  ...cloud.rules,
  ...payments.rules,
  ...messaging.rules,
  ...productivity.rules,
  ...observability.rules,
  ...registries.rules,
  ...data.rules,
  ...search.rules,
];

export const genericRules: Rule[] = generic.rules;
export const structuredRules: StructuredRule[] = generic.structuredRules;
export const builtinRules: Rule[] = [...providerRules, ...genericRules];

let cached: RuleSet | undefined;

/** The compiled built-in rule set (compiled once per process/worker). */
export function builtinRuleSet(): RuleSet {
  return (cached ??= compileRuleSet(builtinRules, structuredRules));
}
