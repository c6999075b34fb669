// Google Cloud: service-account key files (JSON and base64), OAuth client secrets, access and refresh tokens.
import type { Rule } from '../../../engine/types.js';
import { ALPHABETS, fakeToken } from '../../fake.js';

const { hexLower, base64, base64url } = ALPHABETS;
/** A GCP service-account JSON file, pretty-printed as `gcloud` writes it. */
const serviceAccountJson = (seed: number) =>
  JSON.stringify(
    {
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: fakeToken('', 40, seed, hexLower),
      private_key: `-----BEGIN PRIVATE KEY-----\n${fakeToken('', 1600, seed + 1, base64)}\n-----END PRIVATE KEY-----\n`,
      client_email: 'ci-bot@demo-project.iam.gserviceaccount.com',
    },
    null,
    2,
  );

export const rules: Rule[] = [
  {
    id: 'gcp-service-account',
    title: 'Google Cloud service account key (JSON)',
    provider: 'Google Cloud',
    severity: 'critical',
    keywords: ['service_account'],
    // The finding is the key's id inside one service-account object that also holds a PEM private key (the
    // PEM itself is the private-key detector's). `[^{}]` keeps the match inside a single JSON object, so
    // test fixtures with a fake "private_key" next to another object's "type" do not pair up. Also matches
    // the JSON escaped inside another string (env values, args).
    pattern:
      /\\?"type\\?"\s*:\s*\\?"service_account\\?"[^{}]{0,600}?\\?"private_key_id\\?"\s*:\s*\\?"([a-f0-9]{40})\\?"[^{}]{0,200}?\\?"private_key\\?"\s*:\s*\\?"-----BEGIN/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          serviceAccountJson(1),
          `GOOGLE_CREDENTIALS_JSON="${JSON.stringify(JSON.parse(serviceAccountJson(3))).replace(/"/g, '\\"')}"`,
        ],
        negative: [
          '{"type": "service_account", "project_id": "demo", "private_key_id": "<key id>"}',
          `{"type": "authorized_user", "private_key_id": "${fakeToken('', 40, 5, hexLower)}"}`,
          // Shape of golang.org/x/oauth2 test fixtures: a service-account object, then another object's key id.
          `var a = {"type": "service_account", "project_id": "p"}\nvar b = {"private_key_id": "${fakeToken('', 40, 6, hexLower)}", "private_key": "-----BEGIN PRIVATE KEY-----\\nsuper secret key"}`,
          `{"type": "service_account", "private_key_id": "${fakeToken('', 40, 7, hexLower)}", "private_key": "super secret key"}`,
        ],
      };
    },
  },
  {
    id: 'gcp-service-account-base64',
    title: 'Google Cloud service account key (base64 JSON)',
    provider: 'Google Cloud',
    severity: 'critical',
    keywords: ['ewogicj0exblijog', 'eyj0exblijoic2vyd', 'eyj0exblijogin'],
    pattern:
      /\b((?:ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs|eyJ0eXBlIjoic2VydmljZV9hY2NvdW50|eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs)[A-Za-z0-9+/]{400,}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4.5,
    get examples() {
      return {
        positive: [
          `GOOGLE_CREDENTIALS=${Buffer.from(serviceAccountJson(7)).toString('base64')}`,
          `"GCP_SA_KEY": "${Buffer.from(JSON.stringify(JSON.parse(serviceAccountJson(9)))).toString('base64')}"`,
        ],
        negative: [
          `GOOGLE_CREDENTIALS=${Buffer.from('{"type":"service_account"}').toString('base64')}`,
          `CONFIG=${Buffer.from(JSON.stringify({ type: 'authorized_user', note: fakeToken('', 300, 11) })).toString('base64')}`,
        ],
      };
    },
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    provider: 'Google Cloud',
    severity: 'high',
    keywords: ['gocspx-'],
    pattern: /\b(GOCSPX-[A-Za-z0-9_-]{28})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`GOOGLE_CLIENT_SECRET=${fakeToken('GOCSPX-', 28, 1, base64url)}`, `{"installed": {"client_secret": "${fakeToken('GOCSPX-', 28, 2, base64url)}"}}`],
        negative: ['GOOGLE_CLIENT_SECRET=GOCSPX-your-client-secret', `GOCSPX-${fakeToken('', 12, 3)}`],
      };
    },
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    provider: 'Google Cloud',
    severity: 'high',
    keywords: ['ya29.'],
    pattern: /\b(ya29\.[A-Za-z0-9_-]{50,400})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`Authorization: Bearer ya29.a0A${fakeToken('', 160, 1, base64url)}`, `"access_token": "ya29.${fakeToken('', 120, 2, base64url)}"`],
        negative: ['"access_token": "ya29.xxx"', `ya29.${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'google-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    provider: 'Google Cloud',
    severity: 'critical',
    keywords: ['1//0'],
    pattern: /(?<![\w/:])(1\/\/0[A-Za-z0-9_-]{60,120})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`"refresh_token": "1//0${fakeToken('', 99, 1, base64url)}"`, `GOOGLE_REFRESH_TOKEN=1//0${fakeToken('', 80, 2, base64url)}`],
        negative: ['"refresh_token": "1//0..."', 'const url = "http://1//0";', `1//0${fakeToken('', 30, 3)}`],
      };
    },
  },
];
