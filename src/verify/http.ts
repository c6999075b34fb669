// The only way verifiers reach the network: HTTPS with certificate checks, the verifier's declared hosts
// only (every hop), same-host redirects at most, a timeout and a body cap. A test-only override sends
// connections to a loopback fake while TLS still checks the certificate against the declared host name.
import { request as httpsRequest } from 'node:https';
import { hostAllowed, isLoopback, urlRefusal } from './hosts.js';
import type { VerifyRequest, VerifyResponse } from './types.js';

/** Test harness only: connect to this loopback address instead of DNS, trusting this CA. */
export interface LoopbackOverride {
  address: string;
  port: number;
  ca: string | Buffer;
}

export interface HttpOptions {
  hosts: readonly string[];
  timeoutMs: number;
  override?: LoopbackOverride;
}

/** A request that did not get an answer we can read (refused, timed out, redirected away). */
export class VerifyHttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'timeout' | 'network' | 'redirect',
  ) {
    super(message);
  }
}

const MAX_BODY = 256 * 1024;
const MAX_REDIRECTS = 3;
const USER_AGENT = 'keyward-verify (+https://www.npmjs.com/package/keyward)';

export function checkOverride(o: LoopbackOverride): void {
  // Fail closed: the override exists so tests never leave the machine; anything else is a misuse.
  if (!isLoopback(o.address)) throw new Error(`verify endpoint override must be a loopback address, not ${o.address}`);
}

export async function send(req: VerifyRequest, opts: HttpOptions): Promise<VerifyResponse> {
  if (opts.override) checkOverride(opts.override);
  let url = parseUrl(req.url);
  let method = req.method;
  let body = req.body;
  for (let hop = 0; ; hop++) {
    const refusal = urlRefusal(url, opts.hosts);
    if (refusal) throw new VerifyHttpError(`refused: ${refusal}`, 'refused');
    const res = await once(url, { ...req, method, body }, opts);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || !location) return res;
    const next = parseUrl(location, url);
    // A provider answering with a redirect elsewhere is not an answer about the credential; following it
    // would hand the Authorization header (or the path token) to a host the verifier never declared.
    if (next.hostname !== url.hostname || !hostAllowed(next.hostname, opts.hosts)) {
      throw new VerifyHttpError(`refused a redirect from ${url.hostname} to ${next.hostname}`, 'redirect');
    }
    if (hop + 1 >= MAX_REDIRECTS) throw new VerifyHttpError(`more than ${MAX_REDIRECTS} redirects`, 'redirect');
    if (res.status === 303) {
      method = 'GET';
      body = undefined;
    }
    url = next;
  }
}

function parseUrl(s: string, base?: URL): URL {
  try {
    return new URL(s, base);
  } catch {
    throw new VerifyHttpError('refused: malformed URL', 'refused');
  }
}

function once(url: URL, req: VerifyRequest, opts: HttpOptions): Promise<VerifyResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const o = opts.override;
    const r = httpsRequest(
      {
        method: req.method,
        host: o ? o.address : url.hostname,
        port: o ? o.port : 443,
        // With the override TLS still verifies the certificate against the declared host name.
        servername: url.hostname,
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, host: url.host },
        ca: o?.ca,
        rejectUnauthorized: true,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY) chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: flat, body: text, json: parseJson(text) });
        });
        res.on('error', (e) => reject(new VerifyHttpError(`${url.hostname}: ${errCode(e)}`, 'network')));
      },
    );
    r.setTimeout(opts.timeoutMs, () => r.destroy(new VerifyHttpError(`${url.hostname}: timed out after ${opts.timeoutMs} ms`, 'timeout')));
    r.on('error', (e) => reject(e instanceof VerifyHttpError ? e : new VerifyHttpError(`${url.hostname}: ${errCode(e)}`, 'network')));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** The error code only (ECONNREFUSED, CERT_HAS_EXPIRED…): messages may quote headers. */
function errCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ?? 'network error';
}

function parseJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
