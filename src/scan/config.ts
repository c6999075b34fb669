// Loads `keyward.config.json` or `.keyward.toml`: extra rules (checked against their own examples on
// load), allow-lists, ignored paths, disabled rules and the size cap. A bad config is an error with the
// file name and what to fix, never a silently weaker scan.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as SmolToml from 'smol-toml';
import { lazyModule } from '../engine/lazy-module.js';
import { checkRuleExamples } from '../engine/check-examples.js';
import type { Severity } from '../engine/types.js';
import { SEVERITY_ORDER } from '../engine/types.js';
import { builtinRules, structuredRules } from '../rules/index.js';
import { userRule, type UserRuleSpec } from './engine.js';

const toml = lazyModule<typeof SmolToml>('smol-toml');

export const CONFIG_NAMES = ['keyward.config.json', '.keyward.toml'] as const;

export interface ScanConfig {
  /** Where it was loaded from, for messages. */
  file?: string;
  rules: UserRuleSpec[];
  disabledRules: string[];
  allowlist: { regexes: string[]; stopwords: string[]; values: string[]; paths: string[] };
  maxFileSize?: number;
}

export class ConfigError extends Error {}

export const emptyConfig = (): ScanConfig => ({
  rules: [],
  disabledRules: [],
  allowlist: { regexes: [], stopwords: [], values: [], paths: [] },
});

/** `10MB`, `512k`, `1g`, or a number of bytes. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * unit);
}

/** The explicit file, else the first of CONFIG_NAMES in `dir`, else the empty config. */
export async function loadConfig(dir: string, explicit?: string): Promise<ScanConfig> {
  const candidates = explicit ? [explicit] : CONFIG_NAMES.map((n) => join(dir, n));
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if (explicit) throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
      continue;
    }
    let raw: unknown;
    try {
      raw = file.endsWith('.toml') ? toml().parse(text) : JSON.parse(text);
    } catch (e) {
      throw new ConfigError(`${file}: not valid ${file.endsWith('.toml') ? 'TOML' : 'JSON'}: ${(e as Error).message}`);
    }
    return { ...parseConfig(raw, file), file };
  }
  return emptyConfig();
}

const str = (v: unknown): v is string => typeof v === 'string';
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every(str);

export function parseConfig(raw: unknown, file = 'config'): ScanConfig {
  const fail = (msg: string): never => {
    throw new ConfigError(`${file}: ${msg}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('expected an object at the top level');
  const obj = raw as Record<string, unknown>;
  const known = new Set(['rules', 'disabledRules', 'allowlist', 'maxFileSize', '$schema']);
  for (const k of Object.keys(obj)) if (!known.has(k)) fail(`unknown key "${k}" (known: ${[...known].filter((x) => x !== '$schema').join(', ')})`);
  const config = emptyConfig();

  if (obj.maxFileSize !== undefined) {
    const size = str(obj.maxFileSize) || typeof obj.maxFileSize === 'number' ? parseSize(obj.maxFileSize) : undefined;
    if (size === undefined) fail(`maxFileSize must be a size such as "10MB" or a number of bytes`);
    config.maxFileSize = size;
  }

  if (obj.disabledRules !== undefined) {
    if (!strList(obj.disabledRules)) fail('disabledRules must be a list of rule ids');
    const ids = new Set([...builtinRules, ...structuredRules].map((r) => r.id));
    for (const id of obj.disabledRules as string[]) if (!ids.has(id)) fail(`disabledRules: no built-in rule "${id}" (see \`keyward rules list\`)`);
    config.disabledRules = obj.disabledRules as string[];
  }

  if (obj.allowlist !== undefined) {
    const a = obj.allowlist as Record<string, unknown>;
    if (!a || typeof a !== 'object' || Array.isArray(a)) fail('allowlist must be an object');
    for (const k of Object.keys(a)) {
      if (!['regexes', 'stopwords', 'values', 'paths'].includes(k)) fail(`allowlist: unknown key "${k}" (known: regexes, stopwords, values, paths)`);
      if (!strList(a[k])) fail(`allowlist.${k} must be a list of strings`);
    }
    for (const r of (a.regexes as string[] | undefined) ?? []) {
      try {
        new RegExp(r);
      } catch (e) {
        fail(`allowlist.regexes: ${(e as Error).message}`);
      }
    }
    config.allowlist = {
      regexes: (a.regexes as string[]) ?? [],
      stopwords: (a.stopwords as string[]) ?? [],
      values: (a.values as string[]) ?? [],
      paths: (a.paths as string[]) ?? [],
    };
  }

  if (obj.rules !== undefined) {
    if (!Array.isArray(obj.rules)) fail('rules must be a list');
    const taken = new Set([...builtinRules, ...structuredRules].map((r) => r.id));
    config.rules = (obj.rules as unknown[]).map((r, i) => {
      const spec = parseRule(r, `rules[${i}]`, fail);
      if (taken.has(spec.id)) fail(`rules[${i}]: id "${spec.id}" is already taken`);
      taken.add(spec.id);
      return spec;
    });
  }
  return config;
}

function parseRule(raw: unknown, where: string, fail: (msg: string) => never): UserRuleSpec {
  if (!raw || typeof raw !== 'object') fail(`${where} must be an object`);
  const r = raw as Record<string, unknown>;
  if (!str(r.id) || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(r.id)) fail(`${where}.id must be kebab-case, e.g. "acme-api-key"`);
  const at = `${where} (${r.id as string})`;
  if (!str(r.title)) fail(`${at}: title is required`);
  if (!str(r.pattern)) fail(`${at}: pattern (a regular expression string) is required`);
  const severity = (r.severity ?? 'high') as Severity;
  if (!(severity in SEVERITY_ORDER)) fail(`${at}: severity must be one of ${Object.keys(SEVERITY_ORDER).join(', ')}`);
  if (r.keywords !== undefined && !strList(r.keywords)) fail(`${at}: keywords must be a list of strings`);
  if (r.entropy !== undefined && typeof r.entropy !== 'number') fail(`${at}: entropy must be a number (bits per character)`);
  if (r.flags !== undefined && (!str(r.flags) || /[^imsu]/.test(r.flags))) fail(`${at}: flags may only use i, m, s, u`);
  const ex = (r.examples ?? {}) as Record<string, unknown>;
  if (!strList(ex.positive) || ex.positive.length === 0) fail(`${at}: examples.positive must list at least one string the rule must find`);
  if (ex.negative !== undefined && !strList(ex.negative)) fail(`${at}: examples.negative must be a list of strings`);
  const spec: UserRuleSpec = {
    id: r.id as string,
    title: r.title as string,
    severity,
    keywords: ((r.keywords as string[]) ?? []).map((k) => k.toLowerCase()),
    pattern: r.pattern as string,
    flags: r.flags as string | undefined,
    entropy: r.entropy as number | undefined,
    examples: { positive: ex.positive as string[], negative: (ex.negative as string[]) ?? [] },
  };
  let rule;
  try {
    rule = userRule(spec);
  } catch (e) {
    fail(`${at}: bad pattern: ${(e as Error).message}`);
  }
  // The rule must prove itself, like the built-in ones: a keyword that never occurs in the examples or a
  // pattern that misses them would silently scan for nothing.
  const failures = checkRuleExamples(rule!);
  if (failures.length) {
    const f = failures[0];
    fail(`${at}: ${f.kind} example ${f.kind === 'positive' ? 'not found' : 'reported'}: ${JSON.stringify(f.example.slice(0, 60))}${f.kind === 'positive' ? ' (check the pattern and that a keyword occurs in it)' : ''}`);
  }
  return spec;
}
