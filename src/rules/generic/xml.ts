// Secrets in XML configs: `<password>…</password>` (Maven settings.xml, NuGet), `<add key="ApiKey" value="…"/>`
// (.NET app.config).
import type { Rule } from '../../engine/types.js';
import { fakeToken } from '../fake.js';
import { isValidJwt } from './jwt.js';
import { classifyKey } from './names.js';
import { isSecretValue } from './values.js';

const SECRET_WORDS = 'passw(?:or)?d|pwd|passphrase|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|credentials?';

function judge(key: string, value: string): boolean {
  const kind = classifyKey(key);
  if (!kind || isValidJwt(value)) return false;
  return isSecretValue(value, kind === 'password' ? 'password' : 'named');
}

const v1 = fakeToken('', 28, 801);
const pw = `${fakeToken('', 12, 802)}#4`;

export const xmlSecretElement: Rule = {
  id: 'xml-secret-element',
  title: 'Secret in an XML element',
  severity: 'high',
  generic: true,
  keywords: ['pass', 'pwd', 'secret', 'token', 'key>', 'credential'],
  // Starts at `<` (a literal the scan can look for); the closing tag must repeat the element name.
  pattern: new RegExp(`<(?<key>[\\w.:-]{0,40}?(?:${SECRET_WORDS}))>(?<secret>[^<>\\s]{6,200})</\\k<key>>`, 'i'),
  validate: (value, m) => judge(m.groups?.key ?? '', value),
  get examples() {
    return {
      positive: [
        `<server><id>releases</id><username>deploy</username><password>${pw}</password></server>`,
        `<apiKey>${v1}</apiKey>`,
        `<ClearTextPassword>${pw}</ClearTextPassword>`,
        `<client_secret>${v1}</client_secret>`,
      ],
      negative: [
        `<password>\${env.MAVEN_PASSWORD}</password>`,
        `<password>{{ maven_password }}</password>`,
        `<password>changeme</password>`,
        `<apiKey>YOUR_API_KEY</apiKey>`,
        `<token>\${TOKEN}</token>`,
        `<passwordPolicy>strong-passwords-only</passwordPolicy>`,
        `<tokenizer>${v1}</tokenizer>`,
      ],
    };
  },
};

export const xmlSecretAttribute: Rule = {
  id: 'xml-secret-attribute',
  title: 'Secret in an XML key/value attribute pair',
  severity: 'high',
  generic: true,
  keywords: ['value='],
  pattern: new RegExp(
    `\\b(?:key|name)="(?<key>[\\w.:-]{0,40}?(?:${SECRET_WORDS}))"\\s+value="(?<secret>[^"<>\\s]{6,200})"`,
    'i',
  ),
  validate: (value, m) => judge(m.groups?.key ?? '', value),
  get examples() {
    return {
      positive: [
        `<add key="PaymentApiKey" value="${v1}" />`,
        `<add name="DbPassword" value="${pw}"/>`,
      ],
      negative: [
        `<add key="ApiKey" value="#{ApiKey}#" />`,
        `<add key="ApiKeyHeader" value="X-Api-Key-Value-12" />`,
        `<add key="Token" value="%TOKEN%" />`,
        `<add key="ApiKey" value="your-api-key" />`,
        `<add key="ClientValidationEnabled" value="true" />`,
      ],
    };
  },
};

export const xmlRules: Rule[] = [xmlSecretElement, xmlSecretAttribute];
