// Chat platforms: Slack (tokens via auth.test; webhooks with an empty payload that Slack refuses before
// posting), Discord (bot identity; webhook metadata by GET), Telegram (getMe).
import type { Verifier } from '../types.js';
import { bearer, facts, get, invalid, live, pick, postJson, unknown } from './define.js';

const SLACK_DEAD = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'token_expired', 'not_authed', 'ekm_access_denied', 'team_disabled']);

export const verifiers: Verifier[] = [
  {
    id: 'slack',
    provider: 'Slack',
    ruleIds: ['slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-config-access-token', 'slack-legacy-bot-token', 'slack-legacy-workspace-token', 'slack-legacy-token'],
    hosts: ['slack.com'],
    endpoint: 'POST https://slack.com/api/auth.test',
    proves: 'the token authenticates to the workspace',
    shows: 'team, user, workspace URL',
    rateLimit: 'Tier special: ~100 requests/min per token',
    plan: (c) => [{ method: 'POST', url: 'https://slack.com/api/auth.test', headers: { ...bearer(c.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: '' }],
    judge: (res) => {
      if (res.status !== 200) return undefined;
      if (pick(res.json, 'ok') === true) return live(facts(res.json, { team: 'team', user: 'user', url: 'url' }));
      const error = String(pick(res.json, 'error') ?? 'unknown_error');
      return SLACK_DEAD.has(error) ? invalid(`Slack says ${error}`) : unknown(`Slack says ${error}`);
    },
  },
  {
    id: 'slack-webhook',
    provider: 'Slack',
    // Workflow webhooks are left out: an empty payload may still start the workflow.
    ruleIds: ['slack-webhook-url'],
    hosts: ['hooks.slack.com'],
    endpoint: 'POST <the webhook URL> with an empty JSON object (Slack refuses it with no_text/invalid_payload; nothing is posted)',
    proves: 'the webhook exists and accepts requests',
    shows: 'nothing',
    rateLimit: '1 message/second per webhook (nothing is posted)',
    plan: (c) => [postJson(c.secret.replace(/^http:/, 'https:'), {}, {})],
    judge: (res) => {
      const body = res.body.trim();
      // An empty payload is refused before posting: 400 no_text / invalid_payload means the hook is live.
      if (res.status === 400 && /^(no_text|invalid_payload|missing_text_or_fallback_or_attachments)/.test(body)) return live();
      if (res.status === 200) return { status: 'live', detail: 'Slack accepted an empty payload' };
      if ([403, 404, 410].includes(res.status) && /no_service|invalid_token|no_team|team_disabled|channel_is_archived|action_prohibited|no_active_hooks/.test(body)) {
        return invalid(`Slack says ${body.slice(0, 40)}`);
      }
      return undefined;
    },
  },
  {
    id: 'discord-bot',
    provider: 'Discord',
    ruleIds: ['discord-bot-token'],
    hosts: ['discord.com'],
    endpoint: 'GET https://discord.com/api/v10/users/@me (Authorization: Bot …)',
    proves: 'the bot token authenticates',
    shows: 'bot username and id',
    rateLimit: '50 requests/second global per bot',
    plan: (c) => [get('https://discord.com/api/v10/users/@me', bearer(c.secret, 'Bot'))],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { login: 'username', id: 'id' })) : undefined),
  },
  {
    id: 'discord-webhook',
    provider: 'Discord',
    ruleIds: ['discord-webhook-url'],
    hosts: ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'],
    endpoint: 'GET <the webhook URL> (returns the webhook object; nothing is posted)',
    proves: 'the webhook exists',
    shows: 'webhook name, guild and channel ids',
    rateLimit: '5 requests/2 s per webhook',
    plan: (c) => [get(c.secret.replace(/^http:/, 'https:'))],
    statusMeaning: { 404: 'invalid' },
    judge: (res) => (res.status === 200 ? live(facts(res.json, { name: 'name', guild: 'guild_id', channel: 'channel_id' })) : undefined),
  },
  {
    id: 'telegram',
    provider: 'Telegram',
    ruleIds: ['telegram-bot-api-token'],
    hosts: ['api.telegram.org'],
    endpoint: 'GET https://api.telegram.org/bot<token>/getMe',
    proves: 'the bot token authenticates',
    shows: 'bot username',
    rateLimit: '~30 requests/second per bot',
    plan: (c) => [get(`https://api.telegram.org/bot${c.secret}/getMe`)],
    statusMeaning: { 404: 'invalid' },
    judge: (res) => {
      if (res.status !== 200) return undefined;
      return pick(res.json, 'ok') === true ? live(facts(res.json, { login: 'result.username' })) : invalid('Telegram says not ok');
    },
  },
];
