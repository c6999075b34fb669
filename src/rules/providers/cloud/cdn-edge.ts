// CDN and edge networks: Cloudflare (API tokens, global keys, tunnel tokens) and Fastly.
import type { Rule } from '../../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../../assigned.js';
import { ALPHABETS, fakeToken } from '../../fake.js';
import { uuid } from './fakes.js';

const { hexLower, base64url } = ALPHABETS;

export const rules: Rule[] = [
  {
    id: 'cloudflare-api-key',
    title: 'Cloudflare API token',
    provider: 'Cloudflare',
    severity: 'critical',
    keywords: ['cloudflare', 'cf_api', 'cf-api', 'cf_token', 'cf-token', 'cf_account_token'],
    pattern: assignedTo('cloudflare[\\w.-]{0,12}?(?:token|key)|cf[_-](?:api[_-]|account[_-])?token', '[A-Za-z0-9_-]{40}'),
    entropy: 4.2,
    validate: mixedCase,
    // An account ID is an identifier, never reported; beside the token it raises confidence.
    context: /(?:account[_-]?id|accountId)['"]?\s*[:=]\s*['"]?[a-f0-9]{32}\b/i,
    get examples() {
      return {
        positive: [
          `CLOUDFLARE_API_TOKEN=${fakeToken('', 40, 1, base64url)}`,
          `"CF_API_TOKEN": "${fakeToken('', 40, 2)}"`,
          `CLOUDFLARE_ACCOUNT_ID=${fakeToken('', 32, 5, hexLower)}\nCLOUDFLARE_API_TOKEN=${fakeToken('', 40, 6, base64url)}`,
          `CF_TOKEN=${fakeToken('', 40, 9, base64url)}`,
          `"cloudflareApiToken": "${fakeToken('', 40, 10)}"`,
          `cloudflare_account_token = "${fakeToken('', 40, 11, base64url)}"`,
        ],
        negative: [
          'CLOUDFLARE_API_TOKEN=your-cloudflare-api-token',
          `CLOUDFLARE_ACCOUNT_ID=${fakeToken('', 32, 3, hexLower)}`,
          `"cloudflareAccountId": "${fakeToken('', 32, 7, hexLower)}"`,
          `CLOUDFLARE_ZONE_ID=${fakeToken('', 32, 8, hexLower)}`,
          `CLOUDFLARE_ZONE_TOKEN=${fakeToken('', 40, 4, hexLower)}`,
        ],
      };
    },
  },
  {
    id: 'cloudflare-scannable-token',
    title: 'Cloudflare API token or key (scannable format)',
    provider: 'Cloudflare',
    severity: 'critical',
    confidence: 'high',
    description:
      'Cloudflare credentials made since 2025: `cfut_` (user API token), `cfat_` (account API token) or `cfk_` (global API key), then 40 characters and a checksum (developers.cloudflare.com/fundamentals/api/get-started/token-formats).',
    keywords: ['cfut_', 'cfat_', 'cfk_'],
    // The checksum's length is not documented; the tokens seen in public are 40 + 8 characters.
    pattern: /\b(cf(?:ut|at|k)_[A-Za-z0-9]{40}[A-Za-z0-9]{4,16})\b/,
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [
          `CLOUDFLARE_API_TOKEN=cfut_${fakeToken('', 40, 21)}${fakeToken('', 8, 22, hexLower)}`,
          `"CLOUDFLARE_API_TOKEN": "cfat_${fakeToken('', 40, 23)}${fakeToken('', 8, 24, hexLower)}"`,
          `curl -H "Authorization: Bearer cfut_${fakeToken('', 40, 25)}${fakeToken('', 8, 26, hexLower)}" https://api.cloudflare.com/client/v4/user/tokens/verify`,
          `X-Auth-Key: cfk_${fakeToken('', 40, 27)}${fakeToken('', 8, 28, hexLower)}`,
        ],
        negative: [
          'CLOUDFLARE_API_TOKEN=cfut_your_token_here',
          `cfut_${fakeToken('', 20, 29)}`,
          'const cfut_dir = getDir();',
          `cfut_${'x'.repeat(48)}`,
        ],
      };
    },
  },
  {
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare global API key',
    provider: 'Cloudflare',
    severity: 'critical',
    keywords: ['cloudflare', 'cf_api_key', 'cf-api-key', 'x-auth-key'],
    pattern: assignedTo('cloudflare[\\w.-]{0,12}?(?:global|auth|api)[_.-]?key|cf[_-]api[_-]key|x-auth-key', '[a-f0-9]{37}'),
    entropy: 3.2,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`CLOUDFLARE_API_KEY=${fakeToken('', 37, 1, hexLower)}`, `curl -H "X-Auth-Key: ${fakeToken('', 37, 2, hexLower)}" https://api.cloudflare.com/client/v4/zones`],
        negative: ['CLOUDFLARE_API_KEY=<global key>', `CLOUDFLARE_API_KEY=${fakeToken('', 40, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    provider: 'Cloudflare',
    severity: 'high',
    keywords: ['v1.0-'],
    pattern: /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`CF_ORIGIN_CA_KEY=v1.0-${fakeToken('', 24, 1, hexLower)}-${fakeToken('', 146, 2, hexLower)}`, `origin_ca_key = "v1.0-${fakeToken('', 24, 3, hexLower)}-${fakeToken('', 146, 4, hexLower)}"`],
        negative: ['CF_ORIGIN_CA_KEY=v1.0-...', `v1.0-${fakeToken('', 24, 5, hexLower)}-short`],
      };
    },
  },
  {
    id: 'fastly-api-token',
    title: 'Fastly API token',
    provider: 'Fastly',
    severity: 'high',
    keywords: ['fastly'],
    pattern: assignedTo('fastly', '[A-Za-z0-9_-]{32}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`FASTLY_API_TOKEN=${fakeToken('', 32, 1, base64url)}`, `"fastly_api_key": "${fakeToken('', 32, 2)}"`],
        negative: ['FASTLY_API_TOKEN=<token>', `FASTLY_SERVICE_ID=${fakeToken('', 22, 3)}`],
      };
    },
  },
  {
    id: 'cloudflare-tunnel-token',
    title: 'Cloudflare Tunnel token',
    provider: 'Cloudflare',
    severity: 'critical',
    keywords: ['eyjhijoi'],
    // base64 of {"a":"<account>","t":"<tunnel id>","s":"<tunnel secret>"}, passed to `cloudflared tunnel run --token`.
    pattern: /\b(eyJhIjoi[A-Za-z0-9+/]{80,400}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    validate: (s) => {
      try {
        const v = JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as Record<string, unknown>;
        return typeof v.a === 'string' && typeof v.t === 'string' && typeof v.s === 'string';
      } catch {
        return false;
      }
    },
    get examples() {
      return {
        positive: [
          `TUNNEL_TOKEN=${Buffer.from(JSON.stringify({ a: fakeToken('', 32, 1, hexLower), t: uuid(2), s: Buffer.from(fakeToken('', 32, 3)).toString('base64') })).toString('base64')}`,
          `cloudflared tunnel run --token ${Buffer.from(JSON.stringify({ a: fakeToken('', 32, 4, hexLower), t: uuid(5), s: Buffer.from(fakeToken('', 32, 6)).toString('base64') })).toString('base64')}`,
        ],
        negative: [
          `TUNNEL_TOKEN=${Buffer.from(JSON.stringify({ a: fakeToken('', 60, 7), b: fakeToken('', 40, 8) })).toString('base64')}`,
          'TUNNEL_TOKEN=eyJhIjoi...',
        ],
      };
    },
  },
];
