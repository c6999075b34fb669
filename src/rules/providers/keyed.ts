// Building blocks for provider rules whose keys carry no prefix of their own (hex, UUID, plain alphanumeric):
// such a value is only reported when a provider name sits in the key it is assigned to, gitleaks style.
import { ALPHABETS, fakeToken } from '../fake.js';

/** Lower-case UUID, the shape of many unprefixed keys; never reported without context. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Words that mark a key name as holding a credential (checked inside the key name only). */
export const SECRET_WORDS = 'key|token|secret|passw|pwd|auth|credential|private|signing|pat(?![a-z])';

/**
 * The name/value pair form: `{"name": "DD_API_KEY", "value": "…"}` (MCP server.json environment variables,
 * container specs) and `- name: DD_API_KEY⏎  value: …` (Kubernetes env lists).
 */
const NAME_VALUE = `['"]?[ \\t]*(?:,|\\r?\\n)[ \\t\\r\\n]{0,40}['"]?value['"]?[ \\t]{0,3}[:=]`;

/**
 * `context` (a regex alternation naming the provider) in a key, then an assignment, then `value`:
 * `DATADOG_API_KEY="…"`, `"dd_api_key": "…"`, `datadog.apiKey = '…'`, `--datadog-api-key=…`,
 * `X-Datadog-Api-Key: …`, and name/value pairs (NAME_VALUE). Three guards keep this strict, since the values
 * alone (hex, UUIDs) are everywhere:
 * - the context must start a word-ish token (no letter or digit before it, bar a JSON escape such as `\n`),
 *   so `add_api_key` is not `dd_api_key`;
 * - the key name must contain a credential word (`words`), so `datadog_trace_id` or `atlasUuid` never qualify;
 * - the value must end where the token ends, so a longer hex string never yields a 32-character "key".
 * Matching is case-insensitive throughout (JS has no inline flag groups), so value classes are written for
 * the lower-case shape and accept upper case too.
 */
export function keyed(context: string, value: string, gap = 24, words = SECRET_WORDS): RegExp {
  // The context comes first and the guards are look-behinds placed after it: a pattern that opens with a
  // literal lets V8 skip ahead to candidates, one that opens with a look-around is tried at every offset
  // (measured ~50x slower on node_modules).
  return new RegExp(
    `(?:${context})(?<=(?:^|[^a-z0-9]|\\\\[nrt])(?:${context}))[\\w.-]{0,${gap}}?(?<=(?:${words})[\\w.-]{0,48})` +
      `(?:['"\`]?[ \\t]{0,3}(?:=|:|=>|:=|\\?=)|${NAME_VALUE})[ \\t]{0,3}['"\`]?(?<secret>${value})(?![\\w+/=-])`,
    'i',
  );
}

/** A deterministic fake UUID for examples. */
export function fakeUuid(seed: number): string {
  const hex = fakeToken('', 32, seed, ALPHABETS.hexLower);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A deterministic fake JWT whose payload is `claims` (header and signature are fixed noise). */
export function fakeJwt(claims: Record<string, unknown>, seed = 1): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.${fakeToken('', 43, seed, ALPHABETS.base64url)}`;
}

/** The decoded payload of a JWT-shaped string, or undefined when it is not one. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** JWT shape for context rules (`monday`, `calendly`, `turso` tokens are plain JWTs). */
export const JWT = 'eyJ[a-z0-9_-]{10,}\\.eyJ[a-z0-9_-]{10,}\\.[a-z0-9_-]{20,}';

/** Mixed-class check: real keys of this charset carry both letters and digits. */
export function lettersAndDigits(s: string): boolean {
  return /[a-z]/i.test(s) && /[0-9]/.test(s);
}
