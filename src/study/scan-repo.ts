// Scan stage for one cloned repository: every unique blob of its full history (read once, through the
// shared history source) through the engine. What leaves this module is storable: rule, path, surface,
// commit, salted hash, redacted prefix. The secret itself exists only in memory while a blob is scanned.
import { scanText } from '../engine/scan-text.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding } from '../engine/types.js';
import { HistoryError, historyBlobs } from '../sources/git-history.js';
import { secretHash } from './db.js';
import { blobId, readHead } from './head.js';
import { codeSignal } from './normalise.js';
import { surfaceOf, type Surface } from './surface.js';

export interface StoredFinding {
  rule: string;
  path: string;
  surface: Surface;
  /** Commit that introduced the blob. */
  commit: string;
  inHead: boolean;
  line: number;
  context?: string;
  secretHash: string;
  redacted: string;
}

export interface RepoScan {
  head: string;
  commits: number;
  blobs: number;
  skippedBlobs: number;
  findings: StoredFinding[];
  /** R3: an HTTP transport or `smithery.yaml` http start command at HEAD. */
  codeSignal: 'local' | 'remote';
  /** `--verify`: distinct credentials the providers confirmed live / refused. */
  verified?: VerifiedCounts;
}

export interface VerifiedCounts {
  live: number;
  invalid: number;
}

/** Checks a repository's credentials while they are in memory; only the counts leave. */
export type RepoVerifier = (repo: string, items: { finding: Finding; text: string }[]) => Promise<VerifiedCounts>;

export interface RepoScanOptions {
  /** Stops the scan between blobs (the history reader's git processes end with it); the result is `aborted`. */
  signal?: AbortSignal;
  ruleSet: RuleSet;
  salt: string;
  maxBlobBytes: number;
  env?: NodeJS.ProcessEnv;
  /** `study --verify` only; `repo` names it in the announcement. */
  verify?: { repo: string; run: RepoVerifier };
}

export async function scanRepo(gitDir: string, options: RepoScanOptions): Promise<RepoScan | { error: string } | { aborted: true }> {
  const head = await readHead(gitDir, options.env);
  if ('error' in head) return head;
  const findings: StoredFinding[] = [];
  const toVerify: { finding: Finding; text: string }[] = [];
  let remote = false;
  let scanned = 0;
  let skipped = 0;
  try {
    const blobs = historyBlobs(gitDir, { maxFileSize: options.maxBlobBytes }, { skip: () => void skipped++ });
    for await (const entry of blobs) {
      if (options.signal?.aborted) return { aborted: true }; // leaving the loop ends git log and cat-file
      const bytes = Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.length);
      if (isBinary(bytes)) {
        skipped++;
        continue;
      }
      scanned++;
      // A blob still in the HEAD tree is reported under its HEAD path; others under their first path.
      const headPath = head.blobs.get(blobId(bytes));
      const path = headPath ?? entry.path;
      const inHead = headPath !== undefined;
      const text = bytes.toString('utf8');
      if (inHead && !remote && codeSignal(path, text)) remote = true;
      for (const f of scanText({ text, path }, options.ruleSet).findings) {
        if (options.verify) toVerify.push({ finding: f, text });
        findings.push({
          rule: f.ruleId,
          path,
          surface: surfaceOf(path),
          commit: entry.commit?.commit ?? head.head,
          inHead,
          line: f.line,
          context: f.context,
          secretHash: secretHash(options.salt, f.secret),
          redacted: f.redacted,
        });
      }
    }
  } catch (e) {
    if (e instanceof HistoryError) return { error: e.message };
    throw e;
  }
  // Fail loudly rather than pass silently: a repository with commits always has at least one blob.
  if (head.commits > 0 && scanned + skipped === 0 && head.blobs.size > 0) return { error: 'history read returned no blobs' };
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : 1)));
  const verified = options.verify ? await options.verify.run(options.verify.repo, toVerify) : undefined;
  return { head: head.head, commits: head.commits, blobs: scanned, skippedBlobs: skipped, findings, codeSignal: remote ? 'remote' : 'local', ...(verified ? { verified } : {}) };
}

/** git's own heuristic: a NUL byte in the first 8000 bytes. */
function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, Math.min(bytes.length, 8000)).includes(0);
}
