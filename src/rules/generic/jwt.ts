// JSON Web Tokens: three base64url parts whose header decodes to JSON with an `alg`. Reported below provider
// keys: many JWTs are short-lived, but service-role and API JWTs are long-lived credentials.
import type { Rule } from '../../engine/types.js';

function decodeJson(part: string): unknown {
  try {
    const json = Buffer.from(part.replace(/=+$/, ''), 'base64url').toString('utf8');
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Header is JSON with a string `alg`, payload is a JSON object, and a signature is present unless alg=none. */
export function isValidJwt(token: string): boolean {
  if (!token.startsWith('eyJ')) return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeJson(parts[0]) as { alg?: unknown } | undefined;
  if (!header || typeof header !== 'object' || typeof header.alg !== 'string') return false;
  const payload = decodeJson(parts[1]);
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return false;
  if (header.alg.toLowerCase() !== 'none' && parts[2].length < 16) return false;
  return true;
}

/** The jwt.io sample and its kin: documentation, not credentials. */
function isDocumentationJwt(token: string): boolean {
  const payload = decodeJson(token.split('.')[1]) as Record<string, unknown> | undefined;
  if (!payload) return false;
  return payload.sub === '1234567890' || payload.name === 'John Doe' || payload.email === 'user@example.com';
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A syntactically valid JWT for examples; its signature is random filler, never a real signature. */
export function exampleJwt(payload: Record<string, unknown>, alg = 'HS256', signature = 'Zk9xQ2b7Lr1VtYh3Wm8PnEs5Ju0Aq4Xc6Dg2Fi7Kl9M'): string {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}.${alg === 'none' ? '' : signature}`;
}

const serviceJwt = exampleJwt({ iss: 'keyward-tests', role: 'service_role', iat: 1700000000, exp: 2000000000 });
const noneJwt = exampleJwt({ sub: 'svc-42', scope: 'admin' }, 'none');
const docJwt = exampleJwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 });

export const jwt: Rule = {
  id: 'jwt',
  confidence: 'medium',
  title: 'JSON Web Token',
  severity: 'medium',
  generic: true,
  keywords: ['eyj'],
  // Starts with the literal `eyJ` (a leading lookbehind would be tried at every position); the character
  // before is checked in validate.
  pattern: /(?<secret>eyJ[A-Za-z0-9_-]{8,}={0,2}\.eyJ[A-Za-z0-9_-]{4,}={0,2}\.[A-Za-z0-9_-]*)(?![\w.-])/,
  validate: (token, m) => !/[\w-]/.test(m.input[m.index - 1] ?? ' ') && isValidJwt(token) && !isDocumentationJwt(token),
  get examples() {
    return {
      positive: [
        serviceJwt,
        `SUPABASE_KEY="${serviceJwt}"`,
        `Authorization: Bearer ${serviceJwt}`,
        `"token": "${noneJwt}"`,
      ],
      negative: [
        docJwt,
        `eyJhbGciOiJIUzI1NiJ9.eyJub3QiOiJ2YWxpZA.short`,
        `eyJub3RoaW5nIjoiaGVyZSJ9.eyJhIjoiYiJ9.${'Zk9xQ2b7Lr1VtYh3Wm8PnEs5'}`,
        `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ...`,
        `const token = "eyJ" + header + "." + payload;`,
        `data:application/octet-stream;base64,QUJD${serviceJwt}`,
        `${b64url({ alg: 'HS256' })}.bm90LWpzb24.${'Zk9xQ2b7Lr1VtYh3Wm8PnEs5'}`,
      ],
      // jwt.io's sample token, printed in countless READMEs.
      published: [`Authorization: Bearer ${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`],
    };
  },
};
