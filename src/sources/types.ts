// What sources hand to the scanner: files on disk (read later, possibly in a worker) or blobs already in
// memory (git objects), plus the reasons a source left something out.

/** Why a source did not scan something; counted in the report so nothing is skipped silently. */
export type SkipKind = 'binary' | 'too-large' | 'symlink' | 'symlink-loop' | 'special' | 'unreadable' | 'ignored';

export interface CommitInfo {
  commit: string;
  author: string;
  email: string;
  date: string;
}

/** A file found on disk; its bytes are read by whoever scans it. */
export interface FileEntry {
  /** Path relative to the scan root, with `/` separators: what reports show. */
  path: string;
  absPath: string;
  /** Known when the walker had to stat the entry; otherwise checked when the file is opened. */
  size?: number;
}

/** Bytes already in memory: a git blob or stdin. */
export interface BlobEntry {
  path: string;
  bytes: Uint8Array;
  commit?: CommitInfo;
  /**
   * History: byte ranges (whole lines) holding all that this blob adds to the last version of its path the
   * source yielded before it; absent when none was kept. Findings outside them were that version's already.
   */
  changed?: [number, number][];
  /** The source keeps these bytes (to diff the next version against): read them, never hand them over. */
  retained?: boolean;
}

export interface SourceEvents {
  /** A path left out, with a message when the user should hear about it (warnings go to stderr). */
  skip(kind: SkipKind, path: string, warning?: string): void;
}
