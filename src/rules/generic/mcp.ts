// Structured detectors: secrets in MCP server maps (env, headers, args, settings) across host formats, the
// MCP Registry `server.json` (isSecret / is_secret inputs with literal values), `smithery.yaml`
// (exampleConfig, configSchema defaults), and secret-named keys in any JSON/YAML/TOML document.
import type { StructuredDocument, StructuredHit, StructuredLeaf, StructuredRule } from '../../engine/types.js';
import { containsReference } from '../../engine/reference.js';
import { fakeToken, ALPHABETS } from '../fake.js';
import { classifyKey, isApiKeyHeader, SECRET_NAME_KEYWORDS } from './names.js';
import { isSecretValue, type Strength } from './values.js';

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Leaves by key path, built once per document and rule call. */
function leafIndex(doc: StructuredDocument): Map<string, StructuredLeaf> {
  const m = new Map<string, StructuredLeaf>();
  for (const l of doc.leaves) m.set(JSON.stringify(l.path), l);
  return m;
}

/** Configs are shallow; the depth cap keeps a hostile 100 000-deep JSON file from exhausting the stack. */
const MAX_DEPTH = 64;

function walk(node: unknown, path: Path, visit: (node: unknown, path: Path) => void): void {
  visit(node, path);
  if (path.length >= MAX_DEPTH) return;
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i], visit));
  else if (isObj(node)) for (const [k, v] of Object.entries(node)) walk(v, [...path, k], visit);
}

/** Keys whose values are variable NAMES (Codex `env_vars`, `bearer_token_env_var`, `env_http_headers`, goose `env_keys`). */
const NAME_HOLDERS = new Set(['env_vars', 'env_keys', 'bearer_token_env_var', 'env_http_headers', 'envVars', 'inputs']);

function strengthFor(key: string, declared: boolean): Strength | undefined {
  const kind = classifyKey(key);
  if (kind === 'password') return 'password';
  if (kind) return declared ? 'declared' : 'named';
  return undefined;
}

/** Token part of an Authorization value (`Bearer x`, `Basic x`, `token x`), or the whole value. */
function authorizationToken(value: string): string {
  const m = /^(?:Bearer|Basic|Token|Bot|Key|Api-Key|SSWS|Splunk)\s+(\S+)$/i.exec(value.trim());
  return m ? m[1] : value;
}

// ---------------------------------------------------------------- MCP server maps in host configs

const CONTAINERS = /^(?:mcpServers|servers|context_servers|mcp_servers|extensions|mcp|amp\.mcpServers|mcp\.servers|mcpservers)$/;
const SERVER_FIELDS = ['command', 'cmd', 'url', 'serverUrl', 'httpUrl', 'uri', 'args', 'env', 'envs', 'environment', 'headers', 'http_headers'];

function isServer(node: unknown): node is Obj {
  return isObj(node) && SERVER_FIELDS.some((f) => f in node);
}

/** Every server object: `mcpServers.x`, `projects["/p"].mcpServers.x`, Continue's `mcpServers[0]`, Zed's `context_servers.x`. */
export function findServers(root: unknown): { path: Path; server: Obj }[] {
  const out: { path: Path; server: Obj }[] = [];
  walk(root, [], (node, path) => {
    const last = path[path.length - 1];
    if (typeof last !== 'string' || !CONTAINERS.test(last)) return;
    // Zed's context_servers entries may hold only `source` and `settings`.
    const loose = last === 'context_servers';
    if (isObj(node))
      for (const [name, s] of Object.entries(node)) if (isServer(s) || (loose && isObj(s))) out.push({ path: [...path, name], server: s });
    if (Array.isArray(node)) node.forEach((s, i) => isServer(s) && out.push({ path: [...path, i], server: s }));
  });
  return out;
}

/** Flags whose next argument (or `=value`) is a secret: `--api-key`, `--token`, `--password`, `--pat`. */
function isSecretFlag(flag: string): boolean {
  const name = flag.replace(/^-+/, '');
  return /^(?:key|token|secret|pat|password|passwd|auth|access-token)$/i.test(name) || classifyKey(name) !== undefined;
}

/**
 * End of the options of a `keyward run --store S --secret NAME=store-key … --` wrap (written by keyward
 * protect), or 0. Those words name store keys, not secrets; the wrapped command after `--` is still checked.
 */
