// Shared shapes of the detection engine: rules in, findings out. No I/O lives here.
import type { KeywordPositions } from './keyword-automaton.js';
import type { PatternReach } from './pattern-reach.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/**
 * How sure a finding is to be a live credential: `high` for provider formats that prove themselves (a checksum,
 * a long registered prefix), `medium` for provider keys known by their name or shape, `low` for generic
 * assignments. Independent of severity (what the secret would give away).
 */
export type Confidence = 'low' | 'medium' | 'high';

export const CONFIDENCE_ORDER: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** Examples a rule must (positive) and must not (negative) report; the suite runs each through the real engine. */
export interface RuleExamples {
  positive: string[];
  negative: string[];
  /** Published test vectors (vendor docs, RFCs): must be reported marked `example`, never as live secrets. */
  published?: string[];
}

export interface Rule {
  /** kebab-case `provider-kind`; reuses the gitleaks id when it is the same secret. */
  id: string;
  title: string;
  severity: Severity;
  /** Lower-case literals; the rule only runs when one of them occurs in the text (case-insensitive). */
  keywords: string[];
  /**
   * Non-global pattern. The secret is the named group `secret` when present, else group 1, else the
   * whole match. The engine adds the `g` and `d` flags itself.
   */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Structural check beyond the pattern (checksums, decoded JSON fields…). */
  validate?: (secret: string, match: RegExpExecArray) => boolean;
  /** Generic rules lose to provider rules when both report the same span. */
  generic?: boolean;
  /** Skip the shared placeholder filter (for rules whose pattern is already specific enough). */
  keepPlaceholders?: boolean;
  /** Human label for docs and reports, e.g. "OpenAI". */
  provider?: string;
  description?: string;
  /** Defaults: see defaultConfidence (ruleset.ts). */
  confidence?: Confidence;
  /**
   * An identifier that, found near the secret (within ~300 characters), raises confidence one level: a Twilio
   * Account SID beside an auth token, a Cloudflare account ID beside an API token. The identifier itself is
   * never reported.
   */
  context?: RegExp;
  /**
   * Built-in rules define this as a getter (`get examples() { return {…}; }`): generating hundreds of fake
   * credentials at import time was a fifth of a pre-commit run's own start-up, and only the tests read them.
   */
  examples: RuleExamples;
}

/** One string value of a parsed JSON/JSONC/YAML/TOML document, with where its text sits. */
export interface StructuredLeaf {
  /** Key path from the document root, e.g. ['mcpServers', 'github', 'env', 'GITHUB_TOKEN']. */
  path: (string | number)[];
  value: string;
  /** Offsets of the value's text in the source (inside quotes); -1 when unknown. */
  start: number;
  end: number;
}

export type StructuredFormat = 'json' | 'jsonc' | 'yaml' | 'toml';

export interface StructuredDocument {
  format: StructuredFormat;
  leaves: StructuredLeaf[];
  /** Parsed value, for detectors that look at siblings (server.json `isSecret`, smithery.yaml…). */
  root: unknown;
}

/**
 * A detector that looks at a parsed document rather than raw text (secret-named keys, server.json inputs…).
 * It returns the leaves it judges secret; the engine applies the shared filters and builds findings.
 */
export interface StructuredRule {
  id: string;
  title: string;
  severity: Severity;
  generic?: boolean;
  description?: string;
  /** Default `medium` (generic) or `high`; a hit may say otherwise. */
  confidence?: Confidence;
  /** Lower-case literals gating the (costly) parse: the document is parsed only if one occurs. Empty = always. */
  keywords: string[];
  /**
   * Optional second gate on the raw text, checked after the keywords: a cheap regex that every text the rule
   * could report on matches (a superset). Keeps e.g. CI workflows full of `${{ secrets.X }}` from being parsed.
   */
  textGate?: RegExp;
  detect(doc: StructuredDocument, path: string): StructuredHit[];
  examples: { positive: StructuredExample[]; negative: StructuredExample[] };
}

