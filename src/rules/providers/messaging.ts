// Provider rules: messaging, e-mail and push (Twilio, SendGrid, Mailgun, Mailchimp, Postmark, Mailjet, Brevo,
// Resend, Vonage, MessageBird, Pusher, OneSignal…). Chat platforms (Slack, Discord, Telegram) live in chat.ts.
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeUuid, UUID } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64url = ALPHABETS.base64url;

export const rules: Rule[] = [
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    provider: 'Twilio',
    severity: 'high',
    description: 'An SK… API key SID; it is used together with its API secret.',
    keywords: ['sk'],
    pattern: /\b(?<![+/])(SK[0-9a-f]{32})(?![\w+/=])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`TWILIO_API_KEY=${fakeToken('SK', 32, 1, hex)}`, `"apiKey": "${fakeToken('SK', 32, 2, hex)}"`],
        negative: [`TWILIO_ACCOUNT_SID=${fakeToken('AC', 32, 3, hex)}`, 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `TASK${fakeToken('', 32, 4, hex)}`, `data:image/png;base64,iVBOR+SK${fakeToken('', 32, 401, hex)}/Qm`],
      };
    },
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    provider: 'Twilio',
    severity: 'critical',
    keywords: ['twilio'],
    pattern: assignedTo('twilio', '[a-f0-9]{32}'),
    entropy: 3,
    // The Account SID is an identifier, never reported; beside the token it says the pair is real.
    context: /\bAC[0-9a-f]{32}\b/,
    get examples() {
      return {
        positive: [
          `TWILIO_AUTH_TOKEN=${fakeToken('', 32, 5, hex)}`,
          `"TWILIO_AUTH_TOKEN": "${fakeToken('', 32, 6, hex)}"`,
          `twilio.authToken = '${fakeToken('', 32, 7, hex)}'`,
          `TWILIO_ACCOUNT_SID=${fakeToken('AC', 32, 13, hex)}\nTWILIO_AUTH_TOKEN=${fakeToken('', 32, 14, hex)}`,
        ],
        negative: [
          `TWILIO_ACCOUNT_SID=${fakeToken('AC', 32, 8, hex)}`,
          `"twilioAccountSid": "${fakeToken('AC', 32, 15, hex)}"`,
          `TWILIO_ACCOUNT_SID_KEY=${fakeToken('AC', 32, 16, hex)}`,
          'TWILIO_AUTH_TOKEN=your_auth_token',
          `AUTH_TOKEN=${fakeToken('', 32, 9, hex)}`,
          'TWILIO_AUTH_TOKEN=op://Private/Twilio/auth-token',
        ],
      };
    },
  },
  {
    id: 'twilio-api-secret',
    title: 'Twilio API key secret',
    provider: 'Twilio',
    severity: 'critical',
    keywords: ['twilio'],
    pattern: assignedTo('twilio', '[a-z0-9]{32}', { then: '[\\w.-]{0,16}secret', gap: 8 }),
    entropy: 3.5,
    validate: (s) => lettersAndDigits(s) && /[A-Z]/.test(s) && /[a-z]/.test(s),
    get examples() {
      return {
        positive: [`TWILIO_API_SECRET=${fakeToken('', 32, 10)}`, `"twilioApiSecret": "${fakeToken('', 32, 11)}"`],
        negative: [`TWILIO_API_SECRET=${fakeToken('', 32, 12, hex)}`, 'TWILIO_API_SECRET=replace_with_api_secret'],
      };
    },
  },
  {
    id: 'sendgrid-api-token',
    title: 'SendGrid API key',
    provider: 'SendGrid',
    severity: 'critical',
    keywords: ['sg.'],
    pattern: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `SENDGRID_API_KEY=SG.${fakeToken('', 22, 13, b64url)}.${fakeToken('', 43, 14, b64url)}`,
          `"SENDGRID_API_KEY": "SG.${fakeToken('', 22, 15, b64url)}.${fakeToken('', 43, 16, b64url)}"`,
        ],
        negative: ['SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `SG.${fakeToken('', 22, 17)}.${fakeToken('', 20, 18)}`],
      };
    },
  },
  {
    id: 'mailgun-private-api-token',
    title: 'Mailgun private API key (key-…)',
    provider: 'Mailgun',
    severity: 'critical',
    keywords: ['mailgun'],
    pattern: assignedTo('mailgun', 'key-[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`MAILGUN_API_KEY=key-${fakeToken('', 32, 19, hex)}`, `"mailgunApiKey": "key-${fakeToken('', 32, 20, hex)}"`],
        negative: [`API_KEY=key-${fakeToken('', 32, 21, hex)}`, 'MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
      };
    },
  },
  {
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    provider: 'Mailgun',
    severity: 'critical',
    keywords: ['mailgun'],
    pattern: assignedTo('mailgun(?![\\w.-]{0,20}(?:sign|webhook))', '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
    entropy: 3,
    get examples() {
      return {
        positive: [
          `MAILGUN_API_KEY=${fakeToken('', 32, 22, hex)}-${fakeToken('', 8, 23, hex)}-${fakeToken('', 8, 24, hex)}`,
          `mailgunApiKey: "${fakeToken('', 32, 25, hex)}-${fakeToken('', 8, 26, hex)}-${fakeToken('', 8, 27, hex)}" }`,
        ],
        negative: [
          `MAILGUN_SIGNING_KEY=${fakeToken('', 32, 28, hex)}-${fakeToken('', 8, 29, hex)}-${fakeToken('', 8, 30, hex)}`,
          `MAILGUN_API_KEY=${fakeToken('', 32, 31, hex)}`,
        ],
      };
    },
  },
  {
    id: 'mailgun-signing-key',
    title: 'Mailgun webhook signing key',
    provider: 'Mailgun',
    severity: 'high',
    keywords: ['mailgun'],
    pattern: assignedTo('mailgun', '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}', { then: '[\\w.-]{0,20}(?:sign|webhook)', gap: 16 }),
    entropy: 3,
    get examples() {
      return {
        positive: [
          `MAILGUN_SIGNING_KEY=${fakeToken('', 32, 32, hex)}-${fakeToken('', 8, 33, hex)}-${fakeToken('', 8, 34, hex)}`,
          `"MAILGUN_WEBHOOK_SIGNING_KEY": "${fakeToken('', 32, 35, hex)}-${fakeToken('', 8, 36, hex)}-${fakeToken('', 8, 37, hex)}"`,
        ],
        negative: ['MAILGUN_SIGNING_KEY=changeme', `SIGNING_KEY=${fakeToken('', 32, 38, hex)}-${fakeToken('', 8, 39, hex)}-${fakeToken('', 8, 40, hex)}`],
      };
    },
  },
  {
    id: 'mailchimp-api-key',
    title: 'Mailchimp API key',
    provider: 'Mailchimp',
    severity: 'high',
    keywords: ['-us'],
    // Anchored on the literal "-usNN" and looking back for the hex: a pattern opening with [0-9a-f]{32} is
    // tried at every hex offset (10x slower on minified code). The secret is the hex part; the data-centre
    // suffix stays readable in reports.
    pattern: /-us[0-9]{1,2}\b(?<=\b(?<![+/-])([0-9a-f]{32})-us[0-9]{1,2})(?![+/=])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`MAILCHIMP_API_KEY=${fakeToken('', 32, 41, hex)}-us21`, `"apiKey": "${fakeToken('', 32, 42, hex)}-us6"`],
        negative: ['MAILCHIMP_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us1', `${fakeToken('', 32, 43, hex)}-usa`, `${fakeToken('', 30, 44, hex)}-us2`],
      };
    },
  },
  {
    id: 'mandrill-api-key',
    title: 'Mailchimp Transactional (Mandrill) API key',
    provider: 'Mailchimp',
    severity: 'high',
    keywords: ['mandrill'],
    pattern: assignedTo('mandrill', '(?:md-)?[a-z0-9_-]{22}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`MANDRILL_API_KEY=md-${fakeToken('', 22, 45, b64url)}`, `"mandrillKey": "${fakeToken('', 22, 46)}"`],
        negative: ['MANDRILL_API_KEY=your-mandrill-api-key', `API_KEY=md-${fakeToken('', 22, 47)}`],
      };
    },
  },
  {
    id: 'postmark-server-token',
    title: 'Postmark server or account token',
    provider: 'Postmark',
    severity: 'high',
    keywords: ['postmark'],
    pattern: assignedTo('postmark', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`POSTMARK_SERVER_TOKEN=${fakeUuid(48)}`, `"X-Postmark-Server-Token": "${fakeUuid(49)}"`],
        negative: [`SERVER_TOKEN=${fakeUuid(50)}`, 'POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST'],
      };
    },
  },
  {
    id: 'mailjet-api-key',
    title: 'Mailjet API key or secret',
    provider: 'Mailjet',
    severity: 'high',
    keywords: ['mailjet', 'mj_apikey', 'mj-apikey', 'mjapikey'],
    pattern: assignedTo('mailjet|mj[_-]?apikey', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`MJ_APIKEY_PRIVATE=${fakeToken('', 32, 51, hex)}`, `"MAILJET_API_SECRET": "${fakeToken('', 32, 52, hex)}"`],
        negative: [`APIKEY_PRIVATE=${fakeToken('', 32, 53, hex)}`, 'MAILJET_API_SECRET=<your secret>'],
      };
    },
  },
  {
    id: 'sendinblue-api-token',
    title: 'Brevo (Sendinblue) API key',
    provider: 'Brevo',
    severity: 'high',
    keywords: ['xkeysib-'],
    pattern: /\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`BREVO_API_KEY=xkeysib-${fakeToken('', 64, 54, hex)}-${fakeToken('', 16, 55)}`, `"api-key": "xkeysib-${fakeToken('', 64, 56, hex)}-${fakeToken('', 16, 57)}"`],
        negative: ['BREVO_API_KEY=xkeysib-xxxxxxxx', `xkeysib-${fakeToken('', 64, 58, hex)}`],
      };
    },
  },
  {
    id: 'brevo-smtp-key',
    title: 'Brevo (Sendinblue) SMTP key',
    provider: 'Brevo',
    severity: 'high',
    keywords: ['xsmtpsib-'],
    pattern: /\b(xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`SMTP_PASSWORD=xsmtpsib-${fakeToken('', 64, 59, hex)}-${fakeToken('', 16, 60)}`, `pass: 'xsmtpsib-${fakeToken('', 64, 61, hex)}-${fakeToken('', 16, 62)}'`],
        negative: ['SMTP_PASSWORD=xsmtpsib-your-key', `xsmtpsib-${fakeToken('', 40, 63, hex)}-${fakeToken('', 16, 64)}`],
      };
    },
  },
  {
    id: 'resend-api-key',
    title: 'Resend API key',
    provider: 'Resend',
    severity: 'high',
    keywords: ['re_'],
    pattern: /\b(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})\b/,
    entropy: 3.5,
    validate: (s) => lettersAndDigits(s.slice(3)) && /[A-Z]/.test(s) && /[a-z]/.test(s.slice(3)),
    get examples() {
      return {
        positive: [`RESEND_API_KEY=re_${fakeToken('', 8, 65)}_${fakeToken('', 24, 66)}`, `"RESEND_API_KEY": "re_${fakeToken('', 8, 67)}_${fakeToken('', 24, 68)}"`],
        negative: ['RESEND_API_KEY=re_123456789', 're_compile_patternsForTheInputStrings', `re_${fakeToken('', 8, 69)}_${fakeToken('', 12, 70)}`],
      };
    },
  },
  {
    id: 'vonage-api-secret',
    title: 'Vonage (Nexmo) API secret',
    provider: 'Vonage',
    severity: 'high',
    keywords: ['vonage', 'nexmo'],
    pattern: assignedTo('vonage|nexmo', '[a-z0-9]{16}'),
    entropy: 3.3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`VONAGE_API_SECRET=${fakeToken('', 16, 71)}`, `"NEXMO_API_SECRET": "${fakeToken('', 16, 72)}"`],
        negative: [`VONAGE_API_KEY=${fakeToken('', 8, 73, hex)}`, 'NEXMO_API_SECRET=your_api_secret', `API_SECRET=${fakeToken('', 16, 74)}`],
      };
    },
  },
  {
    id: 'messagebird-api-token',
    title: 'MessageBird (Bird) API key',
    provider: 'MessageBird',
    severity: 'high',
    keywords: ['messagebird', 'message_bird', 'message-bird'],
    pattern: assignedTo('message[_-]?bird', '[a-z0-9]{25}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`MESSAGEBIRD_API_KEY=${fakeToken('', 25, 75)}`, `"messagebirdAccessKey": "${fakeToken('', 25, 76)}"`],
        negative: [`ACCESS_KEY=${fakeToken('', 25, 77)}`, 'MESSAGEBIRD_API_KEY=test_gshuPaZoeEG6ovbc8M79w0QyM'],
      };
    },
  },
  {
    id: 'pusher-channels-secret',
    title: 'Pusher Channels app secret',
    provider: 'Pusher',
    severity: 'high',
    keywords: ['pusher'],
    pattern: assignedTo('pusher', '[a-f0-9]{20}', { then: '[\\w.-]{0,16}secret', gap: 8 }),
    entropy: 2.7,
    get examples() {
      return {
        positive: [`PUSHER_APP_SECRET=${fakeToken('', 20, 78, hex)}`, `"pusherSecret": "${fakeToken('', 20, 79, hex)}"`],
        negative: [`PUSHER_APP_KEY=${fakeToken('', 20, 80, hex)}`, 'PUSHER_APP_SECRET=secret'],
      };
    },
  },
  {
    id: 'onesignal-api-key',
    title: 'OneSignal REST API key',
    provider: 'OneSignal',
    severity: 'high',
    keywords: ['os_v2_app_', 'os_v2_org_'],
    pattern: /\b(os_v2_(?:app|org)_[a-z0-9]{50,200})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`ONESIGNAL_REST_API_KEY=${fakeToken('os_v2_app_', 113, 81, 'abcdefghijklmnopqrstuvwxyz234567')}`, `"apiKey": "${fakeToken('os_v2_org_', 113, 82, 'abcdefghijklmnopqrstuvwxyz234567')}"`],
        negative: ['os_v2_app_your_key', `os_v2_app_${fakeToken('', 30, 83, ALPHABETS.lowerAlnum)}`],
      };
    },
  },
  {
    id: 'onesignal-legacy-api-key',
    title: 'OneSignal legacy REST API key',
    provider: 'OneSignal',
    severity: 'high',
    keywords: ['onesignal', 'one_signal'],
    pattern: assignedTo('one_?signal', '[a-z0-9]{48}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`ONESIGNAL_REST_API_KEY=${fakeToken('', 48, 84)}`, `"oneSignalApiKey": "${fakeToken('', 48, 85)}"`],
        negative: [`ONESIGNAL_APP_ID=${fakeUuid(86)}`, `REST_API_KEY=${fakeToken('', 48, 87)}`],
      };
    },
  },
  {
    id: 'plivo-auth-token',
    title: 'Plivo auth token',
    provider: 'Plivo',
    severity: 'high',
    keywords: ['plivo'],
    pattern: assignedTo('plivo', '[a-z0-9]{40}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`PLIVO_AUTH_TOKEN=${fakeToken('', 40, 88)}`, `"plivoAuthToken": "${fakeToken('', 40, 89)}"`],
        negative: [`PLIVO_AUTH_ID=MA${fakeToken('', 18, 90, ALPHABETS.upperAlnum)}`, `AUTH_TOKEN=${fakeToken('', 40, 91)}`],
      };
    },
  },
  {
    id: 'telnyx-api-key',
    title: 'Telnyx API key',
    provider: 'Telnyx',
    severity: 'high',
    keywords: ['telnyx'],
    pattern: assignedTo('telnyx', 'KEY[0-9a-f]{32}_[a-z0-9]{22}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`TELNYX_API_KEY=KEY${fakeToken('', 32, 92, ALPHABETS.hexUpper)}_${fakeToken('', 22, 93)}`, `"telnyxApiKey": "KEY${fakeToken('', 32, 94, ALPHABETS.hexUpper)}_${fakeToken('', 22, 95)}"`],
        negative: ['TELNYX_API_KEY=KEY_your_key', `API_KEY=KEY${fakeToken('', 32, 96, ALPHABETS.hexUpper)}_${fakeToken('', 22, 97)}`],
      };
    },
  },
  {
    id: 'sparkpost-api-token',
    title: 'SparkPost API key',
    provider: 'SparkPost',
    severity: 'high',
    keywords: ['sparkpost'],
    pattern: assignedTo('sparkpost', '[a-f0-9]{40}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`SPARKPOST_API_KEY=${fakeToken('', 40, 98, hex)}`, `"sparkpostApiKey": "${fakeToken('', 40, 99, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 40, 100, hex)}`, 'SPARKPOST_API_KEY=<key>'],
      };
    },
  },
  {
    id: 'mailersend-api-token',
    title: 'MailerSend API token',
    provider: 'MailerSend',
    severity: 'high',
    keywords: ['mlsn.'],
    pattern: /\b(mlsn\.[A-Za-z0-9]{64})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`MAILERSEND_API_KEY=${fakeToken('mlsn.', 64, 101, hex)}`, `"apiKey": "${fakeToken('mlsn.', 64, 102)}"`],
        negative: ['MAILERSEND_API_KEY=mlsn.your_token', `mlsn.${fakeToken('', 20, 103)}`],
      };
    },
  },
  {
    id: 'mailtrap-api-token',
    title: 'Mailtrap API token',
    provider: 'Mailtrap',
    severity: 'medium',
    keywords: ['mailtrap'],
    pattern: assignedTo('mailtrap', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`MAILTRAP_API_TOKEN=${fakeToken('', 32, 104, hex)}`, `"MAILTRAP_TOKEN": "${fakeToken('', 32, 105, hex)}"`],
        negative: [`TOKEN=${fakeToken('', 32, 106, hex)}`, 'MAILTRAP_API_TOKEN=your-token'],
      };
    },
  },
  {
    id: 'ably-api-key',
    title: 'Ably API key',
    provider: 'Ably',
    severity: 'high',
    keywords: ['ably'],
    pattern: assignedTo('ably', '[a-z0-9_-]{6}\\.[a-z0-9_-]{6}:[a-z0-9_+/=-]{43}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`ABLY_API_KEY=${fakeToken('', 6, 107)}.${fakeToken('', 6, 108)}:${fakeToken('', 43, 109, b64url)}`, `"ablyKey": "${fakeToken('', 6, 110)}.${fakeToken('', 6, 111)}:${fakeToken('', 43, 112, b64url)}"`],
        negative: ['ABLY_API_KEY=appId.keyId:secret', `probably: ${fakeToken('', 6, 113)}.${fakeToken('', 6, 114)}:${fakeToken('', 43, 115, b64url)}`],
      };
    },
  },
  {
    id: 'novu-api-key',
    title: 'Novu API key',
    provider: 'Novu',
    severity: 'high',
    keywords: ['novu'],
    pattern: assignedTo('novu', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`NOVU_API_KEY=${fakeToken('', 32, 116, hex)}`, `"NOVU_SECRET_KEY": "${fakeToken('', 32, 117, hex)}"`],
        negative: [`SECRET_KEY=${fakeToken('', 32, 118, hex)}`, 'NOVU_API_KEY=<NOVU_API_KEY>'],
      };
    },
  },
  {
    id: 'pushover-api-token',
    title: 'Pushover application token',
    provider: 'Pushover',
    severity: 'medium',
    keywords: ['pushover'],
    pattern: assignedTo('pushover', '[a-z0-9]{30}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`PUSHOVER_APP_TOKEN=${fakeToken('', 30, 119, ALPHABETS.lowerAlnum)}`, `"pushoverToken": "${fakeToken('', 30, 120, ALPHABETS.lowerAlnum)}"`],
        negative: [`APP_TOKEN=${fakeToken('', 30, 121, ALPHABETS.lowerAlnum)}`, 'PUSHOVER_APP_TOKEN=your_app_token'],
      };
    },
  },
];
