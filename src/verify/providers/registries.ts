// Package registries: npm whoami, PyPI's upload endpoint with an empty form (authenticated before the
// form is read; nothing can be uploaded), Docker Hub token exchange (needs the user name).
import type { Verifier } from '../types.js';
import { basic, facts, get, bearer, live, postForm, postJson } from './define.js';

/** `DOCKER_USERNAME=…`, `"username": "…"`, `docker login -u …`. */
const DOCKER_USER = /(?:docker[\w-]{0,12}?user(?:name)?|docker[\w-]{0,12}?login|\busername)["']?\s*[:=]\s*["']?([a-z0-9][a-z0-9_.-]{1,38})|docker\s+login\b[^\n]{0,80}?(?:-u|--username)[\s=]+["']?([a-z0-9][a-z0-9_.-]{1,38})/i;

export const verifiers: Verifier[] = [
  {
    id: 'npm',
    provider: 'npm',
    ruleIds: ['npm-access-token'],
    hosts: ['registry.npmjs.org'],
    endpoint: 'GET https://registry.npmjs.org/-/whoami',
    proves: 'the token authenticates to the public registry',
    shows: 'user name',
    rateLimit: 'registry limits per IP (generous for reads)',
    plan: (c) => [get('https://registry.npmjs.org/-/whoami', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(facts(res.json, { login: 'username' })) : undefined),
  },
  {
    id: 'pypi',
    provider: 'PyPI',
    ruleIds: ['pypi-upload-token', 'pypi-test-upload-token'],
    hosts: ['upload.pypi.org', 'test.pypi.org'],
    endpoint: 'POST https://upload.pypi.org/legacy/ with `:action=file_upload` and no file (TestPyPI: test.pypi.org)',
    proves: 'the token authenticates: PyPI checks the token first (403 if bad), then rejects the empty form (400); nothing is uploaded',
    shows: 'nothing',
    rateLimit: 'upload endpoint limits per IP; one request',
    plan: (c) => [postForm(c.ruleId === 'pypi-test-upload-token' ? 'https://test.pypi.org/legacy/' : 'https://upload.pypi.org/legacy/', basic('__token__', c.secret), { ':action': 'file_upload', protocol_version: '1' })],
    judge: (res) => (res.status === 400 ? { status: 'live', detail: 'authenticated; the empty upload was rejected as intended' } : undefined),
  },
  {
    id: 'docker-hub',
    provider: 'Docker Hub',
    ruleIds: ['docker-hub-pat', 'docker-hub-org-access-token'],
    hosts: ['hub.docker.com'],
    endpoint: 'POST https://hub.docker.com/v2/auth/token {identifier, secret} (the access token returned is dropped)',
    proves: 'the token belongs to the user or organisation name found next to it',
    shows: 'the user name it was checked with',
    rateLimit: 'Docker Hub API limits per IP (auth: a few per second)',
    publicCompanions: ['username'],
    companions: { username: (text, offset) => nearestGroup(text, offset, DOCKER_USER) },
    plan: (c) => (c.companions.username ? [postJson('https://hub.docker.com/v2/auth/token', {}, { identifier: c.companions.username, secret: c.secret })] : { unknown: 'needs the Docker Hub user name next to it to be checked' }),
    judge: (res, c) => (res.status === 200 ? live({ login: c.companions.username! }) : undefined),
  },
];

function nearestGroup(text: string, offset: number, re: RegExp): string | undefined {
  let best: { v: string; d: number } | undefined;
  for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
    const v = m[1] ?? m[2];
    if (!v) continue;
    const d = Math.abs(m.index! - offset);
    if (!best || d < best.d) best = { v, d };
  }
  return best?.v;
}
