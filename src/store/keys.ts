// Store keys name where a secret came from: `host/server/VAR` (e.g. `claude-desktop/github/GITHUB_TOKEN`).
// One validator for every surface so a key typed on the CLI and a key written by protect agree.

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._@+-]*(?:\/[A-Za-z0-9][A-Za-z0-9._@+-]*){0,7}$/;

/** Reserved for the keychain backend's own bookkeeping. */
export const INDEX_ACCOUNT = '__keyward_index__';

export type KeyCheck = { ok: true } | { ok: false; reason: string };

export function checkStoreKey(key: string): KeyCheck {
  if (key.length === 0) return { ok: false, reason: 'the key is empty' };
  if (key.length > 200) return { ok: false, reason: 'the key is longer than 200 characters' };
  if (key === INDEX_ACCOUNT) return { ok: false, reason: `${INDEX_ACCOUNT} is reserved` };
  if (!KEY_RE.test(key)) {
    return {
      ok: false,
      reason: 'use segments of letters, digits and . _ - @ + separated by "/" (e.g. host/server/VAR)',
    };
  }
  return { ok: true };
}

/** One segment made safe for a key: server names like "My Server (beta)" become "My-Server-beta". */
export function keySegment(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9._@+-]+/g, '-').replace(/^[-._@+]+|-+$/g, '');
  return s || 'x';
}

/** `host/server/name` from arbitrary parts. */
export function storeKeyFor(...parts: string[]): string {
  return parts.map(keySegment).join('/');
}
