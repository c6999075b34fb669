// Workspace tools: Notion, Linear, Atlassian (site + email needed), Airtable, Figma.
import type { Verifier } from '../types.js';
import { basic, bearer, facts, get, invalid, live, pick, postJson } from './define.js';

const EMAIL = /([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,})/;
const ATLASSIAN_SITE = /\b([a-z0-9][a-z0-9-]{0,61}[a-z0-9]?)\.atlassian\.net\b/i;

export const verifiers: Verifier[] = [
  {
    id: 'notion',
    provider: 'Notion',
    ruleIds: ['notion-api-token', 'notion-legacy-api-token'],
    hosts: ['api.notion.com'],
    endpoint: 'GET https://api.notion.com/v1/users/me',
    proves: 'the integration token authenticates',
    shows: 'bot name, workspace name',
    rateLimit: 'average 3 requests/second per integration',
    plan: (c) => [get('https://api.notion.com/v1/users/me', { ...bearer(c.secret), 'notion-version': '2022-06-28' })],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { name: 'name', workspace: 'bot.workspace_name' })) : undefined),
  },
  {
    id: 'linear',
    provider: 'Linear',
    ruleIds: ['linear-api-key', 'linear-oauth-token'],
    hosts: ['api.linear.app'],
    endpoint: 'POST https://api.linear.app/graphql { viewer { name } organization { name } } (a read-only query)',
    proves: 'the key authenticates',
    shows: 'organisation name',
    rateLimit: '1,500 requests/hour per API key (complexity-based)',
    // Personal API keys go in the header as they are; OAuth tokens take the Bearer scheme.
    plan: (c) => [postJson('https://api.linear.app/graphql', { authorization: c.secret.startsWith('lin_api_') ? c.secret : `Bearer ${c.secret}` }, { query: '{ viewer { id } organization { name urlKey } }' })],
    judge: (res) => {
      const errors = JSON.stringify(pick(res.json, 'errors') ?? '');
      if (/AUTHENTICATION_ERROR|authentication required|not authenticated/i.test(errors)) return invalid('Linear says authentication failed');
      if (res.status === 200 && pick(res.json, 'data.viewer')) return live(facts(res.json, { organization: 'data.organization.name' }));
      return undefined;
    },
  },
  {
    id: 'atlassian',
    provider: 'Atlassian',
    ruleIds: ['atlassian-api-token', 'atlassian-legacy-api-token'],
    hosts: ['*.atlassian.net'],
    endpoint: 'GET https://{site}.atlassian.net/rest/api/3/myself (basic auth email:token)',
    proves: 'the token belongs to the email found next to it, on the site found next to it',
    shows: 'display name, account type',
    rateLimit: 'cost-based per user; one read',
    companions: { site: ATLASSIAN_SITE, email: EMAIL },
    publicCompanions: ['site', 'email'],
    plan: (c) => {
      const { site, email } = c.companions;
      if (!site || !email) return { unknown: 'needs the account email and the *.atlassian.net site next to it to be checked' };
      return [get(`https://${site.toLowerCase()}.atlassian.net/rest/api/3/myself`, basic(email, c.secret))];
    },
    judge: (res) => (res.status === 200 ? live(facts(res.json, { name: 'displayName', type: 'accountType' })) : undefined),
  },
  {
    id: 'airtable',
    provider: 'Airtable',
    ruleIds: ['airtable-personal-access-token', 'airtable-api-key'],
    hosts: ['api.airtable.com'],
    endpoint: 'GET https://api.airtable.com/v0/meta/whoami',
    proves: 'the token authenticates',
    shows: 'token scopes',
    rateLimit: '5 requests/second per base, 50/second per token',
    plan: (c) => [get('https://api.airtable.com/v0/meta/whoami', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { scopes: 'scopes' })) : undefined),
  },
  {
    id: 'figma',
    provider: 'Figma',
    ruleIds: ['figma-pat'],
    hosts: ['api.figma.com'],
    endpoint: 'GET https://api.figma.com/v1/me (X-Figma-Token)',
    proves: 'the token authenticates',
    shows: 'user handle',
    rateLimit: 'tier 3 endpoint: per-user limits',
    plan: (c) => [get('https://api.figma.com/v1/me', { 'x-figma-token': c.secret })],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { login: 'handle' })) : undefined),
  },
];
