// Server lists from the official MCP Registry (cursor paging), Smithery's registry (page numbers, API key)
// and local JSON/JSONL files, reduced to one shape. The raw JSON of each entry is kept as received.
import { getJson, type HttpOptions } from './http.js';
import { classifyRegistryEntry, classifySmitheryEntry, githubRepo, type Deployment } from './normalise.js';

export type RegistrySource = 'official' | 'smithery';

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

/** One entry of `/v0/servers`: `{server: {...}, _meta}` (current) or the flat older shape. */
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

/** Field names under which a Smithery entry (list or detail) may carry its source repository. */
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

export interface OfficialListOptions extends HttpOptions {
  baseUrl: string;
  pageSize: number;
}

/** Fetches one page of the official registry; `cursor` undefined for the first. */
export async function fetchOfficialPage(cursor: string | undefined, options: OfficialListOptions): Promise<Page | { error: string }> {
  const url = new URL('v0/servers', withSlash(options.baseUrl));
  url.searchParams.set('limit', String(options.pageSize));
  if (cursor) url.searchParams.set('cursor', cursor);
  const res = await getJson<Obj>(url.toString(), options);
  if (!res.ok) return { error: res.error };
  const body = res.value;
  const list = Array.isArray(body.servers) ? body.servers : [];
  const metadata = isObj(body.metadata) ? body.metadata : {};
  const next = str(metadata.nextCursor) ?? str(metadata.next_cursor);
  const servers = list.map((e) => parseOfficialEntry(e)).filter((s): s is ListedServer => Boolean(s));
  return { servers, next: list.length && next && next !== cursor ? next : undefined };
}

export interface SmitheryListOptions extends HttpOptions {
  baseUrl: string;
  pageSize: number;
  apiKey: string;
  /** Also fetch `/servers/{qualifiedName}` for entries whose list record names no repository. */
  details?: boolean;
}

export async function fetchSmitheryPage(page: number, options: SmitheryListOptions): Promise<Page | { error: string }> {
  const http: HttpOptions = { ...options, headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` } };
  const url = new URL('servers', withSlash(options.baseUrl));
  url.searchParams.set('page', String(page));
  url.searchParams.set('pageSize', String(options.pageSize));
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
  const more = list.length > 0 && (Number.isFinite(total) && total > 0 ? current < total : list.length >= options.pageSize);
  return { servers, next: more ? String(page + 1) : undefined };
}

/**
 * A local list: a JSON array, `{servers: [...]}` in either registry's shape, or JSONL. Each entry is
 * read as Smithery-shaped when it has `qualifiedName`, otherwise as official-registry-shaped.
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
    .map((e) => (isObj(e) && 'qualifiedName' in e ? parseSmitheryEntry(e) : parseOfficialEntry(e)))
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
