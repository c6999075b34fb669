// Builds the engine a scan runs with — built-in rules, minus disabled ones, plus config rules, with the
// allow-list — from a plain-data spec, so a worker thread can rebuild exactly the same engine.
import { compileRuleSet, hasCandidates, type RuleSet } from '../engine/ruleset.js';
import { detectFormat } from '../engine/structured.js';
import type { Rule, ScanOptions, Severity } from '../engine/types.js';
import { builtinRuleSet, builtinRules, structuredRules } from '../rules/index.js';

/** A rule written in a config file: the same shape as a built-in rule, with the pattern as a string. */
export interface UserRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  keywords: string[];
  pattern: string;
  flags?: string;
  entropy?: number;
  examples: { positive: string[]; negative: string[] };
}

/** Everything needed to build an engine; plain data (structured-clone safe) for workers. */
export interface EngineSpec {
  extraRules: UserRuleSpec[];
  disabledRules: string[];
  allowlist: { regexes: string[]; stopwords: string[]; values: string[] };
  inlineAllow: boolean;
}

export const defaultEngineSpec = (): EngineSpec => ({
  extraRules: [],
  disabledRules: [],
  allowlist: { regexes: [], stopwords: [], values: [] },
  inlineAllow: true,
});

export interface Engine {
  ruleSet: RuleSet;
  options: ScanOptions;
  /**
   * Cheap gate on the raw bytes decoded as latin1 (ASCII keywords survive any decoding): can any raw-text
   * rule, or — for a JSON/YAML/TOML path — any structured rule, fire? Mirrors how scanText gates both.
   */
  mayMatch(latin1: string, path: string): boolean;
}

export function userRule(spec: UserRuleSpec): Rule {
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    pattern: new RegExp(spec.pattern, (spec.flags ?? '').replace(/[gyd]/g, '')),
    entropy: spec.entropy,
    provider: 'config',
    examples: spec.examples,
  };
}

export function buildEngine(spec: EngineSpec): Engine {
  const custom = spec.extraRules.length > 0 || spec.disabledRules.length > 0;
  const disabled = new Set(spec.disabledRules);
  const ruleSet = custom
    ? compileRuleSet(
        [...builtinRules.filter((r) => !disabled.has(r.id)), ...spec.extraRules.map(userRule)],
        structuredRules.filter((r) => !disabled.has(r.id)),
      )
    : builtinRuleSet();
  return engineFor(ruleSet, {
    inlineAllow: spec.inlineAllow,
    allowlist: {
      regexes: spec.allowlist.regexes.map((r) => new RegExp(r)),
      stopwords: spec.allowlist.stopwords,
      values: spec.allowlist.values,
    },
  });
}

/** An engine over an already compiled rule set (tests build small ones). */
export function engineFor(ruleSet: RuleSet, options: ScanOptions = {}): Engine {
  const structuredAlways = ruleSet.structuredRules.some((r) => r.keywords.length === 0);
  const structuredKeywords = [...new Set(ruleSet.structuredRules.flatMap((r) => r.keywords))];
  const structuredMatcher = structuredKeywords.length
    ? new RegExp(structuredKeywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i')
    : undefined;
  return {
    ruleSet,
    options,
    mayMatch(latin1, path) {
      if (hasCandidates(ruleSet, latin1)) return true;
      if (!ruleSet.structuredRules.length || !detectFormat(path)) return false;
      return structuredAlways || (structuredMatcher?.test(latin1) ?? false);
    },
  };
}
