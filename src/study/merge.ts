// Combines shard databases into one: servers, listing state and run logs are unioned, and each repository
// keeps the row (and the findings) of the shard that got furthest with it (scanned > skipped > cloned > pending).
import { UserError } from '../core/errors.js';
import { getMeta, openStudyDb, setMeta, type StudyDb } from './db.js';

const RANK: Record<string, number> = { pending: 0, cloned: 1, skipped: 2, scanned: 3 };

export interface MergeSummary {
  inputs: number;
  servers: number;
  repos: number;
  findings: number;
  saltMismatch: boolean;
}

export function mergeStudies(outPath: string, inputs: string[]): MergeSummary {
  const firstSalt = readSalt(inputs[0]);
  const out = openStudyDb(outPath, { salt: firstSalt });
  let saltMismatch = false;
  try {
    for (const input of inputs) {
      if (readSalt(input) !== getMeta(out, 'salt')) saltMismatch = true;
      mergeOne(out, input);
    }
    if (saltMismatch) setMeta(out, 'salt_mixed', '1');
    const n = (t: string) => (out.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { inputs: inputs.length, servers: n('servers'), repos: n('repos'), findings: n('findings'), saltMismatch };
  } finally {
    out.close();
  }
}

export class NotAStudyError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a keyward study database`);
  }
}

function readSalt(path: string): string | undefined {
  let db: StudyDb | undefined;
  try {
    db = openStudyDb(path, { readonly: true });
    const salt = getMeta(db, 'salt');
    if (!salt) throw new NotAStudyError(path);
    return salt;
  } catch (e) {
    if (e instanceof NotAStudyError || e instanceof UserError) throw e; // UserError: no SQLite driver
    throw new NotAStudyError(path);
  } finally {
    db?.close();
  }
}

function mergeOne(out: StudyDb, input: string): void {
  out.prepare('ATTACH DATABASE ? AS src').run(input);
  try {
    out.transaction(() => {
      out.exec(`
        INSERT INTO servers SELECT * FROM src.servers WHERE true
          ON CONFLICT(source, server_key) DO UPDATE SET raw = excluded.raw, repo = excluded.repo, deployment = excluded.deployment
          WHERE excluded.is_latest >= servers.is_latest;
        INSERT OR IGNORE INTO list_state SELECT * FROM src.list_state;
        INSERT OR IGNORE INTO server_findings SELECT * FROM src.server_findings;`);
      // Every shard's run log, for the report's Run section (a shard made before runs were logged has none).
      if (out.prepare("SELECT 1 FROM src.sqlite_master WHERE type = 'table' AND name = 'runs'").get()) {
        const runCols = (out.prepare('PRAGMA src.table_info(runs)').all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
        out.exec(`INSERT OR IGNORE INTO main.runs (${runCols}) SELECT ${runCols} FROM src.runs`);
      }
      const theirs = out.prepare('SELECT repo, status FROM src.repos').all() as { repo: string; status: string }[];
      const mine = out.prepare('SELECT status FROM main.repos WHERE repo = ?');
      // By column name: a shard made before `study --verify` existed lacks the verified_* columns.
      const cols = (out.prepare('PRAGMA src.table_info(repos)').all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
      const replaceRepo = out.prepare(`INSERT OR REPLACE INTO main.repos (${cols}) SELECT ${cols} FROM src.repos WHERE repo = ?`);
      const dropFindings = out.prepare('DELETE FROM main.findings WHERE repo = ?');
      const copyFindings = out.prepare('INSERT INTO main.findings SELECT * FROM src.findings WHERE repo = ?');
      for (const { repo, status } of theirs) {
        const current = mine.get(repo) as { status: string } | undefined;
        if (current && (RANK[current.status] ?? 0) >= (RANK[status] ?? 0)) continue;
        replaceRepo.run(repo);
        dropFindings.run(repo);
        copyFindings.run(repo);
      }
    })();
  } finally {
    out.prepare('DETACH DATABASE src').run();
  }
}
