// A streaming client for `git cat-file --batch`: object ids go in on stdin, `<id> <type> <size>\n<bytes>\n`
// comes out. Requests are answered in order, so callers queue their context beside each id. Blobs over the
// size cap are drained without being kept, so memory stays bounded by the cap, not the history.
// Throughput: ids are written in batches and git runs with --buffer (no flush, i.e. no write syscall per
// object), so neither side pays a round trip per blob; a history holds thousands of them.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnGit } from './git.js';

export type CatFileResult =
  | { kind: 'blob'; id: string; bytes: Buffer }
  | { kind: 'too-large'; id: string; size: number }
  | { kind: 'missing'; id: string }
  | { kind: 'other'; id: string; type: string };

/** About 400 ids: big enough that writes are rare, small enough that git starts on them at once. */
const BATCH_CHARS = 16 * 1024;

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private closed: Promise<number>;
  private dead = false;

  /** Ids not yet written to git's stdin: one write per batch instead of one per id. */
  private batch = '';
  private flushScheduled = false;
  /** Set while git's stdin is full: requests wait on it. */
  private draining: Promise<void> | undefined;

  constructor(cwd: string, private readonly maxSize: number) {
    // --buffer cannot stall a reader: every caller ends stdin once it has asked for everything, and git
    // flushes what it holds when stdin ends (or when its buffer fills).
    this.child = spawnGit(cwd, ['cat-file', '--batch', '--buffer']);
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.closed = new Promise((resolve) =>
      this.child.on('close', (code) => {
        this.dead = true;
        resolve(code ?? 1);
      }),
    );
    // Reads are driven by results(); a broken pipe on stdin is reported there, not thrown here.
    this.child.stdin.on('error', () => undefined);
  }

  /** Queues one object; resolves when git can take more (back-pressure). */
  async request(id: string): Promise<boolean> {
    if (this.draining) await this.draining;
    if (this.dead || this.child.stdin.destroyed) return false;
    this.batch += `${id}\n`;
    // Ids arrive in bursts (one chunk of git log at a time): write a burst at once, and what is left of it on
    // the next turn of the event loop, so a slow producer never leaves ids waiting here.
    if (this.batch.length >= BATCH_CHARS) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
    return !this.dead;
  }

  private flush(): void {
    if (!this.batch || this.child.stdin.destroyed) return;
    const ok = this.child.stdin.write(this.batch);
    this.batch = '';
    if (ok || this.draining) return;
    this.draining = new Promise<void>((resolve) => {
      const done = () => {
        this.child.stdin.off('drain', done).off('close', done);
        this.draining = undefined;
        resolve();
      };
      this.child.stdin.on('drain', done).on('close', done);
    });
  }

  end(): void {
    if (this.batch && !this.child.stdin.destroyed) this.child.stdin.write(this.batch);
    this.batch = '';
    this.child.stdin.end();
  }

  kill(): void {
    this.child.kill();
  }

  /** Every answer, in request order, until stdin is ended and git has answered all. */
  async *results(): AsyncGenerator<CatFileResult> {
    let buf: Buffer = Buffer.alloc(0);
    // Header parsed, waiting for `want` bytes of content (+1 newline); `chunks` is empty when draining.
    let pending: { id: string; type: string; size: number; keep: boolean; got: number; chunks: Buffer[] } | undefined;
    for await (const chunk of this.child.stdout as AsyncIterable<Buffer>) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (pending) {
          const need = pending.size + 1 - pending.got;
          const take = Math.min(need, buf.length);
          if (pending.keep && take > 0) pending.chunks.push(buf.subarray(0, Math.min(take, pending.size - pending.got)));
          pending.got += take;
          buf = buf.subarray(take);
          if (pending.got < pending.size + 1) break;
          const p = pending;
          pending = undefined;
          if (p.type !== 'blob') yield { kind: 'other', id: p.id, type: p.type };
          else if (!p.keep) yield { kind: 'too-large', id: p.id, size: p.size };
          else yield { kind: 'blob', id: p.id, bytes: p.chunks.length === 1 ? p.chunks[0] : Buffer.concat(p.chunks) };
          continue;
        }
        const nl = buf.indexOf(10);
        if (nl < 0) break;
        const header = buf.subarray(0, nl).toString('utf8');
        buf = buf.subarray(nl + 1);
        const parts = header.split(' ');
        if (parts[1] === 'missing' || parts.length < 3) {
          yield { kind: 'missing', id: parts[0] };
          continue;
        }
        const size = Number(parts[2]);
        const keep = parts[1] === 'blob' && size <= this.maxSize;
        pending = { id: parts[0], type: parts[1], size, keep, got: 0, chunks: [] };
        if (size === 0 && keep) pending.chunks.push(Buffer.alloc(0));
      }
      // Keep the unread tail small and detached from the big chunk it came from.
      if (buf.length && !pending) buf = Buffer.from(buf);
    }
    const code = await this.closed;
    if (code !== 0) throw new Error(`git cat-file failed (exit ${code}): ${this.stderr.trim()}`);
  }
}