function keywardRunOptionsEnd(list: unknown[]): number {
  const run = list.indexOf('run');
  const dd = list.indexOf('--');
  if (run < 0 || run > 3 || dd < run) return 0;
  const opts = list.slice(run + 1, dd);
  const pairs = opts.length % 2 === 0 && opts.every((w, i) => typeof w === 'string' && (i % 2 === 0 ? w === '--store' || w === '--secret' : !w.startsWith('-')));
  return pairs && opts.includes('--secret') ? dd : 0;
}

function serverHits(doc: StructuredDocument): StructuredHit[] {
  const idx = leafIndex(doc);
  const hits: StructuredHit[] = [];
  const hit = (path: Path, secret: string, strength: Strength) => {
    const leaf = idx.get(JSON.stringify(path));
    if (!leaf || containsReference(leaf.value) || !isSecretValue(secret, strength)) return;
    hits.push(secret === leaf.value ? { leaf } : { leaf, secret });
  };
  for (const { path, server } of findServers(doc.root)) {
    for (const f of ['env', 'envs', 'environment']) {
      const env = server[f];
      if (!isObj(env)) continue;
      for (const [k, v] of Object.entries(env)) {
        if (typeof v !== 'string') continue;
        hit([...path, f, k], v, strengthFor(k, true) ?? 'bare');
      }
    }
    for (const [f, headers] of [['headers', server.headers], ['http_headers', server.http_headers]] as const) {
      if (!isObj(headers)) continue;
      for (const [k, v] of Object.entries(headers)) {
        if (typeof v !== 'string') continue;
        if (/^authorization$/i.test(k)) hit([...path, f, k], authorizationToken(v), 'declared');
        else hit([...path, f, k], v, isApiKeyHeader(k) ? 'declared' : strengthFor(k, true) ?? 'bare');
      }
    }
    const argLists: [string, unknown][] = [['args', server.args], ['command', server.command]];
    for (const [f, list] of argLists) {
      if (!Array.isArray(list)) continue;
      const wrapEnd = keywardRunOptionsEnd(list);
      list.forEach((a, i) => {
        if (typeof a !== 'string' || i < wrapEnd) return;
        const eq = /^(--?[A-Za-z][\w-]*)=(.+)$/.exec(a);
        if (eq && isSecretFlag(eq[1])) return hit([...path, f, i], eq[2], 'declared');
        const assign = /^([A-Z][A-Z0-9_]*)=(.+)$/.exec(a); // docker -e NAME=value
        if (assign && classifyKey(assign[1])) return hit([...path, f, i], assign[2], strengthFor(assign[1], true)!);
        const next = list[i + 1];
        if (/^--?[A-Za-z][\w-]*$/.test(a) && isSecretFlag(a) && typeof next === 'string' && !next.startsWith('-'))
          hit([...path, f, i + 1], next, 'declared');
      });
    }
    // Zed `settings`, and `auth` blocks: any secret-named key inside.
    for (const f of ['settings', 'auth', 'oauth']) {
      walk(server[f], [...path, f], (node, p) => {
        const key = p[p.length - 1];
        if (typeof node === 'string' && typeof key === 'string') {
          const s = strengthFor(key, true);
          if (s) hit(p, node, s);
        }
      });
    }
  }
  return hits;
}

const envToken = fakeToken('', 40, 601, ALPHABETS.hexLower);
const envToken2 = fakeToken('', 32, 602);
const neutral = fakeToken('', 36, 603);

