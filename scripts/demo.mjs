#!/usr/bin/env node
// `npm run demo`: builds a small fake MCP server repository (a real git repo in a temp folder, with a
// secret committed and then deleted), fills it with fake credentials generated right now, and runs the
// built `keyward scan --history` on it. Needs dist/: `npm run demo` builds it first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'cli', 'bin.js');
const templates = join(repoRoot, 'fixtures', 'demo');

/** Fake credentials in the shapes real providers use; generated, never real. */
async function fakeSecrets() {
  const { fakeToken, ALPHABETS } = await import(pathToFileURL(join(repoRoot, 'dist', 'rules', 'fake.js')).href);
  const digits = (n, seed) => fakeToken('', n, seed, '0123456789').replace(/^0/, '1');
  return {
    GITHUB_PAT: fakeToken('ghp_', 36, 2026),
    ANTHROPIC_API_KEY: `${fakeToken('sk-ant-api03-', 93, 2026, ALPHABETS.base64url)}AA`,
    SLACK_BOT_TOKEN: `xoxb-${digits(12, 1)}-${digits(13, 2)}-${fakeToken('', 24, 2026)}`,
    BEARER_TOKEN: fakeToken('', 40, 2027, ALPHABETS.base64url),
  };
}

async function copyTemplate(from, to, secrets) {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) {
      await cp(src, dst, { recursive: true, filter: () => true });
      await fillDir(dst, secrets);
    } else {
      await writeFile(dst, fill(await readFile(src, 'utf8'), secrets));
    }
  }
}

async function fillDir(dir, secrets) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) await fillDir(p, secrets);
    else await writeFile(p, fill(await readFile(p, 'utf8'), secrets));
  }
}

function fill(text, secrets) {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (m, name) => secrets[name] ?? m);
}

function git(cwd, args, date) {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Weather Maintainer',
      GIT_AUTHOR_EMAIL: 'maintainer@weather-mcp.example.invalid',
      GIT_COMMITTER_NAME: 'Weather Maintainer',
      GIT_COMMITTER_EMAIL: 'maintainer@weather-mcp.example.invalid',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

/** Builds the demo repository in `dir` (three commits); returns the fake secrets it planted. */
export async function buildDemoRepo(dir) {
  const secrets = await fakeSecrets();
  git(dir, ['init', '-q', '-b', 'main']);
  await copyTemplate(join(templates, 'first-commit'), dir, secrets);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Initial weather server with dev config'], '2026-03-01T09:00:00Z');
  await rm(join(dir, 'config'), { recursive: true });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Remove dev config (oops, it had a token)'], '2026-03-02T09:00:00Z');
  await copyTemplate(join(templates, 'tree'), dir, secrets);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Server, host configs and docs'], '2026-03-03T09:00:00Z');
  return secrets;
}

async function main() {
  if (!existsSync(bin)) {
    console.error('keyward is not built yet: run `npm run build` (npm test and npm run demo build first).');
    process.exit(2);
  }
  const keep = process.argv.includes('--keep');
  const extra = process.argv.slice(2).filter((a) => a !== '--keep');
  const dir = await mkdtemp(join(tmpdir(), 'keyward-demo-'));
  try {
    await buildDemoRepo(dir);
    console.log(`Demo: a fake MCP server repository with 3 commits in ${dir}`);
    console.log('  - commit 1 adds config/dev.json with a Slack bot token; commit 2 deletes it');
    console.log('  - claude_desktop_config.json has a GitHub token in env; README has a Bearer header in a code fence');
    console.log('  - src/server.ts has an Anthropic key; .env has only placeholders; .vscode/mcp.json only ${…} references');
    console.log(`\n$ keyward scan --history ${extra.join(' ')}${extra.length ? ' ' : ''}<demo repo>\n`);
    const r = spawnSync(process.execPath, [bin, 'scan', '--history', ...extra, dir], { stdio: 'inherit' });
    if (r.status === 1) console.log('\nkeyward exited 1: secrets found (as planted). Exit codes: 0 clean, 1 findings, 2 error.');
    if (keep) console.log(`\nKept the demo repository at ${dir}`);
    // The demo succeeds when keyward found the planted secrets.
    process.exitCode = r.status === 1 ? 0 : 1;
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
