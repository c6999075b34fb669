// Chat platforms: Slack, Discord, Telegram, Microsoft Teams, Mattermost, Rocket.Chat, Zulip, Webex and the
// incoming-webhook URLs (Google Chat, Feishu/Lark, DingTalk, WeCom) that are credentials in themselves.
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';

const { hexLower, base64url, lowerAlnum, upperAlnum } = ALPHABETS;
const digits = '0123456789';
const uuid = (seed: number) => {
  const h = fakeToken('', 32, seed, hexLower);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
// A random number that does not start with 0 (Slack, Discord and Telegram ids).
const num = (length: number, seed: number) => fakeToken(String((seed % 9) + 1), length - 1, seed, digits);

/** Discord bot tokens open with the base64 of the bot's numeric user id (a snowflake). */
function discordIdSegment(token: string): boolean {
  const head = token.slice(0, token.indexOf('.'));
  const id = Buffer.from(head.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  return /^\d{17,20}$/.test(id);
}
/** A fake bot token: base64 of an `idDigits`-digit user id (17 for 2015 bots, 19 today), timestamp, HMAC. */
const discordToken = (seed: number, idDigits = 18, hmac = 38) =>
  `${Buffer.from(num(idDigits, seed)).toString('base64').replace(/=+$/, '')}.${fakeToken('', 6, seed + 1, base64url)}.${fakeToken('', hmac, seed + 2, base64url)}`;

export const rules: Rule[] = [
  {
    id: 'slack-bot-token',
    title: 'Slack bot token',
    provider: 'Slack',
    severity: 'critical',
    keywords: ['xoxb-'],
    pattern: /\b(xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `SLACK_BOT_TOKEN=xoxb-${num(12, 1)}-${num(13, 2)}-${fakeToken('', 24, 3)}`,
          `"env": {"SLACK_BOT_TOKEN": "xoxb-${num(11, 4)}-${num(13, 5)}-${fakeToken('', 24, 6)}"}`,
        ],
        negative: ['SLACK_BOT_TOKEN=xoxb-your-bot-token', `xoxb-${num(12, 7)}-${num(13, 8)}-xxxxxxxxxxxxxxxxxxxxxxxx`],
      };
    },
  },
  {
    id: 'slack-user-token',
    title: 'Slack user token',
    provider: 'Slack',
    severity: 'critical',
    keywords: ['xoxp-', 'xoxe-'],
    pattern: /\b(xox[pe](?:-\d{10,13}){3}-[A-Za-z0-9]{28,34})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `SLACK_USER_TOKEN=xoxp-${num(12, 1)}-${num(12, 2)}-${num(13, 3)}-${fakeToken('', 32, 4, hexLower)}`,
          `token: "xoxp-${num(11, 5)}-${num(11, 6)}-${num(13, 7)}-${fakeToken('', 32, 8, hexLower)}"`,
        ],
        negative: ['SLACK_USER_TOKEN=xoxp-...', `xoxp-${num(12, 9)}-${fakeToken('', 32, 10, hexLower)}`],
      };
    },
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    provider: 'Slack',
    severity: 'high',
    keywords: ['xapp-'],
    pattern: /\b(xapp-\d-[A-Z0-9]{8,12}-\d{10,13}-[a-f0-9]{64})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `SLACK_APP_TOKEN=xapp-1-A${fakeToken('', 10, 1, upperAlnum)}-${num(13, 2)}-${fakeToken('', 64, 3, hexLower)}`,
          `app_token: 'xapp-1-A${fakeToken('', 9, 4, upperAlnum)}-${num(13, 5)}-${fakeToken('', 64, 6, hexLower)}'`,
        ],
        negative: ['SLACK_APP_TOKEN=xapp-1-...', `xapp-1-A${fakeToken('', 10, 7, upperAlnum)}-${num(13, 8)}-short`],
      };
    },
  },
  {
    id: 'slack-config-access-token',
    title: 'Slack configuration access token',
    provider: 'Slack',
    severity: 'high',
    keywords: ['xoxe.xox'],
    pattern: /\b(xoxe\.xox[bp]-\d-[A-Z0-9]{163,166})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SLACK_CONFIG_TOKEN=xoxe.xoxp-1-${fakeToken('', 164, 1, upperAlnum)}`, `"config_token": "xoxe.xoxb-1-${fakeToken('', 165, 2, upperAlnum)}"`],
        negative: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-...', `xoxe.xoxp-1-${fakeToken('', 40, 3, upperAlnum)}`],
      };
    },
  },
  {
    id: 'slack-config-refresh-token',
    title: 'Slack configuration refresh token',
    provider: 'Slack',
    severity: 'high',
    keywords: ['xoxe-'],
    pattern: /\b(xoxe-\d-[A-Z0-9]{146})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-${fakeToken('', 146, 1, upperAlnum)}`, `refresh_token: xoxe-1-${fakeToken('', 146, 2, upperAlnum)}`],
        negative: ['SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-...', `xoxe-1-${fakeToken('', 60, 3, upperAlnum)}`],
      };
    },
  },
  {
    id: 'slack-legacy-bot-token',
    title: 'Slack legacy bot token',
    provider: 'Slack',
    severity: 'high',
    keywords: ['xoxb-'],
    pattern: /\b(xoxb-\d{8,14}-[A-Za-z0-9]{18,26})(?![\w-])/,
    entropy: 3,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`SLACK_TOKEN=xoxb-${num(11, 1)}-${fakeToken('', 24, 2)}`, `slack_token: "xoxb-${num(12, 3)}-${fakeToken('', 24, 4)}"`],
        negative: ['SLACK_TOKEN=xoxb-123456789-your-token', `xoxb-${num(12, 5)}-${num(13, 6)}-${fakeToken('', 24, 7)}`],
      };
    },
  },
  {
    id: 'slack-legacy-workspace-token',
    title: 'Slack legacy workspace/app token',
    provider: 'Slack',
    severity: 'high',
    keywords: ['xoxa-', 'xoxr-'],
    pattern: /\b(xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})\b/,
    entropy: 3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`SLACK_TOKEN=xoxa-2-${fakeToken('', 40, 1)}`, `"refresh_token": "xoxr-${fakeToken('', 32, 2)}"`],
        negative: ['SLACK_TOKEN=xoxa-...', 'xoxr-refreshing'],
      };
    },
  },
  {
    id: 'slack-legacy-token',
    title: 'Slack legacy token',
    provider: 'Slack',
    severity: 'high',
    keywords: ['xoxo-', 'xoxs-'],
    pattern: /\b(xox[os]-\d+-\d+-\d+-[a-fA-F0-9]{20,64})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SLACK_LEGACY_TOKEN=xoxs-${num(10, 1)}-${num(10, 2)}-${num(12, 3)}-${fakeToken('', 64, 4, hexLower)}`, `token = "xoxo-${num(10, 5)}-${num(10, 6)}-${num(12, 7)}-${fakeToken('', 32, 8, hexLower)}"`],
        negative: ['SLACK_LEGACY_TOKEN=xoxs-...', 'xoxo-1-2-3-abc'],
      };
    },
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    provider: 'Slack',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: /(https?:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24})\b/,
    get examples() {
      return {
        positive: [
          `SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T${fakeToken('', 10, 1, upperAlnum)}/B${fakeToken('', 10, 2, upperAlnum)}/${fakeToken('', 24, 3)}`,
          `"webhook": "https://hooks.slack.com/services/T${fakeToken('', 8, 4, upperAlnum)}/B${fakeToken('', 10, 5, upperAlnum)}/${fakeToken('', 24, 6)}"`,
        ],
        negative: [
          'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
          'See https://hooks.slack.com/services/ for details',
        ],
      };
    },
  },
  {
    id: 'slack-workflow-webhook-url',
    title: 'Slack workflow webhook URL',
    provider: 'Slack',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: /(https?:\/\/hooks\.slack\.com\/(?:workflows|triggers)\/T[A-Z0-9]{8,12}\/(?:A?[A-Z0-9]{8,12}\/)?\d{8,20}\/[A-Za-z0-9]{24,40})\b/,
    get examples() {
      return {
        positive: [
          `SLACK_WORKFLOW_URL=https://hooks.slack.com/triggers/T${fakeToken('', 10, 1, upperAlnum)}/${num(13, 2)}/${fakeToken('', 32, 3, hexLower)}`,
          `"url": "https://hooks.slack.com/workflows/T${fakeToken('', 10, 4, upperAlnum)}/A${fakeToken('', 10, 5, upperAlnum)}/${num(18, 6)}/${fakeToken('', 24, 7)}"`,
        ],
        negative: ['https://hooks.slack.com/triggers/T00000000/000000000/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'https://hooks.slack.com/workflows/'],
      };
    },
  },
  {
    id: 'slack-signing-secret',
    title: 'Slack app signing secret',
    provider: 'Slack',
    severity: 'high',
    keywords: ['slack'],
    pattern: assignedTo('slack', '[a-f0-9]{32}', { then: '[\\w.-]{0,12}?(?:signing[_.-]?secret|client[_.-]?secret)' }),
    entropy: 3.0,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`SLACK_SIGNING_SECRET=${fakeToken('', 32, 1, hexLower)}`, `"slackClientSecret": "${fakeToken('', 32, 2, hexLower)}"`],
        negative: ['SLACK_SIGNING_SECRET=your-signing-secret', `SLACK_CLIENT_ID=${num(13, 3)}.${num(13, 4)}`],
      };
    },
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    provider: 'Discord',
    severity: 'critical',
    // `token=`, `token"`, `token'` rather than `token`: that word is in most files, and running this rule over
    // all of them cost a quarter of the scan's speed on node_modules.
    keywords: ['discord', 'bot', '.login(', 'token=', 'token"', "token'"],
    // The first part is the base64 of the bot's user id: 23 characters for a 17-digit id, 24 for 18, 26 for
    // 19 (most bots made since 2022), 27 for 20; the HMAC is 27 characters in old tokens, 38 in current ones.
    // The id check in validate is what makes a bare `token` key (or an `Authorization: Bot` header) enough.
    pattern:
      /(?:(?:discord|bot|token)[\w.-]{0,20}[\s'"`]{0,3}(?:=|:|=>|:=|,)|\.login\(|\bBot[ \t]+)[\s'"`]{0,5}([MNO][A-Za-z0-9_-]{22,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![\w-])/i,
    entropy: 3.5,
    validate: discordIdSegment,
    get examples() {
      return {
        positive: [
          `DISCORD_TOKEN=${discordToken(1)}`,
          `client.login("${discordToken(4)}");`,
          `"BOT_TOKEN": "${discordToken(7)}"`,
          `DISCORD_BOT_TOKEN=${discordToken(13, 19)}`,
          `TOKEN='${discordToken(16, 17, 27)}'`,
          `"env": {"TOKEN": "${discordToken(19, 19)}"}`,
          `curl -H "Authorization: Bot ${discordToken(22, 20)}" https://discord.com/api/v10/users/@me`,
        ],
        negative: [
          'DISCORD_TOKEN=your-discord-bot-token',
          `DISCORD_TOKEN=${discordToken(25, 19).slice(0, 20)}...`,
          // A base64 id-shaped first part that decodes to letters, not a snowflake.
          `TOKEN=${Buffer.from('abcdefghijklmnopqr').toString('base64').replace(/=+$/, '')}.${fakeToken('', 6, 26, base64url)}.${fakeToken('', 38, 27, base64url)}`,
          // Right shape, but the first segment is not a base64 user id.
          `DISCORD_TOKEN=M${fakeToken('', 25, 10, base64url)}.${fakeToken('', 6, 11, base64url)}.${fakeToken('', 38, 12, base64url)}`,
        ],
      };
    },
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    provider: 'Discord',
    severity: 'high',
    keywords: ['/api/webhooks/'],
    pattern: /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68})(?![\w-])/,
    get examples() {
      return {
        positive: [
          `DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/${num(19, 1)}/${fakeToken('', 68, 2, base64url)}`,
          `"webhook": "https://discordapp.com/api/webhooks/${num(18, 3)}/${fakeToken('', 68, 4, base64url)}"`,
        ],
        negative: ['https://discord.com/api/webhooks/{webhook.id}/{webhook.token}', `https://discord.com/api/webhooks/${num(19, 5)}/short`],
      };
    },
  },
  {
    id: 'discord-client-secret',
    title: 'Discord OAuth client secret',
    provider: 'Discord',
    severity: 'high',
    keywords: ['discord'],
    pattern: assignedTo('discord', '[A-Za-z0-9_-]{32}', { then: '[\\w.-]{0,12}?(?:client[_.-]?)?secret' }),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`DISCORD_CLIENT_SECRET=${fakeToken('', 32, 1, base64url)}`, `discord_secret: "${fakeToken('', 32, 2)}"`],
        negative: [`DISCORD_CLIENT_ID=${num(19, 3)}`, 'DISCORD_CLIENT_SECRET=your_discord_client_secret'],
      };
    },
  },
  {
    id: 'telegram-bot-api-token',
    title: 'Telegram bot token',
    provider: 'Telegram',
    severity: 'critical',
    keywords: [':aa'],
    // Bot id, colon, then 35 characters that start with "AA"; may sit inside api.telegram.org/bot<token>/.
    // The match opens at the literal so V8 can skip ahead to it; the secret, which starts before the literal,
    // is captured inside a lookbehind (a leading character class is tried at every offset: 20-40x slower).
    pattern: /:AA[A-Za-z0-9_-]{33}(?![\w-])(?<=(?<![\d:])(?<secret>\d{8,10}:AA[A-Za-z0-9_-]{33}))/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `TELEGRAM_BOT_TOKEN=${num(10, 1)}:AA${fakeToken('', 33, 2, base64url)}`,
          `curl https://api.telegram.org/bot${num(10, 3)}:AA${fakeToken('', 33, 4, base64url)}/getMe`,
        ],
        negative: ['TELEGRAM_BOT_TOKEN=123456789:AAyour-telegram-token', `${num(10, 5)}:AA${fakeToken('', 20, 6)}`, `12:30:AA${fakeToken('', 33, 7)}`],
      };
    },
  },
  {
    id: 'microsoft-teams-webhook',
    title: 'Microsoft Teams incoming webhook URL',
    provider: 'Microsoft Teams',
    severity: 'high',
    keywords: ['webhook.office.com', 'outlook.office.com'],
    pattern:
      /(https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[a-f0-9-]{36}@[a-f0-9-]{36}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[a-f0-9-]{36}(?:\/[A-Za-z0-9_-]{40,60})?|https:\/\/outlook\.office\.com\/webhook\/[a-f0-9-]{36}@[a-f0-9-]{36}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[a-f0-9-]{36})/,
    get examples() {
      return {
        positive: [
          `TEAMS_WEBHOOK_URL=https://contoso.webhook.office.com/webhookb2/${uuid(1)}@${uuid(2)}/IncomingWebhook/${fakeToken('', 32, 3)}/${uuid(4)}/V2${fakeToken('', 44, 5, base64url)}`,
          `"url": "https://outlook.office.com/webhook/${uuid(6)}@${uuid(7)}/IncomingWebhook/${fakeToken('', 32, 8)}/${uuid(9)}"`,
        ],
        negative: ['https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>', 'https://outlook.office.com/webhook/'],
      };
    },
  },
  {
    id: 'microsoft-teams-workflow-webhook',
    title: 'Microsoft Teams / Power Automate workflow webhook URL',
    provider: 'Microsoft Teams',
    severity: 'high',
    keywords: ['sig='],
    // Workflow URLs carry their shared-access signature in `sig=`; the URL is the credential.
    pattern:
      /(https:\/\/(?:prod-\d+\.[a-z0-9]+\.logic\.azure\.com(?::443)?\/workflows\/[a-f0-9]{32}|[a-z0-9.-]+\.environment\.api\.powerplatform\.com(?::443)?\/powerautomate\/automations\/direct\/workflows\/[a-f0-9]{32})\/triggers\/manual\/paths\/invoke\?[^\s"'<>]*?sig=[A-Za-z0-9_%-]{40,})/,
    get examples() {
      return {
        positive: [
          `TEAMS_WORKFLOW_URL=https://prod-27.westus.logic.azure.com:443/workflows/${fakeToken('', 32, 1, hexLower)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${fakeToken('', 43, 2, base64url)}`,
          `"url": "https://default${fakeToken('', 30, 3, hexLower)}.0a.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/${fakeToken('', 32, 4, hexLower)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${fakeToken('', 43, 5, base64url)}"`,
        ],
        negative: [
          `https://prod-27.westus.logic.azure.com/workflows/${fakeToken('', 32, 6, hexLower)}/triggers/manual/paths/invoke?api-version=2016-06-01`,
          'https://example.com/download?sig=abc',
        ],
      };
    },
  },
  {
    id: 'mattermost-access-token',
    title: 'Mattermost personal access / bot token',
    provider: 'Mattermost',
    severity: 'high',
    keywords: ['mattermost'],
    pattern: assignedTo('mattermost', '[a-z0-9]{26}', { then: '[\\w.-]{0,12}?(?:token|key|pat)' }),
    entropy: 3.4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`MATTERMOST_TOKEN=${fakeToken('', 26, 1, lowerAlnum)}`, `"mattermostBotToken": "${fakeToken('', 26, 2, lowerAlnum)}"`],
        negative: [`MATTERMOST_TEAM_ID=${fakeToken('', 26, 3, lowerAlnum)}`, 'MATTERMOST_TOKEN=your-mattermost-token'],
      };
    },
  },
  {
    id: 'mattermost-webhook-url',
    title: 'Mattermost incoming webhook URL',
    provider: 'Mattermost',
    severity: 'medium',
    keywords: ['mattermost'],
    pattern: /(https?:\/\/[\w.-]*mattermost[\w.-]*(?::\d+)?\/hooks\/[a-z0-9]{26})\b/,
    validate: (s) => lettersAndDigits(s.slice(-26)),
    get examples() {
      return {
        positive: [
          `MATTERMOST_WEBHOOK=https://mattermost.acme.io/hooks/${fakeToken('', 26, 1, lowerAlnum)}`,
          `"url": "https://chat-mattermost.internal:8065/hooks/${fakeToken('', 26, 2, lowerAlnum)}"`,
        ],
        negative: ['https://mattermost.acme.io/hooks/xxx-generatedkey-xxx', 'https://mattermost.acme.io/hooks/'],
      };
    },
  },
  {
    id: 'rocketchat-webhook-url',
    title: 'Rocket.Chat incoming webhook URL',
    provider: 'Rocket.Chat',
    severity: 'medium',
    keywords: ['rocket'],
    pattern: /(https?:\/\/[\w.-]*rocket[\w.-]*(?::\d+)?\/hooks\/[A-Za-z0-9]{17}\/[A-Za-z0-9]{48})\b/i,
    get examples() {
      return {
        positive: [
          `ROCKETCHAT_WEBHOOK=https://rocket.acme.io/hooks/${fakeToken('', 17, 1)}/${fakeToken('', 48, 2)}`,
          `"url": "https://chat.rocketchat.corp/hooks/${fakeToken('', 17, 3)}/${fakeToken('', 48, 4)}"`,
        ],
        negative: ['https://rocket.acme.io/hooks/<integration-id>/<token>', `https://rocket.acme.io/hooks/${fakeToken('', 17, 5)}`],
      };
    },
  },
  {
    id: 'zulip-api-key',
    title: 'Zulip API key',
    provider: 'Zulip',
    severity: 'high',
    keywords: ['zulip'],
    pattern: assignedTo('zulip', '[A-Za-z0-9]{32}', { then: '[\\w.-]{0,12}?key' }),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`ZULIP_API_KEY=${fakeToken('', 32, 1)}`, `"zulip_key": "${fakeToken('', 32, 2)}"`],
        negative: ['ZULIP_API_KEY=your-zulip-api-key', `ZULIP_BOT_EMAIL=bot@zulip.acme.io`],
      };
    },
  },
  {
    id: 'gitter-access-token',
    title: 'Gitter access token',
    provider: 'Gitter',
    severity: 'medium',
    keywords: ['gitter'],
    pattern: assignedTo('gitter', '[a-z0-9_-]{40}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 3.3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`GITTER_TOKEN=${fakeToken('', 40, 1, lowerAlnum)}`, `gitter_api_key: "${fakeToken('', 40, 2, hexLower)}"`],
        negative: ['GITTER_TOKEN=<gitter token>', `GITTER_ROOM_ID=${fakeToken('', 24, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'webex-access-token',
    title: 'Cisco Webex bot / access token',
    provider: 'Cisco Webex',
    severity: 'high',
    keywords: ['webex'],
    pattern: assignedTo('webex', '[A-Za-z0-9]{64}_[A-Za-z0-9]{4}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`WEBEX_BOT_TOKEN=${fakeToken('', 64, 1)}_${fakeToken('', 4, 2, upperAlnum)}_${uuid(3)}`, `"webexToken": "${fakeToken('', 64, 4)}_PF84_${uuid(5)}"`],
        negative: ['WEBEX_BOT_TOKEN=your-webex-token', `WEBEX_ROOM_ID=${fakeToken('', 64, 6)}`],
      };
    },
  },
  {
    id: 'facebook-page-access-token',
    title: 'Meta (Facebook / WhatsApp / Instagram) Graph API access token',
    provider: 'Meta',
    severity: 'high',
    keywords: ['eaa'],
    pattern: /\b(EAA[A-Z][A-Za-z0-9]{100,300})\b/,
    entropy: 4,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`WHATSAPP_TOKEN=EAAG${fakeToken('', 180, 1)}`, `"access_token": "EAAB${fakeToken('', 150, 2)}"`],
        negative: ['WHATSAPP_TOKEN=EAAG...', `EAAG${fakeToken('', 40, 3)}`],
      };
    },
  },
  {
    id: 'google-chat-webhook-url',
    title: 'Google Chat incoming webhook URL',
    provider: 'Google Chat',
    severity: 'high',
    keywords: ['chat.googleapis.com'],
    pattern: /(https:\/\/chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]{6,20}\/messages\?key=[A-Za-z0-9_-]{39}&token=[A-Za-z0-9_-]{43}(?:%3D|=))/,
    get examples() {
      return {
        positive: [
          `GOOGLE_CHAT_WEBHOOK=https://chat.googleapis.com/v1/spaces/AAAA${fakeToken('', 7, 1)}/messages?key=${fakeToken('AIza', 35, 2, base64url)}&token=${fakeToken('', 43, 3, base64url)}%3D`,
          `"webhook": "https://chat.googleapis.com/v1/spaces/${fakeToken('', 11, 4)}/messages?key=${fakeToken('AIza', 35, 5, base64url)}&token=${fakeToken('', 43, 6, base64url)}="`,
        ],
        negative: ['https://chat.googleapis.com/v1/spaces/SPACE_ID/messages?key=KEY&token=TOKEN', 'https://chat.googleapis.com/v1/spaces/'],
      };
    },
  },
  {
    id: 'feishu-webhook-url',
    title: 'Feishu / Lark bot webhook URL',
    provider: 'Feishu / Lark',
    severity: 'medium',
    keywords: ['/open-apis/bot/'],
    pattern: /(https:\/\/open\.(?:feishu\.cn|larksuite\.com)\/open-apis\/bot\/v2\/hook\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    get examples() {
      return {
        positive: [`FEISHU_WEBHOOK=https://open.feishu.cn/open-apis/bot/v2/hook/${uuid(1)}`, `"webhook": "https://open.larksuite.com/open-apis/bot/v2/hook/${uuid(2)}"`],
        negative: ['https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'https://open.feishu.cn/open-apis/bot/v2/hook/'],
      };
    },
  },
  {
    id: 'dingtalk-webhook-url',
    title: 'DingTalk robot webhook URL',
    provider: 'DingTalk',
    severity: 'medium',
    keywords: ['oapi.dingtalk.com'],
    pattern: /(https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=[a-f0-9]{64})\b/,
    get examples() {
      return {
        positive: [`DINGTALK_WEBHOOK=https://oapi.dingtalk.com/robot/send?access_token=${fakeToken('', 64, 1, hexLower)}`, `"url": "https://oapi.dingtalk.com/robot/send?access_token=${fakeToken('', 64, 2, hexLower)}"`],
        negative: ['https://oapi.dingtalk.com/robot/send?access_token=XXXXXX', 'https://oapi.dingtalk.com/robot/send?access_token='],
      };
    },
  },
  {
    id: 'wecom-webhook-url',
    title: 'WeCom (WeChat Work) robot webhook URL',
    provider: 'WeCom',
    severity: 'medium',
    keywords: ['qyapi.weixin.qq.com'],
    pattern: /(https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    get examples() {
      return {
        positive: [`WECOM_WEBHOOK=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${uuid(1)}`, `"url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${uuid(2)}"`],
        negative: ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=YOUR_KEY', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key='],
      };
    },
  },
  {
    id: 'slack-browser-session-token',
    title: 'Slack browser session token (xoxc)',
    provider: 'Slack',
    severity: 'critical',
    keywords: ['xoxc-'],
    // Slack MCP servers that act as the user take this token together with the `d` cookie (xoxd).
    pattern: /\b(xoxc-\d{10,13}-\d{10,13}-\d{10,13}-[a-f0-9]{64})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `SLACK_MCP_XOXC_TOKEN=xoxc-${num(12, 1)}-${num(12, 2)}-${num(13, 3)}-${fakeToken('', 64, 4, hexLower)}`,
          `"env": {"SLACK_XOXC_TOKEN": "xoxc-${num(11, 5)}-${num(12, 6)}-${num(13, 7)}-${fakeToken('', 64, 8, hexLower)}"}`,
        ],
        negative: ['SLACK_MCP_XOXC_TOKEN=xoxc-...', `xoxc-${num(12, 9)}-${fakeToken('', 64, 10, hexLower)}`],
      };
    },
  },
  {
    id: 'slack-session-cookie',
    title: 'Slack session cookie (xoxd)',
    provider: 'Slack',
    severity: 'critical',
    keywords: ['xoxd-'],
    pattern: /\b(xoxd-[A-Za-z0-9%/+=]{60,400})(?![A-Za-z0-9%/+=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `SLACK_MCP_XOXD_TOKEN=xoxd-${fakeToken('', 120, 1, `${ALPHABETS.alnum}%`)}`,
          `Cookie: d=xoxd-${fakeToken('', 150, 2, ALPHABETS.base64)}%3D; d-s=1700000000`,
        ],
        negative: ['SLACK_MCP_XOXD_TOKEN=xoxd-...', `xoxd-${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'matrix-access-token',
    title: 'Matrix (Synapse) access token',
    provider: 'Matrix',
    severity: 'high',
    keywords: ['syt_'],
    // syt_<base64 localpart>_<20 random letters>_<6 base62 checksum>
    pattern: /\b(syt_[A-Za-z0-9_-]{1,100}_[A-Za-z]{20}_[A-Za-z0-9]{6})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `MATRIX_ACCESS_TOKEN=syt_${Buffer.from('alice').toString('base64url')}_${fakeToken('', 20, 1, ALPHABETS.alnum.slice(0, 52))}_${fakeToken('', 6, 2)}`,
          `"access_token": "syt_${Buffer.from('mcp-bot').toString('base64url')}_${fakeToken('', 20, 3, ALPHABETS.alnum.slice(0, 52))}_${fakeToken('', 6, 4)}"`,
        ],
        negative: ['MATRIX_ACCESS_TOKEN=syt_...', 'def syt_parse_header_fields_from_input(x): pass'],
      };
    },
  },
  {
    id: 'telegram-api-hash',
    title: 'Telegram API hash (MTProto app credential)',
    provider: 'Telegram',
    severity: 'high',
    keywords: ['telegram', 'tg'],
    pattern: assignedTo('telegram|tg(?<!\\wtg)', '[a-f0-9]{32}', { then: '[\\w.-]{0,12}?api[_.-]?hash', words: false }),
    entropy: 3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`TELEGRAM_API_HASH=${fakeToken('', 32, 1, hexLower)}`, `"tg_api_hash": "${fakeToken('', 32, 2, hexLower)}"`],
        negative: ['TELEGRAM_API_HASH=your_api_hash', `CONTENT_API_HASH=${fakeToken('', 32, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'line-channel-access-token',
    title: 'LINE Messaging API channel access token',
    provider: 'LINE',
    severity: 'high',
    keywords: ['line_channel', 'linechannel', 'line-channel', 'line_bot', 'linebot', 'line-bot'],
    pattern: assignedTo(
      'line[_.-]?(?:bot[_.-]?)?channel[_.-]?(?:access[_.-]?)?token|line[_.-]?bot[_.-]?(?:access[_.-]?)?token',
      '[A-Za-z0-9+/]{150,200}=?',
    ),
    entropy: 4.5,
    get examples() {
      return {
        positive: [`LINE_CHANNEL_ACCESS_TOKEN=${fakeToken('', 171, 1, ALPHABETS.base64)}=`, `"lineBotToken": "${fakeToken('', 172, 2, ALPHABETS.base64)}"`],
        negative: ['LINE_CHANNEL_ACCESS_TOKEN=<channel access token>', `LINE_CHANNEL_ACCESS_TOKEN=${fakeToken('', 43, 3)}`],
      };
    },
  },
  {
    id: 'zoom-client-secret',
    title: 'Zoom app client secret',
    provider: 'Zoom',
    severity: 'high',
    keywords: ['zoom'],
    pattern: assignedTo('zoom', '[A-Za-z0-9]{32}', { then: '[\\w.-]{0,12}?(?:client[_.-]?|api[_.-]?)?secret' }),
    entropy: 4,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`ZOOM_CLIENT_SECRET=${fakeToken('', 32, 1)}`, `"zoomApiSecret": "${fakeToken('', 32, 2)}"`],
        negative: [`ZOOM_CLIENT_ID=${fakeToken('', 22, 3)}`, 'ZOOM_CLIENT_SECRET=your_zoom_client_secret'],
      };
    },
  },
];
