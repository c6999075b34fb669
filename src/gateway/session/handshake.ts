// The gateway's own answer to `initialize`: which host capabilities servers may use, and what the merged
// server looks like to the host (capabilities present on any ready server, their instructions, redacted).
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { newStats } from '../redactor.js';
import type { Upstream } from '../upstream.js';
import { SEP } from './naming.js';

/** The host's client capabilities are relayed so upstream servers can ask for sampling, elicitation, roots. */
export function relayedCapabilities(hostCapabilities: Record<string, unknown>): Record<string, unknown> {
  const relayed: Record<string, unknown> = {};
  for (const k of ['sampling', 'elicitation', 'roots', 'experimental'] as const) {
    if (hostCapabilities[k] !== undefined) relayed[k] = hostCapabilities[k];
  }
  return relayed;
}

export function initializeResult(
  ready: Upstream[],
  requestedVersion: unknown,
  options: { namespace: boolean; version: string },
): Record<string, unknown> {
  const requested = String(requestedVersion ?? '');
  const protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;
  const has = (cap: string): boolean => ready.some((u) => u.info?.capabilities[cap] !== undefined);
  const capabilities: Record<string, unknown> = { tools: { listChanged: true } };
  if (has('prompts')) capabilities.prompts = { listChanged: true };
  if (has('resources')) {
    const subscribe = ready.some((u) => (u.info?.capabilities.resources as { subscribe?: boolean } | undefined)?.subscribe);
    capabilities.resources = { listChanged: true, ...(subscribe ? { subscribe: true } : {}) };
  }
  if (has('logging')) capabilities.logging = {};
  if (has('completions')) capabilities.completions = {};
  const stats = newStats();
  const instructions = ready
    .filter((u) => u.info?.instructions)
    .map((u) => {
      const text = u.redactor.redactString(u.info!.instructions!, stats);
      return options.namespace ? `## ${u.name} (tools prefixed ${u.name}${SEP})\n${text}` : text;
    })
    .join('\n\n');
  const result: Record<string, unknown> = {
    protocolVersion,
    capabilities,
    serverInfo: { name: 'keyward-gateway', version: options.version },
  };
  if (instructions) result.instructions = instructions;
  return result;
}
