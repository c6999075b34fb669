// What the listing left out: servers that name no GitHub repository, counted by why. Shared by the list
// stage's summary line and the report's funnel, so both give the same numbers.
import type { StudyDb } from './db.js';
import { missingRepoReason } from './registries.js';

/** Listed servers that name no GitHub repository, counted by why (they are kept, but never cloned). */
export function serversWithoutRepo(db: StudyDb): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare('SELECT source, repo_url FROM servers WHERE repo IS NULL').all() as { source: string; repo_url: string | null }[]) {
    const reason = missingRepoReason(r.source, r.repo_url);
    out[reason] = (out[reason] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
