// Clouds and hosting: AWS (STS GetCallerIdentity, SigV4), Google Cloud service accounts (OAuth JWT
// exchange), Cloudflare, DigitalOcean, Vercel, Netlify.
import type { CompanionFinder, Verifier } from '../types.js';
import { serviceAccountAssertion } from '../jwt.js';
import { signPost } from '../sigv4.js';
import { bearer, facts, get, invalid, live, pick } from './define.js';

const AWS_KEY_ID = /\b((?:AKIA|ASIA)[A-Z2-7]{16})\b/;
/** 40 base64 characters with both cases (a git SHA or hex digest is not a secret key). */
const AWS_SECRET = /(?<![A-Za-z0-9/+])((?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/;
const AWS_SESSION = /(?:session[_-]?token|SessionToken)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{100,}={0,2})/i;
const EMAIL = /([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,})/;
const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

interface ServiceAccount {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

/** The service-account object around the finding (raw JSON, or JSON escaped inside a string). */
const serviceAccountJson: CompanionFinder = (text, offset) => {
  const open = text.lastIndexOf('{', offset);
  const close = text.indexOf('}', offset);
  if (open < 0 || close < 0) return undefined;
  let raw = text.slice(open, close + 1);
  if (raw.includes('\\"')) {
    try {
      raw = JSON.parse(`"${raw.replace(/\n/g, '\\n')}"`) as string;
    } catch {
      return undefined;
    }
  }
  return parseServiceAccount(raw) ? raw : undefined;
};

function parseServiceAccount(json: string): ServiceAccount | undefined {
  try {
    const sa = JSON.parse(json) as Partial<ServiceAccount> & { type?: string };
    if (sa.type !== 'service_account' || typeof sa.client_email !== 'string' || typeof sa.private_key !== 'string') return undefined;
    return sa as ServiceAccount;
  } catch {
    return undefined;
  }
}

function awsPair(c: { ruleId: string; secret: string; companions: Record<string, string | undefined> }) {
  const isKeyId = c.ruleId === 'aws-access-token';
  return { keyId: isKeyId ? c.secret : c.companions.keyId, secret: isKeyId ? c.companions.secret : c.secret, session: c.companions.session };
}

export const verifiers: Verifier[] = [
  {
    id: 'aws-sts',
    provider: 'Amazon Web Services',
    ruleIds: ['aws-access-token', 'aws-secret-access-key', 'aws-secret-access-key-pair'],
    hosts: ['sts.amazonaws.com'],
    endpoint: 'POST https://sts.amazonaws.com/ Action=GetCallerIdentity (SigV4, us-east-1)',
    proves: 'the access key ID and secret key found together are a working pair (no permission is needed for this call)',
    shows: 'account id and ARN of the caller',
    rateLimit: 'STS: 600 requests/second per account and region',
    companions: { keyId: AWS_KEY_ID, secret: AWS_SECRET, session: AWS_SESSION },
    identity: (c) => {
      const { keyId, secret, session } = awsPair(c);
      return [keyId ?? '', secret ?? '', session ?? ''].join('\u0000');
    },
    plan: (c) => {
      const { keyId, secret, session } = awsPair(c);
      if (!keyId || !secret) return { unknown: 'needs both the access key ID and the secret key next to each other to be checked' };
      if (keyId.startsWith('ASIA') && !session) return { unknown: 'a temporary key (ASIA…) needs its session token next to it to be checked' };
      const headers = signPost({
        accessKeyId: keyId,
        secretAccessKey: secret,
        sessionToken: keyId.startsWith('ASIA') ? session : undefined,
        region: 'us-east-1',
        service: 'sts',
        host: 'sts.amazonaws.com',
        path: '/',
        body: STS_BODY,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        date: new Date(),
      });
      return [{ method: 'POST', url: 'https://sts.amazonaws.com/', headers, body: STS_BODY }];
    },
    judge: (res) => {
      const code = /<Code>([^<]{1,80})<\/Code>/.exec(res.body)?.[1];
      if (res.status === 200) {
        const tag = (t: string) => new RegExp(`<${t}>([^<]{1,200})</${t}>`).exec(res.body)?.[1];
        return live(Object.fromEntries(Object.entries({ account: tag('Account'), arn: tag('Arn') }).filter(([, v]) => v)) as Record<string, string>);
      }
      if (code && /InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|AccessDenied|InvalidToken/.test(code)) return invalid(`AWS says ${code}`);
      return undefined;
    },
  },
  {
    id: 'gcp-service-account',
    provider: 'Google Cloud',
    ruleIds: ['gcp-service-account', 'gcp-service-account-base64'],
    hosts: ['oauth2.googleapis.com'],
    endpoint: 'POST https://oauth2.googleapis.com/token (JWT bearer grant signed with the key; the access token returned is dropped)',
    proves: 'the private key is still registered for the service account',
    shows: 'service account email, project id',
    rateLimit: 'token endpoint limits per service account (well above one request)',
    companions: { json: serviceAccountJson },
    plan: (c) => {
      const raw = c.ruleId === 'gcp-service-account-base64' ? Buffer.from(c.secret, 'base64').toString('utf8') : c.companions.json;
      const sa = raw ? parseServiceAccount(raw) : undefined;
      if (!sa) return { unknown: 'needs the whole service-account JSON (client_email, private_key) to be checked' };
      const aud = 'https://oauth2.googleapis.com/token';
      const assertion = serviceAccountAssertion(sa, aud, Math.floor(Date.now() / 1000));
      return [
        {
          method: 'POST',
          url: aud,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
        },
      ];
    },
    judge: (res, c) => {
      const raw = c.ruleId === 'gcp-service-account-base64' ? Buffer.from(c.secret, 'base64').toString('utf8') : c.companions.json;
      const sa = raw ? parseServiceAccount(raw) : undefined;
      const account = sa ? (Object.fromEntries(Object.entries({ serviceAccount: sa.client_email, project: sa.project_id }).filter(([, v]) => v)) as Record<string, string>) : undefined;
      if (res.status === 200 && pick(res.json, 'access_token')) return live(account);
      const error = pick(res.json, 'error');
      if (error === 'invalid_grant' || error === 'invalid_client' || error === 'unauthorized_client') return invalid(`Google says ${error}`);
      return undefined;
    },
  },
  {
    id: 'cloudflare',
    provider: 'Cloudflare',
    ruleIds: ['cloudflare-api-key'],
    hosts: ['api.cloudflare.com'],
    endpoint: 'GET https://api.cloudflare.com/client/v4/user/tokens/verify',
    proves: 'the API token exists and its status is active',
    shows: 'token status',
    rateLimit: '1,200 requests/5 min per user',
    plan: (c) => [get('https://api.cloudflare.com/client/v4/user/tokens/verify', bearer(c.secret))],
    judge: (res) => {
      if (res.status !== 200) return /"code":\s*1000\b/.test(res.body) ? invalid('Cloudflare says the token is invalid') : undefined;
      const status = pick(res.json, 'result.status');
      if (pick(res.json, 'success') === true && status === 'active') return live({ status: 'active' });
      return invalid(`Cloudflare reports the token ${typeof status === 'string' ? status : 'not active'}`);
    },
  },
  {
    id: 'cloudflare-global',
    provider: 'Cloudflare',
    ruleIds: ['cloudflare-global-api-key'],
    hosts: ['api.cloudflare.com'],
    endpoint: 'GET https://api.cloudflare.com/client/v4/user (X-Auth-Email + X-Auth-Key)',
    proves: 'the global key belongs to the email found next to it',
    shows: 'nothing beyond validity',
    rateLimit: '1,200 requests/5 min per user',
    companions: { email: EMAIL },
    publicCompanions: ['email'],
    plan: (c) => (c.companions.email ? [get('https://api.cloudflare.com/client/v4/user', { 'x-auth-email': c.companions.email, 'x-auth-key': c.secret })] : { unknown: 'needs the account email next to it to be checked' }),
    statusMeaning: { 400: 'invalid' },
  },
  {
    id: 'digitalocean',
    provider: 'DigitalOcean',
    ruleIds: ['digitalocean-pat', 'digitalocean-access-token'],
    hosts: ['api.digitalocean.com'],
    endpoint: 'GET https://api.digitalocean.com/v2/account',
    proves: 'the token authenticates',
    shows: 'account status, team name',
    rateLimit: '5,000 requests/hour, 250/minute per token',
    plan: (c) => [get('https://api.digitalocean.com/v2/account', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { status: 'account.status', team: 'account.team.name' })) : undefined),
  },
  {
    id: 'vercel',
    provider: 'Vercel',
    ruleIds: ['vercel-api-token'],
    hosts: ['api.vercel.com'],
    endpoint: 'GET https://api.vercel.com/v2/user',
    proves: 'the token authenticates',
    shows: 'user name',
    rateLimit: 'per-endpoint limits (X-RateLimit headers)',
    plan: (c) => [get('https://api.vercel.com/v2/user', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { login: 'user.username' })) : undefined),
  },
  {
    id: 'netlify',
    provider: 'Netlify',
    ruleIds: ['netlify-pat', 'netlify-access-token'],
    hosts: ['api.netlify.com'],
    endpoint: 'GET https://api.netlify.com/api/v1/user',
    proves: 'the token authenticates',
    shows: 'account slug',
    rateLimit: '500 requests/min per token',
    plan: (c) => [get('https://api.netlify.com/api/v1/user', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { login: 'slug' })) : undefined),
  },
];
