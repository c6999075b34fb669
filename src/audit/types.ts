// What `keyward audit` reports: one finding per problem, tied to a host, a config file, a server and the key
// path of the value (`mcpServers.github.env.GITHUB_TOKEN`).
import type { Severity } from '../engine/types.js';
import type { ConfigFormat, ConfigScope } from '../hosts/types.js';
import type { Verification } from '../verify/types.js';

export type AuditFindingId =
  | 'plaintext-secret'
  | 'insecure-transport'
  | 'approval-bypass'
  | 'unpinned-package'
  | 'shell-wrapper'
  | 'remote-script'
  | 'sudo-launch'
  | 'privileged-container'
  | 'world-readable-config'
  | 'side-file-secret'
  | 'malformed-config';

export interface AuditFinding {
  id: AuditFindingId;
  severity: Severity;
  host: string;
  scope: ConfigScope;
  /** The config (or side) file. */
  path: string;
  server?: string;
  /** Key path of the value, e.g. `mcpServers.github.env.GITHUB_TOKEN`; absent for whole-file findings. */
  keyPath?: string;
  /** 1-based line of the value where known. */
  line?: number;
  message: string;
  /** What to do about it, one line. */
  fix: string;
  /** Masked value (secrets) or the offending value (launch risks, URLs). */
  value?: string;
  /** Detection rule behind a secret finding. */
  ruleId?: string;
  fingerprint?: string;
  /** Memory only: shown with --no-redact, used by protect; never serialised by default. */
  secret?: string;
  /** Memory only: the key path as parts (keys may contain dots), for tools that edit the file. */
  keyPathParts?: (string | number)[];
  /** `--verify`: what the provider said about this secret. */
  verification?: Verification;
}

/** A finding before the file-level fields (host, scope, path) are attached. */
export type FindingDraft = Omit<AuditFinding, 'host' | 'scope' | 'path'> & {
  /** Set when the server's scope differs from its file's (Claude Code per-project servers). */
  scope?: ConfigScope;
};

export interface ConfigSummary {
  host: string;
  hostTitle: string;
  scope: ConfigScope;
  path: string;
  format: ConfigFormat;
  variant?: string;
  servers: number;
  status: 'ok' | 'malformed' | 'unreadable';
  /** Permission bits, e.g. 0o600. */
  mode?: number;
}

export interface SideFileSummary {
  host: string;
  path: string;
  description: string;
  findings: number;
}

export interface AuditReport {
  configs: ConfigSummary[];
  sideFiles: SideFileSummary[];
  findings: AuditFinding[];
  /** Non-fatal problems: malformed or unreadable configs, unreadable side files. */
  warnings: string[];
}