export const mcpServerSecret: StructuredRule = {
  id: 'mcp-server-secret',
  confidence: 'medium',
  title: 'Secret in an MCP server entry (env, headers, args, settings)',
  severity: 'high',
  generic: true,
  // Container names as they are written in JSON, YAML and TOML; `servers` alone would open every API schema.
  keywords: ['mcpservers', 'mcp_servers', 'context_servers', '"servers"', 'servers:', '"mcp"', 'mcp:', 'extensions:'],
  detect: (doc) => serverHits(doc),
  get examples() {
    return {
      positive: [
        { path: 'claude_desktop_config.json', text: `{"mcpServers":{"gh":{"command":"npx","env":{"GITHUB_PAT":"${envToken}"}}}}` },
        { path: 'mcp.json', text: `{"servers":{"w":{"type":"http","url":"https://w.acme.io/mcp","headers":{"Authorization":"Token ${envToken2}"}}}}` },
        { path: '.cursor/mcp.json', text: `{"mcpServers":{"s":{"command":"search-mcp","args":["--api-key","${envToken2}"]}}}` },
        { path: 'config.toml', text: `[mcp_servers.s]\ncommand = "docker"\nargs = ["run", "-e", "SEARCH_TOKEN=${envToken2}", "img"]\n` },
        { path: 'settings.json', text: `{"context_servers":{"db":{"source":"extension","settings":{"api_key":"${envToken2}"}}}}` },
        { path: 'x.json', text: `{"mcpServers":{"n":{"command":"x","env":{"UPSTREAM":"${neutral}"}}}}` },
        { path: 'config.yaml', text: `mcpServers:\n  - name: s\n    command: npx\n    env:\n      SEARCH_KEY: "${envToken2}"\n` },
      ],
      negative: [
        { path: 'claude_desktop_config.json', text: `{"mcpServers":{"gh":{"command":"npx","env":{"GITHUB_PAT":"\${GITHUB_PAT}"}}}}` },
        { path: 'mcp.json', text: `{"servers":{"w":{"url":"https://w.acme.io","headers":{"Authorization":"Bearer \${input:wiki-token}"}}}}` },
        { path: 'config.toml', text: `[mcp_servers.s]\ncommand = "x"\nenv_vars = ["SEARCH_API_KEY"]\nbearer_token_env_var = "SEARCH_TOKEN"\n[mcp_servers.s.env_http_headers]\nAuthorization = "SEARCH_AUTH_HEADER"\n` },
        { path: 'x.json', text: `{"mcpServers":{"n":{"command":"x","env":{"LOG_LEVEL":"debug","MODEL":"claude-3-5-sonnet-20241022","ROOT":"/home/me/projects"}}}}` },
        { path: 'x.json', text: `{"mcpServers":{"n":{"command":"x","args":["-y","@acme/server@1.2.3","--port","8080"]}}}` },
        { path: 'opencode.json', text: `{"mcp":{"s":{"type":"local","command":["x"],"environment":{"API_KEY":"{env:API_KEY}"}}}}` },
        { path: 'x.json', text: `{"mcpServers":{"n":{"command":"/usr/bin/node","args":["/opt/keyward/dist/cli/bin.js","run","--store","file","--secret","GITHUB_TOKEN=claude-desktop/n/GITHUB_TOKEN","--","npx","-y","@acme/server@1.2.3"]}}}` },
        { path: 'x.json', text: `{"mcpServers":{"n":{"command":"x","env":{"API_KEY":"your-api-key-here"}}}}` },
        { path: 'x.json', text: `{"mcpServers":{"slack":{"command":"x","env":{"SLACK_MCP_API_KEY":"my-$$e-$ecret"}}}}` },
        { path: 'x.json', text: `{"mcpServers":{"n":{"command":"x","env":{"API_TOKEN":"e2e-entry-token-42"}}}}` },
        { path: 'config.yaml', text: `extensions:\n  s:\n    cmd: x\n    env_keys: [SEARCH_API_KEY]\n` },
        { path: 'mcp.json', text: `{"mcpServers":{"s":{"command":"keyward","args":["run","--secret","SEARCH_API_KEY=claude-code.search.SEARCH_API_KEY","--","npx","search-mcp"]}}}` },
      ],
    };
  },
};

// ---------------------------------------------------------------- MCP Registry server.json

function registryHits(doc: StructuredDocument): StructuredHit[] {
  const idx = leafIndex(doc);
  const hits: StructuredHit[] = [];
  walk(doc.root, [], (node, path) => {
    if (!isObj(node)) return;
    const secret = node.isSecret ?? node.is_secret;
    if (secret !== true && secret !== 'true') return;
    for (const f of ['value', 'default']) {
      const v = node[f];
      if (typeof v !== 'string') continue;
      const leaf = idx.get(JSON.stringify([...path, f]));
      if (!leaf || containsReference(v)) continue;
      const token = authorizationToken(v);
      // Declared secret: a moderate-entropy literal counts, but not a placeholder, reference or word.
      if (isSecretValue(token, 'declared')) hits.push(token === v ? { leaf } : { leaf, secret: token });
    }
  });
  return hits;
}

const regToken = fakeToken('', 24, 604);

