// Number formatting shared by the Markdown and HTML renderers, so both print the same figures.
import type { StudyReport } from './model.js';

export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`;
}

export function pValue(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return 'n/a';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

export function ci(low: number, high: number): string {
  return `${pct(low)} – ${pct(high)}`;
}

/** Bytes in binary units, e.g. `512 KiB`, `1.4 GiB`. */
export function bytes(n: number | undefined): string {
  if (n === undefined) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** A duration as `850 ms`, `42.3 s` or `1 h 03 min`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

const STAGE: Record<string, string> = { both: 'clone + scan', clone: 'clone', scan: 'scan' };

/** The Run section's per-run table (header and rows), the same in Markdown and HTML. */
export function runTable(run: NonNullable<StudyReport['run']>): { head: string[]; rows: string[][] } {
  return {
    head: ['started', 'stage', 'shard', 'concurrency', 'wall', 'repositories (scanned / skipped)', 'repos/min', 'peak RSS', 'peak disk'],
    rows: run.runs.map((x) => [
      `${x.startedAt}${x.interrupted ? ' (interrupted)' : ''}`,
      STAGE[x.mode] ?? x.mode,
      x.shard || 'all',
      String(x.concurrency),
      duration(x.wallMs),
      `${x.repos} (${x.scanned} / ${x.skipped})`,
      x.reposPerMinute.toFixed(1),
      bytes(x.peakRssBytes),
      bytes(x.peakDiskBytes),
    ]),
  };
}

/** One sentence with the runs' totals. */
export function runSummary(run: NonNullable<StudyReport['run']>): string {
  const t = run.total;
  const runs = run.runs.length === 1 ? '1 run' : `${run.runs.length} runs (wall times added up; first start to last end ${duration(t.spanMs)})`;
  return `${t.repos} repositories finished (${t.scanned} scanned, ${t.skipped} skipped) in ${duration(t.wallMs)} over ${runs}: ${t.reposPerMinute.toFixed(1)} repositories per minute, peak RSS ${bytes(t.peakRssBytes)}, peak disk for clones ${bytes(t.peakDiskBytes)}.`;
}
