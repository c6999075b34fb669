// Arguments shown to a person (approval page, `keyward approvals list`) go through the detection engine first:
// every string leaf is scanned and each finding replaced by the shared redact() mask.
import { redact } from '../../engine/redact.js';
import { scanText } from '../../engine/scan-text.js';
import type { RuleSet } from '../../engine/ruleset.js';
import { builtinRuleSet } from '../../rules/index.js';

let rules: RuleSet | undefined;

export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 100) return '[too deep]';
  if (typeof value === 'string') return maskString(value);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, depth + 1)]));
  }
  return value;
}

export function maskString(text: string): string {
  rules ??= builtinRuleSet();
  const { findings } = scanText({ text, path: 'approval-arguments.txt' }, rules, { inlineAllow: false });
  let out = text;
  for (const f of findings) if (f.secret) out = out.split(f.secret).join(redact(f.secret));
  return out;
}
