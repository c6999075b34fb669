import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from '../../src/study/progress.js';

describe('Progress', () => {
  it('draws on a TTY only, with an ETA from this run’s pace', () => {
    let now = 0;
    let out = '';
    const p = new Progress({ isTTY: true, write: (s) => (out += s) }, () => now);
    p.total = 10;
    p.listed = 12;
    expect(p.eta()).toBeUndefined();
    expect(p.line()).toContain('ETA --:--');
    // Two repositories done in 60 s → 30 s each; 8 left → 4 minutes.
    now = 60_000;
    p.scanned = 1;
    p.skipped = 1;
    p.finished();
    p.finished();
    expect(p.eta()).toBe(240_000);
    p.draw(true);
    expect(out).toBe('\r\u001b[2Klisted 12 · cloned 0/10 · scanned 1/10 · skipped 1 · ETA 04:00');
    let quiet = '';
    const off = new Progress({ isTTY: false, write: (s) => (quiet += s) });
    off.draw(true);
    off.end();
    expect(quiet).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(61_000)).toBe('01:01');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});
