// Inline SVG bar charts for the HTML report: generated as strings, no script, no fonts or styles fetched.
// Horizontal bars suit long labels (rule titles, funnel steps) and keep every chart one simple layout.

export interface Bar {
  label: string;
  value: number;
  /** Shown right of the bar. */
  text: string;
  /** Optional interval drawn as a whisker (same unit as value). */
  low?: number;
  high?: number;
  tone?: 'primary' | 'secondary' | 'muted';
}

export interface ChartOptions {
  id: string;
  title: string;
  /** Right end of the scale; defaults to the largest value or whisker. */
  max?: number;
  /** A dashed reference line (the baseline rate). */
  reference?: { value: number; label: string };
}

const WIDTH = 760;
const LABEL_W = 300;
const BAR_W = 340;
const ROW = 28;
const TOP = 34;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function barChart(bars: Bar[], options: ChartOptions): string {
  const max = Math.max(options.max ?? 0, ...bars.map((b) => Math.max(b.value, b.high ?? 0)), options.reference?.value ?? 0) || 1;
  const x = (v: number) => LABEL_W + (Math.max(0, v) / max) * BAR_W;
  const height = TOP + Math.max(1, bars.length) * ROW + (options.reference ? 26 : 12);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${escapeXml(options.id)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<text class="title" x="0" y="18">${escapeXml(options.title)}</text>`,
    `<line class="axis" x1="${LABEL_W}" y1="${TOP - 6}" x2="${LABEL_W}" y2="${TOP + bars.length * ROW}" />`,
  );
  if (!bars.length) parts.push(`<text class="empty" x="${LABEL_W + 8}" y="${TOP + 18}">no data</text>`);
  bars.forEach((b, i) => {
    const y = TOP + i * ROW;
    const w = x(b.value) - LABEL_W;
    parts.push(
      `<text class="label" x="${LABEL_W - 8}" y="${y + 18}" text-anchor="end">${escapeXml(truncate(b.label, 44))}<title>${escapeXml(b.label)}</title></text>`,
      `<rect class="bar ${b.tone ?? 'primary'}" data-value="${b.value}" x="${LABEL_W}" y="${y + 5}" width="${w.toFixed(2)}" height="${ROW - 10}" rx="2"><title>${escapeXml(`${b.label}: ${b.text}`)}</title></rect>`,
    );
    let textX = x(b.value) + 6;
    if (b.low !== undefined && b.high !== undefined) {
      const cy = y + ROW / 2;
      const [l, h] = [x(b.low), x(b.high)];
      parts.push(
        `<g class="ci"><line x1="${l.toFixed(2)}" y1="${cy}" x2="${h.toFixed(2)}" y2="${cy}" /><line x1="${l.toFixed(2)}" y1="${cy - 6}" x2="${l.toFixed(2)}" y2="${cy + 6}" /><line x1="${h.toFixed(2)}" y1="${cy - 6}" x2="${h.toFixed(2)}" y2="${cy + 6}" /></g>`,
      );
      textX = Math.max(textX, h + 6);
    }
    parts.push(`<text class="value" x="${textX.toFixed(2)}" y="${y + 18}">${escapeXml(b.text)}</text>`);
  });
  if (options.reference) {
    const rx = x(options.reference.value).toFixed(2);
    const bottom = TOP + bars.length * ROW;
    parts.push(
      `<line class="reference" x1="${rx}" y1="${TOP - 6}" x2="${rx}" y2="${bottom + 4}" />`,
      `<text class="reference-label" x="${rx}" y="${bottom + 18}" text-anchor="middle">${escapeXml(options.reference.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
