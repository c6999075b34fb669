// Redaction of JSON-RPC traffic: walks every string leaf of a message. Secrets the gateway injected itself are
// always masked (also their base64, base64url, URL-encoded, JSON-escaped and hex forms); other secrets the engine
// detects are masked as `[REDACTED:<rule>]` unless allow-listed, or refused in `block` mode for arguments.
import { builtinRuleSet } from '../rules/index.js';
import type { RuleSet } from '../engine/ruleset.js';
import { prefilter } from '../engine/ruleset.js';
import { scanText } from '../engine/scan-text.js';

export interface InjectedSecret {
  /** Where it came from, e.g. the env var name; shown in the mask, never the value. */
  label: string;
  value: string;
}

export interface RedactionStats {
  /** Masked occurrences by rule id (`injected` for gateway-injected secrets). */
  masked: Map<string, number>;
  /** Rule ids that would have been masked in block mode. */
  blocked: string[];
}

export interface RedactOptions {
  /** Tool the message belongs to (for per-tool allow entries). */
  tool?: string;
  /** Refuse instead of masking detected (not injected) secrets. */
  block?: boolean;
}

/** Shorter injected values are not masked: too many false hits on ordinary text ("true", "1234"). */
const MIN_INJECTED_LENGTH = 6;

/**
 * The secrets a gateway session injected into its upstreams (env vars, headers), by owner. One compiled
 * alternation over every encoded form of every secret, shared by all servers of the session, so a secret
 * given to one server is masked even when another server's traffic carries it.
 */
export class InjectedSecrets {
  private readonly byOwner = new Map<string, InjectedSecret[]>();
  private pattern: RegExp | undefined;
  private readonly labels = new Map<string, string>();

  set(owner: string, secrets: InjectedSecret[]): void {
    this.byOwner.set(owner, secrets);
    this.labels.clear();
    for (const list of this.byOwner.values()) {
      for (const s of list) {
        if (s.value.length < MIN_INJECTED_LENGTH) continue;
        for (const v of encodedForms(s.value)) if (v.length >= MIN_INJECTED_LENGTH) this.labels.set(v, s.label);
      }
    }
    const forms = [...this.labels.keys()].sort((a, b) => b.length - a.length);
    // Longest first, so a form that contains another (base64 padding) wins.
    this.pattern = forms.length ? new RegExp(forms.map(escapeRegex).join('|'), 'g') : undefined;
  }

  get size(): number {
    return this.labels.size;
  }

  mask(text: string, stats: RedactionStats): string {
    const re = this.pattern;
    if (!re) return text;
    re.lastIndex = 0;
    if (!re.test(text)) return text;
    re.lastIndex = 0;
    return text.replace(re, (m) => {
      bump(stats, 'injected');
      return `[REDACTED:injected:${this.labels.get(m) ?? 'secret'}]`;
    });
  }
}

export class Redactor {
  private readonly serverAllow = new Set<string>();
  private readonly toolAllow = new Map<string, Set<string>>();

  constructor(
    readonly injected: InjectedSecrets = new InjectedSecrets(),
    allow: string[] = [],
    private readonly rules: RuleSet = builtinRuleSet(),
  ) {
    for (const entry of allow) {
      const slash = entry.indexOf('/');
      if (slash < 0) this.serverAllow.add(entry);
      else {
        const tool = entry.slice(0, slash);
        const set = this.toolAllow.get(tool) ?? new Set<string>();
        set.add(entry.slice(slash + 1));
        this.toolAllow.set(tool, set);
      }
    }
  }

