// Number formatting shared by the Markdown and HTML renderers, so both print the same figures.

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
