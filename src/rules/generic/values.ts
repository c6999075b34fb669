// Is this literal plausibly a secret? The value half of every generic detector: rejects words, code,
// paths, URLs, numbers, versions, references and templates, then asks for enough randomness.
import { shannonEntropy } from '../../engine/entropy.js';
import { isNonSecretShape, isPlaceholder, isPublicMaterial } from '../../engine/placeholder.js';
import { containsReference, isReference } from '../../engine/reference.js';
import { COMMON_WORDS } from './common-words.js';

/**
 * How strongly the context already says "secret":
 * - `password`: a password-named key (short human passwords are real);
 * - `declared`: marked secret by schema (server.json `isSecret`) or sitting in an MCP `env` under a secret name;
 * - `named`: a secret-named key in code or config (`API_KEY=`, `"token":`);
 * - `bare`: nothing but the value's shape (env values under neutral names, query parameter `key=`).
 */
export type Strength = 'password' | 'declared' | 'named' | 'bare';

// API keys and tokens are almost never shorter than 12 characters; documentation mash-ups often are.
const MIN_LENGTH: Record<Strength, number> = { password: 6, declared: 8, named: 12, bare: 20 };
const MIN_ENTROPY: Record<Strength, number> = { password: 2.3, declared: 2.5, named: 3.0, bare: 3.7 };

