// Fake value shapes several cloud rule files use in their examples (deterministic, visibly generated).
import { ALPHABETS, fakeToken } from '../../fake.js';

/** A fake lower-case UUID (any version nibble), the shape of several providers' unprefixed keys. */
export const uuid = (seed: number) => {
  const h = fakeToken('', 32, seed, ALPHABETS.hexLower);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** 32 random bytes in base64 (43 characters and "="): Azure SAS-style keys, OCI customer secret keys. */
export const base64Key32 = (seed: number) => `${fakeToken('', 43, seed, ALPHABETS.base64)}=`;
