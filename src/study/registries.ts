// Server lists from the official MCP Registry (cursor paging), Smithery's registry (page numbers, API key),
// PulseMCP's directory (offset paging, open) and local JSON/JSONL files, reduced to one shape. The raw JSON
// of each entry is kept as received. Each client follows the provider's published API document; the
// shapes they parse are recorded in test/study/fixtures/registries/.
import { getJson, type HttpOptions } from './http.js';
import { classifyRegistryEntry, classifySmitheryEntry, githubRepo, type Deployment } from './normalise.js';

export type RegistrySource = 'official' | 'smithery' | 'pulsemcp';

export const REGISTRY_SOURCES: readonly RegistrySource[] = ['official', 'smithery', 'pulsemcp'];

export interface ListedServer {
  source: RegistrySource;
  key: string;
  name: string;
  repoUrl?: string;
  repo?: string;
  subfolder?: string;
  deployment?: Deployment;
  /** False for an older version of an official-registry server; the latest wins. */
  isLatest: boolean;
  raw: unknown;
}

export interface Page {
  servers: ListedServer[];
  /** Cursor or page number to resume from; undefined on the last page. */
  next?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * One entry of the official list: `ServerResponse` = `{server: ServerDetail, _meta}` (registry OpenAPI
 * 2025-12-01), or the flat pre-2025-09 shape. The source repository is `server.repository.url` (+ `subfolder`).
 */
export function parseOfficialEntry(entry: unknown): ListedServer | undefined {
  if (!isObj(entry)) return undefined;
  const server = isObj(entry.server) ? entry.server : entry;
  const name = str(server.name);
  if (!name) return undefined;
  const repository = isObj(server.repository) ? server.repository : {};
  const repoUrl = str(repository.url) ?? str(server.repository);
  const meta = isObj(entry._meta) ? entry._meta : isObj(server._meta) ? server._meta : {};
  const official = meta['io.modelcontextprotocol.registry/official'];
  const isLatest = isObj(official) && typeof official.isLatest === 'boolean' ? official.isLatest : true;
  return {
    source: 'official',
    key: name,
    name,
    repoUrl,
    repo: githubRepo(repoUrl),
    subfolder: str(repository.subfolder),
    deployment: classifyRegistryEntry(server),
    isLatest,
    raw: entry,
  };
}

/**
 * Where a Smithery entry names its source. The current API (api.smithery.ai, list and detail) has no
 * repository field at all: `homepage` is all there is, and it is usually the Smithery page itself. The
 * other names are read for mirrors and older exports that did carry one.
 */
function smitheryRepoUrl(entry: Obj): string | undefined {
  const candidates: unknown[] = [
    isObj(entry.repository) ? entry.repository.url : entry.repository,
    entry.repositoryUrl,
    entry.sourceUrl,
    entry.githubUrl,
    entry.homepage,
  ];
  const urls = candidates.map(str).filter((u): u is string => Boolean(u));
  return urls.find((u) => githubRepo(u)) ?? urls[0];
}

export function parseSmitheryEntry(entry: unknown, detail?: unknown): ListedServer | undefined {
  if (!isObj(entry)) return undefined;
  const key = str(entry.qualifiedName);
  if (!key) return undefined;
  const merged: Obj = isObj(detail) ? { ...entry, ...detail } : entry;
  const repoUrl = smitheryRepoUrl(merged);
  return {
    source: 'smithery',
    key,
    name: str(entry.displayName) ?? key,
    repoUrl,
    repo: githubRepo(repoUrl),
    deployment: classifySmitheryEntry(merged),
    isLatest: true,
    raw: detail === undefined ? entry : { list: entry, detail },
  };
}

/**
 * One PulseMCP server (`GET /v0beta/servers`): `source_code_url` names the repository, `external_url` is
 * the project's own site (sometimes the repository too); `url` is the PulseMCP page, whose slug is the key.
 */
export function parsePulseEntry(entry: unknown): ListedServer | undefined {
  if (!isObj(entry)) return undefined;
  const page = str(entry.url);
  const slug = page ? /\/servers\/([^/?#]+)/.exec(page)?.[1] : undefined;
  const name = str(entry.name);
  const key = slug ?? name;
  if (!key) return undefined;
  const urls = [str(entry.source_code_url), str(entry.external_url)].filter((u): u is string => Boolean(u));
  const repoUrl = urls.find((u) => githubRepo(u)) ?? str(entry.source_code_url);
  return { source: 'pulsemcp', key, name: name ?? key, repoUrl, repo: githubRepo(repoUrl), isLatest: true, raw: entry };
}

/** Why a listed server has no repository to clone; the report counts servers by these. */
export type MissingRepoReason = 'no repository listed' | 'repository not on GitHub' | 'homepage not a GitHub repository';

export function missingRepoReason(source: string, repoUrl: string | null | undefined): MissingRepoReason {
  if (!repoUrl) return 'no repository listed';
  // Smithery exposes only a homepage; one that is not a github.com/<owner>/<repo> link cannot be resolved.
  return source === 'smithery' ? 'homepage not a GitHub repository' : 'repository not on GitHub';
}

export interface OfficialListOptions extends HttpOptions {
  baseUrl: string;
  pageSize: number;
}

/**
 * One page of `GET /v0.1/servers` (the stable API version): `version=latest` so each server comes once, at
 * its latest version; `cursor` is passed back exactly as `metadata.nextCursor` gave it, and an empty or
 * missing cursor ends the list. The registry caps `limit` at 100.
 */
export async function fetchOfficialPage(cursor: string | undefined, options: OfficialListOptions): Promise<Page | { error: string }> {
  const url = new URL('v0.1/servers', withSlash(options.baseUrl));
  url.searchParams.set('limit', String(Math.min(options.pageSize, 100)));
  url.searchParams.set('version', 'latest');
  if (cursor) url.searchParams.set('cursor', cursor);
  const res = await getJson<Obj>(url.toString(), options);
  if (!res.ok) return { error: res.error };
  const body = res.value;
  if (!Array.isArray(body.servers)) return { error: `${url.origin}${url.pathname} answered without a servers array` };
  const metadata = isObj(body.metadata) ? body.metadata : {};
  // nextCursor is the documented name; next_cursor is what registries before 2025-09 sent.
  const next = str(metadata.nextCursor) ?? str(metadata.next_cursor);
  const servers = body.servers.map((e) => parseOfficialEntry(e)).filter((s): s is ListedServer => Boolean(s));
  // A cursor that repeats would loop forever: treat it as the end rather than trust it.
  return { servers, next: next && next !== cursor ? next : undefined };
}

export interface SmitheryListOptions extends HttpOptions {
  baseUrl: string;
  pageSize: number;
  apiKey: string;
  /** Also fetch `/servers/{qualifiedName}` for entries whose list record names no repository. */
  details?: boolean;
}

/**
 * One page of Smithery's `GET /servers?page=N&pageSize=M` (Bearer API key; pageSize at most 100). The last
 * page is the one where `pagination.currentPage` reaches `totalPages`.
 */
export async function fetchSmitheryPage(page: number, options: SmitheryListOptions): Promise<Page | { error: string }> {
  const http: HttpOptions = { ...options, headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` } };
  const pageSize = Math.min(options.pageSize, 100);
  const url = new URL('servers', withSlash(options.baseUrl));
  url.searchParams.set('page', String(page));
  url.searchParams.set('pageSize', String(pageSize));
  const res = await getJson<Obj>(url.toString(), http);
  if (!res.ok) {
    const hint = res.status === 401 || res.status === 403 ? ' (check the Smithery API key)' : '';
    return { error: `${res.error}${hint}` };
  }
  const list = Array.isArray(res.value.servers) ? res.value.servers : [];
  const servers: ListedServer[] = [];
  for (const entry of list) {
    let parsed = parseSmitheryEntry(entry);
    if (parsed && !parsed.repo && options.details) {
      // The slash in namespace/server is sent as %2F, as the API reference asks.
      const detailUrl = new URL(`servers/${encodeURIComponent(parsed.key)}`, withSlash(options.baseUrl));
      const detail = await getJson<Obj>(detailUrl.toString(), http);
      // A missing detail is not fatal: the server simply stays without a repository.
      if (detail.ok) parsed = parseSmitheryEntry(entry, detail.value) ?? parsed;
    }
    if (parsed) servers.push(parsed);
  }
  const pagination = isObj(res.value.pagination) ? res.value.pagination : {};
  const current = Number(pagination.currentPage ?? page);
  const total = Number(pagination.totalPages ?? 0);
  const more = list.length > 0 && (Number.isFinite(total) && total > 0 ? current < total : list.length >= pageSize);
  return { servers, next: more ? String(page + 1) : undefined };
}

export interface PulseListOptions extends HttpOptions {
  baseUrl: string;
  pageSize: number;
}

/**
 * One page of PulseMCP's `GET /servers?count_per_page=N&offset=K` (no key; it refuses requests without a
 * versioned User-Agent). `next` in the answer is the full URL of the following page: it is followed only on
 * the same origin as the base URL, so a response can never send the study to another host.
 */
export async function fetchPulsePage(next: string | undefined, options: PulseListOptions): Promise<Page | { error: string }> {
  const base = new URL('servers', withSlash(options.baseUrl));
  let url: URL;
  if (next) {
    url = new URL(next, base);
    if (url.origin !== base.origin) return { error: `PulseMCP's next page ${url.origin} is not on ${base.origin}` };
  } else {
    url = base;
    url.searchParams.set('count_per_page', String(Math.min(options.pageSize, 5000)));
    url.searchParams.set('offset', '0');
  }
  const res = await getJson<Obj>(url.toString(), options);
  if (!res.ok) return { error: res.error };
  const list = Array.isArray(res.value.servers) ? res.value.servers : [];
  const servers = list.map((e) => parsePulseEntry(e)).filter((s): s is ListedServer => Boolean(s));
  const following = str(res.value.next);
  return { servers, next: list.length && following && following !== url.toString() ? following : undefined };
}

/**
 * A local list: a JSON array, `{servers: [...]}` in any registry's shape, or JSONL. Each entry is read as
 * Smithery-shaped when it has `qualifiedName`, PulseMCP-shaped when it has `source_code_url`, otherwise as
 * official-registry-shaped.
 */
export function parseServerFile(text: string): ListedServer[] | { error: string } {
  let entries: unknown[];
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      try {
        const doc = JSON.parse(trimmed) as unknown;
        entries = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.servers) ? doc.servers : [doc];
      } catch {
        entries = jsonl(trimmed);
      }
    } else entries = jsonl(trimmed);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return entries
    .map((e) => (isObj(e) && 'qualifiedName' in e ? parseSmitheryEntry(e) : isObj(e) && 'source_code_url' in e ? parsePulseEntry(e) : parseOfficialEntry(e)))
    .filter((s): s is ListedServer => Boolean(s));
}

function jsonl(text: string): unknown[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        throw new Error(`line ${i + 1} is not JSON`);
      }
    });
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
