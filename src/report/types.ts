// What every report format takes: findings plus the scan's counts and the metadata of the rules named.
// Reports are pure functions of this data (findings → string); they never read disks or clocks.
import type { Finding, Severity } from '../engine/types.js';
import type { Verification } from '../verify/types.js';

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  provider?: string;
  description?: string;
}

export interface ReportStats {
  files: number;
  bytes: number;
  commits?: number;
  skipped: Record<string, number>;
  suppressed: { ignoreFile: number; baseline: number };
}

export interface ReportInput {
  tool: { name: string; version: string };
  mode: 'files' | 'history' | 'staged' | 'stdin';
  /** Already sorted (sortFindings). */
  findings: Finding[];
  stats: ReportStats;
  /** Metadata for every rule id that may appear in findings. */
  rules: Map<string, RuleMeta>;
  /** Print secrets in clear (`--no-redact`); default false everywhere. */
  showSecrets?: boolean;
  /** SARIF only: folder of the scanned root inside the repository, prefixed to every URI ('' or absent: none). */
  uriPrefix?: string;
  /** ANSI colours (text format only; the CLI sets it for a TTY without NO_COLOR). */
  color?: boolean;
  /** `--verify` results by finding fingerprint; absent when verification was not asked for. */
  verifications?: ReadonlyMap<string, Verification>;
}

/** The verification of a finding when the run verified (a finding without a result counts as unknown). */
export function verificationOf(f: Finding, input: ReportInput): Verification | undefined {
  if (!input.verifications) return undefined;
  return input.verifications.get(f.fingerprint) ?? { status: 'unknown' };
}

/** The masked or, when asked, clear value — the one place a report decides what to print. */
export function shownSecret(f: Finding, input: ReportInput): string {
  return input.showSecrets ? f.secret : f.redacted;
}
