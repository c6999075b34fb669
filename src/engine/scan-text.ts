// The engine's one entry point: text + path in, findings out. Flow: prefilter → patterns → filters →
// structured detectors → base64 spans decoded and scanned again → de-duplication → context. Pure: no file
// system, no network, no clock.
import { decodeBudget, encodedSpans, type DecodeBudget } from './base64.js';
import { CONTEXT_REACH, raiseConfidence, ruleConfidence } from './confidence.js';
import { shannonEntropy } from './entropy.js';
import { knownExample } from './known-examples.js';
import { LineIndex } from './lines.js';
import { isPlaceholder } from './placeholder.js';
import { fingerprint, redact } from './redact.js';
import { isReference } from './reference.js';
import { patternReach, type PatternReach } from './pattern-reach.js';
import { locateKeywords, prefilter, type CompiledRule, type RuleSet } from './ruleset.js';
import { formatKeyPath, leafAt, mergeDocuments, parseStructured, shiftDocument, structuredViews } from './structured.js';
import type { Confidence, Finding, ScanInput, ScanOptions, Severity, StructuredDocument } from './types.js';

export interface ScanTextResult {
  findings: Finding[];
  /** Non-fatal problems (a config that does not parse); the raw-text scan still ran. */
  warnings: string[];
  /** A slice (`options.cut`) was too short for a rule near a change: no findings; scan the whole text. */
  incomplete?: true;
}

const INLINE_ALLOW = /keyward:allow|gitleaks:allow|pragma: allowlist secret/;

interface Candidate {
  ruleId: string;
  title: string;
  severity: Severity;
  generic: boolean;
  confidence: Confidence;
  example?: string;
  secret: string;
  offset: number;
  /** Length of the reported span; set when it is not the secret itself (a base64 text that decodes to it). */
  spanLength?: number;
  encoding?: 'base64';
  /**
   * Where the candidate's rule comes in the scan (raw rules in order, then structured, then decoded): among
   * equal candidates the first wins, whichever order they were found in.
   */
  order: number;
}

/** `order` bases: raw rules by index, then structured rules, then candidates from decoded text. */
const STRUCTURED_ORDER = 1e6;
const DECODED_ORDER = 2e6;

/** Decoded text is scanned again at most this deep (base64 inside base64: a docker config in a k8s Secret). */
const MAX_DECODE_DEPTH = 2;

export function scanText(input: ScanInput, set: RuleSet, options: ScanOptions = {}): ScanTextResult {
  const { text, path } = input;
  const lines = new LineIndex(text);
  const { candidates, warnings, doc, incomplete } = collect(input, lines, set, options, 0, decodeBudget());
  if (incomplete) return { findings: [], warnings, incomplete };
  const findings = dedupe(candidates).map((c): Finding => {
    const length = c.spanLength ?? c.secret.length;
    const start = lines.position(c.offset);
    const end = lines.position(c.offset + Math.max(0, length - 1));
    const leaf = doc ? leafAt(doc, c.offset) : undefined;
    return {
      ruleId: c.ruleId,
      title: c.title,
      severity: c.severity,
      path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      secret: c.secret,
      redacted: redact(c.secret),
      confidence: c.confidence,
      ...(c.example ? { example: c.example } : {}),
      ...(c.encoding ? { encoding: c.encoding } : {}),
      fingerprint: fingerprint(c.ruleId, c.secret),
      context: leaf ? formatKeyPath(leaf.path) : undefined,
      offset: c.offset,
      length,
    };
  });
  return { findings, warnings };
}

/** Characters of the line kept on each side of a decoded one-line value. */
const LINE_CONTEXT = 160;

/** Files whose values may be base64 with no telling opening (a Kubernetes Secret's `data:`, a .env). */
const CONFIG_PATH = /(?:\.(?:ya?ml|json|jsonc|toml|env|properties|ini|conf|cfg)|(?:^|[\\/])\.env(?:\.[\w.-]+)?)$/i;

