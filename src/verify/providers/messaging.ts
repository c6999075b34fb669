// Email and SMS APIs: SendGrid scopes, Mailgun domains (US then EU region), Twilio account reads.
import type { Verifier } from '../types.js';
import { basic, bearer, facts, get, live, pick } from './define.js';

const TWILIO_SID = /\b(AC[0-9a-f]{32})\b/;
const TWILIO_KEY_SID = /\b(SK[0-9a-fA-F]{32})\b/;
/** A 32-character secret assigned to an API-secret name (TWILIO_API_SECRET=…, "apiSecret": "…"). */
const TWILIO_API_SECRET = /(?:api[_-]?secret|key[_-]?secret)["']?\s*[:=]\s*["']?([A-Za-z0-9]{32})(?![A-Za-z0-9])/i;

export const verifiers: Verifier[] = [
  {
    id: 'sendgrid',
    provider: 'SendGrid',
    ruleIds: ['sendgrid-api-token'],
    hosts: ['api.sendgrid.com'],
    endpoint: 'GET https://api.sendgrid.com/v3/scopes',
    proves: 'the API key authenticates',
    shows: 'number of scopes, and whether it may send mail',
    rateLimit: 'per-endpoint limits (X-RateLimit headers); reading scopes sends nothing',
    plan: (c) => [get('https://api.sendgrid.com/v3/scopes', bearer(c.secret))],
    judge: (res) => {
      if (res.status !== 200) return undefined;
      const scopes = pick(res.json, 'scopes');
      const list = Array.isArray(scopes) ? scopes.map(String) : [];
      return live({ scopes: String(list.length), mailSend: list.includes('mail.send') ? 'yes' : 'no' });
    },
  },
  {
    id: 'mailgun',
    provider: 'Mailgun',
    ruleIds: ['mailgun-private-api-token', 'mailgun-api-key'],
    hosts: ['api.mailgun.net', 'api.eu.mailgun.net'],
    endpoint: 'GET https://api.mailgun.net/v3/domains?limit=1 (then api.eu.mailgun.net)',
    proves: 'the key authenticates in the US or EU region',
    shows: 'region, number of domains',
    rateLimit: 'account-level limits; reading domains sends nothing',
    plan: (c) => [
      get('https://api.mailgun.net/v3/domains?limit=1', basic('api', c.secret)),
      get('https://api.eu.mailgun.net/v3/domains?limit=1', basic('api', c.secret)),
    ],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { domains: 'total_count' })) : undefined),
  },
  {
    id: 'twilio',
    provider: 'Twilio',
    ruleIds: ['twilio-auth-token'],
    hosts: ['api.twilio.com'],
    endpoint: 'GET https://api.twilio.com/2010-04-01/Accounts/{AccountSid}.json (basic auth SID:token)',
    proves: 'the auth token belongs to the account SID found next to it',
    shows: 'account friendly name and status',
    rateLimit: '100 concurrent requests per account',
    companions: { accountSid: TWILIO_SID },
    publicCompanions: ['accountSid'],
    plan: (c) => (c.companions.accountSid ? [get(`https://api.twilio.com/2010-04-01/Accounts/${c.companions.accountSid}.json`, basic(c.companions.accountSid, c.secret))] : { unknown: 'needs the account SID (AC…) next to it to be checked' }),
    judge: (res) => {
      if (res.status !== 200) return undefined;
      const status = pick(res.json, 'status');
      if (status === 'closed' || status === 'suspended') return { status: 'invalid', detail: `the account is ${status}` };
      return live(facts(res.json, { name: 'friendly_name', status: 'status' }));
    },
  },
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    ruleIds: ['twilio-api-key', 'twilio-api-secret'],
    hosts: ['api.twilio.com'],
    endpoint: 'GET https://api.twilio.com/2010-04-01/Accounts.json?PageSize=1 (basic auth SK…:secret)',
    proves: 'the API key SID and secret found together authenticate',
    shows: 'account friendly name',
    rateLimit: '100 concurrent requests per account',
    companions: { keySid: TWILIO_KEY_SID, secret: TWILIO_API_SECRET },
    plan: (c) => {
      const sid = c.secret.startsWith('SK') ? c.secret : c.companions.keySid;
      const secret = c.secret.startsWith('SK') ? c.companions.secret : c.secret;
      if (!sid || !secret) return { unknown: 'needs both the API key SID (SK…) and its secret next to each other to be checked' };
      return [get('https://api.twilio.com/2010-04-01/Accounts.json?PageSize=1', basic(sid, secret))];
    },
    judge: (res) => (res.status === 200 ? live(facts(res.json, { name: 'accounts.0.friendly_name' })) : undefined),
  },
];
