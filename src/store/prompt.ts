// Hidden line input from a terminal (passphrases, secret values): echo off, nothing kept after the read.
import type { Readable, Writable } from 'node:stream';

type TtyIn = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** Undefined when `input` is not a terminal: callers must not read secrets from a pipe they do not own. */
export function hiddenPrompt(input: TtyIn, output: Writable): ((question: string) => Promise<string>) | undefined {
  if (!input.isTTY || !input.setRawMode) return undefined;
  return (question) =>
    new Promise((resolve, reject) => {
      output.write(question);
      let value = '';
      input.setRawMode?.(true);
      input.resume();
      const done = (err?: Error): void => {
        input.setRawMode?.(false);
        input.pause();
        input.off('data', onData);
        output.write('\n');
        if (err) reject(err);
        else resolve(value);
      };
      const onData = (chunk: Buffer | string): void => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return done();
          if (ch === '\u0003') return done(new Error('cancelled'));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      input.on('data', onData);
    });
}
