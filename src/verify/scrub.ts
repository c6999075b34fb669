// Last line of defence: any text a verification produces (detail, account values) loses every secret
// and companion value it might quote, whatever a provider or a Node error put in it.
import { redact } from '../engine/redact.js';

export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 6) continue;
    out = out.split(s).join(redact(s));
    // Tokens often show up URL- or base64-encoded in echoed requests.
    const enc = encodeURIComponent(s);
    if (enc !== s) out = out.split(enc).join(redact(s));
  }
  return out;
}
