#!/usr/bin/env node
// Bundles the CLI after `tsc`: dist/cli/bin.js (and the scan worker, dist/cli/worker.js) become single
// ES modules with our own code inlined, and each command a lazily loaded chunk beside them. Loading some
// 150 separate modules was most of a pre-commit run's start-up; dependencies stay external (node_modules).
// Chunks sit in dist/cli/ itself, so the paths the code computes from import.meta.url (package.json, the
// worker, the launcher) resolve as they do from the tsc output in dist/cli/.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');
const chunk = /-[A-Z0-9]{8}\.js$/;

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
  packages: 'external',
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