interface Collected {
  candidates: Candidate[];
  warnings: string[];
  doc: StructuredDocument | undefined;
  incomplete?: true;
}

/** Every candidate finding in `text`, before de-duplication; `depth` counts base64 layers already decoded. */
function collect(
  input: ScanInput,
  lines: LineIndex,
  set: RuleSet,
  options: ScanOptions,
  depth: number,
  budget: DecodeBudget,
  decodeWithin?: readonly [number, number],
): Collected {
  const { text, path } = input;
  const warnings: string[] = [];
  const candidates: Candidate[] = [];
  const inlineAllow = options.inlineAllow ?? true;
  // Only the outer text has changes; text decoded from base64 is scanned whole.
  const changed = depth === 0 ? options.changed : undefined;
  const cut = changed && (options.cut?.start || options.cut?.end) ? options.cut : undefined;
  const incomplete: Collected = { candidates: [], warnings, doc: undefined, incomplete: true };
  const nearChange = (from: number, to: number) => !changed || touchesChange(changed, from, to);

  // Published test vectors: undefined when the value is not one, '' to drop it (like a placeholder), else
  // where it is published, to report it marked `example` when the caller asks.
  const reportExamples = options.reportExamples ?? false;
  const example = (secret: string, offset: number): string | undefined => {
    const where = knownExample(secret);
    if (!where) return undefined;
    if (!reportExamples) return '';
    return isAllowed(secret, options) || (inlineAllow && INLINE_ALLOW.test(lines.lineText(offset))) ? '' : where;
  };

  const accept = (secret: string, offset: number, checkPlaceholder: boolean): boolean => {
    if (!secret.trim()) return false;
    if (checkPlaceholder && isPlaceholder(secret)) return false;
    if (isReference(secret)) return false;
    if (isAllowed(secret, options)) return false;
    if (inlineAllow && INLINE_ALLOW.test(lines.lineText(offset))) return false;
    return true;
  };

  // A source that already prefiltered the raw bytes passes the result on.
  const pre = options.prefiltered ?? prefilter(set, text);
  // Keyword offsets come with the prefilter's pass; bytes with non-ASCII characters need a pass on the text.
  let positions = pre.keywords?.ascii ? pre.keywords.positions : undefined;
  const keywordPositions = () => (positions ??= locateKeywords(set, text).positions);
  let ruleIndex: Map<CompiledRule, number> | undefined;
  const ruleOrder = (c: CompiledRule) => (ruleIndex ??= new Map(pre.rules.map((r, i) => [r, i]))).get(c) ?? 0;
  for (const compiled of pre.rules) {
    let windows = text.length >= WINDOWED_MIN_LENGTH && set.asciiKeywords && options.keywordWindows !== false ? keywordWindows(compiled, keywordPositions, text.length) : undefined;
    if (changed) {
      windows = windowsNearChanges(compiled, windows, changed, text.length);
      // The whole slice, or a window the slice's cut clipped, may miss text the full scan reads.
      if (cut && (!windows || windows.some((w) => (w.clippedStart && cut.start) || (w.clippedEnd && cut.end)))) return incomplete;
    }
    const found = candidates.length;
    for (const w of windows ?? []) {
      if (!runRule(compiled, w)) {
        if (cut) return incomplete;
        // A match ran into its window's end: the window may have cut it short. Redo this rule on the whole text.
        candidates.length = found;
        runRule(compiled, WHOLE);
        break;
      }
    }
    if (!windows) runRule(compiled, WHOLE);
  }

  /** Adds the rule's accepted matches that start in the window's core; false when one reached its end. */
  function runRule(compiled: CompiledRule, w: Window): boolean {
    const { rule, regex, secretGroup } = compiled;
    const whole = w === WHOLE;
    const input = whole ? text : text.slice(w.from, w.to);
    const base = w.from;
    regex.lastIndex = whole ? 0 : w.coreStart - base;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(input)) !== null) {
      if (!whole && m.index + base > w.coreEnd) break;
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      if (!whole && w.to < text.length && m.index + m[0].length + (compiled.reach?.ahead ?? 0) >= input.length) return false;
      const group = secretGroup === 'secret' ? 'secret' : m.length > 1 ? 1 : 0;
      const secret = (group === 'secret' ? m.groups?.secret : m[group]) ?? '';
      const span = group === 'secret' ? m.indices?.groups?.secret : m.indices?.[group];
      const offset = (span ? span[0] : m.index) + base;
      if (base) {
        // Validators read around the match (the key before `=`, the character before a token): they see
        // the whole text at the true offset, as without windows.
        m.index += base;
        m.input = text;
      }
      if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
      const published = example(secret, offset);
      if (published !== undefined) {
        if (published) candidates.push({ ruleId: rule.id, title: rule.title, severity: rule.severity, generic: rule.generic ?? false, confidence: 'low', example: published, secret, offset, order: ruleOrder(compiled) });
        continue;
      }
      if (rule.validate && !rule.validate(secret, m)) continue;
      if (!accept(secret, offset, !rule.keepPlaceholders)) continue;
      let confidence = ruleConfidence(rule);
      if (rule.context && nearby(rule.context, offset, secret.length)) confidence = raiseConfidence(confidence);
      candidates.push({
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        generic: rule.generic ?? false,
        confidence,
        secret,
        offset,
        order: ruleOrder(compiled),
      });
    }
    return true;
  }

  /** Whether the identifier `re` occurs within CONTEXT_REACH of the secret (the secret itself excluded). */
  function nearby(re: RegExp, offset: number, length: number): boolean {
    const before = text.slice(Math.max(0, offset - CONTEXT_REACH), offset);
    const after = text.slice(offset + length, offset + length + CONTEXT_REACH);
    return re.test(before) || re.test(after);
  }

  let doc: StructuredDocument | undefined;
  // A config file is one view; a Markdown file has one view per config fence (offsets shifted back).
  // Near a change: the views a change touches, and those holding a raw finding (its context).
  const views = structuredViews(text, path).filter((v) => nearChange(v.start, v.end) || candidates.some((c) => c.offset >= v.start && c.offset < v.end));
  // A slice of a config file is not a document; the caller passes those whole.
  if (cut && views.some((v) => !v.embedded)) return incomplete;
  if (views.length) {
    const wanted = pre.structuredRules.filter((r) => !r.textGate || r.textGate.test(text));
    // Parse when a structured rule may fire, or to give context to raw findings.
    const docs: StructuredDocument[] = [];
    if (wanted.length || candidates.length) {
      for (const view of views) {
        const body = view.start === 0 && view.end === text.length ? text : text.slice(view.start, view.end);
        const parsed = parseStructured(body, view.format);
        if ('error' in parsed) {
          if (!view.embedded) warnings.push(`${path}: ${parsed.error}; scanned as plain text`);
          continue;
        }
        docs.push(shiftDocument(parsed.doc, view.start));
      }
    }
    for (const d of docs) {
      for (const rule of wanted) {
        for (const hit of rule.detect(d, path)) {
          const secret = hit.secret ?? hit.leaf.value;
          const offset = locate(text, hit.leaf.start, hit.leaf.end, secret);
          if (offset < 0) continue;
          const published = example(secret, offset);
          if (published === undefined && !accept(secret, offset, true)) continue;
          if (published === '') continue;
          candidates.push({
            ruleId: rule.id,
            title: rule.title,
            severity: hit.severity ?? rule.severity,
            generic: rule.generic ?? false,
            confidence: published ? 'low' : (hit.confidence ?? ruleConfidence(rule)),
            ...(published ? { example: published } : {}),
            secret,
            offset,
            order: STRUCTURED_ORDER + pre.structuredRules.indexOf(rule),
          });
        }
      }
    }
    doc = mergeDocuments(docs);
  }

  // Decoded text and config files may hold base64 with no telling opening; elsewhere a keyword must say so.
  const configLike = depth > 0 || CONFIG_PATH.test(path);
  if (depth < MAX_DECODE_DEPTH && (pre.decode || configLike)) {
    const decoded = decodedCandidates(configLike);
    if (!decoded) return incomplete;
    candidates.push(...decoded);
  }
  if (changed && !findOverlapping()) return incomplete;
  return { candidates, warnings, doc };

  /**
   * A candidate overlapped by a provider rule's (or its own rule's longer) finding is dropped for it
   * (dedupe); near a change, the rules that could overlap each candidate may not have run where it is.
   * Runs them over each candidate's span; false when one would need to read past a cut.
   */
  function findOverlapping(): boolean {
    const known = new Set(candidates.map(identity));
    let todo = candidates.slice();
    // A candidate found here may be overlapped in turn: until no new one turns up.
    while (todo.length) {
      const next: Candidate[] = [];
      for (const c of todo) {
        const start = c.offset;
        const end = c.offset + (c.spanLength ?? c.secret.length);
        for (const compiled of pre.rules) {
          const before = candidates.length;
          if (!runOver(compiled, start, end)) return false;
          for (const added of candidates.splice(before)) {
            if (known.has(identity(added))) continue;
            known.add(identity(added));
            candidates.push(added);
            next.push(added);
          }
        }
      }
      todo = next;
    }
    return true;
  }

  /** Runs a rule where a match could overlap [start, end); false when that would read past a cut. */
  function runOver(compiled: CompiledRule, start: number, end: number): boolean {
    const reach = reachOf(compiled);
    const from = reach ? start - reach.length - reach.behind : -Infinity;
    const to = reach ? end + reach.length + reach.ahead : Infinity;
    if (cut && ((cut.start && from < 0) || (cut.end && to > text.length))) return false;
    const w: Window = reach ? { from: Math.max(0, from), to: Math.min(text.length, to), coreStart: Math.max(0, start - reach.length), coreEnd: Math.min(text.length, end) } : WHOLE;
    if (runRule(compiled, w)) return true;
    if (cut) return false;
    return runRule(compiled, WHOLE);
  }

  /**
   * Findings inside base64 spans, reported at the span. A one-line decoded value is scanned in its line
   * (`API_KEY: <decoded>`), so the key name still counts; a multi-line one (a PEM key, a JSON document)
   * alone. Only findings inside the decoded part are kept: the line around it was scanned already.
   */
  function decodedCandidates(configLike: boolean): Candidate[] | undefined {
    const out: Candidate[] = [];
    for (const span of encodedSpans(text, configLike, budget, decodeWithin)) {
      if (!nearChange(span.offset, span.offset + span.length)) continue;
      // A run that reaches a cut may go on beyond it.
      if (cut && ((cut.start && span.offset === 0) || (cut.end && span.offset + span.length === text.length))) return undefined;
      if (inlineAllow && INLINE_ALLOW.test(lines.lineText(span.offset))) continue;
      let inner = span.decoded;
      let from = 0;
      if (!/[\r\n]/.test(span.decoded)) {
        const lineStart = text.lastIndexOf('\n', span.offset - 1) + 1;
        let lineEnd = text.indexOf('\n', span.offset);
        if (lineEnd === -1) lineEnd = text.length;
        // A bounded piece of the line: enough for the key before the value, not a minified file per span.
        const prefix = text.slice(Math.max(lineStart, span.offset - LINE_CONTEXT), span.offset);
        inner = prefix + span.decoded + text.slice(span.offset + span.length, Math.min(lineEnd, span.offset + span.length + LINE_CONTEXT));
        from = prefix.length;
      }
      const to = from + span.decoded.length;
      // No path: the decoded text is never parsed as a structure, and a prefilter runs on it afresh.
      const found = collect({ text: inner, path: '' }, new LineIndex(inner), set, { ...options, prefiltered: undefined, changed: undefined, cut: undefined }, depth + 1, budget, [from, to]);
      for (const c of dedupe(found.candidates)) {
        if (c.offset < from || c.offset >= to) continue;
        out.push({ ...c, offset: span.offset, spanLength: span.length, encoding: 'base64', order: DECODED_ORDER + c.order });
      }
    }
    return out;
  }
}

