// App platforms and deploy targets: Heroku, Vercel, Netlify, Fly.io, Deno Deploy, Red Hat OpenShift.
import type { Rule } from '../../../engine/types.js';
import { assignedTo, mixedCase } from '../../assigned.js';
import { ALPHABETS, fakeToken } from '../../fake.js';
import { UUID } from '../shapes.js';
import { uuid } from './fakes.js';

const { base64, base64url, lowerAlnum } = ALPHABETS;

export const rules: Rule[] = [
  {
    id: 'heroku-api-key-v2',
    title: 'Heroku API key',
    provider: 'Heroku',
    severity: 'critical',
    keywords: ['hrku-'],
    pattern: /\b(HRKU-AA[A-Za-z0-9_-]{58})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`HEROKU_API_KEY=${fakeToken('HRKU-AA', 58, 1, base64url)}`, `"HEROKU_API_KEY": "${fakeToken('HRKU-AA', 58, 2, base64url)}"`],
        negative: ['HEROKU_API_KEY=HRKU-...', `HRKU-AA${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key (legacy UUID)',
    provider: 'Heroku',
    severity: 'critical',
    keywords: ['heroku'],
    pattern: assignedTo('heroku', UUID, { then: '[\\w.-]{0,12}?(?:api[_.-]?)?(?:key|token)' }),
    get examples() {
      return {
        positive: [`HEROKU_API_KEY=${uuid(1)}`, `heroku_api_token: "${uuid(2)}"`],
        negative: [`HEROKU_APP_ID=${uuid(3)}`, 'HEROKU_API_KEY=00000000-0000-0000-0000-000000000000'],
      };
    },
  },
  {
    id: 'vercel-api-token',
    title: 'Vercel access token',
    provider: 'Vercel',
    severity: 'critical',
    keywords: ['vercel'],
    pattern: assignedTo('vercel', '[A-Za-z0-9]{24}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 3.7,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`VERCEL_TOKEN=${fakeToken('', 24, 1)}`, `"VERCEL_API_TOKEN": "${fakeToken('', 24, 2)}"`],
        negative: ['VERCEL_TOKEN=your-vercel-token', `VERCEL_ORG_ID=team_${fakeToken('', 24, 3)}`, `VERCEL_TOKEN=${fakeToken('', 24, 4, lowerAlnum)}`],
      };
    },
  },
  {
    id: 'netlify-pat',
    title: 'Netlify personal access token',
    provider: 'Netlify',
    severity: 'critical',
    keywords: ['nfp_'],
    pattern: /\b(nfp_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`NETLIFY_AUTH_TOKEN=${fakeToken('nfp_', 36, 1)}`, `netlify deploy --auth ${fakeToken('nfp_', 36, 2)}`],
        negative: ['NETLIFY_AUTH_TOKEN=nfp_...', `nfp_${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'netlify-access-token',
    title: 'Netlify access token (legacy)',
    provider: 'Netlify',
    severity: 'critical',
    keywords: ['netlify'],
    pattern: assignedTo('netlify', '[A-Za-z0-9_-]{43,45}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 4.2,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`NETLIFY_AUTH_TOKEN=${fakeToken('', 43, 1, base64url)}`, `"netlifyToken": "${fakeToken('', 43, 2)}"`],
        negative: [`NETLIFY_SITE_ID=${uuid(3)}`, 'NETLIFY_AUTH_TOKEN=your-netlify-personal-access-token'],
      };
    },
  },
  {
    id: 'flyio-access-token',
    title: 'Fly.io access token',
    provider: 'Fly.io',
    severity: 'critical',
    keywords: ['fo1_'],
    pattern: /\b(fo1_[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`FLY_API_TOKEN=${fakeToken('fo1_', 43, 1, base64url)}`, `"FLY_ACCESS_TOKEN": "${fakeToken('fo1_', 43, 2, base64url)}"`],
        negative: ['FLY_API_TOKEN=fo1_...', `fo1_${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'flyio-macaroon-token',
    title: 'Fly.io macaroon token',
    provider: 'Fly.io',
    severity: 'critical',
    keywords: ['fm1a_', 'fm1r_', 'fm2_'],
    pattern: /\b((?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,}={0,3}(?:,(?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,}={0,3})*)(?![A-Za-z0-9+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `FLY_API_TOKEN="FlyV1 fm2_${fakeToken('', 200, 1, base64)}=="`,
          `fly deploy --access-token "FlyV1 fm2_${fakeToken('', 160, 2, base64)},fm2_${fakeToken('', 120, 3, base64)}"`,
        ],
        negative: ['FLY_API_TOKEN="FlyV1 fm2_..."', `fm2_${fakeToken('', 40, 4, base64)}`],
      };
    },
  },
  {
    id: 'openshift-user-token',
    title: 'OpenShift user token',
    provider: 'Red Hat OpenShift',
    severity: 'high',
    keywords: ['sha256~'],
    pattern: /\b(sha256~[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`oc login --token=sha256~${fakeToken('', 43, 1, base64url)} --server=https://api.ocp.acme.io:6443`, `OPENSHIFT_TOKEN=sha256~${fakeToken('', 43, 2, base64url)}`],
        negative: ['oc login --token=sha256~<token>', `sha256~${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'deno-deploy-token',
    title: 'Deno Deploy access token',
    provider: 'Deno',
    severity: 'high',
    keywords: ['ddp_', 'ddo_'],
    pattern: /\b(dd[po]_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`DENO_DEPLOY_TOKEN=${fakeToken('ddp_', 36, 1)}`, `deployctl deploy --token=${fakeToken('ddo_', 36, 2)}`],
        negative: ['DENO_DEPLOY_TOKEN=ddp_...', `ddp_${fakeToken('', 20, 3)}`],
      };
    },
  },
];
