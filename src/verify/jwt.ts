// The signed assertion a Google service account exchanges for an access token (RFC 7523, RS256).
// https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests
import { createPrivateKey, createSign } from 'node:crypto';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function serviceAccountAssertion(sa: { client_email: string; private_key: string; private_key_id?: string }, audience: string, nowSec: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(sa.private_key_id ? { kid: sa.private_key_id } : {}) };
  const claims = {
    iss: sa.client_email,
    // The narrowest read-only scope Google documents for any API; the token is dropped unused.
    scope: 'https://www.googleapis.com/auth/cloud-platform.read-only',
    aud: audience,
    iat: nowSec,
    exp: nowSec + 300,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const key = createPrivateKey(sa.private_key);
  const sig = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${b64url(sig)}`;
}
