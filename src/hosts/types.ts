// The contract every MCP host adapter fulfils (one small module per host in src/hosts/). Used by audit
// (read), protect/restore (rewrite) and gateway add (write a host-side entry).

export type Platform = 'darwin' | 'linux' | 'win32';

/** Where to look: a real machine or a fixture home (`--home DIR`). */
export interface HostEnvironment {
  home: string;
  platform: Platform;
  /** Environment variables that move configs (CLAUDE_CONFIG_DIR, CODEX_HOME, APPDATA, XDG_CONFIG_HOME…). */
  env: Record<string, string | undefined>;
  /** Project folder for project-scoped files (`--project DIR`), if any. */
  project?: string;
  /**
   * Re-roots system-wide paths (managed-mcp.json under /etc, /Library, C:\ProgramData) so tests can point them
   * at a fixture; undefined = the real system locations.
   */
  systemRoot?: string;
}

export type ConfigScope = 'user' | 'project' | 'workspace' | 'managed' | 'local';
export type ConfigFormat = 'json' | 'jsonc' | 'yaml' | 'toml';

export interface ConfigLocation {
  host: string;
  scope: ConfigScope;
  path: string;
  format: ConfigFormat;
  /** Key path(s) under which server maps/lists sit in this file, e.g. [['mcpServers']], [['mcp','servers']]. */
  serverRoots: (string | number)[][];
  /**
   * When set, `path` is a folder and every file in it whose name matches is one config of this shape
   * (Continue's `.continue/mcpServers/*.yaml`). Discovery expands it into one location per file.
   */
  dirPattern?: RegExp;
  /**
   * When set, `path` is a folder and each of its subfolders holds a config at this relative path (VS Code
   * profiles `User/profiles/<id>/mcp.json`, Gemini extensions `extensions/<name>/gemini-extension.json`).
   */
  eachSubdir?: string;
  /** Short human note, e.g. "VS Code Insiders" or "remote (vscode-server)", shown in listings. */
  variant?: string;
}

export type Transport = 'stdio' | 'http' | 'sse' | 'unknown';

export interface ServerEntry {
  name: string;
  /** Key path of the server object in the document, e.g. ['mcpServers', 'github']. */
  keyPath: (string | number)[];
  transport: Transport;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  /** The server object as parsed, for host-specific checks (autoApprove, trust…). */
  raw: Record<string, unknown>;
  /** Scope when it differs from the file's (Claude Code per-project servers inside ~/.claude.json are 'local'). */
  scope?: ConfigScope;
  /**
   * Where each normalised field came from in the document, when it is not simply `<keyPath>.<field>`
   * (Zed's `command.path`, OpenCode's `command: [cmd, ...args]`, goose `cmd`/`envs`). `args[i]` sits at
   * `[...fieldPaths.args, i + (fieldPaths.argsOffset ?? 0)]`.
   */
  fieldPaths?: {
    command?: (string | number)[];
    args?: (string | number)[];
    argsOffset?: number;
    env?: (string | number)[];
    url?: (string | number)[];
    headers?: (string | number)[];
  };
  /** Names of environment variables the host forwards from its own environment (Codex `env_vars`, goose `env_keys`). */
  forwardedEnv?: string[];
}

/** A setting that lets tools run without the user approving each call. */
export interface ApprovalBypass {
  keyPath: (string | number)[];
  message: string;
}

/** A file or folder next to a host's config that may hold secrets (tokens, logs, secret stores). */
export interface SideFileLocation {
  host: string;
  path: string;
  /**
   * 'dir' folders are walked (bounded depth); only files whose path relative to the folder (with `/`
   * separators) matches `pattern` are read.
   */
  kind: 'file' | 'dir';
  pattern?: RegExp;
  /** What the file is, for messages: "mcp-remote OAuth tokens", "Claude Desktop MCP logs". */
  description: string;
}

export interface HostAdapter {
  id: string;
  title: string;
  /** Candidate config files for this host on this machine (they may not exist). */
  locations(env: HostEnvironment): ConfigLocation[];
  /** Servers found in a parsed config. */
  servers(root: unknown, location: ConfigLocation): ServerEntry[];
  /**
   * How the host writes a reference to an environment variable inside server `env`/`headers` values, when it
   * resolves one natively (e.g. `${env:NAME}` in VS Code, `{env:NAME}` in OpenCode); undefined when it doesn't.
   */
  envReference?(name: string): string;
  /**
   * Server keys that, when set to `true` or a non-empty list, auto-approve tool calls (Cline `autoApprove`,
   * Roo `alwaysAllow`, Gemini `trust`).
   */
  autoApproveKeys?: string[];
  /** Document-level settings that bypass approval (Claude Code `enableAllProjectMcpServers`, goose auto mode). */
  documentBypasses?(root: unknown, location: ConfigLocation): ApprovalBypass[];
  /** Known side files (logs, token caches, secret files) for this host. */
  sideFiles?(env: HostEnvironment): SideFileLocation[];
}
