// Small builders the provider files share: auth headers, requests, and reading fields out of answers.
import type { Judgement, VerifyRequest, VerifyResponse } from '../types.js';

export const bearer = (token: string, scheme = 'Bearer'): Record<string, string> => ({ authorization: `${scheme} ${token}` });
export const basic = (user: string, password: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

export function get(url: string, headers: Record<string, string> = {}): VerifyRequest {
  return { method: 'GET', url, headers };
}

export function postJson(url: string, headers: Record<string, string>, body: unknown): VerifyRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function postForm(url: string, headers: Record<string, string>, form: Record<string, string>): VerifyRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() };
}

/** `pick(json, 'data.user.login')`; undefined when any step is missing. */
export function pick(value: unknown, path: string): unknown {
  let v = value;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Account facts from paths in the JSON body: strings, numbers, booleans and string lists; empties dropped. */
export function facts(json: unknown, paths: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, path] of Object.entries(paths)) {
    const v = pick(json, path);
    if (typeof v === 'string' && v) out[name] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[name] = String(v);
    else if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string')) out[name] = v.join(', ');
  }
  return Object.keys(out).length ? out : undefined;
}

/** 2xx → live with these facts; anything else → the status mapping. */
export function liveWith(paths: Record<string, string>) {
  return (res: VerifyResponse): Judgement | undefined => (res.status >= 200 && res.status < 300 ? { status: 'live', account: facts(res.json, paths) } : undefined);
}

export const live = (account?: Record<string, string>): Judgement => ({ status: 'live', ...(account ? { account } : {}) });
export const invalid = (detail: string): Judgement => ({ status: 'invalid', detail });
export const unknown = (detail: string): Judgement => ({ status: 'unknown', detail });
