// Loads the SQLite driver when a study opens its database, not when keyward starts: better-sqlite3 is an
// optional peer dependency (a native build users should not pay for unless they run a study), so every other
// command works without it. Loaded with require so opening a database stays synchronous; a global
// better-sqlite3 is found from a global keyward because require walks up to the global node_modules.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../core/errors.js';

export type SqliteDb = BetterSqlite3.Database;

const MISSING = 'study needs a SQLite driver: run `npm i -g better-sqlite3@12` (or add it beside keyward in your project)';

const require = createRequire(import.meta.url);
let driver: typeof BetterSqlite3 | undefined;

function loadDriver(): typeof BetterSqlite3 {
  if (driver) return driver;
  try {
    driver = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw new UserError(MISSING);
    throw e;
  }
  return driver;
}

export function openSqlite(path: string, options: BetterSqlite3.Options): SqliteDb {
  const Database = loadDriver();
  try {
    return new Database(path, options);
  } catch (e) {
    // The package can be present while its native module is not (install scripts skipped, build failed,
    // built for another Node): better-sqlite3 loads the binding here, at the first open.
    if (!(e instanceof Database.SqliteError) && /bindings|better_sqlite3\.node|NODE_MODULE_VERSION/.test((e as Error).message)) {
      throw new UserError(
        `study needs a SQLite driver: better-sqlite3 is installed but its native module did not load (${(e as Error).message.split('\n')[0]})`,
        `rebuild it: (cd ${installRoot()} && npm rebuild better-sqlite3); where no prebuilt binary downloads this needs a C++ toolchain`,
      );
    }
    throw e;
  }
}

/** The folder whose node_modules holds the better-sqlite3 that loaded (keyward's own install, usually). */
function installRoot(): string {
  return dirname(dirname(dirname(require.resolve('better-sqlite3/package.json'))));
}
