// The CLI side of --verify for scan and audit: flags, the announcement on stderr, the test-only loopback
// override (env, loopback only), and turning a run into report input plus the exit decision.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AuditReport } from '../audit/types.js';
import type { Finding } from '../engine/types.js';
import type { CliContext } from './context.js';
import { count } from '../core/plural.js';
import { notice } from './global-options.js';
import { UserError } from '../core/errors.js';
import type { LoopbackOverride } from '../verify/http.js';
import type { SourceMode } from '../verify/source.js';
import type { Verification } from '../verify/types.js';

export interface VerifyFlags {
  verify?: boolean;
  onlyVerified?: boolean;
  failOnVerified?: boolean;
  verifyCache?: string;
}

export function addVerifyOptions(cmd: Command): Command {
  return cmd
    .option('--verify', 'ask each provider whether the credentials found still work (read-only requests; see docs/verify.md)')
    .option('--only-verified', 'report only credentials the provider confirmed live (implies --verify)')
    .option('--fail-on-verified', 'exit 1 only when a live credential is found (implies --verify)')
    .option('--verify-cache <file>', 'keep live/invalid answers in this file for 24 h (default: this run only)');
}

export const wantsVerify = (f: VerifyFlags): boolean => Boolean(f.verify || f.onlyVerified || f.failOnVerified);

/**
 * Test harness only: KEYWARD_VERIFY_TEST_ADDRESS=127.0.0.1:PORT sends every verifier connection there,
 * with KEYWARD_VERIFY_TEST_CA the PEM file trusted for it. Anything but a loopback address is refused, so
 * the variable cannot redirect credentials to another machine.
 */
export function loopbackOverride(env: NodeJS.ProcessEnv): LoopbackOverride | undefined {
  const spec = env.KEYWARD_VERIFY_TEST_ADDRESS;
  if (!spec) return undefined;
  const m = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):(\d{1,5})$/.exec(spec);
  if (!m) throw new UserError(`KEYWARD_VERIFY_TEST_ADDRESS must be a loopback address and port, not "${spec}"`, 'it exists for tests against local fakes only');
  const caFile = env.KEYWARD_VERIFY_TEST_CA;
  if (!caFile) throw new UserError('KEYWARD_VERIFY_TEST_ADDRESS needs KEYWARD_VERIFY_TEST_CA (the fake\'s CA certificate)');
  return { address: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]), ca: readFileSync(caFile) };
}

export interface VerifiedOutput {
  findings: Finding[];
  verifications: Map<string, Verification>;
  liveCount: number;
}

/** Runs the verifiers over the findings, announcing hosts first; returns what the report and exit code need. */
export async function verifyForCli(
  ctx: CliContext,
  flags: VerifyFlags,
  findings: Finding[],
  source?: { mode: SourceMode; root: string; stdinText?: string },
): Promise<VerifiedOutput> {
  const [{ verifyFindings }, { tally, tallyLine, isLive }] = await Promise.all([import('../verify/run.js'), import('../verify/summary.js')]);
  const [{ DEFAULT_CACHE_TTL_MS }, { sourceReader }] = await Promise.all([import('../verify/cache.js'), import('../verify/source.js')]);
  const run = await verifyFindings(findings, {
    readSource: source ? sourceReader(source.mode, source.root, source.stdinText) : undefined,
    override: loopbackOverride(ctx.env),
    cacheFile: flags.verifyCache ? { path: resolve(ctx.cwd, flags.verifyCache), ttlMs: DEFAULT_CACHE_TTL_MS } : undefined,
    announce: (hosts, n) => notice(ctx, `verify: checking ${count(n, 'credential')} with read-only requests to ${hosts.join(', ')}`),
  });
  for (const w of run.warnings) notice(ctx, `warning: ${w}`);
  if (findings.length) ctx.stderr.write(`${tallyLine(tally(findings, run.results))}\n`);
  const live = findings.filter((f) => isLive(f, run.results));
  return { findings: flags.onlyVerified ? live : findings, verifications: run.results, liveCount: live.length };
}

/**
 * `audit --verify`: the secret findings (config values, side files) go through the same run; each gets its
 * verification, and --only-verified drops the secret findings that are not live (other checks stay).
 */
export async function verifyAuditFindings(ctx: CliContext, flags: VerifyFlags, report: AuditReport): Promise<number> {
  const secrets = report.findings.filter((f) => f.secret && f.ruleId && f.fingerprint);
  const asFindings: Finding[] = secrets.map((f) => ({
    ruleId: f.ruleId!,
    title: f.message,
    severity: f.severity,
    path: f.path,
    line: f.line ?? 1,
    column: 1,
    endLine: f.line ?? 1,
    endColumn: 1,
    secret: f.secret!,
    redacted: f.value ?? '',
    confidence: 'medium',
    fingerprint: f.fingerprint!,
    // Unknown offset: companions are looked for around the first place the secret appears in the file.
    offset: -1,
    length: f.secret!.length,
  }));
  // Audit paths are absolute, so the files source reads them from the root.
  const out = await verifyForCli(ctx, { ...flags, onlyVerified: false }, asFindings, { mode: 'files', root: '/' });
  for (const f of secrets) f.verification = out.verifications.get(f.fingerprint!);
  if (flags.onlyVerified) report.findings = report.findings.filter((f) => !f.secret || f.verification?.status === 'live');
  return out.liveCount;
}
