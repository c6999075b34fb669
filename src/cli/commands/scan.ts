// `keyward scan [path]`: folder, `--history`, `--staged` or stdin (`-`) → report on stdout or --output.
// Exit 0 when nothing is found, 1 on findings, 2 on usage or fatal errors.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { FORMATS, type ReportFormat, type RuleMeta } from '../../report/index.js';
import { count } from '../../core/plural.js';
import { CONFIDENCE_ORDER, type Confidence } from '../../engine/types.js';
import type { ScanMode, ScanProgress, ScanRequest } from '../../scan/scan.js';
import type { CliContext } from '../context.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from '../context.js';
import { UserError } from '../errors.js';
import { notice, useColor } from '../global-options.js';
import { addVerifyOptions, verifyForCli, wantsVerify, type VerifyFlags } from '../verify-option.js';
import { version } from '../version.js';

interface ScanFlags extends VerifyFlags {
  history?: boolean;
  logOpts?: string;
  sinceCommit?: string;
  prePush?: boolean;
  staged?: boolean;
  format: ReportFormat;
  output?: string;
  redact: boolean;
  maxFileSize?: string;
  gitignore: boolean;
  followSymlinks?: boolean;
  skipUnscannable?: boolean;
  allowShallow?: boolean;
  config?: string;
  baseline?: string;
  ignoreFile?: string;
  workers: string;
  stdinPath: string;
  progress: boolean;
  minConfidence: Confidence;
}

// The scanner and the rules load only when `scan` runs, so other commands start without them.


