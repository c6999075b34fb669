// `keyward restore`: put a backup's bytes back at its original path. The file being replaced is itself
// backed up first, so a restore can be undone the same way.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';
import { createBackup, listBackups, readBackup, sha256, type BackupRecord } from './backup.js';

export type RestoreOutcome =
  | { ok: true; record: BackupRecord; unchanged: boolean; savedAs?: string }
  | { ok: false; error: string; hint?: string };

export interface RestoreRequest {
  id?: string;
  latest?: boolean;
  /** Restrict --latest (or check an id) to backups of this file. */
  path?: string;
}

export async function pickBackup(dataDir: string, req: RestoreRequest, cwd: string): Promise<BackupRecord | { error: string; hint?: string }> {
  const all = await listBackups(dataDir);
  const path = req.path ? resolve(cwd, req.path) : undefined;
  // Backups record the real path (protect edits a symlinked config at its target; macOS /tmp is /private/tmp).
  const real = path ? await fs.realpath(path).catch(() => path) : undefined;
  const candidates = path ? all.filter((b) => b.path === path || b.path === real) : all;
  if (req.id) {
    const found = candidates.find((b) => b.id === req.id);
    return found ?? { error: `no backup ${req.id}${path ? ` of ${path}` : ''}`, hint: 'list them with: keyward restore --list' };
  }
  if (req.latest) {
    // The newest backup taken before protect (a restore's own safety copy is not what --latest means).
    const protects = candidates.filter((b) => b.reason === 'protect');
    const latest = (protects.length ? protects : candidates).at(-1);
    return latest ?? { error: path ? `no backup of ${path}` : 'there are no backups yet' };
  }
  return { error: 'say which backup: an id, or --latest', hint: 'list them with: keyward restore --list' };
}

export async function restoreBackup(dataDir: string, record: BackupRecord): Promise<RestoreOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readBackup(dataDir, record);
  } catch (e) {
    return { ok: false, error: `cannot read backup ${record.id}: ${(e as Error).message}` };
  }
  let current: Buffer | undefined;
  try {
    current = await fs.readFile(record.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, error: `cannot read ${record.path}: ${(e as Error).message}` };
  }
  if (current && sha256(current) === record.sha256) return { ok: true, record, unchanged: true };
  let savedAs: string | undefined;
  let owner: { uid: number; gid: number } | undefined;
  if (current) {
    const info = await fs.stat(record.path);
    owner = { uid: info.uid, gid: info.gid };
    const mode = info.mode & 0o777;
    savedAs = (await createBackup(dataDir, { path: record.path, host: record.host, bytes: current, mode, reason: 'restore' })).id;
  }
  try {
    await writeFileAtomic(record.path, bytes, record.mode, owner);
  } catch (e) {
    return { ok: false, error: `cannot write ${record.path}: ${(e as Error).message}; it was not changed` };
  }
  return { ok: true, record, unchanged: false, savedAs };
}
