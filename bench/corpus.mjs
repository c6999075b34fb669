// Deterministic benchmark corpus: mixed source, config and docs (~64 MB, fixed seed) with a few planted
// fake secrets, written under .bench/. Rebuilt only when missing or when CORPUS_VERSION changes.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CORPUS_VERSION = 'corpus-v1';

const WORDS = (
  'server client request response handler config options value result error token session user account ' +
  'message stream buffer cache store index query filter map reduce parse format render update create delete ' +
  'tool resource prompt schema input output context model provider transport logger metrics retry timeout ' +
  'weather forecast search document page element event listener promise async await export import default'
).split(' ');

export async function buildCorpus(root, distDir, targetBytes = 64 * 1024 * 1024) {
  const marker = join(root, '.corpus-version');
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === `${CORPUS_VERSION}:${targetBytes}`) return loadManifest(root);
  await rm(root, { recursive: true, force: true });
  const { seededRandom, fakeToken, ALPHABETS } = await import(pathToFileURL(join(distDir, 'rules', 'fake.js')).href);
  const rand = seededRandom(20261125);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const ident = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());
  let seed = 1;
  const planted = [];
  const secretShapes = [
    () => fakeToken('ghp_', 36, seed++),
    () => `${fakeToken('sk-ant-api03-', 93, seed++, ALPHABETS.base64url)}AA`,
    () => `xoxb-${fakeToken('', 12, seed++, '123456789')}-${fakeToken('', 13, seed++, '123456789')}-${fakeToken('', 24, seed++)}`,
    () => fakeToken('AKIA', 16, seed++, ALPHABETS.upperAlnum),
    () => fakeToken('glpat-', 20, seed++, ALPHABETS.base64url),
  ];
  const secret = (path) => {
    const s = pick(secretShapes)();
    planted.push(path);
    return s;
  };

  const ts = (path) => {
    const lines = [`// ${ident()} module`, `import { ${ident()} } from './${pick(WORDS)}.js';`, ''];
    const n = int(40, 900);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.25) lines.push(`export function ${ident()}(${ident()}: string, ${ident()}: number): ${pick(['string', 'number', 'boolean', 'void'])} {`);
      else if (r < 0.5) lines.push(`  const ${ident()} = await ${ident()}.${pick(WORDS)}(${JSON.stringify(pick(WORDS))}, { ${pick(WORDS)}: ${int(0, 9999)} });`);
      else if (r < 0.65) lines.push(`  if (${ident()} === undefined) throw new Error('${pick(WORDS)} ${pick(WORDS)} failed');`);
      else if (r < 0.75) lines.push(`  // ${Array.from({ length: int(4, 14) }, () => pick(WORDS)).join(' ')}`);
      else if (r < 0.85) lines.push(`  return { ${ident()}, ${ident()}: ${ident()}.length, ${pick(WORDS)}: '${pick(WORDS)}' };`);
      else lines.push('}');
    }
    if (rand() < 0.01) lines.push(`const apiToken = "${secret(path)}";`);
    if (rand() < 0.05) lines.push(`const apiKey = process.env.${pick(WORDS).toUpperCase()}_API_KEY ?? '';`);
    return lines.join('\n') + '\n';
  };
  const py = (path) => {
    const lines = [`"""${ident()} helpers."""`, 'import os', ''];
    const n = int(30, 600);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.3) lines.push(`def ${pick(WORDS)}_${pick(WORDS)}(${pick(WORDS)}, ${pick(WORDS)}=None):`);
      else if (r < 0.7) lines.push(`    ${pick(WORDS)} = ${pick(WORDS)}.get("${pick(WORDS)}", ${int(0, 500)})`);
      else lines.push(`    return ${pick(WORDS)}_${pick(WORDS)}(${pick(WORDS)})`);
    }
    if (rand() < 0.01) lines.push(`TOKEN = "${secret(path)}"`);
    lines.push(`API_KEY = os.environ["${pick(WORDS).toUpperCase()}_API_KEY"]`);
    return lines.join('\n') + '\n';
  };
  const json = (path) => {
    const servers = {};
    for (let i = 0, n = int(1, 8); i < n; i++) {
      const env = {};
      env[`${pick(WORDS).toUpperCase()}_API_KEY`] = rand() < 0.05 ? secret(path) : pick(['${API_KEY}', 'your_api_key_here', '<TOKEN>', '${env:TOKEN}']);
      env.LOG_LEVEL = pick(['debug', 'info']);
      servers[`${pick(WORDS)}-${i}`] = { command: 'npx', args: ['-y', `@${pick(WORDS)}/${pick(WORDS)}-mcp`], env };
    }
    const deps = Object.fromEntries(Array.from({ length: int(5, 200) }, () => [`@${pick(WORDS)}/${pick(WORDS)}`, `^${int(0, 9)}.${int(0, 30)}.${int(0, 20)}`]));
    return JSON.stringify({ name: `${pick(WORDS)}-${pick(WORDS)}`, version: '1.0.0', mcpServers: servers, dependencies: deps }, null, 2) + '\n';
  };
  const yaml = (path) => {
    const lines = ['name: ci', 'on: [push, pull_request]', 'jobs:'];
    for (let i = 0, n = int(2, 60); i < n; i++) {
      lines.push(`  ${pick(WORDS)}-${i}:`, '    runs-on: ubuntu-latest', '    steps:', `      - run: npm run ${pick(WORDS)}`, '        env:', `          ${pick(WORDS).toUpperCase()}_TOKEN: \${{ secrets.${pick(WORDS).toUpperCase()}_TOKEN }}`);
    }
    if (rand() < 0.02) lines.push(`          DEPLOY_TOKEN: ${secret(path)}`);
    return lines.join('\n') + '\n';
  };
  const md = (path) => {
    const lines = [`# ${ident()}`, ''];
    for (let i = 0, n = int(10, 300); i < n; i++) {
      lines.push(Array.from({ length: int(8, 30) }, () => pick(WORDS)).join(' ') + '.');
      if (rand() < 0.05) lines.push('', '```sh', `curl -H "Authorization: Bearer $TOKEN" https://api.example.invalid/${pick(WORDS)}`, '```', '');
    }
    if (rand() < 0.02) lines.push('', '```sh', `export GITHUB_TOKEN=${secret(path)}`, '```');
    return lines.join('\n') + '\n';
  };
  const kinds = [
    ['ts', ts, 40],
    ['py', py, 15],
    ['json', json, 15],
    ['yaml', yaml, 10],
    ['md', md, 20],
  ];
  const total = kinds.reduce((a, k) => a + k[2], 0);
  const files = [];
  let bytes = 0;
  let i = 0;
  while (bytes < targetBytes) {
    let r = rand() * total;
    const kind = kinds.find((k) => (r -= k[2]) < 0) ?? kinds[0];
    const dir = `pkg-${String(Math.floor(i / 100)).padStart(3, '0')}`;
    const rel = `${dir}/${pick(WORDS)}-${i}.${kind[0]}`;
    const content = kind[1](rel);
    await mkdir(join(root, dir), { recursive: true });
    await writeFile(join(root, rel), content);
    files.push({ path: rel, size: Buffer.byteLength(content) });
    bytes += Buffer.byteLength(content);
    i++;
  }
  const manifest = { version: CORPUS_VERSION, files: files.length, bytes, planted: planted.length, dirs: Math.ceil(i / 100) };
  await writeFile(join(root, '.manifest.json'), JSON.stringify(manifest));
  await writeFile(marker, `${CORPUS_VERSION}:${targetBytes}`);
  return manifest;
}

async function loadManifest(root) {
  return JSON.parse(await readFile(join(root, '.manifest.json'), 'utf8'));
}
