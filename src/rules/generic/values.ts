// Is this literal plausibly a secret? The value half of every generic detector: rejects words, code,
// paths, URLs, numbers, versions, references and templates, then asks for enough randomness.
import { shannonEntropy } from '../../engine/entropy.js';
import { isNonSecretShape, isPlaceholder, isPublicMaterial } from '../../engine/placeholder.js';
import { containsReference, isReference } from '../../engine/reference.js';

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
/** Lower-case words joined by separators, small numbers and version tags allowed (`fc-full-v1-contract-key`). */
const LOWER_WORDS = /^[a-z]+(?:[-_.](?:[a-z]+|\d{1,4}|v\d{1,3}))*$/;
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
const WEAK_STANDIN = /^(?:pass(?:word)?|secret|test|admin|user|root|foo|bar|baz|demo|hello|qwerty|abc|my[a-z]*|super[a-z]*|some[a-z]*|dev|local|example)[\W_]*\d{0,6}[\W_]*$/i;
const HEX_COLOR = /^#[0-9a-f]{3,8}$/i;
/** Test doubles: `sk-test-1234`, `mock_token_abc`, `invalid-key-42` (provider rules keep `sk_test_` keys). */
const TEST_WORD = /(?:^|[^a-z0-9])(?:test|testing|mock|mocked|fake|dummy|demo|invalid|wrong|bad|expired|revoked|sample|bogus|stub)(?:$|[^a-z0-9]|\d{1,8}(?:$|[^a-z0-9]))/i;
/** Password hashes (bcrypt, argon2, crypt): derived values, not the credential. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2[-\w]*|scrypt|[156y])\$/;
const BASE64 = /^[A-Za-z0-9+/]{8,64}={0,2}$/;
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
  if (FILE_NAME.test(v) || HOST.test(v) || EMAIL.test(v) || DOCKER_DIGEST.test(v) || HEX_COLOR.test(v)) return 'name';
  if (LOWER_WORDS.test(v) || UPPER_NAME.test(v) || CAMEL_WORDS.test(v) || MEMBER_ACCESS.test(v) || isDottedName(v) || (v.length <= 48 && (isWordy(v) || CODE_WORDS.test(v)))) return 'identifier';
  if (WEAK_STANDIN.test(v)) return 'placeholder';
  if (isPlaceholder(v) || isPublicMaterial(v) || TEST_WORD.test(v)) return 'placeholder';
  if (PASSWORD_HASH.test(v)) return 'hash';
  if (BASE64.test(v) && v.length % 4 === 0 && encodesStandIn(v)) return 'placeholder';
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
function isWordy(v: string): boolean {
  const t = v.replace(/^_+|_+$/g, '');
  if (!WORDY.test(t) || !/[a-z]{3}/.test(t)) return false;
  const letters = t.replace(/[^A-Za-z]/g, '').length;
  // All-lower-case random keys also split into runs; real identifiers are camel-cased or short.
  return letters / t.length >= 0.6 && (/[A-Z]/.test(t) || t.length <= 16);
}

/** Kubernetes-style base64 of a stand-in (`cGFzc3dvcmQ=` is "password") or of a reference (`${TOKEN}`). */
function encodesStandIn(v: string): boolean {
  const decoded = Buffer.from(v, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  return isPlaceholder(decoded) || containsReference(decoded) || WEAK_STANDIN.test(decoded) || LOWER_WORDS.test(decoded) || TEST_WORD.test(decoded);
}

export function isSecretValue(value: string, strength: Strength): boolean {
  return notSecretReason(value, strength) === undefined;
}