/** Texts shorter than this run every rule over the whole text: windows would not save a pass. */
const WINDOWED_MIN_LENGTH = 4096;
/** Windows covering more than this share of the text are not worth their slicing: the whole text runs. */
const MAX_WINDOWED_SHARE = 0.5;

/** The whole text, for rules that run without windows. */
const WHOLE: Window = { from: 0, to: Infinity, coreStart: 0, coreEnd: Infinity };

interface Window {
  /** The slice the regex runs on. */
  from: number;
  to: number;
  /** Matches are taken when they start in [coreStart, coreEnd]. */
  coreStart: number;
  coreEnd: number;
  /** The slice would reach before the text's start / past its end, and was clipped there. */
  clippedStart?: boolean;
  clippedEnd?: boolean;
}

/**
 * Where a rule needs to run: around each occurrence of its keywords, wide enough that any match touching a
 * keyword, with everything its lookarounds read, lies inside the slice. A match starting in the core is
 * therefore exactly the match the whole-text scan finds there; what is no longer found is a match with
 * none of its rule's keywords within one match length of it (the keyword is where a rule fires, as in
 * trufflehog's per-chunk keywords). Undefined — run the whole text — when the rule's reach is unbounded,
 * it has no keywords, one of them is everywhere, or the windows would cover most of the text anyway.
 */
