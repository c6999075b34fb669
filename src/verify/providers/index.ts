// Every verifier, and the lookup by rule id. One file per provider group, mirroring src/rules/providers.
import type { Verifier } from '../types.js';
import { verifiers as ai } from './ai.js';
import { verifiers as chat } from './chat.js';
import { verifiers as cloud } from './cloud.js';
import { verifiers as codeHosting } from './code-hosting.js';
import { verifiers as data } from './data.js';
import { verifiers as messaging } from './messaging.js';
import { verifiers as observability } from './observability.js';
import { verifiers as payments } from './payments.js';
import { verifiers as productivity } from './productivity.js';
import { verifiers as registries } from './registries.js';
import { verifiers as search } from './search.js';

export const verifiers: readonly Verifier[] = [...ai, ...codeHosting, ...chat, ...payments, ...messaging, ...productivity, ...observability, ...registries, ...data, ...cloud, ...search];

const byRule = new Map<string, Verifier>();
for (const v of verifiers) {
  for (const id of v.ruleIds) {
    // A bug, not a user error: two verifiers for one rule would make the answer depend on list order.
    if (byRule.has(id)) throw new Error(`rule ${id} has two verifiers (${byRule.get(id)!.id}, ${v.id})`);
    byRule.set(id, v);
  }
}

export function verifierFor(ruleId: string): Verifier | undefined {
  return byRule.get(ruleId);
}

/** Distinct providers covered (what docs/verify.md and the issue count). */
export function providerCount(): number {
  return new Set(verifiers.map((v) => v.provider)).size;
}
