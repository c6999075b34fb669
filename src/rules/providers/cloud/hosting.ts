// Servers and object storage: DigitalOcean, Linode, Scaleway, Hetzner, Vultr, OVHcloud, Backblaze.
import type { Rule } from '../../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../../assigned.js';
import { ALPHABETS, fakeToken } from '../../fake.js';
import { UUID } from '../shapes.js';
import { uuid } from './fakes.js';

const { hexLower, upperAlnum } = ALPHABETS;

export const rules: Rule[] = [
  {
    id: 'digitalocean-pat',
    title: 'DigitalOcean personal access token',
    provider: 'DigitalOcean',
    severity: 'critical',
    keywords: ['dop_v1_'],
    pattern: /\b(dop_v1_[a-f0-9]{64})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`DIGITALOCEAN_TOKEN=${fakeToken('dop_v1_', 64, 1, hexLower)}`, `doctl auth init -t ${fakeToken('dop_v1_', 64, 2, hexLower)}`],
        negative: ['DIGITALOCEAN_TOKEN=dop_v1_...', `dop_v1_${fakeToken('', 64, 3)}`],
      };
    },
  },
  {
    id: 'digitalocean-access-token',
    title: 'DigitalOcean OAuth access token',
    provider: 'DigitalOcean',
    severity: 'critical',
    keywords: ['doo_v1_'],
    pattern: /\b(doo_v1_[a-f0-9]{64})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`"access_token": "${fakeToken('doo_v1_', 64, 1, hexLower)}"`, `Authorization: Bearer ${fakeToken('doo_v1_', 64, 2, hexLower)}`],
        negative: ['"access_token": "doo_v1_<token>"', `doo_v1_${fakeToken('', 30, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'digitalocean-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    provider: 'DigitalOcean',
    severity: 'high',
    keywords: ['dor_v1_'],
    pattern: /\b(dor_v1_[a-f0-9]{64})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`"refresh_token": "${fakeToken('dor_v1_', 64, 1, hexLower)}"`, `DO_REFRESH_TOKEN=${fakeToken('dor_v1_', 64, 2, hexLower)}`],
        negative: ['"refresh_token": "dor_v1_..."', `dor_v1_${fakeToken('', 64, 3)}`],
      };
    },
  },
  {
    id: 'linode-pat',
    title: 'Linode (Akamai) personal access token',
    provider: 'Linode',
    severity: 'critical',
    keywords: ['linode'],
    pattern: assignedTo('linode', '[a-f0-9]{64}', { then: '[\\w.-]{0,12}?(?:token|key|pat)' }),
    entropy: 3.3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`LINODE_TOKEN=${fakeToken('', 64, 1, hexLower)}`, `linode_api_key: "${fakeToken('', 64, 2, hexLower)}"`],
        negative: ['LINODE_TOKEN=<token>', `LINODE_IMAGE_SHA256=${fakeToken('', 64, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'scaleway-secret-key',
    title: 'Scaleway secret key',
    provider: 'Scaleway',
    severity: 'critical',
    keywords: ['scw', 'scaleway'],
    pattern: assignedTo('(?:scw|scaleway)', UUID, { then: '[\\w.-]{0,12}?secret' }),
    get examples() {
      return {
        positive: [`SCW_SECRET_KEY=${uuid(1)}`, `"scaleway_secret_key": "${uuid(2)}"`],
        negative: [`SCW_DEFAULT_PROJECT_ID=${uuid(3)}`, 'SCW_SECRET_KEY=11111111-1111-1111-1111-111111111111'],
      };
    },
  },
  {
    id: 'hetzner-cloud-api-token',
    title: 'Hetzner Cloud API token',
    provider: 'Hetzner',
    severity: 'critical',
    keywords: ['hcloud', 'hetzner'],
    pattern: assignedTo('hcloud[_.-]?token|hetzner[\\w.-]{0,12}?(?:token|key)', '[A-Za-z0-9]{64}'),
    entropy: 4.5,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`HCLOUD_TOKEN=${fakeToken('', 64, 1)}`, `"hetzner_api_token": "${fakeToken('', 64, 2)}"`],
        negative: ['HCLOUD_TOKEN=<hcloud token>', `HETZNER_TOKEN=${fakeToken('', 64, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'vultr-api-key',
    title: 'Vultr API key',
    provider: 'Vultr',
    severity: 'critical',
    keywords: ['vultr'],
    pattern: assignedTo('vultr', '[A-Z0-9]{36}', { then: '[\\w.-]{0,12}?(?:key|token)' }),
    entropy: 3.8,
    validate: (s) => /[A-Z]/.test(s) && /[0-9]/.test(s) && !/[a-z]/.test(s),
    get examples() {
      return {
        positive: [`VULTR_API_KEY=${fakeToken('', 36, 1, upperAlnum)}`, `vultr_token: "${fakeToken('', 36, 2, upperAlnum)}"`],
        negative: ['VULTR_API_KEY=YOUR_VULTR_API_KEY', `VULTR_API_KEY=${uuid(3)}`],
      };
    },
  },
  {
    id: 'backblaze-b2-application-key',
    title: 'Backblaze B2 application key',
    provider: 'Backblaze',
    severity: 'critical',
    keywords: ['b2', 'backblaze'],
    pattern: assignedTo(
      '(?:\\bb2|backblaze)',
      'K\\d{3}[A-Za-z0-9+/]{27}',
      { then: '[\\w.-]{0,12}?(?:app(?:lication)?[_.-]?)?key\\b' },
    ),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`B2_APPLICATION_KEY=K005${fakeToken('', 27, 1)}`, `backblaze_key: "K001${fakeToken('', 27, 2)}"`],
        negative: [`B2_APPLICATION_KEY_ID=${fakeToken('', 25, 3, hexLower)}`, 'B2_APPLICATION_KEY=<application key>'],
      };
    },
  },
  {
    id: 'ovh-application-secret',
    title: 'OVHcloud application secret',
    provider: 'OVHcloud',
    severity: 'high',
    keywords: ['ovh'],
    pattern: assignedTo('ovh', '[A-Za-z0-9]{32}', { then: '[\\w.-]{0,12}?(?:application[_.-]?secret|consumer[_.-]?key)' }),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`OVH_APPLICATION_SECRET=${fakeToken('', 32, 1)}`, `ovh_consumer_key: "${fakeToken('', 32, 2)}"`],
        negative: [`OVH_APPLICATION_KEY=${fakeToken('', 16, 3)}`, 'OVH_APPLICATION_SECRET=<secret>'],
      };
    },
  },
];
