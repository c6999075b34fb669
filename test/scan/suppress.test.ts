// Suppression and configuration: .keywardignore, --baseline, inline allow, keyward.config.json and
// .keyward.toml (extra rules proved by their examples, allow-lists, paths, disabled rules, size cap).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { parseConfig, parseSize } from '../../src/scan/config.js';
import { runScan, ScanError } from '../../src/scan/scan.js';
import { parseIgnoreFile } from '../../src/scan/suppress.js';
import { fakeToken } from '../../src/rules/fake.js';
import { ghToken, initRepo, tempDir, writeTree } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const a = ghToken(41);
const b = ghToken(42);
const scanDir = (extra: Partial<Parameters<typeof runScan>[0]> = {}) => runScan({ mode: 'files', target: dir, workers: 0, ...extra });

describe('.keywardignore', () => {
  it('drops fingerprints everywhere or at one path, counts them, and cannot hide a new secret on the same line', async () => {
    await writeTree(dir, { 'one.env': `T=${a}\n`, 'two.env': `T=${a}\n`, 'three.env': `T=${b}\n` });
    const all = await scanDir();
    const fpA = all.findings.find((f) => f.path === 'one.env')!.fingerprint;
    const fpB = all.findings.find((f) => f.path === 'three.env')!.fingerprint;
    await writeFile(join(dir, '.keywardignore'), `# reviewed: test fixture\n${fpA}:one.env\n${fpB}   # rotated\n`);
    const r = await scanDir();
    expect(r.findings.map((f) => f.path)).toEqual(['two.env']);
    expect(r.stats.suppressed.ignoreFile).toBe(2);
    // Same line, different secret: the content fingerprint differs, so it is reported.
    await writeTree(dir, { 'one.env': `T=${ghToken(43)}\n` });
    expect((await scanDir()).findings.map((f) => f.path)).toEqual(['one.env', 'two.env']);
  });

  it('rejects lines that are not fingerprints, with the line number', () => {
    expect(() => parseIgnoreFile('0123456789abcdef0123456789abcdef\nabc123:file:rule:3\n')).toThrow(/\.keywardignore:2/);
  });
});

describe('--baseline', () => {
  it('reports only findings that are new since the saved JSON report', async () => {
    await writeTree(dir, { 'old.env': `T=${a}\n` });
    const first = await run(['scan', '.', '--format', 'json', '--output', 'baseline.json'], { cwd: dir, env: {} });
    expect(first.exitCode).toBe(1);
    expect((await run(['scan', '.', '--baseline', 'baseline.json'], { cwd: dir, env: {} })).exitCode).toBe(0);
    await writeTree(dir, { 'new.env': `T=${b}\n` });
    const r = await run(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir, env: {} });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { path: string }) => f.path)).toEqual(['new.env']);
    expect(doc.summary.suppressed.baseline).toBe(1);
  });

  it('fails with exit 2 on a baseline that is not a report', async () => {
    await writeFile(join(dir, 'bad.json'), '{"nope": true}');
    const r = await run(['scan', '.', '--baseline', 'bad.json'], { cwd: dir, env: {} });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/not a keyward JSON report/);
  });
});

describe('inline allow', () => {
  it('honours keyward:allow on the line', async () => {
    await writeTree(dir, { 'a.ts': `const t = "${a}"; // keyward:allow test fixture\nconst u = "${b}";\n` });
    expect((await scanDir()).findings.map((f) => f.line)).toEqual([2]);
  });
});

describe('config file', () => {
  const acme = fakeToken('acme_', 32, 7, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const acmeRule = {
    id: 'acme-api-key',
    title: 'Acme API key',
    severity: 'high',
    keywords: ['acme_'],
    pattern: '\\b(acme_[a-z0-9]{32})\\b',
    entropy: 3,
    examples: { positive: [`key = "${acme}"`], negative: ['key = "acme_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'] },
  };

  it('adds rules, allow-lists values and paths, disables rules and sets the size cap (JSON)', async () => {
    await writeTree(dir, {
      'keyward.config.json': JSON.stringify({
        rules: [acmeRule],
        allowlist: { values: [b], paths: ['fixtures/**'] },
        maxFileSize: '1kb',
      }),
      'app.ts': `const k = "${acme}";\nconst g = "${b}";\n`,
      'fixtures/sample.env': `T=${a}\n`,
      'big.txt': `${'x'.repeat(2000)}\n${a}\n`,
    });
    const r = await scanDir();
    expect(r.findings.map((f) => [f.path, f.ruleId])).toEqual([['app.ts', 'acme-api-key']]);
    expect(r.stats.skipped['too-large']).toBe(1);
    expect(r.configFile).toBe(join(dir, 'keyward.config.json'));
    // The report knows the config rule's title.
    const cli = await run(['scan', '.'], { cwd: dir, env: {} });
    expect(cli.stdout).toContain('acme-api-key  Acme API key');

    await writeFile(join(dir, 'keyward.config.json'), JSON.stringify({ disabledRules: ['github-pat'] }));
    await writeFile(join(dir, 'big.txt'), '');
    expect((await scanDir()).findings.filter((f) => f.ruleId === 'github-pat')).toEqual([]);
  });

  it('reads .keyward.toml', async () => {
    await writeTree(dir, {
      '.keyward.toml': `[allowlist]\nstopwords = ["${a.slice(4, 14)}"]\n\n[[rules]]\nid = "acme-api-key"\ntitle = "Acme API key"\nkeywords = ["acme_"]\npattern = '\\b(acme_[a-z0-9]{32})\\b'\n[rules.examples]\npositive = ['${acme}']\n`,
      'a.txt': `${acme}\n${a}\n${b}\n`,
    });
    const r = await scanDir();
    expect(r.findings.map((f) => [f.line, f.ruleId])).toEqual([[1, 'acme-api-key'], [3, 'github-pat']]);
  });

  it('rejects a rule whose own examples fail, naming the file and rule', async () => {
    await writeFile(join(dir, 'keyward.config.json'), JSON.stringify({ rules: [{ ...acmeRule, keywords: ['zzz'] }] }));
    await expect(scanDir()).rejects.toThrow(ScanError);
    const r = await run(['scan', '.'], { cwd: dir, env: {} });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/keyward\.config\.json: rules\[0\] \(acme-api-key\): positive example not found/);
  });

  it('rejects unknown keys, bad regexes, unknown disabled rules and duplicate ids', () => {
    expect(() => parseConfig({ rulez: [] })).toThrow(/unknown key "rulez"/);
    expect(() => parseConfig({ allowlist: { regexes: ['('] } })).toThrow(/allowlist.regexes/);
    expect(() => parseConfig({ disabledRules: ['no-such-rule'] })).toThrow(/no built-in rule "no-such-rule"/);
    expect(() => parseConfig({ rules: [{ ...acmeRule, id: 'github-pat' }] })).toThrow(/already taken/);
    expect(() => parseConfig({ maxFileSize: 'big' })).toThrow(/maxFileSize/);
  });

  it('parses sizes', () => {
    expect(parseSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize(100)).toBe(100);
    expect(parseSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('lots')).toBeUndefined();
  });
});

