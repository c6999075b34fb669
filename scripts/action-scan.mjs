#!/usr/bin/env node
// The GitHub Action's scan step (action.yml runs it; test/action runs it on repositories it builds): picks the
// commits to scan from the event GitHub sends, runs `keyward scan`, writes the report and a Markdown job
// summary, and sets the step outputs. Inputs arrive as INPUT_* variables, the event as GITHUB_EVENT_PATH.
// Plain Node with no dependencies, so it runs before and without anything else being installed.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const input = (name, fallback = '') => (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim() || fallback;
const ZERO = /^0+$/;
const FIRST_FINDINGS = 10;

const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
const bin = env.KEYWARD_BIN || join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'bin.js');

function fail(message) {
  console.log(`::error title=keyward::${message}`);
  process.exit(2);
}

function git(args) {
  const r = spawnSync('git', args, { cwd: workspace, encoding: 'utf8' });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim() };
}

const hasCommit = (sha) => git(['cat-file', '-e', `${sha}^{commit}`]).ok;

/** Makes sure `sha` is here: a checkout fetches branches, not every old commit (a force-pushed `before`). */
function ensureCommit(sha) {
  if (hasCommit(sha)) return true;
  git(['fetch', '--no-tags', '--quiet', 'origin', sha]);
  return hasCommit(sha);
}

/** Which commits to scan, as `keyward scan` flags, and a sentence for the summary. */
function planRange(eventName, event, headSha) {
  const history = input('history', 'range');
  if (history === 'none') return { args: [], what: 'the checked-out files' };
  if (history === 'all') return { args: ['--history'], what: 'the whole history (every ref)' };
  if (history !== 'range') fail(`input history must be range, all or none, not "${history}"`);
  if (eventName === 'push' && event.before !== undefined) {
    const after = event.after && !ZERO.test(event.after) ? event.after : headSha;
    if (ZERO.test(event.before)) {
      return { args: ['--history', '--since-commit', event.before, '--log-opts', after], what: `the commits of a new branch up to ${short(after)} that no other branch holds` };
    }
    if (!ensureCommit(event.before)) {
      // A force-push whose old tip is gone: scan what no other branch holds, as for a new branch.
      return { args: ['--history', '--since-commit', '0'.repeat(40), '--log-opts', after], what: `a force-push: ${short(event.before)} is gone, so the commits up to ${short(after)} that no other branch holds` };
    }
    const forced = event.forced || !git(['merge-base', '--is-ancestor', event.before, after]).ok;
    return {
      args: ['--history', '--since-commit', event.before, '--log-opts', after],
      what: forced ? `a force-push: the commits in ${short(after)} that ${short(event.before)} did not have` : `the pushed commits ${short(event.before)}..${short(after)}`,
    };
  }
  const pr = event.pull_request;
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr?.base?.sha && pr?.head?.sha) {
    for (const sha of [pr.base.sha, pr.head.sha]) if (!ensureCommit(sha)) fail(`commit ${sha} of the pull request is not in the checkout; use actions/checkout with fetch-depth: 0`);
    return { args: ['--history', '--since-commit', pr.base.sha, '--log-opts', pr.head.sha], what: `the pull request's commits ${short(pr.base.sha)}..${short(pr.head.sha)}` };
  }
  return { args: ['--history'], what: `the whole history (a ${eventName || 'manual'} event has no range)` };
}

const short = (sha) => String(sha).slice(0, 7);

function main() {
  const eventName = env.GITHUB_EVENT_NAME || '';
  const event = env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const format = input('format', 'sarif');
  if (format !== 'sarif' && format !== 'json') fail(`input format must be sarif or json, not "${format}"`);
  const failOn = input('fail-on', 'findings');
  if (!['findings', 'verified', 'never'].includes(failOn)) fail(`input fail-on must be findings, verified or never, not "${failOn}"`);
  const output = resolve(workspace, input('output', `keyward.${format}`));

  // A depth-1 checkout cannot show what a push changed; the scanner would refuse it (exit 2), so deepen first.
  if (git(['rev-parse', '--is-shallow-repository']).out === 'true') git(['fetch', '--no-tags', '--quiet', '--unshallow', 'origin']);

  const range = planRange(eventName, event, env.GITHUB_SHA || 'HEAD');
  const args = ['scan', input('path', '.'), ...range.args, '--format', format, '--output', output, '--no-progress'];
  const baseline = input('baseline');
  if (baseline) args.push('--baseline', baseline);
  const help = spawnSync(process.execPath, [bin, 'scan', '--help'], { encoding: 'utf8' }).stdout ?? '';
  const canVerify = help.includes('--verify');
  if (input('verify', 'false') === 'true' || failOn === 'verified') {
    if (canVerify) args.push(failOn === 'verified' ? '--fail-on-verified' : '--verify');
    else console.log('::warning title=keyward::this keyward has no --verify; scanning without verification');
  }

  console.log(`keyward: scanning ${range.what}`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 && r.status !== 1) fail(`keyward scan failed (exit ${r.status ?? r.signal}); see the log above`);

  const report = JSON.parse(readFileSync(output, 'utf8'));
  const findings = format === 'sarif' ? fromSarif(report) : fromJson(report);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary(findings, range.what, output));
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `findings=${findings.length}\nreport=${output}\n`);

  if (failOn === 'never') process.exit(0);
  if (failOn === 'verified') process.exit(r.status ?? 2);
  process.exit(findings.length ? 1 : 0);
}

/** Findings as the summary needs them, from either report format: rule, place, masked value, commit. */
function fromSarif(log) {
  return (log.runs?.[0]?.results ?? []).map((res) => {
    const loc = res.locations?.[0]?.physicalLocation;
    return {
      ruleId: res.ruleId,
      path: decodeURIComponent(loc?.artifactLocation?.uri ?? ''),
      line: loc?.region?.startLine ?? 0,
      // "Title: ghp_****… in key path …": the message already holds only the masked value.
      // The commit has its own column; the message's "(introduced in commit …)" tail would repeat it.
      detail: (res.message?.text ?? '').replace(/ \(introduced in commit [^)]*\)$/, ''),
      commit: res.properties?.commit,
    };
  });
}

function fromJson(doc) {
  return (doc.findings ?? []).map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.line, detail: `${f.title}: ${f.redacted}`, commit: f.commit }));
}

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function summary(findings, what, output) {
  const lines = [];
  lines.push(findings.length ? `## keyward: ${findings.length} secret${findings.length === 1 ? '' : 's'} found` : '## keyward: no secrets found', '');
  lines.push(`Scanned ${what}.`, '');
  if (findings.length) {
    const byRule = new Map();
    for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    lines.push('| Rule | Findings |', '| --- | ---: |');
    for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) lines.push(`| \`${cell(rule)}\` | ${n} |`);
    lines.push('', `First ${Math.min(FIRST_FINDINGS, findings.length)} (values masked):`, '', '| Where | Commit | Finding |', '| --- | --- | --- |');
    for (const f of findings.slice(0, FIRST_FINDINGS)) lines.push(`| \`${cell(f.path)}:${f.line}\` | ${f.commit ? `\`${short(f.commit)}\`` : ''} | ${cell(f.detail)} |`);
    lines.push('', 'Revoke each credential at its provider first (it is in the history either way), then remove it; `keyward scan --baseline` or `.keywardignore` accepts a finding knowingly. See docs/ci.md.');
  }
  lines.push('', `Report: \`${output.split('/').pop()}\``, '');
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
