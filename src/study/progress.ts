// Progress line on stderr (TTY only): servers listed, repositories cloned / scanned / skipped, and an ETA
// from this run's pace. Off a TTY it stays silent; stages print their own one-line summaries.
import type { OutputStream } from '../core/output.js';

export class Progress {
  listed = 0;
  total = 0;
  cloned = 0;
  scanned = 0;
  skipped = 0;
  private doneThisRun = 0;
  private started: number;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** A repository left the queue (scanned or skipped) in this run. */
  finished(): void {
    this.doneThisRun++;
  }

  /** Remaining time from this run's pace; undefined until one repository has finished. */
  eta(): number | undefined {
    const remaining = this.total - this.scanned - this.skipped;
    if (this.doneThisRun === 0 || remaining < 0) return undefined;
    const perRepo = (this.now() - this.started) / this.doneThisRun;
    return remaining * perRepo;
  }

  line(): string {
    const eta = this.eta();
    return `listed ${this.listed} · cloned ${this.cloned}/${this.total} · scanned ${this.scanned}/${this.total} · skipped ${this.skipped} · ETA ${eta === undefined ? '--:--' : formatDuration(eta)}`;
  }

  draw(force = false): void {
    if (!this.stream?.isTTY) return;
    const t = this.now();
    if (!force && t - this.lastDraw < 200) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(`\r\u001b[2K${this.line()}`);
  }

  end(): void {
    if (this.drawn && this.stream?.isTTY) this.stream.write(`\r\u001b[2K${this.line()}\n`);
    this.drawn = false;
  }
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
}
