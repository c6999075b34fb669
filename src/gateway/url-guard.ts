// TLS and SSRF guard for remote upstreams: https only (loopback or `allowHttp` excepted), no userinfo, no
// private / link-local / cloud-metadata address — checked on the literal host, again after DNS resolution, and
// on every redirect hop. The fetch given to the SDK transports connects to the very address that was checked
// (pinned through `lookup`), so a second DNS answer cannot swap it. Fails closed.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, BlockList, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

export interface UrlPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Cloud metadata endpoints: refused even with `allowPrivate` (they hand out credentials). */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2', '192.0.0.192']);
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata', 'metadata.azure.com', 'instance-data']);

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const privateRanges = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::', 128]] as const) {
  privateRanges.addSubnet(net, bits, 'ipv6');
}

export type AddressClass = 'public' | 'loopback' | 'private' | 'metadata';

export function classifyAddress(address: string): AddressClass {
  let a = address.replace(/^\[|\]$/g, '').toLowerCase();
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address for routing purposes.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1];
  const family = isIP(a);
  if (family === 0) return 'public';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (METADATA.has(a)) return 'metadata';
  if (loopback.check(a, type)) return 'loopback';
  if (privateRanges.check(a, type)) return 'private';
  return 'public';
}

function isLoopbackName(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || classifyAddress(h) === 'loopback';
}

/** Checks that need no network: scheme, userinfo, literal addresses. */
export function checkUpstreamUrl(raw: string, policy: UrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'credentials in the URL are refused; put the token in `headers` with `{secret: key}`' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `unsupported scheme ${url.protocol}` };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:' && !isLoopbackName(host) && !policy.allowHttp) {
    return { ok: false, reason: `plain http to ${host} is refused (TLS required); set \`allowHttp: true\` for this server to override` };
  }
  if (METADATA_NAMES.has(host.toLowerCase())) return { ok: false, reason: `${host} is a cloud metadata endpoint` };
  const cls = classifyAddress(host);
  if (cls === 'metadata') return { ok: false, reason: `${host} is a cloud metadata address` };
  if (cls === 'private' && !policy.allowPrivate) {
    return { ok: false, reason: `${host} is a private or link-local address; set \`allowPrivate: true\` to allow it` };
  }
  return { ok: true, url };
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Resolves the URL's host and checks every address it resolves to; returns the one to connect to. */
export async function resolveChecked(
  url: URL,
  policy: UrlPolicy,
  resolve: Resolver = systemResolver,
): Promise<{ address: string; family: number }> {
  const literal = checkUpstreamUrl(url.href, policy);
  if (!literal.ok) throw new UrlRefusedError(literal.reason);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (!addresses.length) throw new UrlRefusedError(`${host} did not resolve`);
  const named = isLoopbackName(host);
  for (const a of addresses) {
    const cls = classifyAddress(a.address);
    if (cls === 'metadata') throw new UrlRefusedError(`${host} resolves to a cloud metadata address`);
    // A public name that resolves to loopback is a DNS-rebinding attempt at local services.
    if ((cls === 'private' || (cls === 'loopback' && !named)) && !policy.allowPrivate) {
      throw new UrlRefusedError(`${host} resolves to a private address (${a.address}); set \`allowPrivate: true\` to allow it`);
    }
  }
  return addresses[0];
}

export class UrlRefusedError extends Error {
  override name = 'UrlRefusedError';
}

/**
 * A fetch for the SDK transports: every call (including each redirect hop the SDK follows) is checked and
 * connects to the checked address. Redirects are never followed here (`manual`); the SDK re-enters for each hop.
 */
export function guardedFetch(policy: UrlPolicy, resolve: Resolver = systemResolver) {
  return async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input.href);
    const pinned = await resolveChecked(url, policy, resolve);
    const lookup: LookupFunction = (_host, options, cb) => {
      if ((options as { all?: boolean }).all) cb(null, [{ address: pinned.address, family: pinned.family }]);
      else cb(null, pinned.address, pinned.family);
    };
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolvePromise, reject) => {
      const req = send(
        url,
        { method: init.method ?? 'GET', headers, lookup, rejectUnauthorized: true, servername: url.hostname },
        (res: IncomingMessage) => {
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) v.forEach((x) => responseHeaders.append(k, x));
            else if (v !== undefined) responseHeaders.set(k, v);
          }
          const status = res.statusCode ?? 502;
          const noBody = status === 204 || status === 304 || init.method === 'HEAD';
          if (noBody) res.resume();
          resolvePromise(
            new Response(noBody ? null : (Readable.toWeb(res) as unknown as ReadableStream), {
              status,
              statusText: res.statusMessage,
              headers: responseHeaders,
            }),
          );
        },
      );
      const signal = init.signal;
      if (signal) {
        if (signal.aborted) req.destroy(new Error('aborted'));
        const onAbort = (): void => void req.destroy(new DOMException('aborted', 'AbortError'));
        signal.addEventListener('abort', onAbort, { once: true });
        // The SDK passes one long-lived signal with every request: without this, listeners pile up per call.
        req.once('close', () => signal.removeEventListener('abort', onAbort));
      }
      req.on('error', reject);
      req.end(body);
    });
  };
}
