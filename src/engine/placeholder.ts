// Values that look like credentials but are templates, examples or documentation, never real secrets.

/** Documented example keys published by providers themselves. */
const DOCUMENTED_EXAMPLES = new Set<string>([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
]);

const PLACEHOLDER_WORDS =
  /(?:your|my|insert|enter|replace|put|add)[_\-\s]?(?:own[_\-\s]?)?(?:[a-z]+[_\-\s]?){0,3}(?:key|token|secret|password|here|id|pat)|placeholder|changeme|change[_-]me|replace[_-]?me|redacted|dummy|example|sample|fake|test[_-]?(?:key|token|secret)|xxxx|\*\*\*\*|\.\.\.|<[^>]*>|\{\{[^}]*\}\}|todo|fixme|not[_-]?set|none|null|undefined/i;

/** Whole value made of one repeated character, or of a short unit repeated (abcabcabc…). */
function isRepetitive(value: string): boolean {
  if (value.length < 4) return false;
  for (let unit = 1; unit <= 4; unit++) {
    if (value.length < unit * 3) break;
    const head = value.slice(0, unit);
    let same = true;
    for (let i = unit; i < value.length; i++) {
      if (value[i] !== head[i % unit]) {
        same = false;
        break;
      }
    }
    if (same) return true;
  }
  return false;
}

/** A run of 5 or more identical characters (sk-xxxxxxxx…, 000000…) marks a template. */
const LONG_RUN = /(.)\1{5,}/;
const SEQUENTIAL = /(?:0123456789|123456789|abcdefghij|ABCDEFGHIJ)/;

/** The part of a secret after a known prefix (sk-, ghp_, xoxb-…), so "sk-xxxx" is judged on "xxxx". */
function body(value: string): string {
  const m = /^[A-Za-z]{1,12}[-_](?:[A-Za-z]{1,8}[-_])?/.exec(value);
  return m && m[0].length < value.length ? value.slice(m[0].length) : value;
}

export function isPlaceholder(value: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  if (/EXAMPLE/.test(value)) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  const rest = body(value);
  if (isRepetitive(value) || isRepetitive(rest)) return true;
  if (LONG_RUN.test(rest)) return true;
  if (SEQUENTIAL.test(rest)) return true;
  return false;
}
