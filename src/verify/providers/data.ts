// Supabase: management tokens against the platform API; project secret keys against their own project's
// REST root (the project ref must sit next to the key).
import type { Verifier } from '../types.js';
import { bearer, get, live } from './define.js';

const PROJECT_URL = /\b([a-z0-9]{20})\.supabase\.co\b/;

export const verifiers: Verifier[] = [
  {
    id: 'supabase',
    provider: 'Supabase',
    ruleIds: ['supabase-access-token'],
    hosts: ['api.supabase.com'],
    endpoint: 'GET https://api.supabase.com/v1/projects',
    proves: 'the personal access token authenticates to the Management API',
    shows: 'number of projects',
    rateLimit: '120 requests/min per user',
    plan: (c) => [get('https://api.supabase.com/v1/projects', bearer(c.secret))],
    judge: (res) => (res.status === 200 ? live(Array.isArray(res.json) ? { projects: String(res.json.length) } : undefined) : undefined),
  },
  {
    id: 'supabase-project',
    provider: 'Supabase',
    ruleIds: ['supabase-secret-key', 'supabase-service-role-jwt'],
    hosts: ['*.supabase.co'],
    endpoint: 'GET https://{ref}.supabase.co/rest/v1/ (apikey header; the schema description, no rows)',
    proves: 'the key is accepted by the project found next to it',
    shows: 'project ref',
    rateLimit: 'project-level limits; one read of the API description',
    companions: { project: PROJECT_URL },
    publicCompanions: ['project'],
    plan: (c) => (c.companions.project ? [get(`https://${c.companions.project}.supabase.co/rest/v1/`, { apikey: c.secret, ...(c.secret.startsWith('ey') ? bearer(c.secret) : {}) })] : { unknown: 'needs the project URL (<ref>.supabase.co) next to it to be checked' }),
    judge: (res, c) => (res.status === 200 ? live({ project: c.companions.project! }) : undefined),
  },
];