function keywordWindows(
  compiled: CompiledRule,
  keywordPositions: () => (number[] | null | undefined)[],
  length: number,
): Window[] | undefined {
  const ids = compiled.keywordIds;
  if (!ids?.length) return undefined;
  const reach = reachOf(compiled);
  if (!reach) return undefined;
  const all = keywordPositions();
  const starts: number[] = [];
  for (const id of ids) {
    const list = all[id];
    if (list === null) return undefined;
    if (list === undefined) continue;
    for (const p of list) starts.push(p);
  }
  const longest = compiled.rule.keywords.reduce((a, k) => Math.max(a, k.length), 0);
  // Selected by a prefilter that saw a keyword this pass did not (cannot happen for ASCII keywords): be safe.
  if (starts.length === 0) return undefined;
  starts.sort((a, b) => a - b);
  const span = reach.length;
  const windows: Window[] = [];
  let covered = 0;
  for (const s of starts) {
    const coreStart = Math.max(0, s - span);
    const coreEnd = Math.min(length, s + longest + span);
    const last = windows[windows.length - 1];
    if (last && coreStart <= last.to) {
      last.coreEnd = Math.max(last.coreEnd, coreEnd);
      const to = Math.min(length, last.coreEnd + span + reach.ahead);
      covered += to - last.to;
      last.to = to;
      continue;
    }
    const from = Math.max(0, coreStart - reach.behind);
    const to = Math.min(length, coreEnd + span + reach.ahead);
    covered += to - from;
    windows.push({ from, to, coreStart, coreEnd });
  }
  return covered > length * MAX_WINDOWED_SHARE ? undefined : windows;
}

