// Where a server entry holds plaintext secrets: env values, arguments, header values, the URL. Each value is
// scanned by the engine on its own, inside a one-key JSON object named like the field, so secret-named-key
// detectors see the name (`GITHUB_TOKEN`, `--api-key`, `Authorization`) as they would in the real file.
import { scanText } from '../engine/scan-text.js';
import type { RuleSet } from '../engine/ruleset.js';

export type SiteKind = 'env' | 'arg' | 'header' | 'url';

export interface SecretSite {
  kind: SiteKind;
  /** Env var or header name; for args the index (in the launch args, after any existing keyward wrap). */
  field: string;
  index?: number;
  /** The whole value at the site. */
  value: string;
  /** The secret spans the engine reported inside `value` (distinct, in order). */
  secrets: string[];
  ruleIds: string[];
}

export function findSecretSites(entry: { env?: Record<string, string>; args?: string[]; headers?: Record<string, string>; url?: string }, rules: RuleSet): SecretSite[] {
  const sites: SecretSite[] = [];
  const check = (kind: SiteKind, field: string, value: string, keyName: string, index?: number): void => {
    const text = `{\n  ${JSON.stringify(keyName)}: ${JSON.stringify(value)}\n}\n`;
    const { findings } = scanText({ text, path: 'keyward-protect-probe.json' }, rules, { inlineAllow: false });
    if (!findings.length) return;
    const secrets: string[] = [];
    for (const f of findings) {
      // A secret the JSON escaping changed (quotes, backslashes) cannot be found as a substring: take the value.
      const s = value.includes(f.secret) ? f.secret : value;
      if (!secrets.includes(s)) secrets.push(s);
    }
    sites.push({ kind, field, index, value, secrets, ruleIds: [...new Set(findings.map((f) => f.ruleId))] });
  };
  for (const [name, value] of Object.entries(entry.env ?? {})) check('env', name, value, name);
  (entry.args ?? []).forEach((arg, i) => {
    const prev = i > 0 ? entry.args![i - 1] : '';
    const flag = /^--?[A-Za-z]/.test(prev) && !prev.includes('=') ? prev : '';
    const inline = /^(--?[A-Za-z][\w-]*)=/.exec(arg)?.[1] ?? '';
    check('arg', String(i), arg, (inline || flag || 'arg').replace(/^-+/, ''), i);
  });
  for (const [name, value] of Object.entries(entry.headers ?? {})) check('header', name, value, name);
  if (entry.url) check('url', 'url', entry.url, 'url');
  return sites;
}

/** Variable name for a secret that sits in an argument, header or URL: `KEYWARD_ARG_API_KEY`. */
export function bindingName(site: SecretSite, args?: string[]): string {
  const clean = (s: string): string => s.replace(/^-+/, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  switch (site.kind) {
    case 'env':
      return site.field;
    case 'header':
      return `KEYWARD_HEADER_${clean(site.field) || 'VALUE'}`;
    case 'url': {
      const param = urlParamName(site.value, site.secrets[0]);
      return `KEYWARD_URL_${clean(param) || 'SECRET'}`;
    }
    case 'arg': {
      const i = site.index ?? 0;
      const inline = /^(--?[A-Za-z][\w-]*)=/.exec(site.value)?.[1];
      const prev = i > 0 ? args?.[i - 1] : undefined;
      const flag = inline ?? (prev && /^--?[A-Za-z]/.test(prev) ? prev : undefined);
      return `KEYWARD_ARG_${(flag && clean(flag)) || String(i)}`;
    }
  }
}

function urlParamName(url: string, secret: string | undefined): string {
  if (!secret) return '';
  try {
    const u = new URL(url);
    for (const [k, v] of u.searchParams) if (v.includes(secret)) return k;
    if (u.password && decodeURIComponent(u.password).includes(secret)) return 'PASSWORD';
    if (u.username && decodeURIComponent(u.username).includes(secret)) return 'USERNAME';
  } catch {
    // Not a URL the WHATWG parser takes: fall back to a generic name.
  }
  return '';
}
