// Scan stage for one cloned repository: every unique blob of its full history through the engine, each
// read once. What leaves this module is storable: rule, path, surface, commit, salted hash, redacted
// prefix. The secret itself exists only in memory while a blob is being scanned.
import { scanText } from '../engine/scan-text.js';
import type { RuleSet } from '../engine/ruleset.js';
import { secretHash } from './db.js';
import { listBlobs, readBlobs } from './history.js';
import { codeSignal } from './normalise.js';
import { surfaceOf, type Surface } from './surface.js';

export interface StoredFinding {
  rule: string;
  path: string;
  surface: Surface;
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
}

export interface RepoScanOptions {
  ruleSet: RuleSet;
  salt: string;
  maxBlobBytes: number;
  env?: NodeJS.ProcessEnv;
}

/** Extensions that are never text worth scanning; saves reading them at all. */
const BINARY_EXT = /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|ogg|wav|flac|psd|sqlite|db|pyc|o|a)$/i;

export async function scanRepo(gitDir: string, options: RepoScanOptions): Promise<RepoScan | { error: string }> {
  const listed = await listBlobs(gitDir, options.env);
  if ('error' in listed) return listed;
  const wanted = listed.blobs.filter((b) => !BINARY_EXT.test(b.path));
  const byOid = new Map(wanted.map((b) => [b.oid, b]));
  const findings: StoredFinding[] = [];
  let remote = false;
  let scanned = 0;
  let skipped = listed.blobs.length - wanted.length;
  for await (const blob of readBlobs(gitDir, [...byOid.keys()], options.maxBlobBytes, options.env)) {
    const ref = byOid.get(blob.oid);
    if (!ref) continue;
    if ('skipped' in blob || isBinary(blob.bytes)) {
      skipped++;
      continue;
    }
    scanned++;
    const text = blob.bytes.toString('utf8');
    if (ref.inHead && !remote && codeSignal(ref.path, text)) remote = true;
    for (const f of scanText({ text, path: ref.path }, options.ruleSet).findings) {
      findings.push({
        rule: f.ruleId,
        path: ref.path,
        surface: surfaceOf(ref.path),
        commit: ref.commit,
        inHead: ref.inHead,
        line: f.line,
        context: f.context,
        secretHash: secretHash(options.salt, f.secret),
        redacted: f.redacted,
      });
    }
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : 1)));
  return { head: listed.head, commits: listed.commits, blobs: scanned, skippedBlobs: skipped, findings, codeSignal: remote ? 'remote' : 'local' };
}

/** git's own heuristic: a NUL byte in the first 8000 bytes. */
function isBinary(bytes: Buffer): boolean {
  const end = Math.min(bytes.length, 8000);
  return bytes.subarray(0, end).includes(0);
}
