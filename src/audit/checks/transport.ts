// Remote servers reached over plain http:// to anything but this machine: tokens and tool traffic travel
// readable by anyone on the path.
import { formatKeyPath } from '../../engine/structured.js';
import { argKeyPath, fieldKeyPath } from '../../hosts/shape.js';
import type { ServerEntry } from '../../hosts/types.js';
import type { FindingDraft } from '../types.js';

/** localhost, *.localhost, 127.0.0.0/8, ::1 and 0.0.0.0 stay on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0.0.0.0';
}

/** The URL without userinfo and query values, safe to print. */
export function safeUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.username || copy.password) {
    copy.username = copy.username ? '***' : '';
    copy.password = copy.password ? '***' : '';
  }
  for (const key of [...copy.searchParams.keys()]) copy.searchParams.set(key, '***');
  return copy.href.replace(/%2A%2A%2A/g, '***');
}

function insecure(value: string): URL | undefined {
  if (!/^http:\/\//i.test(value.trim())) return undefined;
  try {
    const url = new URL(value.trim());
    return isLoopbackHost(url.hostname) ? undefined : url;
  } catch {
    return undefined;
  }
}

export function transportFindings(server: ServerEntry): FindingDraft[] {
  const out: FindingDraft[] = [];
  const candidates: Array<{ value: string; keyPath: (string | number)[] }> = [];
  if (server.url) candidates.push({ value: server.url, keyPath: fieldKeyPath(server, 'url') });
  // Bridges such as `npx mcp-remote http://…` carry the remote URL as an argument.
  server.args?.forEach((a, i) => candidates.push({ value: a, keyPath: argKeyPath(server, i) }));
  for (const { value, keyPath } of candidates) {
    const url = insecure(value);
    if (!url) continue;
    const carriesCredentials = Boolean(server.headers && Object.keys(server.headers).length) || Boolean(url.password || url.search);
    out.push({
      id: 'insecure-transport',
      severity: carriesCredentials ? 'high' : 'medium',
      server: server.name,
      keyPath: formatKeyPath(keyPath),
      keyPathParts: keyPath,
      message: `remote server ${url.host} is reached over http:// without TLS${carriesCredentials ? ', and the request carries credentials' : ''}`,
      fix: 'use https:// (or a loopback address for a local server)',
      value: safeUrl(url),
    });
  }
  return out;
}
