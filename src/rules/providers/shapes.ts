// Value shapes shared by provider rules (UUIDs, JWTs) and deterministic fakes of them for the rules' examples.
import { ALPHABETS, fakeToken } from '../fake.js';

/** Lower-case UUID, the shape of many unprefixed keys; never reported without context. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export { fakeUuid } from '../fake.js';

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
