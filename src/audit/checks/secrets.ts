// Plaintext secrets in a config or side file, found by the detection engine on the whole file text, then
// tied to the server whose entry holds them (by key path).
import type { RuleSet } from '../../engine/ruleset.js';
import { scanText } from '../../engine/scan-text.js';
import { formatKeyPath } from '../../engine/structured.js';
import type { Finding } from '../../engine/types.js';
import type { ServerEntry } from '../../hosts/types.js';
import type { AuditFindingId, FindingDraft } from '../types.js';

/** Key path of the first string leaf holding `secret`, for formats the engine could not give context for. */
export function findValuePath(root: unknown, secret: string, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof root === 'string') return root.includes(secret) ? path : undefined;
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) {
      const hit = findValuePath(root[i], secret, [...path, i]);
      if (hit) return hit;
    }
  } else if (root && typeof root === 'object') {
    for (const [k, v] of Object.entries(root)) {
      const hit = findValuePath(v, secret, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Key path parts of the string leaf whose formatted path is `context` (and which holds `secret`). */
export function pathOfLeaf(root: unknown, context: string, secret: string): (string | number)[] | undefined {
  let found: (string | number)[] | undefined;
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (found) return;
    if (typeof node === 'string') {
      if (formatKeyPath(path) === context && node.includes(secret)) found = path;
    } else if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(root, []);
  return found;
}

/** The server whose entry contains `keyPath` (longest match wins). */
export function serverAt(servers: ServerEntry[], keyPath: string | undefined): ServerEntry | undefined {
  if (!keyPath) return undefined;
  let best: ServerEntry | undefined;
  let bestLen = -1;
  for (const s of servers) {
    const prefix = formatKeyPath(s.keyPath);
    const inside = keyPath === prefix || keyPath.startsWith(`${prefix}.`) || keyPath.startsWith(`${prefix}[`);
    if (inside && prefix.length > bestLen) [best, bestLen] = [s, prefix.length];
  }
  return best;
}

export interface SecretScanInput {
  text: string;
  path: string;
  /** Parsed document, when it parsed, to give key paths the engine could not. */
  root?: unknown;
  servers?: ServerEntry[];
  id: Extract<AuditFindingId, 'plaintext-secret' | 'side-file-secret'>;
  /** Host id, for the protect hint. */
  host: string;
}

export function secretFindings(input: SecretScanInput, ruleSet: RuleSet): { drafts: FindingDraft[]; warnings: string[] } {
  const { findings, warnings } = scanText({ text: input.text, path: input.path }, ruleSet);
  const drafts = findings.map((f) => toDraft(f, input));
  return { drafts, warnings };
}

function toDraft(f: Finding, input: SecretScanInput): FindingDraft {
  let keyPath = f.context;
  let parts: (string | number)[] | undefined;
  if (input.root !== undefined) {
    // The engine gives a formatted path; protect needs the parts (keys may hold dots: `amp.mcpServers`).
    parts = keyPath ? pathOfLeaf(input.root, keyPath, f.secret) : findValuePath(input.root, f.secret);
    if (!keyPath && parts && parts.length) keyPath = formatKeyPath(parts);
  }
  const server = serverAt(input.servers ?? [], keyPath);
  const side = input.id === 'side-file-secret';
  return {
    id: input.id,
    severity: f.severity,
    server: server?.name,
    scope: server?.scope,
    keyPath,
    keyPathParts: parts,
    line: f.line,
    message: side
      ? `${f.title} in a side file`
      : `${f.title} in plain text${server ? ` in server "${server.name}"` : ''}`,
    fix: side
      ? 'revoke or rotate the credential, then delete the file (or the lines holding it)'
      : server
        ? `keyward protect --host ${input.host} --server ${server.name}`
        : 'move the value to a secret store or an environment variable and reference it',
    value: f.redacted,
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    secret: f.secret,
  };
}
