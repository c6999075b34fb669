// A streaming client for `git cat-file --batch`: object ids go in on stdin, `<id> <type> <size>\n<bytes>\n`
// comes out. Requests are answered in order, so callers queue their context beside each id. Blobs over the
// size cap are drained without being kept, so memory stays bounded by the cap, not the history.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnGit } from './git.js';

export type CatFileResult =
  | { kind: 'blob'; id: string; bytes: Buffer }
  | { kind: 'too-large'; id: string; size: number }
  | { kind: 'missing'; id: string }
  | { kind: 'other'; id: string; type: string };

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private closed: Promise<number>;
  private dead = false;

  constructor(cwd: string, private readonly maxSize: number) {
    this.child = spawnGit(cwd, ['cat-file', '--batch']);
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
    if (this.dead || this.child.stdin.destroyed) return false;
    if (!this.child.stdin.write(`${id}\n`)) {
      await new Promise<void>((resolve) => {
        this.child.stdin.once('drain', resolve);
        this.child.stdin.once('close', resolve);
      });
    }
    return !this.dead;
  }

  end(): void {
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
