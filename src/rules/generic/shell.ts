// Credentials in shell-level files and commands: `.netrc` machine entries and `curl -u user:password`.
import type { Rule } from '../../engine/types.js';
import { fakeToken } from '../fake.js';
import { isPlaceholderPassword } from './urls.js';
import { isSecretValue } from './values.js';

const pw = `${fakeToken('', 16, 951)}3`;

export const netrcPassword: Rule = {
  id: 'netrc-password',
  title: 'Password in a .netrc entry',
  severity: 'high',
  generic: true,
  keywords: ['machine'],
  pattern: /\bmachine[ \t]{1,16}\S{1,253}\s{1,64}(?:login[ \t]{1,16}(?<user>\S{1,128})\s{1,64})?password[ \t]{1,16}(?<secret>\S+)/,
  validate: (value, m) => !isPlaceholderPassword(value, m.groups?.user ?? '') && isSecretValue(value, 'password'),
  get examples() {
    return {
      positive: [`machine api.acme.io\n  login deploy\n  password ${pw}`, `machine git.acme.io login bot password ${pw}`],
      negative: [
        `machine api.acme.io login deploy password \${NETRC_PASSWORD}`,
        `machine example.com login user password password`,
        `machine api.acme.io login me password <password>`,
        `The machine password is rotated daily.`,
        `machine x login y password changeme`,
      ],
    };
  },
};

export const curlAuthUser: Rule = {
  id: 'curl-auth-user',
  title: 'Password in a curl -u option',
  severity: 'high',
  generic: true,
  keywords: ['curl'],
  pattern: /\bcurl\b[^\n]{0,300}?[ \t](?:-u|--user)[ \t]*["']?(?<user>[^:\s'"]{1,64}):(?<secret>[^\s'"]{4,128})/,
  validate: (value, m) => !isPlaceholderPassword(value, m.groups?.user ?? '') && isSecretValue(value, 'password'),
  get examples() {
    return {
      positive: [`curl -u deploy:${pw} https://api.acme.io/v1/jobs`, `curl -s --user "svc:${pw}" https://x.acme.io`],
      negative: [
        `curl -u user:password https://api.acme.io`,
        `curl -u "$USER:$PASSWORD" https://api.acme.io`,
        `curl -u admin:\${ADMIN_PASSWORD} https://x`,
        `curl -u api:<api-key> https://api.mailgun.net`,
        `curl -u "\${API_KEY}:" https://api.acme.io`,
        `curl https://api.acme.io -u me:xxxxxxxx`,
      ],
    };
  },
};

export const shellRules: Rule[] = [netrcPassword, curlAuthUser];
