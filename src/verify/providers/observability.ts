// Monitoring: Sentry auth tokens, Datadog API keys (every site tried in turn), New Relic user keys (US then EU).
import type { Verifier } from '../types.js';
import { bearer, facts, get, invalid, live, pick, postJson } from './define.js';

const DATADOG_SITES = ['api.datadoghq.com', 'api.us3.datadoghq.com', 'api.us5.datadoghq.com', 'api.datadoghq.eu', 'api.ap1.datadoghq.com', 'api.ddog-gov.com'];
const NEW_RELIC = ['api.newrelic.com', 'api.eu.newrelic.com'];

export const verifiers: Verifier[] = [
  {
    id: 'sentry',
    provider: 'Sentry',
    ruleIds: ['sentry-org-token', 'sentry-user-token', 'sentry-access-token'],
    hosts: ['sentry.io'],
    endpoint: 'GET https://sentry.io/api/0/ (the API root reports who is authenticated)',
    proves: 'the auth token authenticates on sentry.io (self-hosted Sentry is not contacted)',
    shows: 'user name and token scopes',
    rateLimit: 'per-token limits (X-Sentry-Rate-Limit headers)',
    plan: (c) => [get('https://sentry.io/api/0/', bearer(c.secret))],
    judge: (res) => {
      if (res.status !== 200) return undefined;
      // The root answers anonymous callers too; without an auth object the token did not count.
      if (!pick(res.json, 'auth')) return { status: 'invalid', detail: 'Sentry did not recognise the token' };
      return live(facts(res.json, { login: 'user.username', scopes: 'auth.scopes' }));
    },
  },
  {
    id: 'datadog',
    provider: 'Datadog',
    ruleIds: ['datadog-api-key'],
    hosts: DATADOG_SITES,
    endpoint: 'GET https://api.datadoghq.com/api/v1/validate (DD-API-KEY), then each other Datadog site',
    proves: 'the API key is valid on one Datadog site',
    shows: 'the site',
    rateLimit: 'validate: 60 requests/min per organisation',
    plan: (c) => DATADOG_SITES.map((host) => get(`https://${host}/api/v1/validate`, { 'dd-api-key': c.secret })),
    judge: (res) => {
      if (res.status === 200 && pick(res.json, 'valid') === true) return live();
      if (res.status === 200) return invalid('Datadog says not valid');
      return undefined;
    },
  },
  {
    id: 'new-relic',
    provider: 'New Relic',
    ruleIds: ['new-relic-user-api-key'],
    hosts: NEW_RELIC,
    endpoint: 'POST https://api.newrelic.com/graphql { actor { user { name } } } (then the EU endpoint)',
    proves: 'the user key authenticates to NerdGraph (US or EU)',
    shows: 'user name',
    rateLimit: 'NerdGraph: 25 concurrent requests per user',
    plan: (c) => NEW_RELIC.map((host) => postJson(`https://${host}/graphql`, { 'api-key': c.secret }, { query: '{ actor { user { name } } }' })),
    judge: (res) => {
      const errors = JSON.stringify(pick(res.json, 'errors') ?? '');
      if (/invalid api key|unauthorized|forbidden/i.test(errors)) return invalid('New Relic refused the key');
      if (res.status === 200 && pick(res.json, 'data.actor.user')) return live(facts(res.json, { name: 'data.actor.user.name' }));
      return undefined;
    },
  },
];
