// Compiles rules once: a single keyword matcher for the prefilter and global copies of every pattern.
import type { Rule, StructuredRule } from './types.js';

export interface CompiledRule {
  rule: Rule;
  /** Global + indices copy of the rule's pattern; reset lastIndex before each use. */
  regex: RegExp;
  secretGroup: string | number;
}

export interface RuleSet {
  rules: CompiledRule[];
  structuredRules: StructuredRule[];
  /** Rules that run on every text (no keywords). */
  alwaysOn: CompiledRule[];
  /** Single alternation over every keyword; one pass finds which rules can possibly match. */
  keywordMatcher: RegExp | undefined;
  byKeyword: Map<string, CompiledRule[]>;
}

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
  const hasNamed = /\(\?<secret>/.test(rule.pattern.source);
  const groupCount = new RegExp(`${rule.pattern.source}|`).exec('')!.length - 1;
  const secretGroup = hasNamed ? 'secret' : groupCount >= 1 ? 1 : 0;
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
  // Longest first so a longer keyword is not shadowed by its own prefix in the alternation; and since
  // matches don't overlap, a keyword also stands for every keyword it contains ("api_key" ⊃ "key").
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const direct = new Map([...byKeyword].map(([k, v]) => [k, [...v]]));
  for (const outer of keywords) {
    const merged = new Set(direct.get(outer));
    for (const inner of keywords) {
      if (inner !== outer && inner.length < outer.length && outer.includes(inner)) {
        for (const c of direct.get(inner)!) merged.add(c);
      }
    }
    byKeyword.set(outer, [...merged]);
  }
  const keywordMatcher = keywords.length ? new RegExp(keywords.map(escapeRegex).join('|'), 'gi') : undefined;
  return { rules: compiled, structuredRules, alwaysOn, keywordMatcher, byKeyword };
}

/**
 * Rules whose keywords occur in `text`. Works on any decoding of the bytes that keeps ASCII intact
 * (latin1 is enough), so sources can prefilter before paying for UTF-8 decoding.
 */
export function candidateRules(set: RuleSet, text: string): CompiledRule[] {
  if (!set.keywordMatcher) return set.alwaysOn;
  const found = new Set<CompiledRule>(set.alwaysOn);
  const matcher = set.keywordMatcher;
  matcher.lastIndex = 0;
  const seenKeywords = new Set<string>();
  let m: RegExpExecArray | null;
  while ((m = matcher.exec(text)) !== null) {
    const k = m[0].toLowerCase();
    // Resume one character later, not after the match: a keyword that starts inside a longer one ("key="
    // inside "api_key=") must still be seen.
    matcher.lastIndex = m.index + 1;
    if (seenKeywords.has(k)) continue;
    seenKeywords.add(k);
    for (const c of set.byKeyword.get(k) ?? []) found.add(c);
  }
  return [...found];
}

/** Cheap yes/no version of the prefilter. */
export function hasCandidates(set: RuleSet, text: string): boolean {
  if (set.alwaysOn.length) return true;
  if (!set.keywordMatcher) return false;
  set.keywordMatcher.lastIndex = 0;
  return set.keywordMatcher.test(text);
}
