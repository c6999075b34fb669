// Detection must not change when the engine gets faster: the bench reduces each scan's findings to a set of
// `rule fingerprint path` lines and compares its SHA-256 with the one stored in bench/expected-findings.json.
// A rule change (issue-level, on purpose) re-records them: `node bench/scan.bench.mjs --record-findings` (needs the
// corpus and the history repo under .bench/, which `npm run bench` builds, and the real repositories).
// The full lines go to .bench/findings/<target>.txt so a mismatch can be diffed against a previous run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const EXPECTED_FILE = join(ROOT, 'bench', 'expected-findings.json');
const DETAIL_DIR = join(ROOT, '.bench', 'findings');

/** Sorted, distinct `rule\tfingerprint\tpath` lines of a keyward JSON report. */
export function findingKeys(report) {
  return [...new Set(report.findings.map((f) => `${f.ruleId}\t${f.fingerprint}\t${f.path}`))].sort();
}

export function digest(keys) {
  return createHash('sha256').update(keys.join('\n')).digest('hex');
}

export function loadExpected() {
  return existsSync(EXPECTED_FILE) ? JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) : {};
}

/**
 * Compares one target's findings with the stored set; returns a one-line verdict ('same', 'new target' when
 * nothing is stored yet, or what differs). Writes the full lines beside the bench's other output.
 */
export function checkFindings(target, report, expected, recorded) {
  const keys = findingKeys(report);
  mkdirSync(DETAIL_DIR, { recursive: true });
  writeFileSync(join(DETAIL_DIR, `${target.replace(/[^\w.-]+/g, '_')}.txt`), keys.join('\n') + '\n');
  const got = { count: keys.length, sha256: digest(keys) };
  if (recorded) recorded[target] = got;
  const want = expected[target];
  if (!want) return { ok: true, verdict: `${got.count} findings (nothing stored yet)` };
  if (want.sha256 === got.sha256) return { ok: true, verdict: `same ${got.count} findings` };
  return { ok: false, verdict: `FINDINGS DIFFER: ${got.count} now, ${want.count} stored (see .bench/findings/)` };
}

export function writeExpected(recorded) {
  const sorted = Object.fromEntries(Object.keys(recorded).sort().map((k) => [k, recorded[k]]));
  writeFileSync(EXPECTED_FILE, JSON.stringify(sorted, null, 2) + '\n');
}
