// Normalisation of registry entries: repository URLs to GitHub `owner/name`, and the three documented
// local/remote classification rules (R1 registry remotes[], R2 Smithery flags, R3 code signals).

const OWNER = /^[a-z0-9](?:[a-z0-9-]{0,38})$/;
const NAME = /^[a-z0-9._-]{1,100}$/;
/** First path segments on github.com that are pages, not owners. */
const RESERVED = new Set(['orgs', 'sponsors', 'settings', 'topics', 'marketplace', 'apps', 'features', 'collections', 'search', 'login', 'about']);

/**
 * `owner/name` (lower-case) for any spelling of a GitHub repository URL, else undefined:
 * https, http, `git+https`, `git://`, `ssh://git@`, `git@github.com:`, scheme-less `github.com/…`, `www.`,
 * with `.git`, `/tree/…`, `/blob/…`, queries, fragments and trailing slashes removed.
 */
export function githubRepo(url: string | undefined | null): string | undefined {
  if (!url || typeof url !== 'string') return undefined;
  let s = url.trim();
  s = s.replace(/^git\+/i, '');
  const scp = /^[\w.-]+@github\.com:(.+)$/i.exec(s);
  if (scp) s = `https://github.com/${scp[1]}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `https://${s}`;
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host !== 'github.com') return undefined;
  const parts = decodeURIComponent(parsed.pathname).split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  const owner = parts[0].toLowerCase();
  const name = parts[1].toLowerCase().replace(/\.git$/, '');
  if (RESERVED.has(owner) || !OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return undefined;
  return `${owner}/${name}`;
}

export type Deployment = 'local' | 'remote';

/**
 * R1 — official MCP Registry: a server with a non-empty `remotes[]` is remote (even if it also ships
 * packages, it is reachable as a hosted endpoint); one with `packages[]` only is local; neither → unknown.
 */
export function classifyRegistryEntry(server: { remotes?: unknown; packages?: unknown }): Deployment | undefined {
  const remotes = Array.isArray(server.remotes) ? server.remotes.length : 0;
  const packages = Array.isArray(server.packages) ? server.packages.length : 0;
  if (remotes > 0) return 'remote';
  if (packages > 0) return 'local';
  return undefined;
}

/**
 * R2 — Smithery: `remote: true` or `isDeployed: true` (hosted by Smithery) → remote; both present and
 * false → local; flags missing → unknown.
 */
export function classifySmitheryEntry(entry: { remote?: unknown; isDeployed?: unknown }): Deployment | undefined {
  if (entry.remote === true || entry.isDeployed === true) return 'remote';
  if (entry.remote === false || entry.isDeployed === false) return 'local';
  return undefined;
}

/** Source files whose text R3 looks at; everything else is ignored for code signals. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|cs|rb|php)$/i;
const HTTP_TRANSPORT =
  /StreamableHTTPServerTransport|SSEServerTransport|streamable_?http_app|sse_app\(|transport\s*[:=]\s*['"](?:http|sse|streamable-http|streamableHttp|streamable_http)['"]|transport\s*=\s*TransportType\.(?:Http|Sse|StreamableHttp)|mcp\.run\(\s*transport\s*=\s*['"](?:sse|streamable-http|http)['"]|server\.WithStreamableHTTP|NewStreamableHTTPServer|NewSSEServer/;

/**
 * R3 — code signals at HEAD: any HTTP/SSE server transport in source, or a `smithery.yaml` whose
 * `startCommand.type` is `http` (or a `runtime` with an http start command) marks the repository remote.
 * A repository that supports both stdio and HTTP therefore counts as remote under R3.
 */
export function codeSignal(path: string, text: string): boolean {
  const base = path.split('/').pop() ?? path;
  if (/^smithery\.ya?ml$/i.test(base)) {
    return /^\s*type\s*:\s*['"]?http['"]?\s*$/m.test(text) && /startCommand\s*:/m.test(text);
  }
  if (!CODE_FILE.test(base)) return false;
  return HTTP_TRANSPORT.test(text);
}
