// The study's state: one SQLite file (WAL) with servers, repositories, findings and listing progress, so
// every stage can stop at any point and resume. Findings hold a salted hash and a redacted prefix only.
import { createHash, randomBytes } from 'node:crypto';
import { openSqlite, type SqliteDb } from './sqlite.js';

export type StudyDb = SqliteDb;

export type RepoStatus = 'pending' | 'cloned' | 'scanned' | 'skipped';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS list_state (
  source TEXT PRIMARY KEY, next TEXT, pages INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS servers (
  source TEXT NOT NULL,            -- 'official' | 'smithery' (the shape of the entry)
  server_key TEXT NOT NULL,        -- registry name or Smithery qualifiedName
  name TEXT NOT NULL,
  repo_url TEXT,                   -- as listed
  repo TEXT,                       -- normalised owner/name, NULL when not on GitHub
  subfolder TEXT,
  deployment TEXT,                 -- R1 (official) or R2 (smithery): 'local' | 'remote' | NULL
  is_latest INTEGER NOT NULL DEFAULT 1,
  raw TEXT NOT NULL,               -- the registry's JSON for this server, as received
  PRIMARY KEY (source, server_key));
CREATE INDEX IF NOT EXISTS servers_repo ON servers(repo);
CREATE TABLE IF NOT EXISTS repos (
  repo TEXT PRIMARY KEY,
  shard_key INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  reason TEXT,                     -- why skipped
  head_commit TEXT,                -- the commit scanned
  size_bytes INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  commits INTEGER,
  blobs INTEGER,
  scan_count INTEGER NOT NULL DEFAULT 0,
  code_signal TEXT,                -- R3: 'local' | 'remote'
  clone_ms INTEGER,
  scan_ms INTEGER,
  updated_at TEXT);
CREATE TABLE IF NOT EXISTS findings (
  repo TEXT NOT NULL,
  rule TEXT NOT NULL,
  path TEXT NOT NULL,
  surface TEXT NOT NULL,
  commit_sha TEXT,                 -- commit that introduced the blob
  in_head INTEGER NOT NULL,        -- 1 when the blob is still in the HEAD tree
  line INTEGER,
  context TEXT,                    -- key path in a structured file
  secret_hash TEXT NOT NULL,       -- sha256(study salt + secret), never the secret
  redacted TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS findings_repo ON findings(repo);
CREATE TABLE IF NOT EXISTS runs (  -- one row per clone/scan run of this database; a merge keeps every shard's
  started_at TEXT NOT NULL,
  mode TEXT NOT NULL,              -- 'clone' | 'scan' | 'both' (study run)
  shard TEXT NOT NULL DEFAULT '',  -- 'i/n', or '' for the whole queue
  concurrency INTEGER NOT NULL,
  wall_ms INTEGER NOT NULL,
  taken INTEGER NOT NULL,          -- repositories taken from the queue
  cloned INTEGER NOT NULL,
  scanned INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  peak_rss_bytes INTEGER,          -- the study process's own peak resident memory (its git children not included)
  peak_clone_bytes INTEGER,        -- most bytes of clones on disk at one time
  interrupted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (started_at, mode, shard));
CREATE TABLE IF NOT EXISTS server_findings (  -- secrets in a registry entry itself (server.json inputs, headers)
  source TEXT NOT NULL,
  server_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '',
  secret_hash TEXT NOT NULL,
  redacted TEXT NOT NULL,
  PRIMARY KEY (source, server_key, rule, context, secret_hash));
`;

export interface OpenOptions {
  /** Salt for a new database (sharded studies share one so hashes compare across shards). */
  salt?: string;
  readonly?: boolean;
}

export function openStudyDb(path: string, options: OpenOptions = {}): StudyDb {
  const db = openSqlite(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (options.readonly) return db;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addVerifyColumns(db);
  const existing = getMeta(db, 'salt');
  if (!existing) {
    setMeta(db, 'salt', options.salt ?? randomBytes(32).toString('hex'));
    setMeta(db, 'created_at', new Date().toISOString());
  } else if (options.salt && options.salt !== existing) {
    db.close();
    throw new SaltMismatchError(path);
  }
  return db;
}

/**
 * `study --verify` counts per repository (NULL: not verified). Added by ALTER so databases made before
 * verification existed keep working.
 */
function addVerifyColumns(db: StudyDb): void {
  const have = new Set((db.prepare('PRAGMA table_info(repos)').all() as { name: string }[]).map((c) => c.name));
  for (const col of ['verified_live', 'verified_invalid']) if (!have.has(col)) db.exec(`ALTER TABLE repos ADD COLUMN ${col} INTEGER`);
}

export class SaltMismatchError extends Error {
  constructor(readonly path: string) {
    super(`${path} was created with a different study salt`);
  }
}

export function getMeta(db: StudyDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: StudyDb, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * Salted per study so hashes cannot be looked up in precomputed tables or joined across studies; within one
 * study (and its shards, which share the salt) equal secrets still compare equal.
 */
export function secretHash(salt: string, secret: string): string {
  return createHash('sha256').update(salt).update('\u0000').update(secret).digest('hex');
}
