// A small fixture home with one config per format family (Claude Desktop JSON, VS Code JSONC with comments,
// Codex TOML, goose YAML, Continue YAML). Secrets are generated at test time, never committed.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';

export interface FixtureSecrets {
  github: string;
  github2: string;
  openai: string;
  anthropic: string;
  slack: string;
  bearer: string;
}

export function makeSecrets(seed = 1): FixtureSecrets {
  const digits = '0123456789';
  return {
    github: fakeToken('ghp_', 36, seed),
    github2: fakeToken('ghp_', 36, seed + 100),
    openai: fakeToken('sk-proj-', 48, seed + 1),
    anthropic: `${fakeToken('sk-ant-api03-', 93, seed + 2, ALPHABETS.alnum)}AA`,
    slack: `xoxb-${fakeToken('', 12, seed + 3, digits)}-${fakeToken('', 12, seed + 4, digits)}-${fakeToken('', 24, seed + 5)}`,
    bearer: fakeToken('ghp_', 36, seed + 6),
  };
}

export interface FixtureFile {
  host: string;
  path: string;
  /** Lines that must survive protect unchanged (comments). */
  comments: string[];
  /** Secrets planted in this file. */
  secrets: string[];
}

export async function writeFixtureHome(home: string, s: FixtureSecrets): Promise<FixtureFile[]> {
  const files: FixtureFile[] = [
    {
      host: 'claude-desktop',
      path: join(home, '.config', 'Claude', 'claude_desktop_config.json'),
      comments: [],
      secrets: [s.github],
      text: `{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": {
        "GITHUB_PERSONAL_ACCESS_TOKEN": "${s.github}",
        "GITHUB_TOOLSETS": "repos,issues"
      }
    },
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/tmp"]
    }
  },
  "globalShortcut": "Ctrl+Space"
}
`,
    },
    {
      host: 'vscode',
      path: join(home, '.config', 'Code', 'User', 'mcp.json'),
      comments: ['// Servers for this machine (keep the comments!)', '/* remote search, token pasted from the dashboard */', '// already a reference: must stay as it is'],
      secrets: [s.openai, s.bearer],
      text: `{
  // Servers for this machine (keep the comments!)
  "servers": {
    "openai-tools": {
      "type": "stdio",
      "command": "uvx",
      "args": ["openai-mcp==1.2.0", "--api-key", "${s.openai}"], // flag style key
    },
    /* remote search, token pasted from the dashboard */
    "search": {
      "type": "http",
      "url": "https://search.example.com/mcp",
      "headers": { "Authorization": "Bearer ${s.bearer}", "X-Client": "vscode" }
    },
    // already a reference: must stay as it is
    "github": {
      "type": "stdio",
      "command": "docker",
      "args": ["run", "-i", "--rm", "-e", "GITHUB_TOKEN", "ghcr.io/github/github-mcp-server:v0.9.0"],
      "env": { "GITHUB_TOKEN": "\${input:github_token}" }
    }
  },
  "inputs": [
    { "type": "promptString", "id": "github_token", "description": "GitHub token", "password": true }
  ]
}
`,
    },
    {
      host: 'codex',
      path: join(home, '.codex', 'config.toml'),
      comments: ['# Codex settings', '# the Slack bot token (rotate monthly)', '  # pinned on purpose'],
      secrets: [s.github2, s.anthropic, s.slack],
      text: `# Codex settings
model = "o4-mini"

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github@2025.4.8"]
env = { GITHUB_PERSONAL_ACCESS_TOKEN = "${s.github2}", GITHUB_TOOLSETS = "repos" }

[mcp_servers.claude]
command = "npx"
args = [
  "-y",
  "anthropic-mcp@0.3.1",  # pinned on purpose
  "--key=${s.anthropic}",
]
startup_timeout_sec = 20

[mcp_servers.slack]
command = "npx"
args = ["-y", "slack-mcp@1.0.0"]

[mcp_servers.slack.env]
# the Slack bot token (rotate monthly)
SLACK_BOT_TOKEN = "${s.slack}"
SLACK_TEAM_ID = "T0123"
`,
    },
    {
      host: 'goose',
      path: join(home, '.config', 'goose', 'config.yaml'),
      comments: ['# goose configuration', '    # GitHub extension, added by hand'],
      secrets: [s.github],
      text: `# goose configuration
GOOSE_PROVIDER: openai
extensions:
  developer:
    enabled: true
    name: developer
    type: builtin
  github:
    # GitHub extension, added by hand
    enabled: true
    name: github
    type: stdio
    cmd: npx
    args:
      - -y
      - "@modelcontextprotocol/server-github@2025.4.8"
    envs:
      GITHUB_PERSONAL_ACCESS_TOKEN: ${s.github}
    timeout: 300
`,
    },
    {
      host: 'continue',
      path: join(home, '.continue', 'config.yaml'),
      comments: ['# Continue assistant', '  # Slack, straight from the README'],
      secrets: [s.slack],
      text: `# Continue assistant
name: My Assistant
version: 1.0.0
schema: v1
mcpServers:
  # Slack, straight from the README
  - name: slack
    command: npx
    args: ["-y", "slack-mcp@1.0.0"]
    env:
      SLACK_BOT_TOKEN: "${s.slack}"
      SLACK_TEAM_ID: T0123
  - name: time
    command: uvx
    args: ["mcp-server-time==0.6.2"]
`,
    },
  ].map((f) => ({ ...f }));
  for (const f of files as (FixtureFile & { text: string })[]) {
    await fs.mkdir(dirname(f.path), { recursive: true });
    await fs.writeFile(f.path, f.text, { mode: 0o600 });
  }
  return files.map(({ host, path, comments, secrets }) => ({ host, path, comments, secrets }));
}
