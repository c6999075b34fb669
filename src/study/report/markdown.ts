// The study report as Markdown: the same numbers as the JSON, in tables a README or an issue can show.
import { ci, pct, pValue, runSummary, runTable } from './format.js';
import type { Breakdown, StudyReport } from './model.js';

export function renderMarkdown(r: StudyReport): string {
  const f = r.funnel;
  const out: string[] = [];
  const table = (head: string[], rows: (string | number)[][]) => {
    out.push(`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const row of rows) out.push(`| ${row.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
    out.push('');
  };
  out.push(`# ${r.title}`, '', `Generated ${r.generatedAt}. Baseline leak rate for public repositories: ${pct(r.baseline)}.`, '');

  out.push('## Funnel', '');
  const sources = Object.entries(f.bySource)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const reasons = Object.entries(f.skippedByReason)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  table(
    ['step', 'count'],
    [
      [`servers listed${sources ? ` (${sources})` : ''}`, f.serversListed],
      ['servers with a GitHub repository', f.serversWithGithubRepo],
      ...Object.entries(f.serversWithoutRepo).map(([reason, n]) => [`servers left out: ${reason}`, n] as [string, number]),
      [`unique repositories (${f.sharedRepos} shared by several servers, at most ${f.maxServersPerRepo}; ${f.reposInSeveralSources} listed by several registries)`, f.uniqueRepos],
      [`skipped${reasons ? ` (${reasons})` : ''}`, f.skipped],
      ...(f.pending ? [['still pending', f.pending] as [string, number]] : []),
      ['cloned (full history)', f.cloned],
      ['scanned', f.scanned],
      ['leaking ≥ 1 secret in history', f.leakingHistory],
      ['leaking ≥ 1 secret at HEAD', f.leakingHead],
    ],
  );

  out.push('## Repositories leaking at least one secret', '');
  table(
    ['measure', 'leaking', 'scanned', 'share', '95 % CI (Wilson)', `P(X ≥ x) at ${pct(r.baseline)}`, 'two-sided p'],
    (['history', 'head'] as const).map((k) => {
      const s = r.leaks[k];
      const t = r.baselineTest[k];
      return [k === 'head' ? 'HEAD' : 'history', s.leaking, s.total, pct(s.share), ci(s.ci95.low, s.ci95.high), pValue(t.pGreater), pValue(t.pTwoSided)];
    }),
  );

  out.push('## Local vs remote servers (history leaks)', '');
  table(
    ['classification', 'local', 'remote', 'unclassified', 'z', 'p (two-sided)'],
    r.localRemote.map((g) => [
      g.label,
      `${g.local.leaking}/${g.local.total} (${pct(g.local.share)})`,
      `${g.remote.leaking}/${g.remote.total} (${pct(g.remote.share)})`,
      g.unclassified,
      g.test ? g.test.z.toFixed(2) : 'n/a',
      pValue(g.test?.p),
    ]),
  );

  const breakdown = (title: string, first: string, rows: Breakdown[]) => {
    out.push(`## ${title}`, '');
    if (!rows.length) {
      out.push('No findings.', '');
      return;
    }
    table(
      [first, 'repositories', 'at HEAD', 'findings', 'distinct secrets'],
      rows.map((b) => [b.label === b.key ? b.key : `${b.label} (\`${b.key}\`)`, b.repos, b.reposAtHead, b.findings, b.distinctSecrets]),
    );
  };
  breakdown('By secret type', 'secret type', r.byRule);
  breakdown('By surface', 'surface', r.bySurface);
  breakdown('Top providers', 'provider', r.byProvider.slice(0, 10));

  const entries = r.registryEntries;
  out.push('## Secrets in registry entries', '');
  out.push(
    `${entries.withSecret.leaking} of ${entries.withSecret.total} listed servers (${pct(entries.withSecret.share)}) carry a secret in their registry entry itself. The stored JSON has these values masked.`,
    '',
  );
  if (entries.byRule.length) table(['secret type', 'servers', 'findings'], entries.byRule.map((b) => [b.label === b.key ? b.key : `${b.label} (\`${b.key}\`)`, b.servers, b.findings]));

  if (r.verification) {
    const v = r.verification;
    out.push('## Live credentials (study --verify)', '');
    out.push(
      `${v.withLive.leaking} of ${v.withLive.total} leaking repositories whose credentials were checked (${pct(v.withLive.share)}, 95 % CI ${ci(v.withLive.ci95.low, v.withLive.ci95.high)}) hold at least one credential its provider confirmed live. Distinct credentials: ${v.live} live, ${v.invalid} refused; the rest had no verifier or no clear answer.`,
      '',
    );
  }
  if (r.repos) {
    out.push('## Repositories', '');
    table(
      ['repository', 'findings (history)', 'at HEAD', 'rules'],
      r.repos.map((x) => [x.repo, x.historyFindings, x.headFindings, x.rules.join(', ')]),
    );
  }
  if (r.run) {
    out.push('## Run', '', runSummary(r.run), '');
    const { head, rows } = runTable(r.run);
    table(head, rows);
  }
  out.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