describe('config and ignore files of a repository, scanning a subfolder', () => {
  it('finds .keyward.toml and .keywardignore at the git root, paths relative to their folder', async () => {
    const repo = join(dir, 'repo');
    await writeTree(repo, {
      '.keyward.toml': `[allowlist]\npaths = ["pkg/fixtures/"]\n`,
      'pkg/fixtures/token.env': `T=${a}\n`,
      'pkg/src/a.env': `T=${b}\n`,
      'pkg/src/b.env': `T=${b}\n`,
    });
    initRepo(repo);
    const sub = (extra: Partial<Parameters<typeof runScan>[0]> = {}) => runScan({ mode: 'files', target: join(repo, 'pkg'), workers: 0, ...extra });
    const r = await sub();
    expect(r.configFile).toBe(join(repo, '.keyward.toml'));
    expect(r.findings.map((f) => f.path)).toEqual(['src/a.env', 'src/b.env']);
    // A path-bound entry names the file from the ignore file's folder, as when scanning the root.
    await writeFile(join(repo, '.keywardignore'), `${r.findings[0].fingerprint}:pkg/src/a.env\n`);
    const ignored = await sub();
    expect(ignored.findings.map((f) => f.path)).toEqual(['src/b.env']);
    expect(ignored.stats.suppressed.ignoreFile).toBe(1);
    // Through the CLI from inside the subfolder, the same.
    const cli = await run(['scan', '.', '--format', 'json'], { cwd: join(repo, 'pkg/src'), env: {} });
    expect(JSON.parse(cli.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['b.env']);
  });

  it('lets a config in the scanned folder win, and never looks above the git root', async () => {
    const repo = join(dir, 'repo');
    await writeTree(dir, { '.keyward.toml': `disabledRules = ["github-pat"]\n` });
    await writeTree(repo, { '.keyward.toml': `[allowlist]\npaths = ["pkg/"]\n`, 'pkg/a.env': `T=${a}\n`, 'pkg/.keyward.toml': `[allowlist]\nstopwords = ["nothing-matches"]\n` });
    initRepo(repo);
    const own = await runScan({ mode: 'files', target: join(repo, 'pkg'), workers: 0 });
    expect(own.configFile).toBe(join(repo, 'pkg/.keyward.toml'));
    expect(own.findings.map((f) => f.path)).toEqual(['a.env']);
    const top = await runScan({ mode: 'files', target: repo, workers: 0 });
    expect(top.configFile).toBe(join(repo, '.keyward.toml'));
    expect(top.findings).toEqual([]);
    // The config above the repository (disabling github-pat) is not the repository's.
    await writeTree(dir, { 'other/pkg/a.env': `T=${a}\n` });
    initRepo(join(dir, 'other'));
    const other = await runScan({ mode: 'files', target: join(dir, 'other/pkg'), workers: 0 });
    expect(other.configFile).toBeUndefined();
    expect(other.findings).toHaveLength(1);
    // Outside a repository only the scanned folder counts: the config one level up is not used.
    await writeTree(dir, { 'loose/a.env': `T=${a}\n` });
    const loose = await runScan({ mode: 'files', target: join(dir, 'loose'), workers: 0 });
    expect(loose.configFile).toBeUndefined();
    expect(loose.findings).toHaveLength(1);
  });
});

describe('docs/scan.md config examples', () => {
  it('load as written (JSON and TOML)', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('smol-toml');
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'scan.md'), 'utf8');
    const block = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]).find((b) => b.includes('acme-api-key'))!;
    const fromJson = parseConfig(JSON.parse(block('json')), 'docs json');
    const fromToml = parseConfig(parse(block('toml')), 'docs toml');
    expect(fromJson.rules[0].id).toBe('acme-api-key');
    expect(fromToml.rules[0]).toEqual(fromJson.rules[0]);
    expect(fromJson.maxFileSize).toBe(20 * 1024 * 1024);
  });
});