export interface StructuredHit {
  leaf: StructuredLeaf;
  /** Defaults to the whole leaf value. */
  secret?: string;
  severity?: Severity;
  confidence?: Confidence;
}

export interface StructuredExample {
  path: string;
  text: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  path: string;
  /** 1-based line and column of the secret's first character; end is inclusive line. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Kept in memory only: reports redact it unless the user asks otherwise. */
  secret: string;
  redacted: string;
  confidence: Confidence;
  /** Set when the value is a published test vector (vendor docs, RFC): names where it is published. Not live. */
  example?: string;
  /**
   * Set when the secret was found by decoding the text at the location (`base64`): line, column and length
   * are the encoded text's, `secret` is the decoded credential (so it fingerprints like the plain one).
   */
  encoding?: 'base64';
  /** Binds to content (rule + secret), never to location, so an ignored line can't hide a new secret. */
  fingerprint: string;
  /** Key path of the value in a structured file, e.g. `mcpServers.github.env.GITHUB_TOKEN`. */
  context?: string;
  /** Offset of the secret in the scanned text. */
  offset: number;
  length: number;
  /** Set by history sources. */
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
}

export interface Allowlist {
  /** Secrets matching any of these are dropped. */
  regexes?: RegExp[];
  /** Secrets containing any of these (case-insensitive) are dropped. */
  stopwords?: string[];
  /** Exact secrets that are known not to be secret. */
  values?: string[];
}

export interface ScanOptions {
  allowlist?: Allowlist;
  /** Honour `keyward:allow` (and `gitleaks:allow`) comments on the finding's line. Default true. */
  inlineAllow?: boolean;
  /**
   * The prefilter result a source already computed on the raw bytes (`prefilter(set, bytes)`); skips the
   * keyword pass over the decoded text.
   */
  prefiltered?: Prefiltered;
  /**
   * Run each rule only in windows around its keywords in long texts (default true). False runs every rule
   * over the whole text: slower, and what the tests compare the windowed scan against.
   */
  keywordWindows?: boolean;
  /**
   * Report published test vectors (AWS docs keys, jwt.io sample, RFC 7636 values…) as findings marked
   * `example` instead of dropping them (default false: surfaces that act on secrets never see them).
   */
  reportExamples?: boolean;
  /**
   * Character ranges of the text that are new since a version of it whose findings the caller already has
   * (a history scan's previous version of the same file). Rules then run only where a match, or what its
   * checks read around it, could touch one of them; findings that touch none may be left out. A zero-length
   * range marks where text was removed.
   */
  changed?: readonly (readonly [number, number])[];
  /**
   * With `changed`: the text is a slice of a longer one, cut at its start and/or its end. When a rule near a
   * change would need to read past a cut, the result is `incomplete` and the caller scans the whole text.
   */
  cut?: { start: boolean; end: boolean };
}

/** A rule compiled once for scanning (see ruleset.ts). Lives here so ScanOptions can name it without a cycle. */
export interface CompiledRule {
  rule: Rule;
  /** Global + indices copy of the rule's pattern; reset lastIndex before each use. */
  regex: RegExp;
  /** 'secret' (named group) or 1 (first group, or the whole match when the pattern has no group). */
  secretGroup: 'secret' | 1;
  /** Indexes of the rule's keywords in the rule set's automaton (set by compileRuleSet). */
  keywordIds?: number[];
  /** How far a match reaches (null: unbounded), decided on first use by scanText. */
  reach?: PatternReach | null;
}

/** What the prefilter found: raw-text rules to run, and the structured rules whose keywords occurred. */
export interface Prefiltered {
  rules: readonly CompiledRule[];
  structuredRules: readonly StructuredRule[];
  /** Where the keywords are (from the same pass), for scanning only around them; see scan-text.ts. */
  keywords?: KeywordPositions;
  /** A keyword of base64 worth decoding occurred (see base64.ts): the text is worth scanning even without rules. */
  decode?: boolean;
}

export interface ScanInput {
  text: string;
  path: string;
}
