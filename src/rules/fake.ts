// Deterministic fake credentials for rule examples and fixtures: random-looking (so entropy checks pass)
// but generated, never real. Same inputs → same output, so examples and golden files are stable.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Small seeded PRNG (mulberry32): examples must not change between runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `prefix` followed by `length` characters drawn from `alphabet`. */
export function fakeToken(prefix: string, length: number, seed = 1, alphabet = ALNUM): string {
  const rand = seededRandom(seed * 7919 + length + prefix.length * 31);
  let out = prefix;
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

export const ALPHABETS = {
  alnum: ALNUM,
  upperAlnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lowerAlnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  hexLower: '0123456789abcdef',
  hexUpper: '0123456789ABCDEF',
  base64: `${ALNUM}+/`,
  base64url: `${ALNUM}-_`,
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
} as const;

/** A deterministic fake (version 4 shaped) UUID for examples. */
export function fakeUuid(seed: number): string {
  const hex = fakeToken('', 32, seed, ALPHABETS.hexLower);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
