// One sample per verifier: a visibly fake credential (generated), the provider's documented success
// answer, the account facts expected from it, and — where the provider has one — a "revoked" body that
// comes with a 200 or another status. Shared by the verifier table test and the bench.
import { generateKeyPairSync } from 'node:crypto';
import { fakeToken } from '../../src/rules/fake.js';
import type { VerifyStatus } from '../../src/verify/types.js';
import type { FakeReply } from './fake-https.js';

export interface Sample {
  ruleId: string;
  secret: string;
  companions?: Record<string, string>;
  live: FakeReply;
  account?: Record<string, string>;
  revoked?: FakeReply;
  /** What a bare 403 means for this provider (default invalid). */
  forbidden?: VerifyStatus;
}

const tok = (prefix: string, n: number, seed: number) => fakeToken(prefix, n, seed);
const models = { object: 'list', data: [{ id: 'fake-model', object: 'model' }] };
const serviceAccount = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify({
    type: 'service_account',
    project_id: 'demo-project',
    private_key_id: fakeToken('', 40, 7, '0123456789abcdef'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: 'ci-bot@demo-project.iam.gserviceaccount.com',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
};

export const SAMPLES: Record<string, Sample> = {
  openai: { ruleId: 'openai-project-api-key', secret: tok('sk-proj-', 60, 1), live: { status: 200, body: models, headers: { 'openai-organization': 'org-fake' } }, account: { organization: 'org-fake' } },
  'openai-admin': { ruleId: 'openai-admin-key', secret: tok('sk-admin-', 60, 2), live: { status: 200, body: { object: 'list', data: [] } } },
  anthropic: { ruleId: 'anthropic-api-key', secret: tok('sk-ant-api03-', 93, 3), live: { status: 200, body: { data: [{ id: 'claude-fake', type: 'model' }], has_more: false } } },
  'anthropic-admin': { ruleId: 'anthropic-admin-api-key', secret: tok('sk-ant-admin01-', 93, 4), live: { status: 200, body: { id: 'org-fake', type: 'organization', name: 'Fake Org' } }, account: { organization: 'Fake Org' } },
  'google-api-key': {
    ruleId: 'gcp-api-key',
    secret: tok('AIza', 35, 5),
    live: { status: 200, body: { models: [{ name: 'models/gemini-fake' }] } },
    revoked: { status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } } },
    forbidden: 'unknown',
  },
  mistral: { ruleId: 'mistral-api-key', secret: tok('', 32, 6), live: { status: 200, body: models } },
  groq: { ruleId: 'groq-api-key', secret: tok('gsk_', 52, 7), live: { status: 200, body: models } },
  cohere: { ruleId: 'cohere-api-token', secret: tok('', 40, 8), live: { status: 200, body: { valid: true, organization_id: 'org-fake', owner_id: 'u-fake' } }, account: { organization: 'org-fake' }, revoked: { status: 200, body: { valid: false } } },
  deepseek: { ruleId: 'deepseek-api-key', secret: tok('sk-', 32, 9), live: { status: 200, body: models } },
  xai: {
    ruleId: 'xai-api-key',
    secret: tok('xai-', 80, 10),
    live: { status: 200, body: { redacted_api_key: 'xai-...fake', name: 'ci key', team_id: 'team-fake', acls: ['api-key:model:*'], api_key_blocked: false, api_key_disabled: false, team_blocked: false } },
    account: { name: 'ci key', team: 'team-fake' },
    revoked: { status: 200, body: { name: 'ci key', team_id: 'team-fake', api_key_blocked: false, api_key_disabled: true, team_blocked: false } },
  },
  openrouter: { ruleId: 'openrouter-api-key', secret: tok('sk-or-v1-', 64, 11), live: { status: 200, body: { data: { label: 'sk-or-v1-abc...', usage: 0, limit: null, is_free_tier: true } } }, account: { freeTier: 'true' } },
  perplexity: { ruleId: 'perplexity-api-key', secret: tok('pplx-', 48, 12), live: { status: 200, body: { requests: [] } } },
  together: { ruleId: 'together-api-key', secret: tok('tgp_v1_', 43, 13), live: { status: 200, body: [] } },
  fireworks: { ruleId: 'fireworks-api-key', secret: tok('fw_', 24, 14), live: { status: 200, body: models } },
  huggingface: { ruleId: 'huggingface-access-token', secret: tok('hf_', 34, 15), live: { status: 200, body: { type: 'user', name: 'fake-user', auth: { type: 'access_token', accessToken: { displayName: 'ci', role: 'read' } } } }, account: { login: 'fake-user', role: 'read' } },
  replicate: { ruleId: 'replicate-api-token', secret: tok('r8_', 37, 16), live: { status: 200, body: { type: 'user', username: 'fake-user', name: 'Fake User' } }, account: { login: 'fake-user' } },
  github: { ruleId: 'github-pat', secret: tok('ghp_', 36, 17), live: { status: 200, body: { login: 'octo-fake', id: 1, type: 'User' }, headers: { 'x-oauth-scopes': 'repo, read:org' } }, account: { login: 'octo-fake', scopes: 'repo, read:org' }, revoked: { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } } },
  gitlab: {
    ruleId: 'gitlab-pat',
    secret: tok('glpat-', 20, 18),
    live: { status: 200, body: { id: 1, name: 'ci', revoked: false, active: true, scopes: ['read_api'], expires_at: '2027-01-01' } },
    account: { name: 'ci', scopes: 'read_api' },
    revoked: { status: 200, body: { id: 1, name: 'ci', revoked: true, active: false, scopes: ['api'] } },
  },
  slack: { ruleId: 'slack-bot-token', secret: `xoxb-${fakeToken('', 12, 19, '0123456789')}-${fakeToken('', 13, 20, '0123456789')}-${tok('', 24, 21)}`, live: { status: 200, body: { ok: true, url: 'https://fake.slack.com/', team: 'Fake Team', user: 'bot', team_id: 'T0', user_id: 'U0' } }, account: { team: 'Fake Team', user: 'bot' }, revoked: { status: 200, body: { ok: false, error: 'token_revoked' } } },
  'slack-webhook': { ruleId: 'slack-webhook-url', secret: `https://hooks.slack.com/services/T${fakeToken('', 10, 22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${fakeToken('', 10, 23, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${tok('', 24, 24)}`, live: { status: 400, body: 'no_text' }, revoked: { status: 404, body: 'no_service' } },
  'discord-bot': { ruleId: 'discord-bot-token', secret: `${tok('MT', 24, 25)}.${tok('', 6, 26)}.${tok('', 38, 27)}`, live: { status: 200, body: { id: '123', username: 'fake-bot', bot: true } }, account: { login: 'fake-bot' } },
  'discord-webhook': { ruleId: 'discord-webhook-url', secret: `https://discord.com/api/webhooks/${fakeToken('', 18, 28, '0123456789')}/${tok('', 68, 29)}`, live: { status: 200, body: { type: 1, id: '1', name: 'deploys', channel_id: '2', guild_id: '3' } }, account: { name: 'deploys' }, revoked: { status: 404, body: { message: 'Unknown Webhook', code: 10015 } } },
  telegram: { ruleId: 'telegram-bot-api-token', secret: `${fakeToken('', 10, 30, '0123456789')}:${tok('AA', 33, 31)}`, live: { status: 200, body: { ok: true, result: { id: 1, is_bot: true, first_name: 'Fake', username: 'fake_bot' } } }, account: { login: 'fake_bot' }, revoked: { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } } },
  stripe: { ruleId: 'stripe-restricted-key', secret: tok('rk_live_', 99, 32), live: { status: 200, body: { object: 'balance', livemode: true, available: [] } }, account: { mode: 'live', restricted: 'yes' }, forbidden: 'live' },
  sendgrid: { ruleId: 'sendgrid-api-token', secret: `SG.${tok('', 22, 33)}.${tok('', 43, 34)}`, live: { status: 200, body: { scopes: ['mail.send', 'alerts.read'] } }, account: { scopes: '2', mailSend: 'yes' } },
  mailgun: { ruleId: 'mailgun-private-api-token', secret: tok('key-', 32, 35), live: { status: 200, body: { total_count: 2, items: [] } }, account: { domains: '2' } },
  twilio: { ruleId: 'twilio-auth-token', secret: fakeToken('', 32, 36, '0123456789abcdef'), companions: { accountSid: fakeToken('AC', 32, 37, '0123456789abcdef') }, live: { status: 200, body: { friendly_name: 'Fake Account', status: 'active', type: 'Full' } }, account: { name: 'Fake Account', status: 'active' }, revoked: { status: 200, body: { friendly_name: 'Fake Account', status: 'suspended' } } },
  'twilio-api-key': { ruleId: 'twilio-api-key', secret: fakeToken('SK', 32, 38, '0123456789abcdef'), companions: { secret: tok('', 32, 39) }, live: { status: 200, body: { accounts: [{ friendly_name: 'Fake Account' }] } }, account: { name: 'Fake Account' } },
  notion: { ruleId: 'notion-api-token', secret: tok('ntn_', 46, 40), live: { status: 200, body: { object: 'user', id: 'u', type: 'bot', name: 'CI bot', bot: { owner: { type: 'workspace' }, workspace_name: 'Fake Space' } } }, account: { name: 'CI bot', workspace: 'Fake Space' } },
  linear: {
    ruleId: 'linear-api-key',
    secret: tok('lin_api_', 40, 41),
    live: { status: 200, body: { data: { viewer: { id: 'u' }, organization: { name: 'Fake Co', urlKey: 'fake' } } } },
    account: { organization: 'Fake Co' },
    revoked: { status: 400, body: { errors: [{ message: 'Authentication required, not authenticated', extensions: { code: 'AUTHENTICATION_ERROR' } }] } },
  },
  atlassian: { ruleId: 'atlassian-api-token', secret: tok('ATATT3xFfGF0', 180, 42), companions: { site: 'fake-site', email: 'dev@example.invalid' }, live: { status: 200, body: { accountId: '1', accountType: 'atlassian', displayName: 'Fake Dev', active: true } }, account: { name: 'Fake Dev' } },
  airtable: { ruleId: 'airtable-personal-access-token', secret: `pat${tok('', 14, 43)}.${fakeToken('', 64, 44, '0123456789abcdef')}`, live: { status: 200, body: { id: 'usr1', scopes: ['data.records:read', 'schema.bases:read'] } }, account: { scopes: 'data.records:read, schema.bases:read' } },
  figma: { ruleId: 'figma-pat', secret: tok('figd_', 40, 45), live: { status: 200, body: { id: '1', handle: 'fake-designer', img_url: '' } }, account: { login: 'fake-designer' } },
  sentry: { ruleId: 'sentry-user-token', secret: tok('sntryu_', 64, 46), live: { status: 200, body: { version: '0', auth: { scopes: ['project:read', 'org:read'] }, user: { username: 'fake-dev' } } }, account: { login: 'fake-dev', scopes: 'project:read, org:read' }, revoked: { status: 200, body: { version: '0', auth: null, user: null } } },
  datadog: { ruleId: 'datadog-api-key', secret: fakeToken('', 32, 47, '0123456789abcdef'), live: { status: 200, body: { valid: true } }, revoked: { status: 403, body: { errors: ['Forbidden'] } } },
  'new-relic': { ruleId: 'new-relic-user-api-key', secret: tok('NRAK-', 27, 48).toUpperCase(), live: { status: 200, body: { data: { actor: { user: { name: 'Fake Dev' } } } } }, account: { name: 'Fake Dev' }, revoked: { status: 200, body: { errors: [{ message: 'Invalid API key' }] } } },
  npm: { ruleId: 'npm-access-token', secret: tok('npm_', 36, 49), live: { status: 200, body: { username: 'fake-publisher' } }, account: { login: 'fake-publisher' } },
  pypi: { ruleId: 'pypi-upload-token', secret: tok('pypi-AgEIcHlwaS5vcmc', 70, 50), live: { status: 400, body: "400 'metadata_version' is a required field." }, revoked: { status: 403, body: '403 Invalid or non-existent authentication information.' } },
  'docker-hub': { ruleId: 'docker-hub-pat', secret: tok('dckr_pat_', 27, 51), companions: { username: 'fakeuser' }, live: { status: 200, body: { access_token: 'not-a-real-token' } }, account: { login: 'fakeuser' } },
  supabase: { ruleId: 'supabase-access-token', secret: tok('sbp_', 40, 52).toLowerCase(), live: { status: 200, body: [{ id: 'abc', name: 'p1' }] }, account: { projects: '1' } },
  'supabase-project': { ruleId: 'supabase-secret-key', secret: tok('sb_secret_', 31, 53), companions: { project: 'abcdefghijklmnopqrst' }, live: { status: 200, body: { swagger: '2.0', paths: {} } }, account: { project: 'abcdefghijklmnopqrst' } },
  'aws-sts': {
    ruleId: 'aws-secret-access-key',
    secret: tok('', 40, 54),
    companions: { keyId: fakeToken('AKIA', 16, 55, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') },
    live: { status: 200, body: '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDAFAKE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' },
    account: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' },
    revoked: { status: 403, body: '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>' },
  },
  'gcp-service-account': {
    ruleId: 'gcp-service-account',
    secret: fakeToken('', 40, 7, '0123456789abcdef'),
    companions: { json: serviceAccount() },
    live: { status: 200, body: { access_token: 'ya29.not-real', expires_in: 3599, token_type: 'Bearer' } },
    account: { serviceAccount: 'ci-bot@demo-project.iam.gserviceaccount.com', project: 'demo-project' },
    revoked: { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } },
  },
  cloudflare: { ruleId: 'cloudflare-api-key', secret: tok('', 40, 56), live: { status: 200, body: { success: true, errors: [], result: { id: 'tok', status: 'active' } } }, account: { status: 'active' }, revoked: { status: 200, body: { success: true, errors: [], result: { id: 'tok', status: 'disabled' } } } },
  'cloudflare-global': { ruleId: 'cloudflare-global-api-key', secret: fakeToken('', 37, 57, '0123456789abcdef'), companions: { email: 'ops@example.invalid' }, live: { status: 200, body: { success: true, result: { id: 'u' } } } },
  digitalocean: { ruleId: 'digitalocean-pat', secret: `dop_v1_${fakeToken('', 64, 58, '0123456789abcdef')}`, live: { status: 200, body: { account: { status: 'active', team: { name: 'Fake Team' } } } }, account: { status: 'active', team: 'Fake Team' } },
  vercel: { ruleId: 'vercel-api-token', secret: tok('', 24, 59), live: { status: 200, body: { user: { id: 'u', username: 'fake-dev' } } }, account: { login: 'fake-dev' } },
  netlify: { ruleId: 'netlify-pat', secret: tok('nfp_', 36, 60), live: { status: 200, body: { id: 'u', slug: 'fake-dev' } }, account: { login: 'fake-dev' } },
  'brave-search': { ruleId: 'brave-search-api-key', secret: tok('BSA', 28, 61), live: { status: 200, body: { type: 'search', web: { results: [] } } }, revoked: { status: 422, body: { type: 'ErrorResponse', error: { code: 'SUBSCRIPTION_TOKEN_INVALID', status: 422 } } } },
  tavily: { ruleId: 'tavily-api-key', secret: tok('tvly-dev-', 32, 62), live: { status: 200, body: { key: { usage: 3, limit: 1000 }, account: { current_plan: 'Researcher', plan_usage: 3, plan_limit: 1000 } } }, account: { plan: 'Researcher' } },
  exa: { ruleId: 'exa-api-key', secret: `${fakeToken('', 8, 63, '0123456789abcdef')}-aaaa-4bbb-8ccc-${fakeToken('', 12, 64, '0123456789abcdef')}`, live: { status: 200, body: { data: [], hasMore: false } }, forbidden: 'unknown' },
  firecrawl: { ruleId: 'firecrawl-api-key', secret: tok('fc-', 32, 65), live: { status: 200, body: { success: true, data: { remainingCredits: 480 } } }, account: { remainingCredits: '480' } },
  serpapi: { ruleId: 'serpapi-api-key', secret: fakeToken('', 64, 66, '0123456789abcdef'), live: { status: 200, body: { plan_name: 'Free Plan', searches_per_month: 100 } }, account: { plan: 'Free Plan' } },
  jina: { ruleId: 'jina-api-key', secret: tok('jina_', 60, 67), live: { status: 200, body: { wallet: { total_balance: 100 } } } },
  browserbase: { ruleId: 'browserbase-api-key', secret: tok('bb_live_', 27, 68), live: { status: 200, body: [{ id: 'p', name: 'default' }] }, account: { projects: '1' } },
  apify: { ruleId: 'apify-api-token', secret: tok('apify_api_', 36, 69), live: { status: 200, body: { data: { id: 'u', username: 'fake-dev', plan: { id: 'FREE' } } } }, account: { login: 'fake-dev', plan: 'FREE' } },
};