export function register(program: Command, ctx: CliContext): void {
  addVerifyOptions(program.command('scan'))
    .description('scan a folder, its git history (--history) or the staged changes (--staged) for secrets')
    .argument('[path]', 'folder or file to scan; `-` reads stdin', '.')
    .option('--history', 'scan every commit reachable from any ref (each blob once)')
    .option('--log-opts <revs>', 'with --history: revisions instead of all refs, e.g. "origin/main..HEAD" or "--since=2025-01-01 main"')
    .option('--since-commit <sha>', 'with --history: only commits not reachable from <sha> (CI: the push\'s before, the PR base); all zeros = a new branch')
    .option('--pre-push', 'scan the commits `git push` is sending, read from a pre-push hook\'s stdin (implies --history)')
    .option('--staged', 'scan what is staged for the next commit (pre-commit hook)')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--no-redact', 'print secrets in clear (never use in CI logs)')
    .option('--max-file-size <size>', 'skip files larger than this, e.g. 10MB, 512k (default 10MB)')
    .option('--no-gitignore', 'scan files that .gitignore excludes too')
    .option('--follow-symlinks', 'follow symbolic links (loops are detected and skipped)')
    .option('--skip-unscannable', 'a file named as the path that cannot be scanned (too large, a symlink loop, unreadable) is a warning, not exit 2')
    .option('--allow-shallow', 'scan a shallow clone anyway (its missing history is not scanned)')
    .option('-c, --config <file>', 'config file (default: the nearest keyward.config.json or .keyward.toml from the scanned folder up to the git root)')
    .option('--baseline <file>', 'report only findings not in this saved JSON report')
    .option('--ignore-file <file>', 'fingerprints to ignore (default: the nearest .keywardignore from the scanned folder up to the git root)')
    .option('--workers <n>', 'worker threads: auto, 0 (in-process) or a number', 'auto')
    .option('--stdin-path <path>', 'file name to report (and detect the format by) when reading stdin', 'stdin')
    .option('--no-progress', 'no progress line on stderr')
    .addOption(new Option('--min-confidence <level>', 'report only findings at least this sure to be live secrets').choices(['low', 'medium', 'high']).default('low'))
    .addHelpText(
      'after',
      '\nExit codes: 0 no findings, 1 findings, 2 usage or fatal error.\nDocs: docs/scan.md',
    )
    .action(async (path: string, flags: ScanFlags) => {
      const [{ runScan, ScanError }, { parseSize }, { renderReport }, { formatSize }, { builtinRules, structuredRules }] = await Promise.all([
        import('../../scan/scan.js'),
        import('../../scan/config.js'),
        import('../../report/index.js'),
        import('../../report/text.js'),
        import('../../rules/index.js'),
      ]);
      if (flags.prePush) flags.history = true;
      if (flags.history && flags.staged) throw new UserError(`${flags.prePush ? '--pre-push' : '--history'} and --staged cannot be combined`, 'pick one');
      if (flags.sinceCommit !== undefined && !flags.history) throw new UserError('--since-commit needs --history');
      if (flags.sinceCommit !== undefined && flags.prePush) throw new UserError('--since-commit and --pre-push cannot be combined', 'the pre-push hook input already says which commits are pushed');
      const mode: ScanMode = flags.history ? 'history' : flags.staged ? 'staged' : path === '-' ? 'stdin' : 'files';
      let maxFileSize: number | undefined;
      if (flags.maxFileSize !== undefined) {
        maxFileSize = parseSize(flags.maxFileSize);
        if (maxFileSize === undefined) throw new UserError(`--max-file-size: "${flags.maxFileSize}" is not a size`, 'use e.g. 10MB, 512k or a number of bytes');
      }
      const revs = flags.logOpts ? parseLogOpts(flags.logOpts) : undefined;
      if (revs && !flags.history) throw new UserError('--log-opts needs --history');
      const workers = flags.workers === 'auto' ? 'auto' : Number(flags.workers);
      if (workers !== 'auto' && (!Number.isInteger(workers) || workers < 0)) {
        throw new UserError(`--workers: "${flags.workers}" is not auto or a whole number`);
      }
      const progress = flags.progress && !ctx.quiet && ctx.stderr.isTTY ? progressLine(ctx, formatSize) : undefined;
      let range: ScanRequest['range'];
      if (flags.sinceCommit !== undefined) {
        if (flags.sinceCommit.startsWith('-') || !flags.sinceCommit) throw new UserError(`--since-commit: "${flags.sinceCommit}" is not a commit`);
        range = { since: flags.sinceCommit };
      } else if (flags.prePush) {
        const { parsePrePushInput, GitRangeError } = await import('../../sources/git-range.js');
        try {
          range = { push: parsePrePushInput((await ctx.stdinText?.()) ?? '') };
        } catch (e) {
          if (e instanceof GitRangeError) throw new UserError(e.message, e.hint);
          throw e;
        }
      }
      const stdinText = mode === 'stdin' ? ((await ctx.stdinText?.()) ?? '') : undefined;
      let result;
      try {
        result = await runScan({
          mode,
          target: resolve(ctx.cwd, mode === 'stdin' ? '.' : path),
          maxFileSize,
          gitignore: flags.gitignore,
          followSymlinks: flags.followSymlinks,
          allowShallow: flags.allowShallow,
          revs,
          range,
          configFile: flags.config && resolve(ctx.cwd, flags.config),
          baseline: flags.baseline && resolve(ctx.cwd, flags.baseline),
          ignoreFile: flags.ignoreFile && resolve(ctx.cwd, flags.ignoreFile),
          workers,
          stdin: stdinText !== undefined ? { text: stdinText, path: flags.stdinPath } : undefined,
          onProgress: progress?.update,
        });
      } catch (e) {
        if (e instanceof ScanError) throw new UserError(e.message, e.hint);
        throw e;
      } finally {
        progress?.done();
      }
      // A file the user named that was not scanned must not read as clean.
      const unscanned = result.targetSkipped && !flags.skipUnscannable ? result.targetSkipped : undefined;
      // The named file's own warning becomes the error below, so it is not printed twice.
      for (const w of result.warnings) if (w !== unscanned?.warning) notice(ctx, `warning: ${w}`);
      if (unscanned) throw new UserError(`${path}: ${unscanned.reason}`, 'a file named on the command line must be scanned; --skip-unscannable warns and goes on');
      for (const n of result.notes) notice(ctx, `note: ${n}`);
      if (mode === 'history' && range && result.stats.commits === 0) {
        notice(ctx, 'note: no new commits in the range; nothing to scan');
      } else if (mode === 'history' && result.stats.commits === 0) {
        ctx.stderr.write('warning: the repository has no commits; nothing in its history was scanned\n');
      }
      const rules = new Map<string, RuleMeta>();
      for (const r of [...builtinRules, ...structuredRules]) {
        rules.set(r.id, { id: r.id, title: r.title, severity: r.severity, provider: 'provider' in r ? r.provider : undefined, description: r.description });
      }
      for (const r of result.configRules) rules.set(r.id, { ...r, provider: 'config' });
      const kept = result.findings.filter((f) => CONFIDENCE_ORDER[f.confidence] >= CONFIDENCE_ORDER[flags.minConfidence]);
      const verified = wantsVerify(flags) ? await verifyForCli(ctx, flags, kept, { mode, root: result.root, stdinText }) : undefined;
      const findings = verified?.findings ?? kept;
      // Published test vectors are reported (marked `example`) but do not fail the scan.
      const live = findings.filter((f) => !f.example).length;
      const report = renderReport(flags.format, {
        tool: { name: 'keyward', version },
        mode,
        findings,
        stats: result.stats,
        rules,
        showSecrets: !flags.redact,
        uriPrefix: result.repoPrefix,
        color: flags.format === 'text' && !flags.output && useColor(ctx, ctx.stdout),
        verifications: verified?.verifications,
      });
      if (flags.output) {
        try {
          await writeFile(resolve(ctx.cwd, flags.output), report);
        } catch (e) {
          throw new UserError(`cannot write the report to ${flags.output} (${(e as NodeJS.ErrnoException).code ?? e})`, 'check that its folder exists and is writable');
        }
        notice(ctx, `wrote ${flags.format} report with ${count(findings.length, 'finding')} to ${flags.output}`);
      } else {
        ctx.stdout.write(report);
      }
      // --fail-on-verified: CI fails on live credentials only.
      const failing = flags.failOnVerified ? (verified?.liveCount ?? 0) : live;
      ctx.exitCode = failing ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}

/** Revisions and a few history filters only: git options such as --output must not reach `git log`. */
const LOG_OPTIONS = /^--(?:since|until|after|before|author|committer)=.+$|^--(?:branches|tags|remotes|first-parent|no-merges)$/;

export function parseLogOpts(value: string): string[] {
  const args = value.split(/\s+/).filter(Boolean);
  for (const a of args) {
    if (a.startsWith('-') && !LOG_OPTIONS.test(a)) {
      throw new UserError(`--log-opts: "${a}" is not allowed`, 'give revisions or ranges (main..HEAD), or --since=, --until=, --author=, --branches, --tags, --remotes, --first-parent, --no-merges');
    }
  }
  return args;
}

/** A single self-rewriting line on stderr (TTY only), at most ~8 updates a second. */
function progressLine(ctx: CliContext, formatSize: (n: number) => string): { update(p: ScanProgress): void; done(): void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 120) return;
      last = now;
      shown = true;
      const commits = p.commits ? `, ${count(p.commits, 'commit')}` : '';
      ctx.stderr.write(`\r\x1b[Kscanning… ${count(p.files, 'file')} (${formatSize(p.bytes)})${commits}, ${count(p.findings, 'finding')}`);
    },
    done() {
      if (shown) ctx.stderr.write('\r\x1b[K');
    },
  };
}
