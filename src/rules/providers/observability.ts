// Provider rules: observability, analytics and secret managers (Sentry, Datadog, New Relic, Grafana,
// Honeycomb, PagerDuty, Dynatrace, Splunk, LaunchDarkly, Doppler, Infisical, Vault, Terraform Cloud, Pulumi…).
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits, SECRET_WORDS } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeUuid, UUID } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64 = ALPHABETS.base64;
const b64url = ALPHABETS.base64url;
const upper = ALPHABETS.upperAlnum;

function b64json(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64').replace(/=+$/, '');
}

export const rules: Rule[] = [
  {
    id: 'sentry-org-token',
    title: 'Sentry organization auth token',
    provider: 'Sentry',
    severity: 'high',
    keywords: ['sntrys_'],
    pattern: /\b(sntrys_eyJ[A-Za-z0-9+/]{30,400}={0,2}_[A-Za-z0-9+/]{43})(?![\w+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `SENTRY_AUTH_TOKEN=sntrys_${b64json({ iat: 1700000000.1, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })}_${fakeToken('', 43, 1, b64)}`,
          `"SENTRY_AUTH_TOKEN": "sntrys_${b64json({ iat: 1710000000.5, url: 'https://sentry.io', region_url: 'https://de.sentry.io', org: 'beta' })}_${fakeToken('', 43, 2, b64)}"`,
        ],
        negative: ['SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE', `sntrys_eyJ${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'sentry-user-token',
    title: 'Sentry user auth token',
    provider: 'Sentry',
    severity: 'high',
    keywords: ['sntryu_'],
    pattern: /\b(sntryu_[a-f0-9]{64})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SENTRY_AUTH_TOKEN=${fakeToken('sntryu_', 64, 4, hex)}`, `"SENTRY_ACCESS_TOKEN": "${fakeToken('sntryu_', 64, 5, hex)}"`],
        negative: ['sntryu_<token>', `sntryu_${fakeToken('', 40, 6, hex)}`],
      };
    },
  },
  {
    id: 'sentry-access-token',
    title: 'Sentry auth token (legacy hex form)',
    provider: 'Sentry',
    severity: 'high',
    keywords: ['sentry'],
    pattern: assignedTo('sentry', '[a-f0-9]{64}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`SENTRY_AUTH_TOKEN=${fakeToken('', 64, 7, hex)}`, `"SENTRY_TOKEN": "${fakeToken('', 64, 8, hex)}"`],
        negative: [`AUTH_TOKEN=${fakeToken('', 64, 9, hex)}`, `SENTRY_RELEASE=${fakeToken('', 40, 10, hex)}`],
      };
    },
  },
  {
    id: 'sentry-dsn-key',
    title: 'Sentry DSN (public key with its ingest host)',
    provider: 'Sentry',
    severity: 'medium',
    confidence: 'medium',
    description:
      'A modern DSN: lets anyone send events to the project (spam, quota exhaustion). Sentry treats it as ' +
      'semi-public; in server code and MCP configs it belongs in the environment. SaaS, regional and self-hosted forms.',
    keywords: ['sentry'],
    // Bounded like DNS itself (labels of at most 63 characters), so the rule's reach is known.
    pattern: /https?:\/\/(?<secret>[a-f0-9]{32})@(?:o\d{1,20}\.ingest(?:\.[a-z]{2})?\.sentry\.io|(?:[a-z0-9-]{1,63}\.){0,10}sentry(?:\.[a-z0-9-]{1,63}){1,10})(?::\d{1,5})?\/\d{1,20}(?![\w/])/i,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `SENTRY_DSN=https://${fakeToken('', 32, 31, hex)}@o${fakeToken('', 6, 32, '0123456789')}.ingest.sentry.io/${fakeToken('', 7, 33, '0123456789')}`,
          `dsn: "https://${fakeToken('', 32, 34, hex)}@o${fakeToken('', 6, 35, '0123456789')}.ingest.us.sentry.io/${fakeToken('', 7, 36, '0123456789')}"`,
          `Sentry.init({ dsn: 'https://${fakeToken('', 32, 37, hex)}@sentry.acme-corp.com/12' })`,
          `SENTRY_DSN=http://${fakeToken('', 32, 38, hex)}@sentry.internal:9000/3`,
        ],
        negative: [
          'SENTRY_DSN=https://<key>@o0.ingest.sentry.io/<project>',
          'SENTRY_DSN=https://examplePublicKey@o0.ingest.sentry.io/0',
          `git clone https://${fakeToken('', 32, 39, hex)}@github.com/acme/repo`,
          'SENTRY_DSN=${SENTRY_DSN}',
        ],
      };
    },
  },
  {
    id: 'sentry-dsn',
    title: 'Sentry DSN with secret key (legacy form)',
    provider: 'Sentry',
    severity: 'high',
    description:
      'Only the legacy public:secret DSN; a modern DSN carries just the public key, which Sentry ships in ' +
      'client code by design (its own SDKs embed one), so reporting it would be noise.',
    keywords: ['sentry.io', 'ingest.'],
    pattern: /https?:\/\/[a-f0-9]{32}:([a-f0-9]{32})@[a-z0-9.-]*(?:sentry\.io|ingest\.[a-z0-9.-]+)\/[0-9]+/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `SENTRY_DSN=https://${fakeToken('', 32, 11, hex)}:${fakeToken('', 32, 12, hex)}@o${fakeToken('', 6, 13, '0123456789')}.ingest.sentry.io/42`,
          `dsn: "https://${fakeToken('', 32, 14, hex)}:${fakeToken('', 32, 15, hex)}@sentry.io/42"`,
        ],
        negative: [
          'SENTRY_DSN=https://<key>:<secret>@sentry.io/<project>',
          `dsn: "https://${fakeToken('', 32, 161, hex)}@o${fakeToken('', 6, 17, '0123456789')}.ingest.us.sentry.io/${fakeToken('', 7, 18, '0123456789')}"`,
        ],
      };
    },
  },
  {
    id: 'datadog-api-key',
    title: 'Datadog API key',
    provider: 'Datadog',
    severity: 'high',
    keywords: ['datadog', 'dd_api', 'dd-api', 'ddapi'],
    pattern: assignedTo('datadog(?![\\w.-]{0,20}app)|dd[_-]?api', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`DD_API_KEY=${fakeToken('', 32, 16, hex)}`, `"DATADOG_API_KEY": "${fakeToken('', 32, 17, hex)}"`, `-H "DD-API-KEY: ${fakeToken('', 32, 18, hex)}"`, `os.getenv("DD_API_KEY", "${fakeToken('', 32, 202, hex)}")`],
        negative: [`API_KEY=${fakeToken('', 32, 19, hex)}`, `add_api_key = "${fakeToken('', 32, 20, hex)}"`, 'DD_API_KEY=<DATADOG_API_KEY>', `"datadog_trace_id": "${fakeToken('', 32, 201, hex)}"`],
      };
    },
  },
  {
    id: 'datadog-app-key',
    title: 'Datadog application key',
    provider: 'Datadog',
    severity: 'high',
    keywords: ['datadog', 'dd_app', 'dd-app', 'ddapp'],
    pattern: assignedTo('(?:datadog|dd)[_-]?app(?:lication)?[_-]?key', '[a-f0-9]{40}', { gap: 8 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`DD_APP_KEY=${fakeToken('', 40, 21, hex)}`, `"DATADOG_APPLICATION_KEY": "${fakeToken('', 40, 22, hex)}"`],
        negative: [`APP_KEY=${fakeToken('', 40, 23, hex)}`, 'DD_APP_KEY=<DATADOG_APP_KEY>'],
      };
    },
  },
  {
    id: 'new-relic-user-api-key',
    title: 'New Relic user API key',
    provider: 'New Relic',
    severity: 'high',
    keywords: ['nrak-'],
    pattern: /\b(NRAK-[A-Z0-9]{27})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`NEW_RELIC_API_KEY=${fakeToken('NRAK-', 27, 24, upper)}`, `"NEW_RELIC_USER_KEY": "${fakeToken('NRAK-', 27, 25, upper)}"`],
        negative: ['NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX', `NRAK-${fakeToken('', 20, 26, upper)}`],
      };
    },
  },
  {
    id: 'new-relic-insert-key',
    title: 'New Relic insights insert key',
    provider: 'New Relic',
    severity: 'high',
    keywords: ['nrii-'],
    pattern: /\b(NRII-[A-Za-z0-9_-]{32})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`NEW_RELIC_INSERT_KEY=${fakeToken('NRII-', 32, 27, b64url)}`, `"X-Insert-Key": "${fakeToken('NRII-', 32, 28, b64url)}"`],
        negative: ['NRII-your-insert-key', `NRII-${fakeToken('', 20, 29)}`],
      };
    },
  },
  {
    id: 'new-relic-browser-api-token',
    title: 'New Relic browser ingest key',
    provider: 'New Relic',
    severity: 'medium',
    keywords: ['nrjs-'],
    pattern: /\b(NRJS-[a-f0-9]{19})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`licenseKey: "${fakeToken('NRJS-', 19, 30, hex)}"`, `NEW_RELIC_BROWSER_KEY=${fakeToken('NRJS-', 19, 31, hex)}`],
        negative: ['NRJS-xxxxxxxxxxxxxxxxxxx', `NRJS-${fakeToken('', 12, 32, hex)}`],
      };
    },
  },
  {
    id: 'new-relic-admin-api-key',
    title: 'New Relic admin API key',
    provider: 'New Relic',
    severity: 'critical',
    keywords: ['nraa-'],
    pattern: /\b(NRAA-[a-f0-9]{27})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`NEW_RELIC_ADMIN_KEY=${fakeToken('NRAA-', 27, 33, hex)}`, `"adminKey": "${fakeToken('NRAA-', 27, 34, hex)}"`],
        negative: ['NRAA-<admin key>', `NRAA-${fakeToken('', 20, 35, hex)}`],
      };
    },
  },
  {
    id: 'new-relic-license-key',
    title: 'New Relic ingest license key',
    provider: 'New Relic',
    severity: 'high',
    keywords: ['nral'],
    // The match opens at the literal so V8 can skip ahead to it; the secret, which starts before the literal,
    // is captured inside a lookbehind (a leading character class is tried at every offset: 20-40x slower).
    pattern: /NRAL(?![\w+/=])(?<=\b(?<![+/])(?<secret>[a-f0-9]{36}NRAL))/,
    entropy: 3,
    get examples() {
      return {
        positive: [`NEW_RELIC_LICENSE_KEY=${fakeToken('', 36, 36, hex)}NRAL`, `license_key: '${fakeToken('', 36, 37, hex)}NRAL'`],
        negative: ['NEW_RELIC_LICENSE_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNRAL', `${fakeToken('', 30, 38, hex)}NRAL`],
      };
    },
  },
  {
    id: 'grafana-cloud-api-token',
    title: 'Grafana Cloud access policy token',
    provider: 'Grafana',
    severity: 'high',
    keywords: ['glc_'],
    pattern: /\b(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![\w+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`GRAFANA_CLOUD_TOKEN=glc_${b64json({ o: '123456', n: 'stack-token', k: fakeToken('', 24, 39), m: { r: 'prod-us-east-0' } })}`, `"GRAFANA_API_KEY": "glc_${b64json({ o: '654321', n: 'mcp', k: fakeToken('', 24, 40), m: { r: 'eu' } })}"`],
        negative: ['GRAFANA_CLOUD_TOKEN=glc_your_token', `glc_${fakeToken('', 20, 41)}`],
      };
    },
  },
  {
    id: 'grafana-service-account-token',
    title: 'Grafana service account token',
    provider: 'Grafana',
    severity: 'high',
    keywords: ['glsa_'],
    pattern: /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`GRAFANA_SERVICE_ACCOUNT_TOKEN=glsa_${fakeToken('', 32, 42)}_${fakeToken('', 8, 43, hex)}`, `"GRAFANA_API_KEY": "glsa_${fakeToken('', 32, 44)}_${fakeToken('', 8, 45, hex)}"`],
        negative: ['glsa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxx', `glsa_${fakeToken('', 32, 46)}`],
      };
    },
  },
  {
    id: 'grafana-api-key',
    title: 'Grafana API key (legacy)',
    provider: 'Grafana',
    severity: 'high',
    keywords: ['eyjrijoi'],
    pattern: /\b(eyJrIjoi[A-Za-z0-9]{60,400}={0,2})(?![\w=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`GRAFANA_API_KEY=${b64json({ k: fakeToken('', 32, 47), n: 'mcp-server', id: 1 })}`, `"apiKey": "${b64json({ k: fakeToken('', 32, 48), n: 'ci', id: 7 })}"`],
        negative: ['GRAFANA_API_KEY=eyJrIjoi', `eyJrIjoi${fakeToken('', 30, 49)}`],
      };
    },
  },
  {
    id: 'honeycomb-api-key',
    title: 'Honeycomb API key',
    provider: 'Honeycomb',
    severity: 'high',
    keywords: ['honeycomb'],
    // The API sends keys in the `X-Honeycomb-Team` header.
    pattern: assignedTo(
      'honeycomb',
      '[a-z0-9]{22}|[a-f0-9]{32}|hc[a-z]{2}k_[a-z0-9]{58}',
      { gap: 24, words: `${SECRET_WORDS}|team` },
    ),
    entropy: 3.3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`HONEYCOMB_API_KEY=${fakeToken('', 22, 50)}`, `"x-honeycomb-team": "${fakeToken('', 22, 51)}"`],
        negative: ['HONEYCOMB_DATASET=production-service-traces', `API_KEY=${fakeToken('', 22, 52)}`],
      };
    },
  },
  {
    id: 'pagerduty-api-key',
    title: 'PagerDuty API token',
    provider: 'PagerDuty',
    severity: 'high',
    keywords: ['pagerduty', 'pager_duty'],
    pattern: assignedTo('pager_?duty', '(?:u\\+)?[a-z0-9_+-]{20}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`PAGERDUTY_API_TOKEN=u+${fakeToken('', 20, 53, b64url)}`, `"pagerdutyToken": "${fakeToken('', 20, 54)}"`],
        negative: [`API_TOKEN=u+${fakeToken('', 20, 55, b64url)}`, 'PAGERDUTY_SERVICE=checkout-api-service'],
      };
    },
  },
  {
    id: 'dynatrace-api-token',
    title: 'Dynatrace API or platform token',
    provider: 'Dynatrace',
    severity: 'high',
    keywords: ['dt0c01.', 'dt0s01.', 'dt0s02.', 'dt0s16.'],
    pattern: /\b(dt0[cs][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`DT_API_TOKEN=dt0c01.${fakeToken('', 24, 56, upper)}.${fakeToken('', 64, 57, upper)}`, `"DT_PLATFORM_TOKEN": "dt0s16.${fakeToken('', 24, 58, upper)}.${fakeToken('', 64, 59, upper)}"`],
        negative: ['dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXX', `dt0c01.${fakeToken('', 24, 60, upper)}.${fakeToken('', 30, 61, upper)}`],
      };
    },
  },
  {
    id: 'splunk-hec-token',
    title: 'Splunk HTTP Event Collector token',
    provider: 'Splunk',
    severity: 'high',
    keywords: ['splunk'],
    pattern: assignedTo('splunk', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`SPLUNK_HEC_TOKEN=${fakeUuid(62)}`, `"splunkToken": "${fakeUuid(63)}"`],
        negative: [`HEC_TOKEN=${fakeUuid(64)}`, 'SPLUNK_HEC_TOKEN=00000000-0000-0000-0000-000000000000'],
      };
    },
  },
  {
    id: 'logzio-api-token',
    title: 'Logz.io shipping or API token',
    provider: 'Logz.io',
    severity: 'high',
    keywords: ['logz'],
    pattern: assignedTo('logz(?:io)?', `[a-z]{32}|${UUID}`),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`LOGZIO_TOKEN=${fakeToken('', 32, 65, ALPHABETS.alnum.slice(0, 52))}`, `"LOGZIO_API_TOKEN": "${fakeUuid(66)}"`],
        negative: ['LOGZIO_TOKEN=<<LOG-SHIPPING-TOKEN>>', `TOKEN=${fakeToken('', 32, 67, ALPHABETS.alnum.slice(0, 52))}`],
      };
    },
  },
  {
    id: 'rollbar-access-token',
    title: 'Rollbar access token',
    provider: 'Rollbar',
    severity: 'medium',
    keywords: ['rollbar'],
    pattern: assignedTo('rollbar', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`ROLLBAR_ACCESS_TOKEN=${fakeToken('', 32, 68, hex)}`, `"rollbarAccessToken": "${fakeToken('', 32, 69, hex)}"`],
        negative: [`ACCESS_TOKEN=${fakeToken('', 32, 70, hex)}`, 'ROLLBAR_ACCESS_TOKEN=POST_SERVER_ITEM_ACCESS_TOKEN'],
      };
    },
  },
  {
    id: 'bugsnag-api-key',
    title: 'Bugsnag API key',
    provider: 'Bugsnag',
    severity: 'medium',
    keywords: ['bugsnag'],
    pattern: assignedTo('bugsnag', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`BUGSNAG_API_KEY=${fakeToken('', 32, 71, hex)}`, `"bugsnagApiKey": "${fakeToken('', 32, 72, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 73, hex)}`, 'BUGSNAG_API_KEY=YOUR-API-KEY-HERE'],
      };
    },
  },
  {
    id: 'launchdarkly-access-token',
    title: 'LaunchDarkly API access token',
    provider: 'LaunchDarkly',
    severity: 'high',
    keywords: ['api-'],
    pattern: new RegExp(`\\b(?<![./-])(api-${UUID})\\b`),
    entropy: 3,
    get examples() {
      return {
        positive: [`LAUNCHDARKLY_ACCESS_TOKEN=api-${fakeUuid(74)}`, `"LD_API_KEY": "api-${fakeUuid(75)}"`],
        negative: ['api-00000000-0000-0000-0000-000000000000', `my-api-${fakeUuid(76)}`, `api-${fakeToken('', 32, 77, hex)}`, `https://gw.corp.io/v1/api-${fakeUuid(761)}/status`],
      };
    },
  },
  {
    id: 'launchdarkly-sdk-key',
    title: 'LaunchDarkly server-side SDK key',
    provider: 'LaunchDarkly',
    severity: 'high',
    keywords: ['sdk-'],
    pattern: new RegExp(`\\b(?<![./-])(sdk-${UUID})\\b`),
    entropy: 3,
    get examples() {
      return {
        positive: [`LAUNCHDARKLY_SDK_KEY=sdk-${fakeUuid(78)}`, `"sdkKey": "sdk-${fakeUuid(79)}"`],
        negative: [`mob-${fakeUuid(80)}`, `aws-sdk-${fakeUuid(81)}`],
      };
    },
  },
  {
    id: 'doppler-api-token',
    title: 'Doppler personal, CLI or service-account token',
    provider: 'Doppler',
    severity: 'critical',
    keywords: ['dp.pt.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
    pattern: /\b(dp\.(?:pt|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`DOPPLER_TOKEN=${fakeToken('dp.pt.', 43, 82)}`, `"DOPPLER_TOKEN": "${fakeToken('dp.sa.', 43, 83)}"`],
        negative: ['DOPPLER_TOKEN=dp.pt.xxxx', `dp.pt.${fakeToken('', 20, 84)}`],
      };
    },
  },
  {
    id: 'doppler-service-token',
    title: 'Doppler service token',
    provider: 'Doppler',
    severity: 'critical',
    keywords: ['dp.st.'],
    pattern: /\b(dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`DOPPLER_TOKEN=${fakeToken('dp.st.', 43, 85)}`, `"DOPPLER_TOKEN": "${fakeToken('dp.st.prd.', 43, 86)}"`],
        negative: ['DOPPLER_TOKEN=dp.st.dev.xxxx', `dp.st.${fakeToken('', 12, 87)}`],
      };
    },
  },
  {
    id: 'infisical-service-token',
    title: 'Infisical service token',
    provider: 'Infisical',
    severity: 'critical',
    keywords: ['st.'],
    pattern: /\b(?<![.-])(st\.[a-f0-9]{24}\.[a-f0-9]{32}\.[a-f0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`INFISICAL_TOKEN=st.${fakeToken('', 24, 88, hex)}.${fakeToken('', 32, 89, hex)}.${fakeToken('', 32, 90, hex)}`, `"INFISICAL_SERVICE_TOKEN": "st.${fakeToken('', 24, 91, hex)}.${fakeToken('', 32, 92, hex)}.${fakeToken('', 32, 93, hex)}"`],
        negative: ['INFISICAL_TOKEN=st.xxx.yyy.zzz', `test.${fakeToken('', 24, 94, hex)}.${fakeToken('', 32, 95, hex)}.${fakeToken('', 32, 96, hex)}`],
      };
    },
  },
  {
    id: 'infisical-client-secret',
    title: 'Infisical universal-auth client secret',
    provider: 'Infisical',
    severity: 'critical',
    keywords: ['infisical'],
    pattern: assignedTo('infisical', '[a-f0-9]{64}', { then: '[\\w.-]{0,24}secret', gap: 8 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=${fakeToken('', 64, 97, hex)}`, `"INFISICAL_CLIENT_SECRET": "${fakeToken('', 64, 98, hex)}"`],
        negative: [`INFISICAL_CLIENT_ID=${fakeUuid(99)}`, `CLIENT_SECRET=${fakeToken('', 64, 100, hex)}`],
      };
    },
  },
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    provider: 'HashiCorp Vault',
    severity: 'critical',
    keywords: ['hvs.'],
    pattern: /\b(hvs\.[A-Za-z0-9_-]{90,120})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`VAULT_TOKEN=hvs.${fakeToken('CAESI', 90, 101, b64url)}`, `"VAULT_TOKEN": "hvs.${fakeToken('CAESI', 90, 102, b64url)}"`],
        negative: ['VAULT_TOKEN=hvs.xxxxxxxx', `hvs.${fakeToken('', 24, 103)}`],
      };
    },
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    provider: 'HashiCorp Vault',
    severity: 'critical',
    keywords: ['hvb.'],
    pattern: /\b(hvb\.[A-Za-z0-9_-]{138,300})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`VAULT_TOKEN=hvb.${fakeToken('AAAAAQ', 150, 104, b64url)}`, `token: "hvb.${fakeToken('AAAAAQ', 180, 105, b64url)}"`],
        negative: ['VAULT_TOKEN=hvb.xxxxxxxx', `hvb.${fakeToken('', 60, 106)}`],
      };
    },
  },
  {
    id: 'vault-legacy-token',
    title: 'HashiCorp Vault token (pre-1.10 s. form)',
    provider: 'HashiCorp Vault',
    severity: 'high',
    keywords: ['vault'],
    pattern: assignedTo('vault', 's\\.[a-z0-9]{24}'),
    entropy: 3.5,
    validate: (s) => lettersAndDigits(s.slice(2)),
    get examples() {
      return {
        positive: [`VAULT_TOKEN=s.${fakeToken('', 24, 107)}`, `"vaultToken": "s.${fakeToken('', 24, 108)}"`],
        negative: [`TOKEN=s.${fakeToken('', 24, 109)}`, 'VAULT_TOKEN=s.your_root_token'],
      };
    },
  },
  {
    id: 'hashicorp-tf-api-token',
    title: 'Terraform Cloud / HCP Terraform API token',
    provider: 'HashiCorp Terraform',
    severity: 'critical',
    keywords: ['.atlasv1.'],
    // The match opens at the literal so V8 can skip ahead to it; the secret, which starts before the literal,
    // is captured inside a lookbehind (a leading character class is tried at every offset: 20-40x slower).
    pattern: /\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![\w=-])(?<=\b(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}))/,
    entropy: 4,
    get examples() {
      return {
        positive: [`TFE_TOKEN=${fakeToken('', 14, 110)}.atlasv1.${fakeToken('', 67, 111, b64url)}`, `credentials "app.terraform.io" { token = "${fakeToken('', 14, 112)}.atlasv1.${fakeToken('', 67, 113, b64url)}" }`],
        negative: ['TFE_TOKEN=xxxxxxxxxxxxxx.atlasv1.xxxx', `${fakeToken('', 14, 114)}.atlasv1.${fakeToken('', 20, 115)}`],
      };
    },
  },
  {
    id: 'pulumi-api-token',
    title: 'Pulumi access token',
    provider: 'Pulumi',
    severity: 'critical',
    keywords: ['pul-'],
    pattern: /\b(pul-[a-f0-9]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`PULUMI_ACCESS_TOKEN=${fakeToken('pul-', 40, 116, hex)}`, `"PULUMI_ACCESS_TOKEN": "${fakeToken('pul-', 40, 117, hex)}"`],
        negative: ['PULUMI_ACCESS_TOKEN=pul-xxxxxxxx', `pul-${fakeToken('', 20, 118, hex)}`],
      };
    },
  },
  {
    id: 'sumologic-access-key',
    title: 'Sumo Logic access key',
    provider: 'Sumo Logic',
    severity: 'high',
    keywords: ['sumo'],
    pattern: assignedTo('sumo(?:logic)?', '[a-z0-9]{64}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`SUMOLOGIC_ACCESSKEY=${fakeToken('', 64, 119)}`, `"SUMO_ACCESS_KEY": "${fakeToken('', 64, 120)}"`],
        negative: [`SUMO_ACCESS_ID=su${fakeToken('', 12, 121)}`, `ACCESS_KEY=${fakeToken('', 64, 122)}`],
      };
    },
  },
  {
    id: 'axiom-api-token',
    title: 'Axiom API or personal token',
    provider: 'Axiom',
    severity: 'high',
    keywords: ['xaat-', 'xapt-'],
    pattern: new RegExp(`\\b(xa[ap]t-${UUID})\\b`),
    entropy: 3,
    get examples() {
      return {
        positive: [`AXIOM_TOKEN=xaat-${fakeUuid(123)}`, `"AXIOM_API_TOKEN": "xapt-${fakeUuid(124)}"`],
        negative: ['AXIOM_TOKEN=xaat-your-token', `xaat-${fakeToken('', 32, 125, hex)}`],
      };
    },
  },
  {
    id: 'opsgenie-api-key',
    title: 'Opsgenie API key',
    provider: 'Opsgenie',
    severity: 'high',
    keywords: ['opsgenie'],
    pattern: assignedTo('opsgenie', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`OPSGENIE_API_KEY=${fakeUuid(126)}`, `"Authorization": "GenieKey ${fakeUuid(127)}", "opsgenieKey": "${fakeUuid(128)}"`],
        negative: [`API_KEY=${fakeUuid(129)}`, 'OPSGENIE_API_KEY=<api-key>'],
      };
    },
  },
  {
    id: 'posthog-personal-api-key',
    title: 'PostHog personal API key',
    provider: 'PostHog',
    severity: 'high',
    keywords: ['phx_'],
    pattern: /\b(phx_[A-Za-z0-9]{36,60})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`POSTHOG_PERSONAL_API_KEY=${fakeToken('phx_', 43, 130)}`, `"POSTHOG_API_KEY": "${fakeToken('phx_', 47, 131)}"`],
        negative: [`POSTHOG_PROJECT_KEY=${fakeToken('phc_', 43, 132)}`, 'phx_your_personal_api_key'],
      };
    },
  },
  {
    id: 'segment-public-api-token',
    title: 'Segment public API token',
    provider: 'Segment',
    severity: 'high',
    keywords: ['sgp_'],
    pattern: /\b(sgp_[A-Za-z0-9]{64})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`SEGMENT_TOKEN=${fakeToken('sgp_', 64, 133)}`, `"segmentToken": "${fakeToken('sgp_', 64, 134)}"`],
        negative: ['sgp_<token>', `sgp_${fakeToken('', 30, 135)}`],
      };
    },
  },
  {
    id: '1password-service-account-token',
    title: '1Password service account token',
    provider: '1Password',
    severity: 'critical',
    keywords: ['ops_eyj'],
    pattern: /\b(ops_eyJ[A-Za-z0-9+/]{250,}={0,3})(?![\w+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`OP_SERVICE_ACCOUNT_TOKEN=ops_${b64json({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: fakeToken('', 22, 136) }, email: `${fakeToken('', 12, 137, ALPHABETS.lowerAlnum)}@1passwordserviceaccounts.com`, srpX: fakeToken('', 64, 138, hex), muk: { alg: 'A256GCM', k: fakeToken('', 43, 139, b64url) } })}`, `"OP_SERVICE_ACCOUNT_TOKEN": "ops_${b64json({ signInAddress: 'acme.1password.eu', srpX: fakeToken('', 64, 140, hex), muk: { k: fakeToken('', 43, 141, b64url), kty: 'oct', alg: 'A256GCM' }, secretKey: fakeToken('A3-', 30, 142, upper), deviceUuid: fakeToken('', 26, 143, ALPHABETS.lowerAlnum) })}"`],
        negative: ['OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ...', `ops_eyJ${fakeToken('', 40, 144)}`],
      };
    },
  },
  {
    id: '1password-secret-key',
    title: '1Password account secret key',
    provider: '1Password',
    severity: 'critical',
    keywords: ['a3-'],
    pattern: /\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`OP_SECRET_KEY=A3-${fakeToken('', 6, 145, upper)}-${fakeToken('', 11, 146, upper)}-${fakeToken('', 5, 147, upper)}-${fakeToken('', 5, 148, upper)}-${fakeToken('', 5, 149, upper)}`, `"secretKey": "A3-${fakeToken('', 6, 150, upper)}-${fakeToken('', 6, 151, upper)}-${fakeToken('', 5, 152, upper)}-${fakeToken('', 5, 153, upper)}-${fakeToken('', 5, 154, upper)}-${fakeToken('', 5, 155, upper)}"`],
        negative: ['A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX', `A3-${fakeToken('', 6, 156, upper)}-${fakeToken('', 5, 157, upper)}`],
      };
    },
  },
];
