// Compiles rules once: one keyword automaton for the prefilter and global copies of every pattern.
import { DECODE_KEYWORDS } from './base64.js';
import { KeywordAutomaton, locateBySearch, type KeywordPositions } from './keyword-automaton.js';
import type { CompiledRule, Prefiltered, Rule, StructuredRule } from './types.js';

export type { CompiledRule, Prefiltered };

export interface RuleSet {
  rules: CompiledRule[];
  structuredRules: StructuredRule[];
  /** Rules that run on every text (no keywords). */
  alwaysOn: CompiledRule[];
  /** Structured rules without keywords (they may fire on any structured file). */
  alwaysOnStructured: StructuredRule[];
  /** Raw-text rules per keyword (lower-case). */
  byKeyword: Map<string, CompiledRule[]>;
  /** Every raw-text and structured keyword, sorted; indexes into keywordRules / keywordStructuredRules. */
  keywords: readonly string[];
  /** True when every keyword is ASCII, so keyword offsets come from one pass over bytes or text. */
  asciiKeywords: boolean;
  /** The keywords as one automaton, built on first use; undefined when a keyword is not ASCII. */
  readonly automaton: KeywordAutomaton | undefined;
  /** Bytes located by plain search before the automaton was built (see locateKeywords). */
  searchedBytes: number;
  /** Per automaton keyword: its raw-text rules and its structured rules. */
  keywordRules: CompiledRule[][];
  keywordStructuredRules: StructuredRule[][];
  /** Fallback alternation for non-ASCII keywords (user rules). */
  keywordMatcher: RegExp | undefined;
  /** Per automaton keyword: whether it says base64 worth decoding may be near. */
  keywordDecodes: boolean[];
}

/** Offsets kept per keyword; a keyword seen more often counts as everywhere (its rules run on the whole text). */
export const MAX_KEYWORD_POSITIONS = 256;

/**
 * Texts are searched keyword by keyword until this many bytes have been seen; past it the automaton is
 * built (a one-off cost that equals searching roughly this much) and every later text goes through it.
 */
const SEARCH_BUDGET_BYTES = 256 * 1024;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRule(rule: Rule): CompiledRule {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(rule.id)) throw new Error(`rule id "${rule.id}" is not kebab-case`);
  if (rule.pattern.global || rule.pattern.sticky) throw new Error(`rule ${rule.id}: pattern must not be global or sticky`);
  const flags = new Set(rule.pattern.flags.split(''));
  flags.add('g');
  flags.add('d');
  const regex = new RegExp(rule.pattern.source, [...flags].join(''));
  // 'secret' for a named group; otherwise group 1 when the match has one (decided per match, so the pattern
  // is not compiled at load time — V8 compiles a regex on first use, and most rules never run on a given scan).
  const secretGroup = /\(\?<secret>/.test(rule.pattern.source) ? 'secret' : 1;
  for (const k of rule.keywords) {
    if (k !== k.toLowerCase()) throw new Error(`rule ${rule.id}: keyword "${k}" must be lower-case`);
  }
  return { rule, regex, secretGroup };
}

