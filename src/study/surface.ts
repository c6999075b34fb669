// Where in a repository a finding sits, by path: the surfaces the study breaks leaks down by.

export const SURFACES = ['MCP config', 'smithery.yaml', 'server.json', 'README', '.env', 'source', 'other'] as const;
export type Surface = (typeof SURFACES)[number];

const MCP_CONFIG =
  /^(?:\.?mcp(?:[._-][\w.-]*)?\.json|claude_desktop_config\.json|cline_mcp_settings\.json|mcp_settings\.json|mcp_config\.json|\.mcp\.json)$/i;
const MCP_CONFIG_DIR = /(?:^|\/)(?:\.cursor|\.vscode|\.roo|\.kiro\/settings|\.gemini|\.codex)\/(?:mcp\.json|settings\.json|config\.toml)$/i;
const SOURCE =
  /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|kts|scala|cs|rb|php|swift|c|cc|cpp|h|hpp|sh|bash|zsh|ps1|lua|dart|ex|exs|clj|r|ipynb|vue|svelte)$/i;

export function surfaceOf(path: string): Surface {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  if (MCP_CONFIG.test(base) || MCP_CONFIG_DIR.test(path)) return 'MCP config';
  if (base === 'smithery.yaml' || base === 'smithery.yml') return 'smithery.yaml';
  if (base === 'server.json') return 'server.json';
  if (base.startsWith('readme')) return 'README';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return '.env';
  if (SOURCE.test(base)) return 'source';
  return 'other';
}
