// Builds the engine a scan runs with — built-in rules, minus disabled ones, plus config rules, with the
// allow-list — from a plain-data spec, so a worker thread can rebuild exactly the same engine.
import { compileRuleSet, prefilter, type Prefiltered, type RuleSet } from '../engine/ruleset.js';
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

export interface Engine {
  ruleSet: RuleSet;
  options: ScanOptions;
  /**
   * Cheap gate on the raw bytes, before any UTF-8 decoding: the raw-text rules whose keywords occur, or
   * undefined when nothing can fire. For a JSON/YAML/TOML path a structured rule's keyword (or a
   * structured rule without keywords) also lets the file through — mirroring how scanText gates both.
   */
  gate(bytes: Buffer, path: string): Prefiltered | undefined;
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
    reportExamples: true,
    allowlist: {
      regexes: spec.allowlist.regexes.map((r) => new RegExp(r)),
      stopwords: spec.allowlist.stopwords,
      values: spec.allowlist.values,
    },
  });
}

/** An engine over an already compiled rule set (tests build small ones). */
export function engineFor(ruleSet: RuleSet, options: ScanOptions = {}): Engine {
  const structuredPath = (path: string) => ruleSet.structuredRules.length > 0 && detectFormat(path) !== undefined;
  return {
    ruleSet,
    options,
    gate(bytes, path) {
      // One automaton pass over the raw bytes: files with no keyword are never decoded.
      const pre = prefilter(ruleSet, bytes);
      // Base64 worth decoding may hide a secret whose rules' keywords only the decoded text holds.
      if (pre.rules.length || pre.decode) return pre;
      return pre.structuredRules.length && structuredPath(path) ? pre : undefined;
    },
  };
}
