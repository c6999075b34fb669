// Source hosting: GitHub, GitLab, Bitbucket.
import type { Rule } from '../../engine/types.js';
import { fakeToken } from '../fake.js';

export const rules: Rule[] = [
  {
    id: 'github-pat',
    title: 'GitHub personal access token (classic)',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['ghp_'],
    pattern: /\b(ghp_[A-Za-z0-9]{36})\b/,
    entropy: 3,
    examples: {
      positive: [`GITHUB_TOKEN=${fakeToken('ghp_', 36)}`, `"GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeToken('ghp_', 36, 7)}"`],
      negative: ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_your_token_here', `ghp_${'a'.repeat(35)}`],
    },
  },
];