export const mcpRegistrySecret: StructuredRule = {
  id: 'mcp-registry-secret',
  confidence: 'medium',
  title: 'Secret input with a literal value in an MCP Registry server.json',
  severity: 'high',
  generic: true,
  keywords: ['issecret', 'is_secret'],
  detect: (doc) => registryHits(doc),
  get examples() {
    return {
      positive: [
        { path: 'server.json', text: `{"packages":[{"environmentVariables":[{"name":"WEATHER_API_KEY","isSecret":true,"value":"${regToken}"}]}]}` },
        { path: 'server.json', text: `{"packages":[{"environment_variables":[{"name":"TOKEN","is_secret":true,"default":"${regToken}"}]}]}` },
        { path: 'server.json', text: `{"remotes":[{"type":"streamable-http","url":"https://x.acme.io/mcp","headers":[{"name":"Authorization","isSecret":true,"value":"Bearer ${regToken}"}]}]}` },
        { path: 'server.json', text: `{"packages":[{"packageArguments":[{"type":"named","name":"--token","isSecret":true,"default":"Wx7-pq2Lm9"}]}]}` },
      ],
      negative: [
        { path: 'server.json', text: `{"packages":[{"environmentVariables":[{"name":"WEATHER_API_KEY","isSecret":true,"description":"your key"}]}]}` },
        { path: 'server.json', text: `{"remotes":[{"headers":[{"name":"Authorization","isSecret":true,"value":"Bearer {api_token}"}]}]}` },
        { path: 'server.json', text: `{"packages":[{"environmentVariables":[{"name":"REGION","isSecret":false,"default":"${regToken}"}]}]}` },
        { path: 'server.json', text: `{"packages":[{"environment_variables":[{"name":"TOKEN","is_secret":true,"default":"<your-token>"}]}]}` },
        { path: 'server.json', text: `{"packages":[{"environmentVariables":[{"name":"TOKEN","isSecret":true,"value":"\${TOKEN}"}]}]}` },
      ],
    };
  },
};

// ---------------------------------------------------------------- smithery.yaml

function smitheryHits(doc: StructuredDocument, path: string): StructuredHit[] {
  const root = doc.root;
  if (!isObj(root) || !isObj(root.startCommand)) return [];
  if (!/smithery\.ya?ml$/i.test(path) && !/\.md$/i.test(path)) return [];
  const idx = leafIndex(doc);
  const hits: StructuredHit[] = [];
  const hit = (p: Path, v: string, s: Strength) => {
    const leaf = idx.get(JSON.stringify(p));
    if (leaf && !containsReference(v) && isSecretValue(v, s)) hits.push({ leaf });
  };
  const start = root.startCommand;
  walk(start.exampleConfig, ['startCommand', 'exampleConfig'], (node, p) => {
    const key = p[p.length - 1];
    if (typeof node !== 'string' || typeof key !== 'string') return;
    const s = strengthFor(key, true);
    if (s) hit(p, node, s);
  });
  const schema = (node: unknown, p: Path): void => {
    if (!isObj(node) || !isObj(node.properties) || p.length > MAX_DEPTH) return;
    for (const [name, prop] of Object.entries(node.properties)) {
      if (!isObj(prop)) continue;
      const pp = [...p, 'properties', name];
      const declared = prop.format === 'password' || prop['x-secret'] === true || prop.secret === true;
      const s = strengthFor(name, true) ?? (declared ? 'declared' : undefined);
      if (s && typeof prop.default === 'string') hit([...pp, 'default'], prop.default, s);
      schema(prop, pp);
    }
  };
  schema(start.configSchema, ['startCommand', 'configSchema']);
  return hits;
}

export const smitheryConfigSecret: StructuredRule = {
  id: 'smithery-config-secret',
  confidence: 'medium',
  title: 'Secret in smithery.yaml exampleConfig or configSchema default',
  severity: 'high',
  generic: true,
  keywords: ['exampleconfig', 'configschema'],
  detect: (doc, path) => smitheryHits(doc, path),
  get examples() {
    return {
      positive: [
        { path: 'smithery.yaml', text: `startCommand:\n  type: stdio\n  exampleConfig:\n    braveApiKey: ${regToken}\n` },
        { path: 'smithery.yaml', text: `startCommand:\n  type: stdio\n  configSchema:\n    type: object\n    properties:\n      apiKey:\n        type: string\n        default: "${regToken}"\n` },
      ],
      negative: [
        { path: 'smithery.yaml', text: `startCommand:\n  type: stdio\n  exampleConfig:\n    braveApiKey: your-brave-api-key\n` },
        { path: 'smithery.yaml', text: `startCommand:\n  type: stdio\n  configSchema:\n    properties:\n      apiKey:\n        type: string\n        description: Your API key\n      region:\n        default: us-east-1\n` },
        { path: 'smithery.yaml', text: `startCommand:\n  type: stdio\n  exampleConfig:\n    apiKey: "\${API_KEY}"\n` },
      ],
    };
  },
};

