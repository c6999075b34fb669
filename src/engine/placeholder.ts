// Values that look like credentials but are templates, examples or documentation, never real secrets.
// Runs on every candidate of every rule, so it is a handful of anchored regexes and no allocation-heavy work.
// Words that could occur by chance inside a random token are only trusted when delimited (`-none-`, `_test_`).
import { knownExample } from './known-examples.js';

/** Long marker words: at six or more letters they never occur by chance in a random token. */
const MARKER_ANYWHERE =
  /placeholder|change[_-]?me|replace[_-]?(?:me|this|with)|redacted|example|sample|dummy|insert[_-]?(?:your|key|token|here)|(?:key|token|secret|password)[_-]?here|paste[_-]?(?:your|here)|\*\*\*|\.\.\.|…|你的|您的|&lt;[^&\n]{1,60}&gt;|<[^<>\n]{1,60}>|\{\{[^}]*\}\}|%[sd]\b|%\([a-z_]+\)s|\{\d\}/i;

/** A "your …key/token/secret/here" phrase starting the value or after a delimiter. */
const YOUR_PHRASE =
  /(?:^|[^a-z0-9])(?:your|my|insert|enter|replace|put|add|paste)(?:[_\-\s]?[a-z][a-z0-9]*){0,4}?[_\-\s]?(?:key|token|secret|password|passwd|here|id|pat|value|credentials?)(?:$|[^a-z0-9])/i;

/** Short words that mark a template only as a whole delimited word (`sk-test-key`, `token_none`). */
const DELIMITED_WORD =
  /(?:^|[^a-z0-9])(?:none|null|nil|undefined|todo|fixme|tbd|fake|dummy|test[_-]?(?:key|token|secret|password)|demo|mock|stub|foo|foobar|bar|baz|qux|abc|abc123|not[_-]?set|unset|empty|blank|invalid|expired|revoked)(?:$|[^a-z0-9])/i;

/** Whole values that are conventional stand-ins for a password or key. */
const WHOLE_VALUE =
  /^(?:password|passw0rd|p@ssw0rd|pass|passwd|pwd|secret|token|apikey|api[_-]key|key|changeme|admin|root|guest|default|qwerty|letmein|hunter2|mypassword|mysecret|secretkey|secret[_-]key|s3cr3t|12345678?9?0?|0+|1+)$/i;

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

/** A run of 6 or more identical characters (sk-xxxxxxxx…, 000000…) marks a template. */
const LONG_RUN = /(.)\1{5,}/;
const SEQUENTIAL = /0123456789|123456789|12345678|abcdefghij|ABCDEFGHIJ|abcdef12|123abc|abc123|xyz789/;

/**
 * Hand-typed stand-ins walk the keyboard's order: `ABCDEF_ghijkl-0123`, `…AbCdEfGhIjKlMn…`, the key bytes
 * `000102…1e1f`. A random token has an ascending run of 6 (case folded) about once in 10^6 tokens.
 */
function hasAscendingRun(value: string): boolean {
  let run = 1;
  let runs4 = 0;
  for (let i = 1; i < value.length; i++) {
    const a = fold(value.charCodeAt(i - 1));
    const b = fold(value.charCodeAt(i));
    // fold() gives 0 outside letters and digits, and `9`→`:` or `z`→`{` fold to 0, so a run never crosses classes.
    if (a > 0 && b === a + 1) {
      run++;
      if (run >= 6) return true;
      if (run === 4) runs4++;
    } else run = 1;
  }
  // Two runs of four (`abcd…1234`) are as unlikely by chance as one of six.
  if (runs4 >= 2) return true;
  return value.length >= 16 && value.length % 2 === 0 && /^[0-9a-f]+$/i.test(value) && hasAscendingBytes(value);
}

/** Letters fold to lower case; anything but a letter or digit breaks a run (0 = not in a run). */
function fold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  return 0;
}

/** Hex whose bytes count up (`00 01 02 03 04 05 …`): a test key filled in order, not a random one. */
function hasAscendingBytes(hex: string): boolean {
  let run = 1;
  for (let i = 2; i + 2 <= hex.length; i += 2) {
    if (parseInt(hex.slice(i, i + 2), 16) === parseInt(hex.slice(i - 2, i), 16) + 1) {
      if (++run >= 6) return true;
    } else run = 1;
  }
  return false;
}

/** The part of a secret after a known prefix (sk-, ghp_, xoxb-…), so "sk-xxxx" is judged on "xxxx". */
function body(value: string): string {
  const m = /^[A-Za-z]{1,12}[-_](?:[A-Za-z]{1,8}[-_])?/.exec(value);
  return m && m[0].length < value.length ? value.slice(m[0].length) : value;
}

/** Template x-runs are one case (`sk-xxxx…`, `XXXX-XXXX`); mixed-case `xXxX` is as likely as any 4 letters in a key. */
const X_RUN = /xxxx|XXXX/;

export function isPlaceholder(value: string): boolean {
  if (knownExample(value)) return true;
  if (X_RUN.test(value)) return true;
  if (value.includes('EXAMPLE')) return true;
  if (WHOLE_VALUE.test(value)) return true;
  if (MARKER_ANYWHERE.test(value)) return true;
  if (YOUR_PHRASE.test(value)) return true;
  if (DELIMITED_WORD.test(value)) return true;
  const rest = body(value);
  if (isRepetitive(value) || isRepetitive(rest)) return true;
  if (LONG_RUN.test(rest)) return true;
  if (SEQUENTIAL.test(rest) || hasAscendingRun(value)) return true;
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GIT_SHA = /^[0-9a-f]{40}$/;
const INTEGRITY = /^(?:sha(?:1|256|384|512)|md5)-[A-Za-z0-9+/]{16,}={0,2}$/;
const PUBLIC_KEY = /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com) AAAA|^-----BEGIN (?:RSA )?PUBLIC KEY-----|^-----BEGIN CERTIFICATE-----|^pk_(?:live|test)_|^npub1/;

/**
 * Shapes that are identifiers or public material rather than secrets: UUIDs, git SHAs, lockfile integrity
 * hashes, public keys. Generic rules use this where the key name does not say the value is secret; provider
 * rules never do (some real keys are UUIDs or 40 hex characters).
 */
export function isNonSecretShape(value: string): boolean {
  return UUID.test(value) || GIT_SHA.test(value) || INTEGRITY.test(value) || PUBLIC_KEY.test(value);
}

/** Lockfile integrity hashes and public keys are never secret, whatever key holds them. */
export function isPublicMaterial(value: string): boolean {
  return INTEGRITY.test(value) || PUBLIC_KEY.test(value);
}
