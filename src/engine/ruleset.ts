// Compiles rules once: one keyword automaton for the prefilter and global copies of every pattern.
import { DECODE_KEYWORDS } from './base64.js';
import { KeywordAutomaton, locateBySearch, type KeywordPositions } from './keyword-automaton.js';
import type { CompiledRule, Prefiltered, Rule, StructuredRule } from './types.js';

export type { CompiledRule, Prefiltered };

export interface RuleSet {
  rules: CompiledRule[];
  structuredRules: StructuredRule[];
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
  /** Per automaton keyword: its raw-text rules (as indexes into `rules`) and its structured rules. */
  keywordRules: Uint16Array[];
  keywordStructuredRules: StructuredRule[][];
  /** Fallback alternation for non-ASCII keywords (user rules). */
  keywordMatcher: RegExp | undefined;
  /** Per automaton keyword: whether it says base64 worth decoding may be near. */
  keywordDecodes: boolean[];
  /** Indexes into `rules` of the rules that run on every text (they have no keywords). */
  alwaysOnIds: Uint16Array;
}

/** Offsets kept per keyword; a keyword seen more often counts as everywhere (its rules run on the whole text). */
export const MAX_KEYWORD_POSITIONS = 256;

/**
 * Texts are searched by their keywords' first characters until this many bytes have been seen; past it
 * the automaton is built and every later text goes through it. Searching costs about 0.06 ms per KB of
 * source, building the automaton about 35 ms: a pre-commit run's few files never pay for the build.
 */
const SEARCH_BUDGET_BYTES = 512 * 1024;

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
  if (compiled.length > 0xffff) throw new Error(`${compiled.length} rules: at most 65535`);
  const ruleIndex = new Map(compiled.map((c, i) => [c, i]));
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
    alwaysOnStructured: structuredRules.filter((r) => r.keywords.length === 0),
    byKeyword,
    keywords,
    asciiKeywords,
    get automaton() {
      return asciiKeywords ? (automaton ??= KeywordAutomaton.build(keywords)) : undefined;
    },
    searchedBytes: 0,
    keywordRules: keywords.map((k) => Uint16Array.from(byKeyword.get(k) ?? [], (c) => ruleIndex.get(c)!)),
    keywordStructuredRules: keywords.map((k) => structuredRules.filter((r) => r.keywords.includes(k))),
    keywordMatcher,
    keywordDecodes: keywords.map((k) => DECODE_KEYWORDS.includes(k)),
    alwaysOnIds: Uint16Array.from(alwaysOn, (c) => ruleIndex.get(c)!),
  };
}

/** A scan known to be big (a worker's share of one) goes straight to the automaton. */
export function skipSearchBudget(set: RuleSet): void {
  set.searchedBytes = SEARCH_BUDGET_BYTES;
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
  // Marks by rule index, read back in rule order: a Set per file and a filter over every rule cost more
  // than the keyword pass on a tree of small files.
  const marked = new Uint8Array(set.rules.length);
  for (const i of set.alwaysOnIds) marked[i] = 1;
  const structured = new Set<StructuredRule>(set.alwaysOnStructured);
  let keywords: KeywordPositions | undefined;
  let decode = false;
  if (set.asciiKeywords) {
    // One pass finds the keywords and where they are; the offsets cost little beside the pass itself.
    keywords = locateKeywords(set, input);
    for (const k of keywords.present) {
      for (const i of set.keywordRules[k]) marked[i] = 1;
      for (const r of set.keywordStructuredRules[k]) structured.add(r);
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
      for (const c of set.byKeyword.get(k) ?? []) marked[set.rules.indexOf(c)] = 1;
      for (const r of set.structuredRules) if (r.keywords.includes(k)) structured.add(r);
    }
  }
  // Keep the rule set's order so findings and their de-duplication stay deterministic.
  const rules: CompiledRule[] = [];
  for (let i = 0; i < marked.length; i++) if (marked[i]) rules.push(set.rules[i]);
  return {
    rules,
    structuredRules: structured.size ? set.structuredRules.filter((r) => structured.has(r)) : [],
    keywords,
    ...(decode ? { decode } : {}),
  };
}

/** Raw-text rules whose keywords occur in `text`. */
export function candidateRules(set: RuleSet, text: string): readonly CompiledRule[] {
  return prefilter(set, text).rules;
}
