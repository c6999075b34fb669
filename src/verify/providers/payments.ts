// Stripe: the balance endpoint is read-only; a restricted key without balance access answers 403, which
// still proves the key is live.
import type { Verifier } from '../types.js';
import { bearer, get, live } from './define.js';

export const verifiers: Verifier[] = [
  {
    id: 'stripe',
    provider: 'Stripe',
    ruleIds: ['stripe-access-token', 'stripe-restricted-key', 'stripe-test-key'],
    hosts: ['api.stripe.com'],
    endpoint: 'GET https://api.stripe.com/v1/balance',
    proves: 'the secret or restricted key authenticates (403 = live restricted key without balance read)',
    shows: 'mode (live/test), whether the key is restricted',
    rateLimit: '100 read requests/second in live mode, 25 in test mode',
    plan: (c) => [get('https://api.stripe.com/v1/balance', bearer(c.secret))],
    judge: (res, c) => {
      const account = { mode: /_live_/.test(c.secret) ? 'live' : 'test', ...(c.secret.startsWith('rk_') ? { restricted: 'yes' } : {}) };
      if (res.status === 200) return live(account);
      if (res.status === 403) return { status: 'live', account, detail: 'restricted key without permission to read the balance' };
      return undefined;
    },
  },
];
