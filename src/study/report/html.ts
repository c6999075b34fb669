// The study report as one self-contained HTML page: inline CSS, inline SVG charts, no script and a CSP
// that forbids every network fetch, so it opens the same offline, in a CI artifact or an e-mail.
import { bytes, ci, duration, pct, pValue, runSummary, runTable } from './format.js';
import type { Breakdown, StudyReport } from './model.js';
import { barChart, escapeXml as esc, type Bar } from './svg.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:980px;color:#1d2330;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde2ea;padding-bottom:.3rem}
.lead{color:#556}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #dde2ea;border-radius:8px;padding:.7rem 1rem;min-width:180px}.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:13px}td,th{border-bottom:1px solid #e6e9ef;padding:.3rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f5f7fa}
svg.chart{display:block;margin:.8rem 0;max-width:100%;height:auto}
svg .title{font-weight:600;font-size:14px;fill:#1d2330}svg .label,svg .value,svg .reference-label,svg .empty{font-size:12px;fill:#334}
svg .bar.primary{fill:#3867d6}svg .bar.secondary{fill:#eb8c34}svg .bar.muted{fill:#9aa5b8}
svg .axis{stroke:#889;stroke-width:1}svg .ci line{stroke:#111;stroke-width:1.4}
svg .reference{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:5 4}svg .reference-label{fill:#c0392b}
ul.notes{color:#556;font-size:13px}`;

export function renderHtml(r: StudyReport): string {
  const f = r.funnel;
  const chartMax = Math.min(1, Math.max(r.baseline * 1.5, r.leaks.history.ci95.high, r.leaks.head.ci95.high, ...r.localRemote.flatMap((g) => [g.local.ci95.high, g.remote.ci95.high])) * 1.05);

  const funnelBars: Bar[] = [
    ['servers listed', f.serversListed],
    ['with a GitHub repository', f.serversWithGithubRepo],
    ['unique repositories', f.uniqueRepos],
    ['cloned', f.cloned],
    ['scanned', f.scanned],
    ['leaking in history', f.leakingHistory],
    ['leaking at HEAD', f.leakingHead],
  ].map(([label, value], i) => ({ label: label as string, value: value as number, text: String(value), tone: i >= 5 ? 'secondary' : 'primary' }));

  const shareBars: Bar[] = (['history', 'head'] as const).map((k) => {
    const s = r.leaks[k];
    return {
      label: `${k === 'head' ? 'HEAD' : 'history'} (${s.leaking}/${s.total})`,
      value: s.share,
      low: s.ci95.low,
      high: s.ci95.high,
      text: pct(s.share),
      tone: k === 'head' ? 'secondary' : 'primary',
    };
  });

  const groupBars: Bar[] = r.localRemote.flatMap((g) =>
    (['local', 'remote'] as const).map((side) => {
      const s = g[side];
      return {
        label: `${g.rule} ${side} (${s.leaking}/${s.total})`,
        value: s.share,
        low: s.total ? s.ci95.low : undefined,
        high: s.total ? s.ci95.high : undefined,
        text: s.total ? pct(s.share) : 'n/a',
        tone: side === 'local' ? 'primary' : 'secondary',
      } satisfies Bar;
    }),
  );

  const breakdownBars = (rows: Breakdown[]): Bar[] =>
    rows.slice(0, 12).map((b) => ({ label: b.label, value: b.repos, text: `${plural(b.repos, 'repo')} · ${plural(b.findings, 'finding')}` }));

  const table = (head: string[], rows: (string | number)[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const breakdownTable = (first: string, rows: Breakdown[]) =>
    rows.length
      ? table(
          [first, 'repositories', 'at HEAD', 'findings', 'distinct secrets'],
          rows.map((b) => [b.label === b.key ? b.key : `${b.label} (${b.key})`, b.repos, b.reposAtHead, b.findings, b.distinctSecrets]),
        )
      : '<p>No findings.</p>';

  const h = r.leaks.history;
  const body = [
    `<h1>${esc(r.title)}</h1>`,
    `<p class="lead">Generated ${esc(r.generatedAt)} · baseline ${esc(pct(r.baseline))} · ${f.scanned} repositories scanned with full history</p>`,
    `<div class="cards"><div class="card"><b>${esc(pct(h.share))}</b>leak ≥ 1 secret in history<br><small>95 % CI ${esc(ci(h.ci95.low, h.ci95.high))}</small></div>`,
    `<div class="card"><b>${esc(pct(r.leaks.head.share))}</b>still leak at HEAD</div>`,
    `<div class="card"><b>${f.uniqueRepos}</b>unique repositories from ${f.serversListed} servers</div></div>`,
    '<h2>Funnel</h2>',
    barChart(funnelBars, { id: 'funnel', title: 'From registry entries to leaking repositories' }),
    Object.keys(f.serversWithoutRepo).length
      ? table(['servers left out', 'servers'], Object.entries(f.serversWithoutRepo).map(([reason, n]) => [reason, n]))
      : '',
    `<p>${f.reposInSeveralSources} of ${f.uniqueRepos} repositories are listed by more than one registry; each is cloned and counted once.</p>`,
    '<h2>Share of repositories leaking at least one secret</h2>',
    barChart(shareBars, { id: 'share', title: 'Share leaking, with Wilson 95 % intervals', max: chartMax, reference: { value: r.baseline, label: `baseline ${pct(r.baseline)}` } }),
    table(
      ['measure', 'leaking', 'scanned', 'share', '95 % CI', `P(X ≥ x) at baseline`, 'two-sided p'],
      (['history', 'head'] as const).map((k) => {
        const s = r.leaks[k];
        const t = r.baselineTest[k];
        return [k === 'head' ? 'HEAD' : 'history', s.leaking, s.total, pct(s.share), ci(s.ci95.low, s.ci95.high), pValue(t.pGreater), pValue(t.pTwoSided)];
      }),
    ),
    '<h2>Local vs remote servers</h2>',
    barChart(groupBars, { id: 'local-remote', title: 'History leak share by deployment, under each classification rule', max: chartMax, reference: { value: r.baseline, label: `baseline ${pct(r.baseline)}` } }),
    table(
      ['classification', 'local', 'remote', 'unclassified', 'z', 'p (two-sided)'],
      r.localRemote.map((g) => [g.label, `${g.local.leaking}/${g.local.total}`, `${g.remote.leaking}/${g.remote.total}`, g.unclassified, g.test ? g.test.z.toFixed(2) : 'n/a', pValue(g.test?.p)]),
    ),
    '<h2>By secret type</h2>',
    barChart(breakdownBars(r.byRule), { id: 'by-rule', title: 'Repositories per secret type' }),
    breakdownTable('secret type', r.byRule),
    '<h2>By surface</h2>',
    barChart(breakdownBars(r.bySurface), { id: 'by-surface', title: 'Repositories per surface (where in the repository)' }),
    breakdownTable('surface', r.bySurface),
    '<h2>Top providers</h2>',
    barChart(breakdownBars(r.byProvider.slice(0, 10)), { id: 'by-provider', title: 'Repositories per provider' }),
    '<h2>Secrets in registry entries</h2>',
    `<p>${r.registryEntries.withSecret.leaking} of ${r.registryEntries.withSecret.total} listed servers (${esc(pct(r.registryEntries.withSecret.share))}) carry a secret in their registry entry itself; the stored JSON has these values masked.</p>`,
    r.registryEntries.byRule.length
      ? table(['secret type', 'servers', 'findings'], r.registryEntries.byRule.map((b) => [b.label === b.key ? b.key : `${b.label} (${b.key})`, b.servers, b.findings]))
      : '',
    r.repos
      ? `<h2>Repositories</h2>${table(['repository', 'findings (history)', 'at HEAD', 'rules'], r.repos.map((x) => [x.repo, x.historyFindings, x.headFindings, x.rules.join(', ')]))}`
      : '',
    r.verification
      ? `<h2>Live credentials (study --verify)</h2><p>${r.verification.withLive.leaking} of ${r.verification.withLive.total} leaking repositories whose credentials were checked (${esc(pct(r.verification.withLive.share))}) hold at least one credential its provider confirmed live. Distinct credentials: ${r.verification.live} live, ${r.verification.invalid} refused.</p>`
      : '',
    r.run ? runSection(r.run, table) : '',
    `<h2>Notes</h2><ul class="notes">${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
  ].join('\n');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)}</title><style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}

/** How the study ran: throughput, wall time, memory and disk, for whoever sizes the next run. */
function runSection(run: NonNullable<StudyReport['run']>, table: (head: string[], rows: (string | number)[][]) => string): string {
  const t = run.total;
  const card = (value: string, label: string) => `<div class="card"><b>${esc(value)}</b>${esc(label)}</div>`;
  const { head, rows } = runTable(run);
  return [
    '<h2>Run</h2>',
    `<div class="cards run">${card(t.reposPerMinute.toFixed(1), 'repositories per minute')}${card(duration(t.wallMs), 'wall time')}${card(bytes(t.peakRssBytes), 'peak RSS')}${card(bytes(t.peakDiskBytes), 'peak disk for clones')}</div>`,
    `<p>${esc(runSummary(run))}</p>`,
    table(head, rows),
  ].join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
