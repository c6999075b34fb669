#!/usr/bin/env node
// Regenerates the verifier table in docs/verify.md (between the verifiers:start/end markers) from the
// verifier data in dist/. `--check` exits 1 when the table on disk is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(root, 'docs', 'verify.md');
const START = '<!-- verifiers:start -->';
const END = '<!-- verifiers:end -->';
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

const { verifiers, providerCount } = await import(pathToFileURL(join(root, 'dist', 'verify', 'providers', 'index.js')).href);
const lines = [
  START,
  `${verifiers.length} verifiers for ${providerCount()} providers.`,
  '',
  '| provider | verifier | rules | hosts | endpoint | a live answer proves | shows | rate limit |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...verifiers.map((v) =>
    `| ${cell(v.provider)} | \`${v.id}\` | ${v.ruleIds.map((r) => `\`${r}\``).join(', ')} | ${v.hosts.map((h) => `\`${h}\``).join(', ')} | ${cell(v.endpoint)} | ${cell(v.proves)} | ${cell(v.shows)} | ${cell(v.rateLimit)} |`,
  ),
  END,
];
const doc = readFileSync(DOC, 'utf8');
const i = doc.indexOf(START);
const j = doc.indexOf(END);
if (i < 0 || j < 0) throw new Error(`${DOC} lacks the ${START} / ${END} markers`);
const next = `${doc.slice(0, i)}${lines.join('\n')}${doc.slice(j + END.length)}`;
if (process.argv.includes('--check')) {
  if (next !== doc) {
    console.error('docs/verify.md is stale: run node scripts/gen-verify-doc.mjs');
    process.exit(1);
  }
} else writeFileSync(DOC, next);