/**
 * How far from a change a rule still runs, beyond its pattern's own reach: what its checks read beside a
 * match (a URL's host up to 300 characters before a query key, the key before `=`, the identifiers that
 * raise confidence), plus a finding's length, since one that overlaps another is dropped for it (dedupe).
 */
const CHANGE_CONTEXT = CONTEXT_REACH + 256;

function touchesChange(changed: readonly (readonly [number, number])[], from: number, to: number): boolean {
  for (const [a, b] of changed) if (from < b + CHANGE_CONTEXT && a - CHANGE_CONTEXT < to) return true;
  return false;
}

/**
 * With `changed`, the windows a rule needs: the parts of its windows' cores (its keyword windows, or the
 * whole text) where a match could start and still touch a change, each with the slice such a match reads.
 * A match starting further from a change ends before it. Undefined when the rule's reach is unbounded.
 */
function windowsNearChanges(
  compiled: CompiledRule,
  windows: Window[] | undefined,
  changed: readonly (readonly [number, number])[],
  length: number,
): Window[] | undefined {
  const reach = reachOf(compiled);
  if (!reach) return undefined;
  const cores = windows ?? [WHOLE];
  const out: Window[] = [];
  let first = 0;
  for (const [a, b] of changed) {
    const nearStart = a - CHANGE_CONTEXT - reach.length;
    const nearEnd = b + CHANGE_CONTEXT;
    // Cores are in order and do not overlap: the ones ending before this change end before the next too.
    while (first < cores.length && cores[first].coreEnd < nearStart) first++;
    for (let k = first; k < cores.length && cores[k].coreStart <= nearEnd; k++) {
      const start = Math.max(cores[k].coreStart, nearStart);
      const end = Math.min(cores[k].coreEnd, nearEnd);
      if (start > end) continue;
      out.push({
        from: Math.max(0, start - reach.behind),
        to: Math.min(length, end + reach.length + reach.ahead),
        coreStart: Math.max(0, start),
        coreEnd: Math.min(length, end),
        clippedStart: start - reach.behind < 0,
        clippedEnd: end + reach.length + reach.ahead > length,
      });
    }
  }
  // Two changes may share a core: the union of what each needs, in order.
  out.sort((x, y) => x.coreStart - y.coreStart);
  const merged: Window[] = [];
  for (const w of out) {
    const last = merged[merged.length - 1];
    if (last && w.coreStart <= last.coreEnd) {
      last.to = Math.max(last.to, w.to);
      last.coreEnd = Math.max(last.coreEnd, w.coreEnd);
      last.clippedEnd ||= w.clippedEnd;
    } else merged.push(w);
  }
  return merged;
}