// ---------------------------------------------------------------- secret-named keys in any document

const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|composer\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|bun\.lock|uv\.lock|Gemfile\.lock)$/;

/**
 * `key` alone occurs in nearly every JSON file, so the gate lists the secret compounds (`api_key`, `apiKey`,
 * `secret-key`…) instead; `auth` is gated as a whole key (`auth"`, `auth:`) so `"author"` does not open the file.
 */
const CONFIG_KEYWORDS = [...SECRET_NAME_KEYWORDS, 'passw', 'pwd', 'passphrase', 'passcode', 'pass"', 'pass:', 'pass='];

function keyedHits(doc: StructuredDocument, path: string): StructuredHit[] {
  if (LOCKFILE.test(path.replace(/\\/g, '/'))) return [];
  const hits: StructuredHit[] = [];
  for (const leaf of doc.leaves) {
    const key = leaf.path[leaf.path.length - 1];
    if (typeof key !== 'string') continue;
    const s = strengthFor(key, false);
    if (!s || isApiKeyHeader(key)) continue;
    if (leaf.path.some((p) => typeof p === 'string' && NAME_HOLDERS.has(p))) continue;
    if (containsReference(leaf.value) || !isSecretValue(leaf.value, s)) continue;
    hits.push({ leaf });
  }
  return hits;
}

/**
 * Text shape every hit of config-secret has: a key ending in a secret word (classifyKey judges a key by its
 * last word, so only separators may follow it: `api_key`, `dbPassword`, `GITHUB_PAT`, not `path` or
 * `keymap`), a separator, then (possibly after a YAML block indicator and a line break, or TOML's triple
 * quotes) at least 6 value characters that do not open a reference, object or array. Most files that merely
 * mention `token` or `secret` (CI workflows reading `${{ secrets.X }}`) fail it and are never parsed.
 */
const CONFIG_SECRET_SHAPE =
  /(?:key|token|secret|credentials?|creds|auth|pat|pass(?:word|wd|phrase|code)?|pwd)[^a-z0-9\s"':=]*["']?[ \t]*[:=][ \t]*(?:[|>][-+0-9]*[ \t]*)?(?:\r?\n[ \t]*)?["']{0,3}(?![$\[{])[^\s"'#,]{6}/i;

export const configSecret: StructuredRule = {
  id: 'config-secret',
  title: 'Secret-named key with a literal value in a config file',
  severity: 'high',
  generic: true,
  keywords: CONFIG_KEYWORDS,
  textGate: CONFIG_SECRET_SHAPE,
  detect: (doc, path) => keyedHits(doc, path),
  get examples() {
    return {
      positive: [
        { path: 'config.yaml', text: `service:\n  api_key: >-\n    ${envToken2}\n` },
        { path: 'app.toml', text: `[auth]\nclient_secret = '''${envToken2}'''\n` },
        { path: 'settings.json', text: `{ // comment\n  "search": { "secretKey": "${envToken2}", },\n}` },
        { path: 'db.yaml', text: `db:\n  password: "Xq7-${regToken.slice(0, 8)}"\n` },
      ],
      negative: [
        { path: 'config.yaml', text: `service:\n  api_key: \${API_KEY}\n  token_url: https://acme.io/token\n` },
        { path: 'package-lock.json', text: `{"packages":{"x":{"integrity":"sha512-abc","token":"${envToken2}"}}}` },
        { path: 'app.toml', text: `[auth]\nclient_secret = "CHANGE_ME"\nmax_tokens = 4096\n` },
        { path: 'config.toml', text: `[mcp_servers.s]\nenv_vars = ["API_TOKEN"]\nbearer_token_env_var = "API_TOKEN"\n` },
        { path: 'tsconfig.json', text: `{"compilerOptions":{"keyofStringsOnly":true,"tokenizer":"${envToken2}"}}` },
      ],
    };
  },
};

export const mcpStructuredRules: StructuredRule[] = [mcpRegistrySecret, smitheryConfigSecret, mcpServerSecret, configSecret];
