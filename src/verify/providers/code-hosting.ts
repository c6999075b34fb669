// Code hosts: GitHub (every token kind that can call the REST API) and gitlab.com tokens.
import type { Verifier } from '../types.js';
import { bearer, facts, get, invalid, live, pick } from './define.js';

export const verifiers: Verifier[] = [
  {
    id: 'github',
    provider: 'GitHub',
    ruleIds: ['github-pat', 'github-fine-grained-pat', 'github-oauth', 'github-user-to-server-token', 'github-app-token', 'github-legacy-token'],
    hosts: ['api.github.com'],
    endpoint: 'GET https://api.github.com/user (installation tokens: GET /installation/repositories?per_page=1)',
    proves: 'the token authenticates to the REST API',
    shows: 'login and OAuth scopes (X-OAuth-Scopes); installation tokens: how many repositories they reach',
    rateLimit: '5,000 requests/hour per token; 60/hour for an invalid one per IP',
    plan: (c) =>
      c.secret.startsWith('ghs_')
        ? [get('https://api.github.com/installation/repositories?per_page=1', { ...bearer(c.secret), 'x-github-api-version': '2022-11-28' })]
        : [get('https://api.github.com/user', { ...bearer(c.secret), 'x-github-api-version': '2022-11-28' })],
    judge: (res, c) => {
      if (res.status === 403 && res.headers['x-ratelimit-remaining'] === '0') return { status: 'unknown', detail: 'GitHub rate limit reached' };
      if (res.status !== 200) return undefined;
      if (c.secret.startsWith('ghs_')) return live(facts(res.json, { repositories: 'total_count' }));
      const account = facts(res.json, { login: 'login', type: 'type' }) ?? {};
      const scopes = res.headers['x-oauth-scopes'];
      if (scopes !== undefined) account.scopes = scopes || '(none)';
      return live(Object.keys(account).length ? account : undefined);
    },
  },
  {
    id: 'gitlab',
    provider: 'GitLab',
    ruleIds: ['gitlab-pat'],
    hosts: ['gitlab.com'],
    endpoint: 'GET https://gitlab.com/api/v4/personal_access_tokens/self',
    proves: 'the token is active on gitlab.com (self-managed instances are not contacted)',
    shows: 'token name and scopes',
    rateLimit: '2,000 authenticated requests/min per user on gitlab.com',
    plan: (c) => [get('https://gitlab.com/api/v4/personal_access_tokens/self', { 'private-token': c.secret })],
    judge: (res) => {
      if (res.status !== 200) return undefined;
      if (pick(res.json, 'revoked') === true || pick(res.json, 'active') === false) return invalid('GitLab reports the token revoked or expired');
      return live(facts(res.json, { name: 'name', scopes: 'scopes', expires: 'expires_at' }));
    },
  },
];
