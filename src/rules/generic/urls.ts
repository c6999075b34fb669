// Credentials inside URLs: `https://user:pass@host` userinfo and secret query parameters (`?api_key=…`,
// `&token=…`, `exaApiKey=…`). Database URLs are the connection-string rule's.
import type { Rule } from '../../engine/types.js';
import { isPlaceholder } from '../../engine/placeholder.js';
import { isReference } from '../../engine/reference.js';
import { fakeToken, ALPHABETS } from '../fake.js';
import { isValidJwt } from './jwt.js';
import { classifyKey } from './names.js';
import { isSecretValue } from './values.js';

/** Schemes owned by connection-strings.ts. */
export const DATABASE_SCHEMES =
  /^(?:jdbc:)?(?:postgres(?:ql)?|mysqlx?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|cockroach)(?:\+[a-z0-9]+)?$/i;

/** Passwords that stand for "put yours here", plus anything equal to the user name (`guest:guest`). */
export function isPlaceholderPassword(password: string, user: string): boolean {
  const p = decodeSafe(password);
  if (p.length < 3) return true;
  if (p === decodeSafe(user)) return true;
  if (/^(?:pass(?:word)?\d?|passwd|pwd|secret|pw|p|x+|\*+|\.+|admin|root|guest|test|changeme|example|mysecretpassword|postgres|mysql|mongo|mongodb|redis|rabbit(?:mq)?|sa|user|demo|default|token|apikey|api_key|your[-_]?password|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|%s|:\w+)$/i.test(p))
    return true;
  return isReference(p) || /\$\{|\$[A-Z_]|\{\{|%\(|<%/.test(p) || isPlaceholder(p);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|host|hostname|your[-_]?host|domain\.com|server)$/i;

const pass = fakeToken('', 14, 301) + '9';
const user = 'svc-reporter';

export const urlCredentials: Rule = {
  id: 'url-credentials',
  confidence: 'medium',
  title: 'Password in a URL',
  severity: 'high',
  generic: true,
  keywords: ['://'],
  // `://` comes first so the engine scans for a literal; the scheme is checked behind it (≈25× faster than
  // trying a scheme at every word start).
  pattern:
    /:\/\/(?<=\b(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/)(?<user>[^\s:/@'"<>`]{0,128}):(?<secret>[^\s:/@'"<>`]{3,128})@(?<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+)/,
  validate: (password, m) => {
    const g = m.groups ?? {};
    if (DATABASE_SCHEMES.test(g.scheme ?? '')) return false;
    if (EXAMPLE_HOST.test(g.host ?? '')) return false;
    if (isPlaceholderPassword(password, g.user ?? '')) return false;
    // `x-oauth-basic` says the user part is the token; provider rules see that part.
    if (/^x-oauth-(?:basic|token)$/.test(password)) return false;
    return isSecretValue(decodeSafe(password), 'password');
  },
  get examples() {
    return {
      positive: [
        `https://${user}:${pass}@mcp.internal.acme.io/sse`,
        `"url": "https://deploy:${pass}@registry.acme.io/simple"`,
        `git clone https://bot:${pass}@git.acme.io/team/repo.git`,
        `ftp://backup:${pass}@10.0.0.12/dumps`,
        `HTTP_PROXY=http://proxy-user:${pass}@proxy.corp.local:3128`,
        `sftp://deploy:${pass}@10.2.3.4:22/srv`,
        `ldaps://cn=binder,dc=acme,dc=io:${pass}@ldap.acme.io:636`,
        `http://svc:${pass}@10.0.0.5:8080/api`,
        `http://admin:${pass}@[fd00::5]:8080/`,
        `"url": "https://svc:${pass}@localhost:8443/mcp"`,
        `mqtt://device:${pass}@broker.acme.io:1883`,
        `neo4j+s://neo4j:${pass}@ab12cd34.databases.neo4j.io`,
        `smtp://mailer:${pass}@smtp.acme.io:587`,
      ],
      negative: [
        `https://user:password@example.com`,
        `"http://jane:p%40ssword@google.com",`,
        `Parse("http://user^:passwo^rd@foo.com/")`,
        `git push https://你的用户名:你的token@github.com/acme/repo.git`,
        `https://user:pass@host/path`,
        `https://\${USER}:\${PASS}@mcp.acme.io`,
        `https://admin:<password>@mcp.acme.io`,
        `https://git:x-oauth-basic@github.com/a/b`,
        `https://user:\${{ secrets.PW }}@acme.io`,
        `postgres://app:${pass}@db.acme.io/prod`,
        `https://user@mcp.acme.io/sse`,
        `https://mcp.acme.io:8443/sse`,
        `https://guest:guest@mq.acme.io`,
        `https://%s:%s@%s/`,
        `http://{user}:{password}@{host}`,
        `git@github.com:acme/repo.git`,
        `ssh://git@github.com:22/acme/repo.git`,
        `http://[2001:db8::1]:8080/path`,
        `http://localhost:8080/mcp@latest`,
        `https://username:password@192.168.0.1`,
        `ftp://anonymous:anonymous@ftp.acme.io`,
        `http://$USER:$PASS@10.0.0.5`,
        `mysql+pymysql://root:${pass}@db:3306/app`,
      ],
    };
  },
};

const q1 = fakeToken('', 32, 302);
const q2 = fakeToken('', 40, 303, ALPHABETS.hexLower);

export const urlQuerySecret: Rule = {
  id: 'url-query-secret',
  title: 'Secret in a URL query parameter',
  severity: 'high',
  generic: true,
  keywords: ['key=', 'token=', 'secret=', 'password=', 'passwd=', 'pwd=', 'auth='],
  pattern:
    /[?&](?:amp;)?(?<name>(?:[A-Za-z_][\w.-]{0,40}?)?(?:key|token|secret|passw(?:or)?d|pwd|auth))=(?<secret>[^&#\s'"<>\\`]{12,512})/i,
  validate: (value, m) => {
    const name = m.groups?.name ?? '';
    // The host of the URL this query belongs to: documentation hosts carry made-up keys.
    const before = m.input.slice(Math.max(0, m.index - 300), m.index);
    const host = /:\/\/(?:[^\s/@'"]*@)?([A-Za-z0-9.-]+)[^\s'"]*$/.exec(before)?.[1] ?? '';
    if (EXAMPLE_HOST.test(host)) return false;
    const kind = classifyKey(name);
    const bare = name.toLowerCase() === 'key';
    if (!kind && !bare) return false;
    const v = decodeSafe(value);
    if (isValidJwt(v)) return false; // the jwt rule reports it
    // A bare UUID under a generic `token=` is a download/share id (Firebase storage, CDN links in READMEs);
    // UUID-shaped API keys are the provider rules' (they know the parameter, e.g. exaApiKey).
    if (UUID.test(v) && !/key|secret|passw|pwd/i.test(name)) return false;
    if (kind === 'password') return isSecretValue(v, 'password');
    return isSecretValue(v, bare ? 'bare' : 'named');
  },
  get examples() {
    return {
      positive: [
        `https://mcp.exa.ai/mcp?exaApiKey=${q1}`,
        `"url": "https://mcp.tavily.com/mcp/?tavilyApiKey=${q1}"`,
        `https://api.acme.io/v1/search?q=mcp&api_key=${q2}`,
        `wss://stream.acme.io/feed?token=${q1}&v=2`,
        `https://server.smithery.ai/@acme/tool/mcp?api_key=${q2}&profile=default`,
        `https://acme.io/hook?access_token=${q1}`,
        `https://api.acme.io/v1?api-key=${q2}`,
        `https://maps.acme.io/embed?key=${fakeToken('', 39, 304)}`,
      ],
      negative: [
        `https://mcp.exa.ai/mcp?exaApiKey=\${EXA_API_KEY}`,
        `https://mcp.exa.ai/mcp?exaApiKey=YOUR_EXA_API_KEY`,
        `https://api.acme.io/?api_key=<API_KEY>`,
        `https://docs.acme.io/?key=value`,
        `https://docs.acme.io/?key=getting-started-guide`,
        `https://acme.io/?sort_key=createdAtDescending`,
        `https://acme.io/?token={token}`,
        `https://acme.io/page?next_page_token=${q1}`,
        `https://acme.io/?api_key=%s`,
        `https://acme.io/?key=${fakeToken('', 8, 305)}`,
        `https://acme.io/x?token=\${{ secrets.TOKEN }}`,
        `https://cdn.acme.io/lib.js?key=1234567890123456`,
        `const input = "https://example.com?key=${q1}${q2}";`,
        // Firebase storage download links in README images carry a UUID `token`.
        `<img src="https://files.acme.io/o/logo.svg?alt=media&token=3ba24089-0ab2-421f-a9d9-41f2f94f954a">`,
      ],
    };
  },
};

export const urlRules: Rule[] = [urlCredentials, urlQuerySecret];
