// Timestamped backups of every config protect (or restore) is about to replace, with an index of where each
// came from, so `keyward restore` can put the original bytes back exactly.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';

export interface BackupRecord {
  id: string;
  /** Absolute path of the config the bytes came from. */
  path: string;
  host?: string;
  createdAt: string;
  /** Why it was taken: before protect, or before a restore replaced the file. */
  reason: 'protect' | 'restore' | 'gateway-add';
  sha256: string;
  mode: number;
  /** File holding the bytes, relative to the backups folder. */
  file: string;
}

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function listBackups(dataDir: string): Promise<BackupRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(join(backupsDir(dataDir), 'index.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const parsed = JSON.parse(text) as { backups?: BackupRecord[] };
  return (parsed.backups ?? []).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/** Copies the bytes (mode 600: they hold the plaintext secrets) and records them in the index. */
export async function createBackup(
  dataDir: string,
  input: { path: string; host?: string; bytes: Buffer; mode: number; reason: BackupRecord['reason'] },
  now: Date = new Date(),
): Promise<BackupRecord> {
  const dir = backupsDir(dataDir);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const id = `${stamp}-${randomBytes(3).toString('hex')}`;
  const file = `${id}-${basename(input.path)}`;
  await writeFileAtomic(join(dir, file), input.bytes, 0o600);
  const record: BackupRecord = {
    id,
    path: input.path,
    host: input.host,
    createdAt: now.toISOString(),
    reason: input.reason,
    sha256: sha256(input.bytes),
    mode: input.mode,
    file,
  };
  const all = await listBackups(dataDir);
  all.push(record);
  await writeFileAtomic(join(dir, 'index.json'), `${JSON.stringify({ backups: all }, null, 2)}\n`, 0o600);
  return record;
}

export async function readBackup(dataDir: string, record: BackupRecord): Promise<Buffer> {
  const bytes = await fs.readFile(join(backupsDir(dataDir), record.file));
  if (sha256(bytes) !== record.sha256) throw new Error(`backup ${record.id} does not match its recorded hash`);
  return bytes;
}
