// The one masking function every surface uses (reports, logs, errors, gateway), and content fingerprints.
import { createHash } from 'node:crypto';

/**
 * Keeps a short prefix so a person can tell keys apart, never enough to use one:
 * at most 4 characters and at most a quarter of the secret.
 */
export function redact(secret: string): string {
  const keep = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, keep)}${'*'.repeat(Math.max(4, Math.min(12, secret.length - keep)))}`;
}

/** Content-bound fingerprint: same rule and secret → same fingerprint, wherever it sits. */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${secret}`).digest('hex').slice(0, 32);
}
