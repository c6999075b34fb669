// Which hosts a verifier may reach, checked in code on every request and every redirect (fail closed).
import { isIP } from 'node:net';

/** `api.github.com` matches itself only; `*.atlassian.net` matches exactly one extra DNS label. */
export function hostAllowed(host: string, declared: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isIP(h)) return false;
  for (const d of declared) {
    if (d.startsWith('*.')) {
      const suffix = d.slice(1);
      if (h.endsWith(suffix) && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(h.slice(0, -suffix.length))) return true;
    } else if (h === d) return true;
  }
  return false;
}

/**
 * The reason a URL may not be requested, or undefined when it may: HTTPS only, default port, no user info,
 * host among the declared ones.
 */
export function urlRefusal(url: URL, declared: readonly string[]): string | undefined {
  if (url.protocol !== 'https:') return `${url.protocol} is not https`;
  if (url.port && url.port !== '443') return `port ${url.port} is not 443`;
  if (url.username || url.password) return 'credentials in the URL';
  if (!hostAllowed(url.hostname, declared)) return `host ${url.hostname} is not declared by the verifier`;
  return undefined;
}

/** 127.0.0.0/8 and ::1 only: what the test-only endpoint override accepts. */
export function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1';
}
