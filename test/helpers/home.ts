// Copies the fixture home (fixtures/home) to a temp dir, expanding `{{FAKE:prefix:length[:alphabet]}}`
// markers into generated fake credentials, so no credential-shaped string is ever committed.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';

export const FIXTURE_HOME = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'home');
const MARKER = /\{\{FAKE:([^:}]*):(\d+)(?::([a-zA-Z0-9]+))?\}\}/g;

const EXTRA_ALPHABETS: Record<string, string> = { digits: '0123456789', letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
};

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h % 100_000;
}

/** Replaces every marker; the seed depends on the file and the marker's index, so each value is distinct. */
export function expandMarkers(text: string, fileKey: string): string {
  let index = 0;
  return text.replace(MARKER, (_m, prefix: string, length: string, alphabet?: string) => {
    const chars = alphabet ? EXTRA_ALPHABETS[alphabet] ?? ALPHABETS[alphabet as keyof typeof ALPHABETS] : undefined;
    if (alphabet && !chars) throw new Error(`unknown alphabet ${alphabet} in ${fileKey}`);
    return fakeToken(prefix, Number(length), seedOf(`${fileKey}#${index++}`), chars);
  });
}

export interface TempHome {
  home: string;
  /** The fixture project folder inside the home (`--project`). */
  project: string;
  /** Fixture system root for managed configs (`/etc/...` re-rooted). */
  systemRoot: string;
  cleanup(): Promise<void>;
}

/** A private copy of fixtures/home with markers expanded; every file 0600, like a careful user's. */
export async function makeTempHome(): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), 'keyward-home-'));
  await copyTree(FIXTURE_HOME, home, FIXTURE_HOME);
  return {
    home,
    project: join(home, 'code', 'webapp'),
    systemRoot: join(home, '_system'),
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

async function copyTree(from: string, to: string, root: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(src, dst, root);
    else if (entry.isFile()) {
      const key = relative(root, src).split('\\').join('/');
      await writeFile(dst, expandMarkers(await readFile(src, 'utf8'), key));
      await chmod(dst, 0o600);
    }
  }
}
