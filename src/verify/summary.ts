// Counting and filtering verified findings: what --only-verified keeps, what --fail-on-verified tests,
// and the one-line tally for stderr.
import type { Finding } from '../engine/types.js';
import { VERIFY_STATUSES, type Verification, type VerifyStatus } from './types.js';

export function isLive(f: Finding, results: ReadonlyMap<string, Verification>): boolean {
  return results.get(f.fingerprint)?.status === 'live';
}

export function tally(findings: readonly Finding[], results: ReadonlyMap<string, Verification>): Record<VerifyStatus, number> {
  const counts = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, 0])) as Record<VerifyStatus, number>;
  for (const f of findings) counts[results.get(f.fingerprint)?.status ?? 'unknown']++;
  return counts;
}

export function tallyLine(counts: Record<VerifyStatus, number>): string {
  return `verify: ${VERIFY_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ')}`;
}
