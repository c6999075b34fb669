// Model providers: each key is checked by listing models or reading the key's own metadata; no request
// generates tokens or costs credit.
import type { Verifier } from '../types.js';
import { bearer, get, liveWith, live, invalid, pick, facts, postJson } from './define.js';

/** OpenAI-compatible `GET /models` with a bearer key: 200 live, 401 invalid. */
function modelsList(id: string, provider: string, ruleIds: string[], host: string, path: string, rateLimit: string): Verifier {
  return {
    id,
    provider,
    ruleIds,
    hosts: [host],
    endpoint: `GET https://${host}${path}`,
    proves: 'the key authenticates to the API',
    shows: 'nothing beyond validity',
    rateLimit,
    plan: (c) => [get(`https://${host}${path}`, bearer(c.secret))],
  };
}

export const verifiers: Verifier[] = [
  {
    id: 'openai',
    provider: 'OpenAI',
    ruleIds: ['openai-api-key', 'openai-project-api-key', 'openai-service-account-key'],
    hosts: ['api.openai.com'],
    endpoint: 'GET https://api.openai.com/v1/models',
    proves: 'the key authenticates to the API',
    shows: 'organisation (openai-organization response header)',
    rateLimit: 'per-organisation request limits; listing models is not billed',
    plan: (c) => [get('https://api.openai.com/v1/models', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(res.headers['openai-organization'] ? { organization: res.headers['openai-organization'] } : undefined) : undefined),
  },
  {
    id: 'openai-admin',
    provider: 'OpenAI',
    ruleIds: ['openai-admin-key'],
    hosts: ['api.openai.com'],
    endpoint: 'GET https://api.openai.com/v1/organization/projects?limit=1',
    proves: 'the admin key can read the organisation',
    shows: 'nothing beyond validity',
    rateLimit: 'per-organisation admin API limits',
    plan: (c) => [get('https://api.openai.com/v1/organization/projects?limit=1', bearer(c.secret))],
  },
  {
    id: 'anthropic',
    provider: 'Anthropic',
    ruleIds: ['anthropic-api-key'],
    hosts: ['api.anthropic.com'],
    endpoint: 'GET https://api.anthropic.com/v1/models',
    proves: 'the key authenticates to the API',
    shows: 'nothing beyond validity',
    rateLimit: 'per-organisation request limits; listing models is not billed',
    plan: (c) => [get('https://api.anthropic.com/v1/models?limit=1', { 'x-api-key': c.secret, 'anthropic-version': '2023-06-01' })],
  },
  {
    id: 'anthropic-admin',
    provider: 'Anthropic',
    ruleIds: ['anthropic-admin-api-key'],
    hosts: ['api.anthropic.com'],
    endpoint: 'GET https://api.anthropic.com/v1/organizations/me',
    proves: 'the admin key can read its organisation',
    shows: 'organisation name',
    rateLimit: 'Admin API limits per organisation',
    plan: (c) => [get('https://api.anthropic.com/v1/organizations/me', { 'x-api-key': c.secret, 'anthropic-version': '2023-06-01' })],
    judge: liveWith({ organization: 'name' }),
  },
  {
    id: 'google-api-key',
    provider: 'Google (Gemini API)',
    ruleIds: ['gcp-api-key'],
    hosts: ['generativelanguage.googleapis.com'],
    endpoint: 'GET https://generativelanguage.googleapis.com/v1beta/models (x-goog-api-key header)',
    proves: 'the key is valid and the Gemini API accepts it',
    shows: 'nothing beyond validity',
    rateLimit: 'per-project quota; listing models is not billed',
    plan: (c) => [get('https://generativelanguage.googleapis.com/v1beta/models?pageSize=1', { 'x-goog-api-key': c.secret })],
    judge: (res) => {
      if (res.status === 200) return live();
      const reason = JSON.stringify(pick(res.json, 'error.details') ?? '');
      // 400 API_KEY_INVALID: the key does not exist. 403: a real key whose project has not enabled Gemini
      // (or restricts the key) — it works for something, just not this API.
      if (reason.includes('API_KEY_INVALID') || reason.includes('API_KEY_EXPIRED')) return invalid('Google says the key is invalid or expired');
      if (res.status === 403) return { status: 'unknown', detail: 'the key exists but may not call the Gemini API (HTTP 403)' };
      return undefined;
    },
  },
  modelsList('mistral', 'Mistral AI', ['mistral-api-key'], 'api.mistral.ai', '/v1/models', 'per-workspace limits; listing models is free'),
  modelsList('groq', 'Groq', ['groq-api-key'], 'api.groq.com', '/openai/v1/models', 'per-organisation RPM limits; listing models is free'),
  {
    id: 'cohere',
    provider: 'Cohere',
    ruleIds: ['cohere-api-token'],
    hosts: ['api.cohere.com'],
    endpoint: 'POST https://api.cohere.com/v1/check-api-key',
    proves: 'Cohere reports the key valid and active',
    shows: 'organisation id',
    rateLimit: 'trial keys 1,000 calls/month overall; the check is documented for exactly this',
    plan: (c) => [postJson('https://api.cohere.com/v1/check-api-key', bearer(c.secret), {})],
    judge: (res) => {
      if (res.status !== 200) return undefined;
      return pick(res.json, 'valid') === true ? live(facts(res.json, { organization: 'organization_id' })) : invalid('Cohere says the key is not valid');
    },
  },
  modelsList('deepseek', 'DeepSeek', ['deepseek-api-key'], 'api.deepseek.com', '/models', 'dynamic per-account limits; listing models is free'),
  {
    id: 'xai',
    provider: 'xAI',
    ruleIds: ['xai-api-key'],
    hosts: ['api.x.ai'],
    endpoint: 'GET https://api.x.ai/v1/api-key',
    proves: 'the key exists and is neither blocked nor disabled',
    shows: 'key name, team id, ACLs',
    rateLimit: 'per-key QPS set by the team; this call is free',
    plan: (c) => [get('https://api.x.ai/v1/api-key', bearer(c.secret))],
    statusMeaning: { 400: 'invalid' },
    judge: (res) => {
      if (res.status !== 200) return undefined;
      const j = res.json;
      if (pick(j, 'api_key_blocked') === true || pick(j, 'api_key_disabled') === true || pick(j, 'team_blocked') === true) return invalid('xAI reports the key (or its team) blocked or disabled');
      return live(facts(j, { name: 'name', team: 'team_id', acls: 'acls' }));
    },
  },
  {
    id: 'openrouter',
    provider: 'OpenRouter',
    ruleIds: ['openrouter-api-key'],
    hosts: ['openrouter.ai'],
    endpoint: 'GET https://openrouter.ai/api/v1/key',
    proves: 'the key exists',
    shows: 'key label, free tier',
    rateLimit: 'free; OpenRouter documents it for checking a key',
    plan: (c) => [get('https://openrouter.ai/api/v1/key', bearer(c.secret))],
    judge: liveWith({ label: 'data.label', freeTier: 'data.is_free_tier' }),
  },
  modelsList('perplexity', 'Perplexity', ['perplexity-api-key'], 'api.perplexity.ai', '/async/chat/completions', 'tier-based; listing async jobs is free'),
  modelsList('together', 'Together AI', ['together-api-key', 'together-legacy-api-key'], 'api.together.xyz', '/v1/models', 'tier-based; listing models is free'),
  modelsList('fireworks', 'Fireworks AI', ['fireworks-api-key'], 'api.fireworks.ai', '/inference/v1/models', '600 requests/min; listing models is free'),
  {
    id: 'huggingface',
    provider: 'Hugging Face',
    ruleIds: ['huggingface-access-token', 'huggingface-organization-api-token'],
    hosts: ['huggingface.co'],
    endpoint: 'GET https://huggingface.co/api/whoami-v2',
    proves: 'the token authenticates',
    shows: 'account name, token role',
    rateLimit: 'Hub API limits per IP (a few hundred a minute)',
    plan: (c) => [get('https://huggingface.co/api/whoami-v2', bearer(c.secret))],
    judge: liveWith({ login: 'name', role: 'auth.accessToken.role' }),
  },
  {
    id: 'replicate',
    provider: 'Replicate',
    ruleIds: ['replicate-api-token'],
    hosts: ['api.replicate.com'],
    endpoint: 'GET https://api.replicate.com/v1/account',
    proves: 'the token authenticates',
    shows: 'account type and username',
    rateLimit: '3,000 requests/min for most endpoints',
    plan: (c) => [get('https://api.replicate.com/v1/account', bearer(c.secret))],
    judge: liveWith({ login: 'username', type: 'type' }),
  },
];
