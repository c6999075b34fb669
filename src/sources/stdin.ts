// Text piped in (`keyward scan -`): one blob, named by --stdin-path so the engine can recognise its format.
import type { BlobEntry } from './types.js';

export async function* stdinBlobs(text: string, path: string): AsyncGenerator<BlobEntry> {
  yield { path, bytes: Buffer.from(text, 'utf8') };
}