/** How far the rule's matches reach (null: unbounded), worked out from its pattern on first use. */
function reachOf(compiled: CompiledRule): PatternReach | null {
  if (compiled.reach === undefined) compiled.reach = patternReach(compiled.regex) ?? null;
  return compiled.reach;
}

/** Where `secret` sits in the text: inside the leaf's span when known, else its first occurrence. */
function locate(text: string, start: number, end: number, secret: string): number {
  if (start >= 0) {
    const i = text.indexOf(secret, start);
    if (i >= 0 && i <= Math.max(end, start)) return i;
    // Escaped JSON strings differ from their value; fall back to the leaf start.
    return start;
  }
  return text.indexOf(secret);
}

function identity(c: Candidate): string {
  return `${c.ruleId}\u0000${c.offset}\u0000${c.secret}`;
}

function isAllowed(secret: string, options: ScanOptions): boolean {
  const list = options.allowlist;
  if (!list) return false;
  if (list.values?.includes(secret)) return true;
  if (list.regexes?.some((re) => re.test(secret))) return true;
  const lower = secret.toLowerCase();
  return list.stopwords?.some((w) => lower.includes(w.toLowerCase())) ?? false;
}

/**
 * One finding per span: a provider rule beats a generic one on overlapping text; two rules of the same kind
 * on the same span keep the decoded secret, else the longer one; the same rule never reports one secret twice at one place.
 */
function dedupe(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      Number(a.generic) - Number(b.generic) ||
      // A secret decoded from base64 beats the same kind of rule reporting the encoded text itself.
      Number(!a.encoding) - Number(!b.encoding) ||
      b.secret.length - a.secret.length ||
      a.offset - b.offset ||
      a.order - b.order,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const end = c.offset + (c.spanLength ?? c.secret.length);
    const clash = kept.some((k) => {
      const overlaps = c.offset < k.offset + (k.spanLength ?? k.secret.length) && k.offset < end;
      if (!overlaps) return false;
      if (k.ruleId === c.ruleId) return true;
      // Provider rules that overlap each other are both kept: they name different credentials.
      return c.generic;
    });
    if (!clash) kept.push(c);
  }
  return kept.sort((a, b) => a.offset - b.offset || (a.ruleId < b.ruleId ? -1 : 1));
}
