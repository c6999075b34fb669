// Secrets passed as command-line flags in shell snippets and READMEs: `--api-key abc…`, `--token=…`,
// `npx @smithery/cli run x --key <uuid>`. (In config `args` arrays the MCP structured rule reads them.)
import type { Rule } from '../../engine/types.js';
import { ALPHABETS, fakeToken, fakeUuid } from '../fake.js';
import { isValidJwt } from './jwt.js';
import { isSecretValue } from './values.js';

const FLAGS = ['api-key', 'api_key', 'apikey', 'key', 'token', 'secret', 'password', 'access-token', 'auth-token', 'client-secret', 'pat'];

const uuid = fakeUuid(901);
const tok = fakeToken('', 32, 906);

export const cliSecretFlag: Rule = {
  id: 'cli-secret-flag',
  title: 'Secret passed as a command-line flag',
  severity: 'high',
  generic: true,
  keywords: FLAGS.map((f) => `--${f}`),
  pattern: new RegExp(
    `--(?<flag>${FLAGS.map((f) => f.replace(/-/g, '[-_]')).join('|')})(?:=|[ \\t]+)(?<q>["']?)(?<secret>[A-Za-z0-9_+/.~=-]{8,200})\\k<q>(?=[\\s;|&)'"\\\\]|$)`,
  ),
  validate: (value, m) => {
    // The flag must start a word (`--key`, not `x--key`) and the value must not be another flag.
    if (/[\w-]/.test(m.input[m.index - 1] ?? ' ') || value.startsWith('-') || isValidJwt(value)) return false;
    // `--secret NAME=store-key` (keyward run and similar launchers) names a variable, not a value.
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) return false;
    // `gcloud secrets … --secret=NAME`, `aws secretsmanager get-secret-value --secret-id NAME`: the flag names
    // the secret in a secret manager, the safe pattern.
    const lineStart = m.input.lastIndexOf('\n', m.index) + 1;
    if (/\b(?:gcloud\s+secrets|secretsmanager|ssm\s+get-parameters?|vault\s+(?:kv|read)|op\s+read|doppler\s+secrets|infisical\s+secrets)\b/.test(m.input.slice(lineStart, m.index))) return false;
    return isSecretValue(value, 'declared');
  },
  get examples() {
    return {
      positive: [
        `npx -y @smithery/cli@latest run @acme/search --key ${uuid}`,
        `search-mcp --api-key ${tok}`,
        `claude mcp add wiki -- wiki-mcp --token=${tok}`,
        `docker run acme/mcp --password '${tok.slice(0, 14)}'`,
        `codex mcp add s -- s-mcp --access-token "${tok}"`,
      ],
      negative: [
        'export API_KEY=$(gcloud secrets versions access latest --secret=openaiKey2024prod)',
        'aws secretsmanager get-secret-value --secret-id prodOpenaiKey9 --query SecretString',
        `search-mcp --api-key \$SEARCH_API_KEY`,
        `search-mcp --api-key "\${SEARCH_API_KEY}"`,
        `search-mcp --api-key <your-api-key>`,
        `search-mcp --api-key YOUR_API_KEY`,
        `openssl req --key ./certs/server.key`,
        `gpg --recv-keys ${fakeToken('', 40, 907, ALPHABETS.hexUpper)}`,
        `tool --token --verbose`,
        `tool --key value`,
        `tool --password changeme`,
        `--key-file ${tok}`,
        `tool --token "$(op read op://vault/item/token)"`,
        `keyward run --secret GITHUB_TOKEN=claude-code.github.GITHUB_TOKEN -- npx server-github`,
      ],
    };
  },
};
