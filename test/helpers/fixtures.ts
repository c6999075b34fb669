// Loads a fixture and expands fake-credential markers at test time, so committed fixtures hold no
// realistic secret. Markers: {{FAKE:<prefix>:<length>[:<seed>]}}, {{FAKE_HEX:<length>[:<seed>]}},
// {{FAKE_B64:…}}, {{FAKE_B64URL:…}}, {{FAKE_UPPER:…}}, {{FAKE_LOWER:…}}. Without a seed, each marker gets
// its own (1, 2, 3… in file order); the same explicit seed gives the same token, for a value repeated twice.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

const ALPHABET_BY_KIND: Record<string, string> = {
  '': ALPHABETS.alnum,
  HEX: ALPHABETS.hexLower,
  B64: ALPHABETS.base64,
  B64URL: ALPHABETS.base64url,
  UPPER: ALPHABETS.upperAlnum,
  LOWER: ALPHABETS.lowerAlnum,
};

const MARKER = /\{\{FAKE(?:_(HEX|B64URL|B64|UPPER|LOWER))?:(?:([^:}]*):)?(\d+)(?::(\d+))?\}\}/g;

export interface ExpandedFixture {
  text: string;
  /** Generated values in marker order. */
  fakes: string[];
}

export function expandFakes(source: string): ExpandedFixture {
  const fakes: string[] = [];
  let n = 0;
  const text = source.replace(MARKER, (_m, kind: string | undefined, prefix: string | undefined, len: string, seed?: string) => {
    n++;
    const token = fakeToken(prefix ?? '', Number(len), seed ? Number(seed) : n, ALPHABET_BY_KIND[kind ?? '']);
    fakes.push(token);
    return token;
  });
  return { text, fakes };
}

/** `fixtures/<relative>` with markers expanded; `path` is the repository-relative path for findings. */
export async function loadFixture(relative: string): Promise<ExpandedFixture & { path: string }> {
  const source = await readFile(join(FIXTURES, relative), 'utf8');
  return { path: `fixtures/${relative}`, ...expandFakes(source) };
}
