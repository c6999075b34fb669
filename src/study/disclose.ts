// Responsible disclosure: one notification text per affected repository — what was found (redacted),
// where (path, line, commit, still at HEAD or only in history) and how to rotate. Nothing is sent anywhere;
// a person reads, checks and delivers these (security advisory, e-mail or issue without the details).
import type { StudyDb } from './db.js';

export interface DisclosureDoc {
  repo: string;
  fileName: string;
  text: string;
}

export interface DiscloseOptions {
  rules: Map<string, { title: string; provider?: string }>;
  now?: Date;
  contact?: string;
}

/** Where a provider's keys are revoked; everything else gets the generic steps. */
const ROTATE: Record<string, string> = {
  GitHub: 'https://github.com/settings/tokens (or the organisation’s fine-grained token settings)',
  GitLab: 'https://gitlab.com/-/user_settings/personal_access_tokens',
  OpenAI: 'https://platform.openai.com/api-keys',
  Anthropic: 'https://console.anthropic.com/settings/keys',
  Stripe: 'https://dashboard.stripe.com/apikeys',
  Slack: 'https://api.slack.com/apps (reinstall the app or regenerate the token)',
  AWS: 'IAM console → Users → Security credentials → deactivate and delete the access key',
  Google: 'https://console.cloud.google.com/apis/credentials',
};

export function disclosures(db: StudyDb, options: DiscloseOptions): DisclosureDoc[] {
  const rows = db
    .prepare(
      `SELECT f.repo, f.rule, f.path, f.surface, f.commit_sha, f.in_head, f.line, f.context, f.redacted, f.secret_hash, r.head_commit
       FROM findings f JOIN repos r ON r.repo = f.repo WHERE r.status = 'scanned'
       ORDER BY f.repo, f.in_head DESC, f.path, f.line`,
    )
    .all() as {
    repo: string;
    rule: string;
    path: string;
    surface: string;
    commit_sha: string | null;
    in_head: number;
    line: number | null;
    context: string | null;
    redacted: string;
    secret_hash: string;
    head_commit: string | null;
  }[];
  const byRepo = new Map<string, typeof rows>();
  for (const r of rows) byRepo.set(r.repo, [...(byRepo.get(r.repo) ?? []), r]);
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);

  return [...byRepo].map(([repo, list]) => {
    const providers = new Set(list.map((r) => options.rules.get(r.rule)?.provider ?? 'Generic'));
    const secrets = new Set(list.map((r) => r.secret_hash)).size;
    const atHead = list.some((r) => r.in_head);
    const lines = [
      `# Exposed credentials in ${repo}`,
      '',
      `Hello, while studying secrets in public MCP server repositories (${date}) we found ${secrets} credential-shaped value${secrets === 1 ? '' : 's'} in this repository` +
        `${atHead ? ', at least one still present in the default branch' : ', only in past commits (still readable in the public history)'}.`,
      'We did not try any of them against the provider, so some may be test values or already revoked. The values below are masked.',
      '',
      '| what | where | commit | still at HEAD | value (masked) |',
      '| --- | --- | --- | --- | --- |',
      ...list.map(
        (r) =>
          `| ${options.rules.get(r.rule)?.title ?? r.rule} | \`${r.path}${r.line ? `:${r.line}` : ''}\`${r.context ? ` (\`${r.context}\`)` : ''} · ${r.surface} | ${r.commit_sha?.slice(0, 12) ?? '?'} | ${r.in_head ? 'yes' : 'no — history only'} | \`${r.redacted}\` |`,
      ),
      '',
      '## What to do',
      '',
      '1. **Revoke or rotate each credential first.** Deleting the file or rewriting history does not help on its own: the commit is public and may already be cloned, forked or indexed.',
      ...[...providers].sort().map((p) => `   - ${p}: ${ROTATE[p] ?? 'revoke the key in the provider’s dashboard and issue a new one'}`),
      '2. Put the new value outside the repository: an environment variable, the MCP host’s input/secret prompt, or a keychain (for example `keyward protect`), and reference it from configs (`${env:NAME}`) instead of inlining it.',
      '3. Optionally remove the old value from history (`git filter-repo --replace-text`), then force-push; forks and caches keep their copies, which is why step 1 comes first.',
      '4. Add a pre-commit secret scan (`keyward scan --staged`, gitleaks or similar) so it does not happen again.',
      '',
      `Scanned commit: ${list[0].head_commit ?? 'unknown'} (full history, all branches).`,
      options.contact ? `Questions: ${options.contact}` : '',
      '',
    ];
    return { repo, fileName: `${repo.replace('/', '__')}.md`, text: lines.join('\n') };
  });
}
