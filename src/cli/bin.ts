#!/usr/bin/env node
// The only file that touches `process`: wires real streams into run().
import { run } from './run.js';

// `keyward scan | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const result = await run(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: { isTTY: Boolean(process.stdout.isTTY), write: (s) => void process.stdout.write(s) },
  stderr: { isTTY: Boolean(process.stderr.isTTY), write: (s) => void process.stderr.write(s) },
  stdio: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  stdinText: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
process.exitCode = result.exitCode;