const KEYWORD_VALUE = /^(?:true|false|yes|no|on|off|null|nil|none|undefined|nan|required|optional|string|number|boolean|object|secret|password|token|bearer|basic)$/i;
const NUMBER = /^[-+]?\d+(?:[.,_]\d+)*(?:e[-+]?\d+)?$/i;
const VERSION = /^[v^~=<>]*\d+(?:\.\d+){1,3}(?:[-+][\w.-]+)?$/;
const PATH = /^(?:\.{1,2}\/|~\/|\\\\|[A-Za-z]:[\\/]|\$HOME|%[A-Z]+%\\)/;
/** Absolute paths; base64 keys may start with `/` too, so a path needs two segments and no `+`/`=`. */
const ABSOLUTE_PATH = /^\/[\w.@-]+\/[\w.@/-]*$/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const FILE_NAME = /^[\w.@-]+\.(?:json|jsonc|pem|key|crt|cer|der|p12|pfx|jks|txt|ya?ml|toml|env|ini|cfg|conf|js|mjs|cjs|ts|py|sh|rb|go|md|html|xml|csv|log|gpg|asc)$/i;
const HOST = /^(?:[a-z0-9-]+\.)+(?:[a-z]{2,})(?::\d+)?$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/** Names that identify rather than authenticate: URNs (`urn:uuid:…` WebDAV lock tokens), 0x… chain addresses. */
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i;
const CHAIN_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** A dereference or address of a variable (`*args.WithCredentials`, `&opts.token`): code, not a literal. */
const POINTER_EXPRESSION = /^[*&]+[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
/**
 * Lower-case words joined by separators, small numbers, timestamps and version tags allowed
 * (`fc-full-v1-contract-key`, `create-view-1672531200`).
 */
const LOWER_WORDS = /^[a-z]+(?:[-_.](?:[a-z]+|\d{1,4}|\d{10,13}|v\d{1,3}))*$/;
const SLUG = /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/;
/** Environment variable names (`GITHUB_TOKEN`, `API`) — but not upper-case keys such as AKIA… ids. */
const UPPER_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]+$/;
const CAMEL_WORDS = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,4}(?=[A-Z]|$))*\d{0,3}$/;
/** Identifier made of word chunks and small numbers: `Uint8Array`, `sha256Hex`, `Base64Url`. */
const WORDY = /^(?:[A-Z]?[a-z]{2,}|[A-Z]{2,5}(?![a-z])|\d{1,3})+$/;
/** Capitalised code words inside an identifier (`_EllipticCurvePrivateKey`, `Ed25519PrivateKey`). */
const CODE_WORDS = /(?:Private|Public|Secret|Token|Password|Buffer|String|Array|Object|Type|Class|Interface|Factory|Provider|Manager|Handler|Config|Options|Schema|Service|Client|Request|Response|Result|Error|Exception|Context|Value|Key)(?:[A-Z0-9_.]|$)/;
const MEMBER_ACCESS = /^[A-Za-z_$][A-Za-z_$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;
/**
 * Dotted or slashed names whose every part is an identifier (`claude-code.search.SEARCH_API_KEY`,
 * `claude-desktop/github/GITHUB_TOKEN`, `app.config.apiKey`); random keys never split into words like this.
 */
function isDottedName(v: string): boolean {
  if (!/[./]/.test(v)) return false;
  return v.split(/[./]/).every((p) => LOWER_WORDS.test(p) || UPPER_NAME.test(p) || CAMEL_WORDS.test(p) || /^[a-z]+\d{0,3}$/.test(p));
}
const CODE_CHARS = /[()[\]{}]|=>|::|\$\{|#\{|\{\{/;
const DOCKER_DIGEST = /^sha\d+:[0-9a-f]{32,}$/;
/** Conventional stand-ins, and a service's own name as its password (`redis123`, `postgres`), with a short number. */
const WEAK_STANDIN =
  /^(?:pass(?:word)?|secret|test|admin|user|root|foo|bar|baz|demo|hello|qwerty|abc|my[a-z]*|super[a-z]*|some[a-z]*|dev|local|example|redis|postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|rabbit(?:mq)?|elastic|kafka|minio|grafana|keycloak|neo4j|oracle|mssql|sqlserver|clickhouse)[\W_]*\d{0,6}[\W_]*$/i;
const HEX_COLOR = /^#[0-9a-f]{3,8}$/i;
/** Stand-in words glued into one lower-case word with a short number (`validpassword123`, `testpass123`). */
const GLUED_STANDIN = /^[a-z]{0,12}(?:password|passwd|secret|pass|test)[a-z]{0,12}\d{0,6}$/;
/** A provider prefix with a stub after it (`GOCSPX-env456`, `sk-abc12`): real keys carry far more than 7 characters. */
const PREFIX_AND_STUB = /^(?:[a-z]{2,8}|[A-Z]{2,8})[-_][A-Za-z0-9]{1,7}$/;
/** Test doubles: `sk-test-1234`, `mock_token_abc`, `invalid-key-42` (provider rules keep `sk_test_` keys). */
const TEST_WORD = /(?:^|[^a-z0-9])(?:test|testing|mock|mocked|fake|dummy|demo|invalid|wrong|bad|expired|revoked|sample|bogus|stub)(?:$|[^a-z0-9]|\d{1,8}(?:$|[^a-z0-9]))/i;
/** Password hashes (bcrypt, argon2, crypt): derived values, not the credential. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2[-\w]*|scrypt|[156y])\$/;
const BASE64 = /^[A-Za-z0-9+/]{4,64}={0,2}$/;
/** What a bare value (no secret-named key around it) must look like: one token, mixed case and digits, or long hex. */
const BARE_TOKEN = /^[A-Za-z0-9_\-+/=]+$/;

function classes(v: string): number {
  let lower = 0, upper = 0, digit = 0, other = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** Reason the value is not a secret, or undefined when it may well be one. Cheap checks come first. */
export function notSecretReason(value: string, strength: Strength): string | undefined {
  const v = value;
  if (v.length < MIN_LENGTH[strength]) return 'short';
  if (v.length > 1024) return 'long';
  if (/\s/.test(v)) return 'whitespace';
  if (v.startsWith('-----')) return 'pem';
  if (PATH.test(v) || ABSOLUTE_PATH.test(v)) return 'path';
  if (URL.test(v)) return 'url';
  if (KEYWORD_VALUE.test(v) || NUMBER.test(v) || VERSION.test(v)) return 'literal';
  if (isReference(v) || containsReference(v) || CODE_CHARS.test(v)) return 'reference';
  if (POINTER_EXPRESSION.test(v)) return 'reference';
  if (FILE_NAME.test(v) || HOST.test(v) || EMAIL.test(v) || DOCKER_DIGEST.test(v) || HEX_COLOR.test(v) || URN.test(v) || CHAIN_ADDRESS.test(v)) return 'name';
  // Where short values are real (passwords, declared secrets), letter runs around a digit must also be mostly
  // real words: one random mixed-case password in 25 splits into runs (`Tqmbx4Rvnslp`, `drtmhSt1`). Words
  // alone (`Password: Managed in …`) stay prose.
  const strict = (strength === 'password' || strength === 'declared') && /\d/.test(v);
  if (LOWER_WORDS.test(v) || UPPER_NAME.test(v) || (CAMEL_WORDS.test(v) && (!strict || knownWordShare(v) >= 0.5)) || MEMBER_ACCESS.test(v) || isDottedName(v) || (v.length <= 48 && (isWordy(v, strict) || CODE_WORDS.test(v)))) return 'identifier';
  if (WEAK_STANDIN.test(v) || GLUED_STANDIN.test(v) || namesItself(v) || PREFIX_AND_STUB.test(v)) return 'placeholder';
  if (isCommonPhrase(v)) return 'identifier';
  if (isPlaceholder(v) || isPublicMaterial(v) || TEST_WORD.test(v)) return 'placeholder';
  if (PASSWORD_HASH.test(v)) return 'hash';
  if (BASE64.test(v) && v.length % 4 === 0 && encodesStandIn(v)) return 'placeholder';
  // Base64 of a JSON object (a lone JWT header, a config blob) is judged by what it holds: the engine's
  // base64 layer decodes it and reports any secret inside.
  if (v.startsWith('eyJ') && /^[A-Za-z0-9_-]+={0,2}$/.test(v) && /^\{"[\w-]+"\s*:/.test(Buffer.from(v, 'base64url').toString('latin1'))) return 'encoded';
  const kinds = classes(v);
  if (strength === 'bare') {
    if (SLUG.test(v) || isNonSecretShape(v) || !BARE_TOKEN.test(v)) return 'identifier';
    const mixed = /[a-z]/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v);
    if (!mixed && !/^[0-9a-f]{32,}$/i.test(v)) return 'low-variety';
  } else if (kinds < 2) {
    // One character class (all letters of one case): words, not keys.
    return 'low-variety';
  }
  if (strength === 'named' && !/[0-9]/.test(v) && !(v.length >= 20 && kinds >= 2 && /[A-Z]/.test(v) && /[a-z]/.test(v)))
    return 'no-digit';
  if (shannonEntropy(v) < MIN_ENTROPY[strength]) return 'low-entropy';
  return undefined;
}

/**
 * Word chunks and small numbers, mostly letters, with at least one real word in it (`Uint8Array`,
 * `sha256Hex`); the letter share keeps hex keys such as `ab12cd34ef56…` out.
 */
function isWordy(v: string, strict: boolean): boolean {
  const t = v.replace(/^_+|_+$/g, '');
  if (!WORDY.test(t) || !/[a-z]{3}/.test(t)) return false;
  const letters = t.replace(/[^A-Za-z]/g, '').length;
  // All-lower-case random keys also split into runs; real identifiers are camel-cased or short.
  if (letters / t.length < 0.6 || !(/[A-Z]/.test(t) || t.length <= 16)) return false;
  return !strict || knownWordShare(t) >= 0.5;
}

let commonWords: Set<string> | undefined;

/** Built on first use: most scans never judge a value by its words. */
function commonWordSet(): Set<string> {
  return (commonWords ??= new Set(COMMON_WORDS.join(' ').split(' ')));
}

/** Prose between separators (`Base64-encoded`, `Read-Only-Access`): every word a common one. */
function isCommonPhrase(v: string): boolean {
  const parts = v.split(/[-_ ]/);
  if (parts.length < 2) return false;
  for (const part of parts) {
    const m = /^([A-Za-z]{3,})\d{0,3}$/.exec(part);
    if (!m || !commonWordSet().has(m[1].toLowerCase())) return false;
  }
  return true;
}

/** Share of the letters in runs of three or more that belong to common words (`Uint8Array`: 1, `Tqmbx`: 0). */
function knownWordShare(t: string): number {
  let known = 0;
  let total = 0;
  for (const run of t.match(/[A-Z]?[a-z]+|[A-Z]+/g) ?? []) {
    if (run.length < 3) continue;
    total += run.length;
    if (commonWordSet().has(run.toLowerCase())) known += run.length;
  }
  return total === 0 ? 0 : known / total;
}

/**
 * Kubernetes-style base64 of a stand-in (`cGFzc3dvcmQ=` is "password", `dGVzdA==` "test") or of a reference
 * (`${TOKEN}`), also as a `user:password` pair (`QVdTOmVjcnBhc3N3b3Jk` is "AWS:ecrpassword").
 */
function encodesStandIn(v: string): boolean {
  const decoded = Buffer.from(v, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  const standIn = (t: string) =>
    isPlaceholder(t) || containsReference(t) || WEAK_STANDIN.test(t) || LOWER_WORDS.test(t) || TEST_WORD.test(t) || namesItself(t) || /^[A-Za-z]*pass(?:word|wd)?[A-Za-z]*$/i.test(t);
  const colon = decoded.indexOf(':');
  return standIn(decoded) || (colon > 0 && standIn(decoded.slice(colon + 1)));
}

/** Look-alike characters typed for letters in stand-ins: `s3cr3t`, `p@ssw0rd`, `my-$ecret`. */
const LOOKALIKE: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** Words a value uses to describe itself; a random token never spells one out between separators. */
const SELF_WORDS = new Set([
  'secret', 'password', 'passwd', 'pass', 'pwd', 'token', 'tok', 'key', 'apikey', 'api', 'access', 'refresh',
  'auth', 'oauth', 'bearer', 'session', 'credential', 'credentials', 'creds', 'value', 'string', 'random',
  'signature', 'header', 'payload',
]);

/**
 * A value made of words that names what it stands for: `seq_page1_token`, `new-access123`,
 * `secret-api-key-12345`, `32_char_random_string`, `s3cret-caller-token`, `ctx7sk-custom-key`,
 * `password=secret123`. Every part is a word (one case or capitalised) with at most a short number after it,
 * a number, or a short prefix; at least one part is a self-describing word. Look-alike characters and
 * %-escapes are read as the letters they stand for first (`p%40ssw%3Drd`). Random tokens fail the part test:
 * their letters and digits interleave.
 */
function namesItself(value: string): boolean {
  if (value.length > 64) return false;
  let v = value;
  if (/%[0-9A-F]{2}/i.test(v)) {
    try {
      v = decodeURIComponent(v);
    } catch {
      return false;
    }
  }
  // `@` and `$` are letters in `p@ssw0rd` and `$ecret` but separators in `secret@123!#$`: read both ways.
  const plain = v.replace(/[013457@$]/g, (c, at: number) => (isLookalikeAt(v, at) ? LOOKALIKE[c] : c));
  const separated = v.replace(/[013457]/g, (c, at: number) => (isLookalikeAt(v, at) ? LOOKALIKE[c] : c));
  if (isTypoOfStandIn(plain)) return true;
  // `T3st@SqlServer`, `BddT3st!Pass99`: a test word between camel-case or symbol boundaries, digits read as letters.
  if (v.length <= 32 && CAMEL_TEST_WORD.test(separated.replace(/([A-Za-z]\d|[a-z])(?=[A-Z])/g, '$1-'))) return true;
  return isSelfDescribingPhrase(plain) || (separated !== plain && isSelfDescribingPhrase(separated));
}

/** Words (any separators) with at most a short number each, or numbers, one of them self-describing. */
function isSelfDescribingPhrase(plain: string): boolean {
  const parts = plain.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (parts.length === 1) return namesItselfInCamelCase(plain);
  let described = false;
  for (let i = 0; i < parts.length; i++) {
    // Short numeronyms are words (`e2e`, `k8s`, `b2b`); so is a provider prefix with a digit (`ctx7sk`,
    // `acme2sk`). Longer parts may not interleave letters and digits.
    if (NUMERONYM.test(parts[i])) continue;
    const m = /^([A-Za-z]*)(\d*)$/.exec(parts[i]);
    const shortPrefix = i === 0 && (parts[i].length <= 6 || (parts[i].length <= 8 && /^[a-z]+\d[a-z]+$/.test(parts[i])));
    if (!m) {
      if (!shortPrefix) return false;
      continue;
    }
    const [, letters, digits] = m;
    // A word carries at most a short number; a part that is only a number may be an id or timestamp.
    if ((letters ? digits.length > 6 : digits.length > 16) || letters.length > 16) return false;
    if (letters && !/^(?:[a-z]+(?:[A-Z][a-z]+)*|[A-Z]+|[A-Z][a-z]+)$/.test(letters) && !shortPrefix) return false;
    if (SELF_WORDS.has(letters.toLowerCase())) described = true;
  }
  return described;
}

const NUMERONYM = /^(?=.{3,5}$)[a-z]+\d[a-z]+$/;

/** Test words of four letters or more: short ones (`bad`) occur by chance between a random token's case changes. */
const CAMEL_TEST_WORD = /(?:^|[^a-z0-9])(?:test|testing|mock|mocked|fake|dummy|demo|invalid|expired|revoked|sample|bogus|stub)(?:$|[^a-z]|\d)/i;

/**
 * One camel-case phrase that names itself: `MySecure32CharacterEncryptKey!!!`. Its runs must be mostly common
 * words and hold a self-describing one; a random token's runs are neither.
 */
function namesItselfInCamelCase(value: string): boolean {
  const t = value.replace(/[!?.*#]+$/, '');
  const runs = t.match(/[A-Z]?[a-z]+\d*|[A-Z]+\d*(?![a-z])|\d+/g) ?? [];
  if (runs.length < 3 || runs.join('') !== t) return false;
  return runs.some((r) => SELF_WORDS.has(r.replace(/\d+$/, '').toLowerCase())) && knownWordShare(t) >= 0.6;
}

/** `@` and `$` never occur in random tokens, so they always stand for letters; a digit only between letters (`s3cret`). */
function isLookalikeAt(v: string, at: number): boolean {
  return v[at] === '@' || v[at] === '$' || (/[A-Za-z]/.test(v[at - 1] ?? '') && /[A-Za-z]/.test(v[at + 1] ?? ''));
}

/** `s3cret`, `passwrd`, `p@ssw=rd` read as letters: one letter away from a conventional stand-in. */
function isTypoOfStandIn(text: string): boolean {
  if (/\d/.test(text) && !/^[a-z]+\d{1,6}$/i.test(text)) return false;
  const t = text.toLowerCase().replace(/[^a-z]/g, '');
  if (t.length < 4) return false;
  return ['password', 'secret', 'passwd', 'pword'].some((w) => t === w || (t.length === w.length - 1 && isOneDeletion(w, t)));
}

function isOneDeletion(word: string, t: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.slice(0, i) + word.slice(i + 1) === t) return true;
  return false;
}

export function isSecretValue(value: string, strength: Strength): boolean {
  return notSecretReason(value, strength) === undefined;
}
