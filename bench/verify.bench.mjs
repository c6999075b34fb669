#!/usr/bin/env node
// What `--verify` adds per 100 findings, against a local HTTPS fake (test-made CA, loopback only, the
// provider answering at once): the library call with the default limits (4 in flight, 4 requests/s per
// host), the same with the per-host spacing off (the network cost alone), and end to end `keyward scan`
// of a folder with 100 credentials of 10 providers, with and without --verify. Timings live here, never
// in the unit tests. Needs `npm run build` and the openssl CLI.
// Usage: node bench/verify.bench.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const dist = (p) => import(join(ROOT, 'dist', p));
const { verifyFindings } = await dist('verify/run.js');
const { verifiers } = await dist('verify/providers/index.js');
const { fakeToken } = await dist('rules/fake.js');
const { fingerprint, redact } = await dist('engine/redact.js');

// Ten providers whose tokens the built-in rules find on their own (no companion needed).
const KINDS = [
  ['github-pat', 'GITHUB_TOKEN', (i) => fakeToken('ghp_', 36, 1000 + i)],
  ['openai-project-api-key', 'OPENAI_API_KEY', (i) => fakeToken('sk-proj-', 60, 2000 + i)],
  ['groq-api-key', 'GROQ_API_KEY', (i) => fakeToken('gsk_', 52, 3000 + i)],
  ['huggingface-access-token', 'HF_TOKEN', (i) => fakeToken('hf_', 34, 4000 + i)],
  ['npm-access-token', 'NPM_TOKEN', (i) => fakeToken('npm_', 36, 5000 + i)],
  ['notion-api-token', 'NOTION_TOKEN', (i) => fakeToken('ntn_', 46, 6000 + i)],
  ['linear-api-key', 'LINEAR_API_KEY', (i) => fakeToken('lin_api_', 40, 7000 + i)],
  ['figma-pat', 'FIGMA_TOKEN', (i) => fakeToken('figd_', 40, 8000 + i)],
  ['replicate-api-token', 'REPLICATE_API_TOKEN', (i) => fakeToken('r8_', 37, 9000 + i)],
  ['tavily-api-key', 'TAVILY_API_KEY', (i) => fakeToken('tvly-dev-', 32, 9500 + i)],
];

const dir = mkdtempSync(join(tmpdir(), 'keyward-verify-bench-'));
const ssl = (...a) => execFileSync('openssl', a, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=bench CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
ssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=bench fake');
const hosts = [...new Set(verifiers.flatMap((v) => v.hosts))];
writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
ssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '1', '-extfile', 'ext.cnf');
const ca = readFileSync(join(dir, 'ca.pem'), 'utf8');

let requests = 0;
const server = createServer({ key: readFileSync(join(dir, 'leaf.key')), cert: readFileSync(join(dir, 'leaf.pem')) }, (req, res) => {
  req.resume();
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":{"viewer":{"id":"u"}},"login":"bench"}');
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const override = { address: '127.0.0.1', port, ca };

const findings = Array.from({ length: 100 }, (_, i) => {
  const [ruleId, , make] = KINDS[i % KINDS.length];
  const secret = make(i);
  return { ruleId, title: ruleId, severity: 'high', path: `f${i}.env`, line: 1, column: 1, endLine: 1, endColumn: 1, secret, redacted: redact(secret), fingerprint: fingerprint(ruleId, secret), offset: 0, length: secret.length };
});

async function timeRun(label, opts) {
  const samples = [];
  for (let k = 0; k < 3; k++) {
    requests = 0;
    const t0 = performance.now();
    const run = await verifyFindings(findings, { override, ...opts });
    samples.push(performance.now() - t0);
    const live = [...run.results.values()].filter((r) => r.status === 'live').length;
    if (live !== 100 || requests !== 100) throw new Error(`${label}: expected 100 live from 100 requests, got ${live} from ${requests}`);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${(samples[1] / 1000).toFixed(2)} s per 100 findings (runs: ${samples.map((s) => (s / 1000).toFixed(2)).join(', ')})`);
  return samples[1];
}

console.log(`node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; 100 distinct credentials, 10 providers (10 per host)`);
await timeRun('library, defaults (concurrency 4, 4 req/s per host)', {});
await timeRun('library, concurrency 4, per-host spacing off', { perHostPerSecond: 0 });
await timeRun('library, concurrency 16, per-host spacing off', { perHostPerSecond: 0, concurrency: 16 });

// End to end: the CLI over a folder of 100 credentials, same machine, with and without --verify.
const tree = join(dir, 'tree');
execFileSync('mkdir', ['-p', tree]);
findings.forEach((f, i) => writeFileSync(join(tree, `f${i}.env`), `${KINDS[i % KINDS.length][1]}=${f.secret}\n`));
const bin = join(ROOT, 'dist/cli/bin.js');
const env = { ...process.env, KEYWARD_VERIFY_TEST_ADDRESS: `127.0.0.1:${port}`, KEYWARD_VERIFY_TEST_CA: join(dir, 'ca.pem'), NO_COLOR: '1' };
const cli = async (args) => {
  const samples = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    // Async spawn: the fake lives in this process and must keep answering while the CLI runs.
    const code = await new Promise((res) => spawn(process.execPath, [bin, 'scan', tree, '--workers', '0', ...args], { env, stdio: 'ignore' }).on('close', res));
    samples.push(performance.now() - t0);
    if (code !== 1) throw new Error(`scan ${args.join(' ')} exited ${code}`);
  }
  return samples.sort((a, b) => a - b)[1];
};
const plain = await cli([]);
const verified = await cli(['--verify']);
console.log(`${'keyward scan (100 findings) without --verify'.padEnd(58)} median ${(plain / 1000).toFixed(2)} s`);
console.log(`${'keyward scan (100 findings) with --verify (defaults)'.padEnd(58)} median ${(verified / 1000).toFixed(2)} s  → --verify adds ${((verified - plain) / 1000).toFixed(2)} s per 100 findings`);

server.close();
rmSync(dir, { recursive: true, force: true });
