// Every MCP host config format: the planted secret is found with its rule, line and key path; the
// references and placeholders planted beside it never are. Fixtures hold {{FAKE:…}} markers, expanded here.
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scan-text.js';
import { rules, structuredRules } from '../../src/rules/generic/index.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const generic = compileRuleSet(rules, structuredRules);

/** [ruleId, line, context, index of the fake marker the secret comes from]. */
type Expected = [string, number, string | undefined, number];

const EXPECTED: Record<string, Expected[]> = {
  'amazon-q/mcp.json': [['generic-api-key', 6, 'mcpServers.cloudwatch.env.CW_ACCESS_KEY', 0]],
  'amp/settings.json': [['generic-api-key', 10, '["amp.mcpServers"].linear.env.LINEAR_API_KEY', 0]],
  'claude-code/.claude.json': [['connection-string-password', 23, 'projects["/home/dev/shop"].mcpServers.db.env.DATABASE_URL', 0], ['api-key-header', 31, 'projects["/home/dev/shop"].mcpServers.tickets.headers.X-API-Key', 1]],
  'claude-code/.mcp.json': [['generic-api-key', 9, 'mcpServers.search.env.SEARCH_SECRET', 0]],
  'claude-desktop/claude_desktop_config.json': [['generic-api-key', 7, 'mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN', 0], ['authorization-bearer', 23, 'mcpServers.linear.args[4]', 1]],
  'cline/cline_mcp_settings.json': [['generic-api-key', 12, 'mcpServers.perplexity.env.PERPLEXITY_API_KEY', 0]],
  'codex/config.toml': [['generic-api-key', 10, 'mcp_servers.search.env.SEARCH_SECRET', 0], ['api-key-header', 22, 'mcp_servers.tickets.http_headers.X-API-Key', 1]],
  'continue/.continue/mcpServers/analytics.yaml': [['generic-password', 14, 'mcpServers[1].env.WAREHOUSE_PASSWORD', 0]],
  'continue/config.yaml': [['generic-api-key', 19, 'mcpServers[1].env.SEARCH_API_KEY', 0]],
  'copilot-cli/mcp-config.json': [['authorization-bearer', 12, 'mcpServers.issues.headers.Authorization', 0]],
  'crush/crush.json': [['api-key-header', 18, 'mcp.tracker.headers.X-Auth-Token', 0]],
  'cursor/mcp.json': [['url-query-secret', 4, 'mcpServers.exa.url', 0]],
  'gemini-cli/settings.json': [['authorization-bearer', 6, 'mcpServers.docs.headers.Authorization', 0]],
  'goose/config.yaml': [['generic-api-key', 18, 'extensions.github.envs.GITHUB_PERSONAL_ACCESS_TOKEN', 0]],
  'junie/mcp.json': [['cli-secret-flag', 5, 'mcpServers.youtrack.args[2]', 0]],
  'kilo-code/mcp_settings.json': [['generic-api-key', 6, 'mcpServers.browser.env.BROWSERBASE_API_KEY', 0]],
  'kiro/mcp.json': [['generic-api-key', 12, 'mcpServers.issues.env.ISSUES_API_KEY', 0]],
  'lm-studio/mcp.json': [['authorization-bearer', 5, 'mcpServers.hf.headers.Authorization', 0]],
  'opencode/opencode.json': [['generic-api-key', 10, 'mcp.search.environment.SEARCH_TOKEN', 0], ['generic-api-key', 17, 'mcp.context7.headers.CONTEXT7_API_KEY', 1]],
  'readme/README.md': [['generic-api-key', 16, 'mcpServers.weather.env.WEATHER_API_KEY', 0], ['generic-api-key', 48, 'extensions.weather.envs.WEATHER_TOKEN', 1], ['authorization-bearer', 54, undefined, 2]],
  'registry/server-snake.json': [['mcp-registry-secret', 13, 'packages[0].environment_variables[0].default', 0]],
  'registry/server.json': [['mcp-registry-secret', 14, 'packages[0].packageArguments[1].value', 0], ['mcp-registry-secret', 17, 'packages[0].environmentVariables[0].default', 1], ['authorization-bearer', 29, 'remotes[0].headers[0].value', 2]],
  'roo-code/mcp_settings.json': [['generic-api-key', 6, 'mcpServers.browser.env.BROWSERBASE_API_KEY', 0]],
  'smithery/smithery.yaml': [['smithery-config-secret', 12, 'startCommand.configSchema.properties.braveApiKey.default', 0], ['generic-api-key', 23, 'startCommand.exampleConfig.braveApiKey', 1]],
  'vscode/mcp.json': [['generic-api-key', 23, 'servers.tracker.env.TRACKER_TOKEN', 0]],
  'vscode/settings.json': [['mcp-server-secret', 8, 'mcp.servers.jira.args[3]', 0]],
  'windsurf/mcp_config.json': [['url-query-secret', 4, 'mcpServers.tavily.serverUrl', 0]],
  'zed/settings.json': [['connection-string-password', 8, 'context_servers.postgres-context-server.settings.database_url', 0], ['generic-api-key', 15, 'context_servers.brave.env.BRAVE_API_KEY', 1]],
};

describe('host config fixtures (generic and MCP rules)', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, async () => {
      const fx = await loadFixture(`configs/${file}`);
      const { findings, warnings } = scanText({ text: fx.text, path: fx.path }, generic);
      expect(warnings).toEqual([]);
      const got = findings.map((f): Expected => [f.ruleId, f.line, f.context, fx.fakes.findIndex((k) => f.secret.includes(k) || k.includes(f.secret))]);
      expect(got).toEqual(expected);
      // Each finding points at text that really is the secret, and reports it redacted.
      for (const f of findings) {
        expect(fx.text.slice(f.offset, f.offset + f.length)).toBe(f.secret);
        expect(f.redacted).not.toContain(f.secret.slice(4));
      }
    });
  }

  it('has one fixture per host format', () => {
    const hosts = new Set(Object.keys(EXPECTED).map((f) => f.split('/')[0]));
    for (const h of ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'copilot-cli', 'windsurf', 'cline', 'roo-code', 'kilo-code', 'continue', 'zed', 'gemini-cli', 'codex', 'goose', 'opencode', 'kiro', 'amazon-q', 'lm-studio', 'crush', 'amp', 'junie', 'registry', 'smithery', 'readme'])
      expect(hosts.has(h), h).toBe(true);
  });
});

describe('host config fixtures (full built-in rule set)', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: every planted secret is still reported`, async () => {
      const fx = await loadFixture(`configs/${file}`);
      const { findings } = scanText({ text: fx.text, path: fx.path }, builtinRuleSet());
      const lines = new Set(findings.map((f) => f.line));
      for (const [, line] of expected) expect(lines.has(line), `line ${line}`).toBe(true);
    });
  }
});
