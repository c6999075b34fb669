// keyward's own version, read from its package.json. One module for every command, so the relative path
// is the same in the tsc output (dist/cli/) and in the bundled CLI, whose chunks also sit in dist/cli/.
import { createRequire } from 'node:module';

export const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
