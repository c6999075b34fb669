// Secrets stored base64-encoded: a Kubernetes Secret's `data:` values, a Smithery `?config=` blob, a PEM key
// or a JSON config pasted as one base64 string. This finds the few spans worth decoding, cheaply, and decodes
// them; scan-text.ts runs the rules again on the decoded text and reports at the encoded span. Pure.

/**
 * Prefilter keywords that make a text worth looking at for base64 (lower-case; the automaton ignores case):
 * the base64 openings of `{"`, `{\n`, `{ "` and `-----BEGIN`, Smithery's `config=` and a Kubernetes Secret.
 */
export const DECODE_KEYWORDS = ['eyj', 'ewog', 'ewoi', 'eyai', 'ls0tls1', 'config=', 'kind: secret'];

/** Openings searched for in any text: base64 of a JSON object or of a PEM armour line. */
const OPENINGS = /eyJ|ewo[gi]|eyAi|LS0tLS1|config=/g;

/** A value after `key:` / `key=` / `"key": "` in a config file (YAML, JSON, TOML, .env, properties). */
const CONFIG_VALUE = /[:=][ \t]*["']?(?=[A-Za-z0-9+/_-]{16})/g;

const RUN = /[A-Za-z0-9+/_-]+={0,2}/y;
const URL_RUN = /(?:[A-Za-z0-9+/_-]|%2[BbFf]|%3[Dd])+/y;

/** Shorter runs hold too little to be a secret once decoded; longer ones are files, not values. */
const MIN_RUN = 16;
const MAX_RUN = 16 * 1024;
/** Spans tried and bytes decoded per scanned text (all depths together): a bound on the work per file. */
export const MAX_SPANS_PER_TEXT = 256;
export const MAX_DECODED_PER_TEXT = 256 * 1024;
/** Config-value spans are only looked for in texts up to this size (large JSON files are data, not config). */
const MAX_CONFIG_TEXT = 2 * 1024 * 1024;

export interface EncodedSpan {
  /** Where the base64 text sits in the scanned text. */
  offset: number;
  length: number;
  decoded: string;
}

export interface DecodeBudget {
  spans: number;
  bytes: number;
}

export function decodeBudget(): DecodeBudget {
  return { spans: MAX_SPANS_PER_TEXT, bytes: MAX_DECODED_PER_TEXT };
}

/**
 * The base64 spans of `text` that decode to printable UTF-8. `configLike` also tries every value of a
 * key (config files and decoded text, where a value may be base64 with no telling opening).
 */
export function encodedSpans(text: string, configLike: boolean, budget: DecodeBudget, within?: readonly [number, number]): EncodedSpan[] {
  const starts = new Set<number>();
  const urlEncoded = new Set<number>();
  OPENINGS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPENINGS.exec(text)) !== null) {
    if (m[0] === 'config=') {
      const at = m.index + m[0].length;
      if (/[?&]/.test(text[m.index - 1] ?? '')) {
        starts.add(at);
        urlEncoded.add(at);
      }
      continue;
    }
    if (!isBase64Char(text.charCodeAt(m.index - 1))) starts.add(m.index);
  }
  if (configLike && text.length <= MAX_CONFIG_TEXT) {
    CONFIG_VALUE.lastIndex = 0;
    while ((m = CONFIG_VALUE.exec(text)) !== null) {
      starts.add(m.index + m[0].length);
      if (starts.size > MAX_SPANS_PER_TEXT * 4) break;
    }
  }
  const spans: EncodedSpan[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    if (within && (start < within[0] || start >= within[1])) continue;
    if (budget.spans <= 0 || budget.bytes <= 0) break;
    const re = urlEncoded.has(start) ? URL_RUN : RUN;
    re.lastIndex = start;
    const run = re.exec(text)?.[0];
    if (!run || run.length < MIN_RUN || run.length > MAX_RUN) continue;
    if (!ownedElsewhere(text, start, run.length)) {
      budget.spans--;
      const decoded = decodeBase64(urlEncoded.has(start) ? safeUriDecode(run) : run);
      if (decoded === undefined) continue;
      budget.bytes -= decoded.length;
      spans.push({ offset: start, length: run.length, decoded });
    }
  }
  return spans;
}

/**
 * Spans other rules or formats own, or that are never secrets: Basic credentials (authorization-basic
 * decodes them itself), data URLs (images, source maps), SRI and lockfile hashes (`sha512-…`), JWT parts
 * (the jwt rule reports the whole token).
 */
function ownedElsewhere(text: string, start: number, length: number): boolean {
  const before = text.slice(Math.max(0, start - 16), start);
  if (/\bbasic[ \t]+$/i.test(before)) return true;
  if (/base64,$/i.test(before)) return true;
  if (/\bsha(?:1|256|384|512)-$/i.test(before)) return true;
  return text[start - 1] === '.' || text[start + length] === '.';
}

function isBase64Char(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 45 || c === 95;
}

function safeUriDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The text `run` encodes, or undefined when it is not base64 of text: one alphabet (standard or url-safe,
 * never both), sane padding, and decoded bytes that are valid UTF-8 with no control characters but
 * tab and newlines. Random binary, hashes and long identifiers fail the last test almost always.
 */
export function decodeBase64(run: string): string | undefined {
  const body = run.replace(/=+$/, '');
  const padding = run.length - body.length;
  const standard = /[+/]/.test(body);
  const urlSafe = /[-_]/.test(body);
  if (standard && urlSafe) return undefined;
  if (body.length % 4 === 1) return undefined;
  if (padding && (run.length % 4 !== 0 || urlSafe)) return undefined;
  // An identifier or a word is letters only or one case; base64 of text mixes cases and digits.
  if (!/[a-z]/.test(body) || !/[A-Z]/.test(body)) return undefined;
  const bytes = Buffer.from(body, urlSafe ? 'base64url' : 'base64');
  const decoded = bytes.toString('utf8');
  if (decoded.length < 8) return undefined;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) return undefined;
  }
  return /[A-Za-z0-9]/.test(decoded) ? decoded : undefined;
}
