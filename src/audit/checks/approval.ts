// Settings that let tools run without the user approving each call: per-server lists (Cline autoApprove,
// Roo/Kilo alwaysAllow, Kiro autoApprove), Gemini `trust: true`, and document-wide switches (Claude Code
// enableAllProjectMcpServers, goose auto mode, Amp dangerouslyAllowAll).
import { formatKeyPath } from '../../engine/structured.js';
import type { ConfigLocation, HostAdapter, ServerEntry } from '../../hosts/types.js';
import type { FindingDraft } from '../types.js';

const FIX = 'remove the setting and approve tool calls one by one, or list only read-only tools';

export function serverApprovalFindings(adapter: HostAdapter, server: ServerEntry): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const key of adapter.autoApproveKeys ?? []) {
    const v = server.raw[key];
    const granted = v === true ? 'every tool' : Array.isArray(v) && v.length ? (v.includes('*') ? 'every tool' : v.map(String).join(', ')) : undefined;
    if (!granted) continue;
    const keyPath = [...server.keyPath, key];
    out.push({
      id: 'approval-bypass',
      severity: 'medium',
      server: server.name,
      keyPath: formatKeyPath(keyPath),
      keyPathParts: keyPath,
      message: `${adapter.title} runs ${granted} of "${server.name}" without asking (${key})`,
      fix: FIX,
      value: v === true ? 'true' : granted,
    });
  }
  return out;
}

export function documentApprovalFindings(adapter: HostAdapter, root: unknown, location: ConfigLocation): FindingDraft[] {
  return (adapter.documentBypasses?.(root, location) ?? []).map((b) => ({
    id: 'approval-bypass' as const,
    severity: 'medium' as const,
    keyPath: formatKeyPath(b.keyPath),
    keyPathParts: b.keyPath,
    message: b.message,
    fix: FIX,
  }));
}
