#!/usr/bin/env node
// Bundles the CLI after `tsc`: dist/cli/bin.js (and the scan worker, dist/cli/worker.js) become single
// ES modules with our own code inlined, and each command a lazily loaded chunk beside them. Loading some
// 150 separate modules was most of a pre-commit run's start-up; dependencies stay external (node_modules).
// Chunks sit in dist/cli/ itself, so the paths the code computes from import.meta.url (package.json, the
// worker, the launcher) resolve as they do from the tsc output in dist/cli/.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');
const chunk = /-[A-Z0-9]{8}\.js$/;
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const INLINED = ['commander', 'ignore'];

// Chunk names carry a content hash: remove the previous build's so they do not pile up in the package.
for (const name of readdirSync(outdir)) if (chunk.test(name)) rmSync(join(outdir, name));

await build({
  entryPoints: { bin: join(root, 'src/cli/bin.ts'), worker: join(root, 'src/scan/worker.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules, except the two every scan loads: as CommonJS imported from an ES
  // module they cost a module-lexer pass and the CommonJS loader's start (~40 ms of a pre-commit run).
  external: Object.keys(dependencies).filter((name) => !INLINED.includes(name)),
  // Their require() of Node's own modules needs a require in an ES module.
  banner: { js: "import { createRequire as __keywardRequire } from 'node:module';\nconst require = __keywardRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

// tsc's per-module copies of src/cli are now inside the bundle and its chunks; nothing loads them, so they
// leave the package (the library entry, dist/index.js, never imports the CLI).
const cliSources = join(root, 'src', 'cli');
for (const entry of readdirSync(cliSources, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
  const rel = join(entry.parentPath ?? entry.path, entry.name).slice(cliSources.length + 1).replace(/\.ts$/, '');
  if (rel === 'bin') continue;
  for (const ext of ['.js', '.js.map', '.d.ts', '.d.ts.map']) rmSync(join(outdir, rel + ext), { force: true });
}
for (const entry of readdirSync(outdir, { withFileTypes: true })) {
  if (entry.isDirectory() && readdirSync(join(outdir, entry.name), { recursive: true }).every((n) => !/\.js$/.test(String(n)))) {
    rmSync(join(outdir, entry.name), { recursive: true, force: true });
  }
}