  /** Masks one string; returns it unchanged (same reference) when nothing was found. */
  redactString(text: string, stats: RedactionStats, options: RedactOptions = {}): string {
    // Injected secrets first and always: allow-lists and modes never apply to them.
    let out = this.injected.mask(text, stats);
    // One keyword pass decides whether to scan at all and is handed on, so the engine does not repeat it.
    const prefiltered = prefilter(this.rules, out);
    if (!prefiltered.rules.length) return out;
    const trimmed = out.trimStart();
    // JSON text (an env dump, a config file) gets the structured detectors too (secret-named keys).
    const path = trimmed.startsWith('{') || trimmed.startsWith('[') ? 'gateway-message.json' : 'gateway-message.txt';
    const { findings } = scanText({ text: out, path }, this.rules, { inlineAllow: false, prefiltered });
    const kept = findings.filter((f) => !this.allowed(f.ruleId, options.tool));
    if (!kept.length) return out;
    if (options.block) {
      for (const f of kept) if (!stats.blocked.includes(f.ruleId)) stats.blocked.push(f.ruleId);
      return out;
    }
    // Replace right to left so earlier offsets stay valid; a finding whose offset drifted (escaped JSON)
    // falls back to replacing every occurrence of its secret.
    const sorted = [...kept].sort((a, b) => b.offset - a.offset);
    const loose: typeof kept = [];
    let lastStart = Infinity;
    for (const f of sorted) {
      const end = f.offset + f.length;
      if (out.slice(f.offset, end) === f.secret && end <= lastStart) {
        out = `${out.slice(0, f.offset)}[REDACTED:${f.ruleId}]${out.slice(end)}`;
        lastStart = f.offset;
        bump(stats, f.ruleId);
      } else loose.push(f);
    }
    for (const f of loose) {
      if (!f.secret || !out.includes(f.secret)) continue;
      out = out.split(f.secret).join(`[REDACTED:${f.ruleId}]`);
      bump(stats, f.ruleId);
    }
    return out;
  }

  /**
   * Redacts every string leaf of a JSON value; returns a new value only where something changed (object keys
   * are kept: they name things, and rewriting them would break the protocol).
   */
  redactValue<T>(value: T, stats: RedactionStats, options: RedactOptions = {}): T {
    return this.walk(value, stats, options, 0) as T;
  }

  private walk(value: unknown, stats: RedactionStats, options: RedactOptions, depth: number): unknown {
    if (depth > 200) throw new Error('message nested too deeply to redact');
    if (typeof value === 'string') return this.redactString(value, stats, options);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = this.walk(value[i], stats, options, depth + 1);
        if (next !== value[i]) (copy ??= [...value])[i] = next;
      }
      return copy ?? value;
    }
    if (value && typeof value === 'object') {
      let copy: Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(value)) {
        const next = this.walk(v, stats, options, depth + 1);
        if (next !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = next;
      }
      return copy ?? value;
    }
    return value;
  }

  private allowed(ruleId: string, tool: string | undefined): boolean {
    if (this.serverAllow.has(ruleId)) return true;
    if (!tool) return false;
    const set = this.toolAllow.get(tool);
    return !!set && (set.has('*') || set.has(ruleId));
  }
}

export function newStats(): RedactionStats {
  return { masked: new Map(), blocked: [] };
}

function bump(stats: RedactionStats, rule: string): void {
  stats.masked.set(rule, (stats.masked.get(rule) ?? 0) + 1);
}

/**
 * The forms an injected secret can take in traffic. Base64 at each of the three byte alignments (a secret
 * inside a larger encoded blob), with the characters that depend on neighbouring bytes dropped.
 */
export function encodedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const b64 = padded.toString('base64').replace(/=+$/, '');
    // Leading chars mix in the zero padding; trailing chars may mix in whatever follows.
    const head = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
    const totalBits = padded.length * 8;
    const stableChars = Math.floor(totalBits / 6);
    const core = b64.slice(head, stableChars);
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  forms.add(bytes.toString('base64'));
  forms.add(bytes.toString('base64url'));
  forms.add(encodeURIComponent(value));
  forms.add(encodeURIComponent(value).replace(/%20/g, '+'));
  forms.add(JSON.stringify(value).slice(1, -1));
  forms.add(bytes.toString('hex'));
  return [...forms];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
