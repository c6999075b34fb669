// Source hosting: GitHub, GitLab, Bitbucket, Gitea/Forgejo, Azure DevOps and Sourcegraph. CI and build
// services live with the registries (registries.ts).
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';

const { hexLower, base64url, lowerAlnum } = ALPHABETS;

export const rules: Rule[] = [
  {
    id: 'github-pat',
    title: 'GitHub personal access token (classic)',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['ghp_'],
    pattern: /\b(ghp_[A-Za-z0-9]{36})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`GITHUB_TOKEN=${fakeToken('ghp_', 36)}`, `"GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeToken('ghp_', 36, 7)}"`],
        negative: ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_your_token_here', `ghp_${'a'.repeat(35)}`],
      };
    },
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['github_pat_'],
    pattern: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `GITHUB_PERSONAL_ACCESS_TOKEN=github_pat_${fakeToken('', 22, 1)}_${fakeToken('', 59, 2)}`,
          `"args": ["--token", "github_pat_${fakeToken('', 22, 3)}_${fakeToken('', 59, 4)}"]`,
        ],
        negative: ['GITHUB_TOKEN=github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxx', `github_pat_${fakeToken('', 22, 5)}`],
      };
    },
  },
  {
    id: 'github-oauth',
    title: 'GitHub OAuth access token',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['gho_'],
    pattern: /\b(gho_[A-Za-z0-9]{36})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`oauth_token: ${fakeToken('gho_', 36, 1)}`, `{"github.com": {"oauth_token": "${fakeToken('gho_', 36, 2)}"}}`],
        negative: ['oauth_token: gho_your_oauth_token', `gho_${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'github-user-to-server-token',
    title: 'GitHub App user-to-server token',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['ghu_'],
    pattern: /\b(ghu_[A-Za-z0-9]{36})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`GH_TOKEN=${fakeToken('ghu_', 36, 1)}`, `Authorization: token ${fakeToken('ghu_', 36, 2)}`],
        negative: ['GH_TOKEN=ghu_...', `ghu_${fakeToken('', 36, 3)}_extra`],
      };
    },
  },
  {
    id: 'github-app-token',
    title: 'GitHub App installation (server-to-server) token',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['ghs_'],
    pattern: /\b(ghs_[A-Za-z0-9]{36})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`GITHUB_TOKEN=${fakeToken('ghs_', 36, 1)}`, `git clone https://x-access-token:${fakeToken('ghs_', 36, 2)}@github.com/o/r.git`],
        negative: ['GITHUB_TOKEN=ghs_<installation token>', `ghs_${fakeToken('', 12, 3)}`],
      };
    },
  },
  {
    id: 'github-refresh-token',
    title: 'GitHub refresh token',
    provider: 'GitHub',
    severity: 'critical',
    keywords: ['ghr_'],
    pattern: /\b(ghr_[A-Za-z0-9]{36,76})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`"refresh_token": "${fakeToken('ghr_', 76, 1)}"`, `GITHUB_REFRESH_TOKEN=${fakeToken('ghr_', 36, 2)}`],
        negative: ['"refresh_token": "ghr_..."', `ghr_${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'github-oauth-app-client-secret',
    title: 'GitHub OAuth/App client secret',
    provider: 'GitHub',
    severity: 'high',
    keywords: ['github'],
    pattern: assignedTo('github', '[a-f0-9]{40}', { then: '[\\w.-]{0,12}?client[_.-]?secret' }),
    entropy: 3.2,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [
          `GITHUB_CLIENT_SECRET=${fakeToken('', 40, 1, hexLower)}`,
          `"githubClientSecret": "${fakeToken('', 40, 2, hexLower)}"`,
        ],
        negative: [`GITHUB_CLIENT_ID=Iv1.${fakeToken('', 16, 3, hexLower)}`, `GITHUB_SHA=${fakeToken('', 40, 4, hexLower)}`],
      };
    },
  },
  {
    id: 'github-legacy-token',
    title: 'GitHub token (legacy 40-hex format)',
    provider: 'GitHub',
    severity: 'high',
    keywords: ['github', 'gh_token'],
    // Tokens issued before 2021 were bare hex; only trusted under a token-like GitHub name (not *_SHA).
    pattern: assignedTo(
      '(?:github|\\bgh)[_.-]?(?:api[_.-]?|access[_.-]?|personal[_.-]?access[_.-]?|oauth[_.-]?)?(?:token|pat)\\b',
      '[a-f0-9]{40}',
    ),
    entropy: 3.2,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`GITHUB_TOKEN=${fakeToken('', 40, 1, hexLower)}`, `github_oauth_token: "${fakeToken('', 40, 2, hexLower)}"`],
        negative: [
          `GITHUB_SHA=${fakeToken('', 40, 3, hexLower)}`,
          `github_token_commit = "${fakeToken('', 40, 4, hexLower)}"`,
          'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
        ],
      };
    },
  },
  {
    id: 'gitlab-pat',
    title: 'GitLab personal access token',
    provider: 'GitLab',
    severity: 'critical',
    keywords: ['glpat-'],
    // Classic tokens are 20 characters; routable ones (GitLab 17.x+) are longer and end in `.01.<9>`.
    pattern: /\b(glpat-[A-Za-z0-9_-]{20,64}(?:\.[0-9a-z]{2}\.[0-9a-z]{9})?)(?![\w.-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `GITLAB_PERSONAL_ACCESS_TOKEN=${fakeToken('glpat-', 20, 1, base64url)}`,
          `"GITLAB_TOKEN": "${fakeToken('glpat-', 27, 2, base64url)}.01.${fakeToken('', 9, 3, lowerAlnum)}"`,
        ],
        negative: ['GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx', `glpat-${fakeToken('', 12, 4)}`],
      };
    },
  },
  {
    id: 'gitlab-ptt',
    title: 'GitLab pipeline trigger token',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['glptt-'],
    pattern: /\b(glptt-[0-9a-f]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`curl -F token=${fakeToken('glptt-', 40, 1, hexLower)} -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline`, `TRIGGER_TOKEN: "${fakeToken('glptt-', 40, 2, hexLower)}"`],
        negative: ['TRIGGER_TOKEN: glptt-<token>', `glptt-${fakeToken('', 40, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['gldt-'],
    pattern: /\b(gldt-[A-Za-z0-9_-]{20})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`CI_DEPLOY_PASSWORD=${fakeToken('gldt-', 20, 1, base64url)}`, `password: "${fakeToken('gldt-', 20, 2, base64url)}"`],
        negative: ['CI_DEPLOY_PASSWORD=gldt-your-deploy-token', `gldt-${fakeToken('', 10, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-runner-authentication-token',
    title: 'GitLab runner authentication token',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['glrt-'],
    pattern: /\b(glrt-(?:t\d_)?[A-Za-z0-9_-]{20,64}(?:\.[0-9a-z]{2}\.[0-9a-z]{9})?)(?![\w.-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`token = "${fakeToken('glrt-', 20, 1, base64url)}"`, `gitlab-runner register --token ${fakeToken('glrt-t1_', 27, 2, base64url)}`],
        negative: ['token = "glrt-REPLACE_ME"', `glrt-${fakeToken('', 8, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-rrt',
    title: 'GitLab runner registration token (legacy)',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['gr1348941'],
    pattern: /\b(GR1348941[A-Za-z0-9_-]{20})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`REGISTRATION_TOKEN=${fakeToken('GR1348941', 20, 1, base64url)}`, `--registration-token "${fakeToken('GR1348941', 20, 2, base64url)}"`],
        negative: ['REGISTRATION_TOKEN=GR1348941xxxxxxxxxxxxxxxxxxxx', `GR1348941${fakeToken('', 8, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-cicd-job-token',
    title: 'GitLab CI/CD job token',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['glcbt-'],
    pattern: /\b(glcbt-[0-9a-zA-Z]{1,5}_[A-Za-z0-9_-]{20})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`CI_JOB_TOKEN=glcbt-64_${fakeToken('', 20, 1, base64url)}`, `"token": "glcbt-1a_${fakeToken('', 20, 2, base64url)}"`],
        negative: ['CI_JOB_TOKEN=glcbt-...', `glcbt-64_${fakeToken('', 10, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-feed-token',
    title: 'GitLab feed token',
    provider: 'GitLab',
    severity: 'medium',
    keywords: ['glft-'],
    pattern: /\b(glft-[A-Za-z0-9_-]{20})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`https://gitlab.com/dashboard/issues.atom?feed_token=${fakeToken('glft-', 20, 1, base64url)}`, `FEED_TOKEN=${fakeToken('glft-', 20, 2, base64url)}`],
        negative: ['FEED_TOKEN=glft-<token>', `glft-${fakeToken('', 10, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-incoming-mail-token',
    title: 'GitLab incoming mail token',
    provider: 'GitLab',
    severity: 'medium',
    keywords: ['glimt-'],
    pattern: /\b(glimt-[A-Za-z0-9_-]{25})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`reply-to: incoming+team-app-42-${fakeToken('glimt-', 25, 1, base64url)}@incoming.gitlab.com`, `INCOMING_EMAIL_TOKEN=${fakeToken('glimt-', 25, 2, base64url)}`],
        negative: ['INCOMING_EMAIL_TOKEN=glimt-...', `glimt-${fakeToken('', 12, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-kubernetes-agent-token',
    title: 'GitLab Kubernetes agent token',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['glagent-'],
    pattern: /\b(glagent-[A-Za-z0-9_-]{50})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`helm upgrade --install agent --set config.token=${fakeToken('glagent-', 50, 1, base64url)}`, `token: ${fakeToken('glagent-', 50, 2, base64url)}`],
        negative: ['token: glagent-<agent token>', `glagent-${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-oauth-app-secret',
    title: 'GitLab OAuth application secret',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['gloas-'],
    pattern: /\b(gloas-[A-Za-z0-9_-]{64})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`GITLAB_OAUTH_SECRET=${fakeToken('gloas-', 64, 1, base64url)}`, `client_secret: "${fakeToken('gloas-', 64, 2, base64url)}"`],
        negative: ['client_secret: gloas-...', `gloas-${fakeToken('', 30, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-scim-token',
    title: 'GitLab SCIM token',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['glsoat-'],
    pattern: /\b(glsoat-[A-Za-z0-9_-]{20})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SCIM_TOKEN=${fakeToken('glsoat-', 20, 1, base64url)}`, `"scimToken": "${fakeToken('glsoat-', 20, 2, base64url)}"`],
        negative: ['SCIM_TOKEN=glsoat-your-token', `glsoat-${fakeToken('', 8, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-feature-flag-client-token',
    title: 'GitLab feature flag client token',
    provider: 'GitLab',
    severity: 'medium',
    keywords: ['glffct-'],
    pattern: /\b(glffct-[A-Za-z0-9_-]{20})(?![\w-])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`UNLEASH_INSTANCE_ID=${fakeToken('glffct-', 20, 1, base64url)}`, `instanceId: "${fakeToken('glffct-', 20, 2, base64url)}"`],
        negative: ['UNLEASH_INSTANCE_ID=glffct-...', `glffct-${fakeToken('', 8, 3)}`],
      };
    },
  },
  {
    id: 'gitlab-session-cookie',
    title: 'GitLab session cookie',
    provider: 'GitLab',
    severity: 'high',
    keywords: ['_gitlab_session='],
    pattern: /_gitlab_session=([0-9a-z]{32})\b/,
    entropy: 3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`curl -b "_gitlab_session=${fakeToken('', 32, 1, lowerAlnum)}" https://gitlab.com/api/v4/user`, `Cookie: _gitlab_session=${fakeToken('', 32, 2, lowerAlnum)}; path=/`],
        negative: ['Cookie: _gitlab_session=<session>', `_gitlab_session=${fakeToken('', 20, 3, lowerAlnum)}`],
      };
    },
  },
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password / API token',
    provider: 'Bitbucket',
    severity: 'critical',
    keywords: ['atbb'],
    pattern: /\b(ATBB[A-Za-z0-9_=.-]{28,64})(?![\w=.-])/,
    entropy: 3.5,
    validate: (s) => mixedCase(s.slice(4)),
    get examples() {
      return {
        positive: [`BITBUCKET_APP_PASSWORD=${fakeToken('ATBB', 32, 1)}`, `git clone https://user:${fakeToken('ATBB', 32, 2)}@bitbucket.org/team/repo.git`],
        negative: ['BITBUCKET_APP_PASSWORD=ATBB<your app password>', `ATBB${fakeToken('', 12, 3)}`, 'ATBBATBBATBBATBBATBBATBBATBBATBBATBB'],
      };
    },
  },
  {
    id: 'bitbucket-access-token',
    title: 'Bitbucket repository/project/workspace access token',
    provider: 'Bitbucket',
    severity: 'critical',
    keywords: ['atctt3xffgn0'],
    pattern: /\b(ATCTT3xFfGN0[A-Za-z0-9_=-]{50,300})(?![\w=-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `BITBUCKET_ACCESS_TOKEN=${fakeToken('ATCTT3xFfGN0', 180, 1, base64url)}=${fakeToken('', 8, 2, ALPHABETS.hexUpper)}`,
          `Authorization: Bearer ${fakeToken('ATCTT3xFfGN0', 120, 3, base64url)}`,
        ],
        negative: ['BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0...', `ATCTT3xFfGN0${fakeToken('', 20, 4)}`],
      };
    },
  },
  {
    id: 'bitbucket-client-secret',
    title: 'Bitbucket OAuth consumer secret',
    provider: 'Bitbucket',
    severity: 'high',
    keywords: ['bitbucket'],
    pattern: assignedTo('bitbucket', '[A-Za-z0-9]{32,64}', { then: '[\\w.-]{0,12}?(?:client|consumer|oauth)[_.-]?secret' }),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`BITBUCKET_CLIENT_SECRET=${fakeToken('', 32, 1)}`, `bitbucket_consumer_secret: "${fakeToken('', 32, 2)}"`],
        negative: [`BITBUCKET_CLIENT_ID=${fakeToken('', 18, 3)}`, 'BITBUCKET_CLIENT_SECRET=your-bitbucket-secret'],
      };
    },
  },
  {
    id: 'gitea-access-token',
    title: 'Gitea / Forgejo access token',
    provider: 'Gitea',
    severity: 'high',
    keywords: ['gitea', 'forgejo', 'codeberg'],
    pattern: assignedTo('(?:gitea|forgejo|codeberg)', '[a-f0-9]{40}', { then: '[\\w.-]{0,12}?(?:token|pat|key)' }),
    entropy: 3.2,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`GITEA_TOKEN=${fakeToken('', 40, 1, hexLower)}`, `"FORGEJO_ACCESS_TOKEN": "${fakeToken('', 40, 2, hexLower)}"`],
        negative: [`GITEA_COMMIT=${fakeToken('', 40, 3, hexLower)}`, 'GITEA_TOKEN=<token>'],
      };
    },
  },
  {
    id: 'sourcegraph-access-token',
    title: 'Sourcegraph access token',
    provider: 'Sourcegraph',
    severity: 'high',
    keywords: ['sgp_'],
    pattern: /\b(sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SRC_ACCESS_TOKEN=sgp_${fakeToken('', 16, 1, hexLower)}_${fakeToken('', 40, 2, hexLower)}`, `"token": "${fakeToken('sgp_', 40, 3, hexLower)}"`],
        negative: ['SRC_ACCESS_TOKEN=sgp_...', `sgp_${fakeToken('', 40, 4)}`],
      };
    },
  },
  {
    id: 'azure-devops-pat',
    title: 'Azure DevOps personal access token',
    provider: 'Microsoft Azure DevOps',
    severity: 'critical',
    keywords: ['devops', 'ado_', 'vsts', 'system_accesstoken', 'system.accesstoken'],
    // 52-character base32 tokens, or the 84-character format introduced in 2024.
    pattern: assignedTo(
      'azure[_.-]?devops|ado(?<!\\wado)|vsts|system[_.]accesstoken',
      '[a-z2-7]{52}|[A-Za-z0-9]{84}',
      { gap: 40 },
    ),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [
          `AZURE_DEVOPS_EXT_PAT=${fakeToken('', 52, 1, 'abcdefghijklmnopqrstuvwxyz234567')}`,
          `"AZURE_DEVOPS_PAT": "${fakeToken('', 84, 2)}"`,
        ],
        negative: ['AZURE_DEVOPS_EXT_PAT=<pat>', `AZURE_DEVOPS_ORG=${fakeToken('', 52, 3, 'abcdefghijklmnopqrstuvwxyz')}`],
      };
    },
  },
  {
    id: 'youtrack-permanent-token',
    title: 'JetBrains YouTrack / Hub permanent token',
    provider: 'JetBrains',
    severity: 'high',
    keywords: ['perm:', 'perm-'],
    // perm:<base64 user>.<base64 scope id>.<30 random characters>
    pattern: /\b(perm[:-][A-Za-z0-9+/=_-]{4,80}\.[A-Za-z0-9+/=_-]{2,40}\.[A-Za-z0-9]{30})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `YOUTRACK_TOKEN=perm:${Buffer.from('alice').toString('base64')}.${Buffer.from('43-1').toString('base64')}.${fakeToken('', 30, 1)}`,
          `Authorization: Bearer perm-${Buffer.from('ci-bot').toString('base64')}.${Buffer.from('44-7').toString('base64')}.${fakeToken('', 30, 2)}`,
        ],
        negative: ['YOUTRACK_TOKEN=perm:<token>', 'chmod perm:0644.file.rw'],
      };
    },
  },
  {
    id: 'gitee-access-token',
    title: 'Gitee personal access token',
    provider: 'Gitee',
    severity: 'high',
    keywords: ['gitee'],
    pattern: assignedTo('gitee', '[a-f0-9]{32}', { then: '[\\w.-]{0,12}?(?:token|key|pat)' }),
    entropy: 3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`GITEE_TOKEN=${fakeToken('', 32, 1, hexLower)}`, `"gitee_access_token": "${fakeToken('', 32, 2, hexLower)}"`],
        negative: ['GITEE_TOKEN=<token>', `GITEE_REPO_HASH=${fakeToken('', 32, 3, hexLower)}`],
      };
    },
  },
];
