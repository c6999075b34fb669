// `study --verify`: a repository's credentials are checked while the scan holds them in memory, and only
// two numbers per repository are kept — how many distinct credentials were live and how many refused.
import { verifyFindings, type VerifyOptions } from '../verify/run.js';
import type { RepoVerifier } from './scan-repo.js';

export function repoVerifier(options: Pick<VerifyOptions, 'override' | 'concurrency' | 'perHostPerSecond' | 'timeoutMs'>, log: (line: string) => void): RepoVerifier {
  return async (repo, items) => {
    if (!items.length) return { live: 0, invalid: 0 };
    const texts = new Map(items.map((i) => [i.finding, i.text]));
    const run = await verifyFindings(
      items.map((i) => i.finding),
      { ...options, readSource: async (f) => texts.get(f), announce: (hosts, n) => log(`verify: ${repo}: ${n} credential(s) → ${hosts.join(', ')}`) },
    );
    let live = 0;
    let invalid = 0;
    for (const r of new Set(run.results.values())) {
      if (r.status === 'live') live++;
      else if (r.status === 'invalid') invalid++;
    }
    return { live, invalid };
  };
}