export function compileRuleSet(rules: Rule[], structuredRules: StructuredRule[] = []): RuleSet {
  const seen = new Set<string>();
  for (const r of [...rules, ...structuredRules]) {
    if (seen.has(r.id)) throw new Error(`duplicate rule id "${r.id}"`);
    seen.add(r.id);
  }
  const compiled = rules.map(compileRule);
  const byKeyword = new Map<string, CompiledRule[]>();
  const alwaysOn: CompiledRule[] = [];
  for (const c of compiled) {
    if (c.rule.keywords.length === 0) alwaysOn.push(c);
    for (const k of c.rule.keywords) {
      const list = byKeyword.get(k) ?? [];
      list.push(c);
      byKeyword.set(k, list);
    }
  }
  const structuredKeywords = new Set(structuredRules.flatMap((r) => r.keywords));
  const keywords = [...new Set([...byKeyword.keys(), ...structuredKeywords, ...DECODE_KEYWORDS])].sort();
  const asciiKeywords = keywords.every((k) => k.length > 0 && /^[\x00-\x7f]+$/.test(k));
  let automaton: KeywordAutomaton | undefined;
  const keywordIndex = new Map(keywords.map((k, i) => [k, i]));
  for (const c of compiled) c.keywordIds = [...new Set(c.rule.keywords)].map((k) => keywordIndex.get(k)!);
  // Longest first so a longer keyword wins at a position; the fallback resumes one character after each hit.
  const byLength = [...keywords].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const keywordMatcher =
    !asciiKeywords && byLength.length ? new RegExp(byLength.map(escapeRegex).join('|'), 'gi') : undefined;
  return {
    rules: compiled,
    structuredRules,
    alwaysOn,
    alwaysOnStructured: structuredRules.filter((r) => r.keywords.length === 0),
    byKeyword,
    keywords,
    asciiKeywords,
    get automaton() {
      return asciiKeywords ? (automaton ??= KeywordAutomaton.build(keywords)) : undefined;
    },
    searchedBytes: 0,
    keywordRules: keywords.map((k) => byKeyword.get(k) ?? []),
    keywordStructuredRules: keywords.map((k) => structuredRules.filter((r) => r.keywords.includes(k))),
    keywordMatcher,
    keywordDecodes: keywords.map((k) => DECODE_KEYWORDS.includes(k)),
  };
}

/** Where each keyword starts in `input`: by plain search while inputs are few and small, then by automaton. */
export function locateKeywords(set: RuleSet, input: string | Uint8Array): KeywordPositions {
  const size = input.length;
  if (set.searchedBytes + size <= SEARCH_BUDGET_BYTES) {
    set.searchedBytes += size;
    return locateBySearch(set.keywords, input, MAX_KEYWORD_POSITIONS);
  }
  return set.automaton!.locate(input, MAX_KEYWORD_POSITIONS);
}

/**
 * One pass over the text (or its raw bytes: keywords are ASCII, so no decoding is needed) finds the rules
 * that can possibly match and whether any structured rule's keyword occurred.
 */
export function prefilter(set: RuleSet, input: string | Uint8Array): Prefiltered {
  const found = new Set<CompiledRule>(set.alwaysOn);
  const structured = new Set<StructuredRule>(set.alwaysOnStructured);
  const take = (rules: readonly CompiledRule[], structuredRules: readonly StructuredRule[]) => {
    for (const c of rules) found.add(c);
    for (const r of structuredRules) structured.add(r);
  };
  let keywords: KeywordPositions | undefined;
  let decode = false;
  if (set.asciiKeywords) {
    // One pass finds the keywords and where they are; the offsets cost little beside the pass itself.
    keywords = locateKeywords(set, input);
    const { positions } = keywords;
    for (let k = 0; k < positions.length; k++) {
      if (positions[k] === undefined) continue;
      take(set.keywordRules[k], set.keywordStructuredRules[k]);
      if (set.keywordDecodes[k]) decode = true;
    }
  } else if (set.keywordMatcher) {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
    const matcher = set.keywordMatcher;
    matcher.lastIndex = 0;
    const seenKeywords = new Set<string>();
    let m: RegExpExecArray | null;
    while ((m = matcher.exec(text)) !== null) {
      const k = m[0].toLowerCase();
      // Resume one character later: a keyword starting inside a longer one ("key=" in "api_key=") counts.
      matcher.lastIndex = m.index + 1;
      if (seenKeywords.has(k)) continue;
      seenKeywords.add(k);
      if (DECODE_KEYWORDS.includes(k)) decode = true;
      take(set.byKeyword.get(k) ?? [], set.structuredRules.filter((r) => r.keywords.includes(k)));
    }
  }
  // Keep the rule set's order so findings and their de-duplication stay deterministic.
  return {
    rules: set.rules.filter((c) => found.has(c)),
    structuredRules: set.structuredRules.filter((r) => structured.has(r)),
    keywords,
    ...(decode ? { decode } : {}),
  };
}

/** Raw-text rules whose keywords occur in `text`. */
export function candidateRules(set: RuleSet, text: string): readonly CompiledRule[] {
  return prefilter(set, text).rules;
}
