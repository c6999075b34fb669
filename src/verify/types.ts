// Shapes of live verification: a verifier is data (hosts, endpoint, docs) plus a small function that builds
// its read-only request and one that reads the provider's answer. The runner (run.ts) owns all I/O.

/** live: the provider accepted it · invalid: refused or revoked · unknown: no verifier or no clear answer · error: network, timeout, refused redirect. */
export type VerifyStatus = 'live' | 'invalid' | 'unknown' | 'error';

export const VERIFY_STATUSES: readonly VerifyStatus[] = ['live', 'invalid', 'unknown', 'error'];

export interface Verification {
  status: VerifyStatus;
  /** Verifier id (e.g. `github`), absent when no verifier covers the rule. */
  verifier?: string;
  /** Harmless account facts the provider reported: login, scopes, team, org… never the secret. */
  account?: Record<string, string>;
  /** One short line: why unknown/error/invalid (never a response body, never the secret). */
  detail?: string;
}

export interface VerifyRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface VerifyResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** What a verifier decides from one response; undefined from `judge` means "use the HTTP status". */
export interface Judgement {
  status: VerifyStatus;
  account?: Record<string, string>;
  detail?: string;
}

/** The credential as a verifier sees it: the secret, and values found next to it in the same file. */
export interface Credential {
  ruleId: string;
  secret: string;
  /** Companion values (key IDs, account SIDs, emails, site names…) the verifier asked for, when found. */
  companions: Record<string, string | undefined>;
}

/** Finds a companion value in the text around the finding (offset of the secret given). */
export type CompanionFinder = RegExp | ((text: string, offset: number, secret: string) => string | undefined);

/** A request plan, or the reason the credential cannot be checked (→ unknown). */
export type Plan = VerifyRequest[] | { unknown: string };

export interface Verifier {
  /** Kebab id, e.g. `github`, `aws-sts`. */
  id: string;
  provider: string;
  /** Rule ids whose findings this verifier checks. */
  ruleIds: string[];
  /**
   * The only hosts a request may go to (exact names; `*.example.com` allows one label). Enforced by the HTTP
   * client on every request and redirect, so a verifier's URL builder cannot reach anywhere else.
   */
  hosts: string[];
  /** Docs: the request made. */
  endpoint: string;
  /** Docs: what a `live` answer proves. */
  proves: string;
  /** Docs: the account facts shown. */
  shows: string;
  /** Docs: the provider's published rate limit for this endpoint. */
  rateLimit: string;
  /** Values to look for near the secret (same file, a window around it). */
  companions?: Record<string, CompanionFinder>;
  /**
   * What identifies the credential for the cache when it is more than the secret plus companions: an AWS
   * pair found as two findings (key ID, secret key) is one credential, checked once.
   */
  identity?(c: Credential): string;
  /** Companions that are not secret (user names, sites, project refs) and may be shown; all others are scrubbed. */
  publicCompanions?: string[];
  /**
   * The requests to try, in order: the next one runs only when the previous said `invalid` (regional
   * endpoints: US then EU). Must be read-only and side-effect free.
   */
  plan(c: Credential): Plan | Promise<Plan>;
  /** Read the answer; return undefined to fall back to the status mapping (statusMeaning). */
  judge?(res: VerifyResponse, c: Credential): Judgement | undefined;
  /** Override of the default HTTP status meaning (e.g. Stripe: 403 means a live restricted key). */
  statusMeaning?: Partial<Record<number, VerifyStatus>>;
}
