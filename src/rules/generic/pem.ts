// PEM private keys (RSA, EC, DSA, OpenSSH, PKCS#8, PGP). A real base64 body is required, so documentation
// like `-----BEGIN RSA PRIVATE KEY-----\n...\n-----END…` is not a finding; JSON-escaped `\n` (GCP
// service-account files) is handled. Encrypted keys are reported by their own, lower-severity rule.
import type { Rule } from '../../engine/types.js';
import { fakeToken, ALPHABETS } from '../fake.js';

const PEM = /(?<secret>-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{40,24000}?)-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----)/;

interface PemShape {
  body: string;
  encrypted: boolean;
}

/** Base64 body of a PEM block with headers and escapes removed, or undefined when it is not real key data. */
export function pemShape(block: string): PemShape | undefined {
  const label = /-----BEGIN ([ A-Z0-9]*)-----/.exec(block)?.[1] ?? '';
  const inner = block
    .replace(/^-----BEGIN[^-]*-----/, '')
    .replace(/-----END[^-]*-----$/, '')
    .replace(/\\r|\\n/g, '\n');
  const lines: string[] = [];
  let procEncrypted = false;
  for (const raw of inner.split(/\r?\n/)) {
    // Strip quoting and indentation from keys embedded in code, YAML blocks or concatenated strings.
    const line = raw.trim().replace(/^["'`+\s]+|["'`+,\s\\]+$/g, '');
    if (!line) continue;
    if (/^[A-Za-z-]+:\s/.test(line)) {
      if (/^Proc-Type:\s*4,ENCRYPTED/i.test(line)) procEncrypted = true;
      continue;
    }
    if (/^=[A-Za-z0-9+/]{4}$/.test(line)) continue; // PGP checksum
    lines.push(line);
  }
  const body = lines.join('');
  if (body.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  if (/(.)\1{19,}/.test(body) || new Set(body).size < 20 || /xxxx|XXXX|EXAMPLE/.test(body)) return undefined;
  let encrypted = procEncrypted || label.includes('ENCRYPTED');
  if (label.startsWith('OPENSSH')) {
    // openssh-key-v1\0, then the cipher name as a length-prefixed string: "none" means unencrypted.
    const raw = Buffer.from(body.slice(0, 64), 'base64');
    if (raw.subarray(0, 14).toString('latin1') === 'openssh-key-v1') {
      const len = raw.readUInt32BE(15);
      const cipher = raw.subarray(19, 19 + Math.min(len, 32)).toString('latin1');
      encrypted = cipher !== 'none';
    }
  }
  return { body, encrypted };
}

const b64 = (n: number, seed: number) => fakeToken('', n, seed, ALPHABETS.base64);
const lines = (s: string) => s.match(/.{1,64}/g)!.join('\n');
const rsa = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${lines(b64(600, 501))}\n-----END RSA PRIVATE KEY-----`;
const pkcs8Escaped = `-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${b64(400, 502).match(/.{1,64}/g)!.join('\\n')}\\n-----END PRIVATE KEY-----\\n`;
function opensshBody(cipher: string): string {
  const bytes = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    Buffer.from([0, 0, 0, cipher.length]),
    Buffer.from(cipher, 'latin1'),
  ]);
  // Pad to whole base64 groups so the random tail continues the same body without '='.
  const head = Buffer.concat([bytes, Buffer.alloc((3 - (bytes.length % 3)) % 3)]).toString('base64');
  return lines(head + b64(300, 503 + cipher.length));
}
const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody('none')}\n-----END OPENSSH PRIVATE KEY-----`;
const opensshEncrypted = `-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody('aes256-ctr')}\n-----END OPENSSH PRIVATE KEY-----`;
const ec = `-----BEGIN EC PRIVATE KEY-----\n${lines(b64(160, 504))}\n-----END EC PRIVATE KEY-----`;
const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF${lines(b64(400, 505))}\n=a1B2\n-----END PGP PRIVATE KEY BLOCK-----`;
const encryptedPkcs8 = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${lines(b64(400, 506))}\n-----END ENCRYPTED PRIVATE KEY-----`;
const procEncrypted = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${fakeToken('', 32, 507, ALPHABETS.hexUpper)}\n\n${lines(b64(400, 508))}\n-----END RSA PRIVATE KEY-----`;
const docSnippets = [
  `-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----`,
  `"private_key": "-----BEGIN PRIVATE KEY-----\\n<your key here>\\n-----END PRIVATE KEY-----\\n"`,
  `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n(key material goes here, keep it secret)\n-----END PRIVATE KEY-----`,
  `-----BEGIN PUBLIC KEY-----\n${lines(b64(300, 509))}\n-----END PUBLIC KEY-----`,
  `const header = "-----BEGIN PRIVATE KEY-----"; const footer = "-----END PRIVATE KEY-----";`,
  `-----BEGIN OPENSSH PRIVATE KEY-----\n${'A'.repeat(200)}\n-----END OPENSSH PRIVATE KEY-----`,
];

export const privateKey: Rule = {
  id: 'private-key',
  confidence: 'high',
  title: 'Private key',
  severity: 'critical',
  generic: true,
  keepPlaceholders: true,
  keywords: ['private key'],
  pattern: PEM,
  validate: (block) => pemShape(block)?.encrypted === false,
  get examples() {
    return {
      positive: [rsa, `"private_key": "${pkcs8Escaped}"`, openssh, ec, pgp, `key: |\n  ${rsa.replace(/\n/g, '\n  ')}`],
      negative: [...docSnippets, encryptedPkcs8, procEncrypted, opensshEncrypted],
    };
  },
};

export const privateKeyEncrypted: Rule = {
  id: 'private-key-encrypted',
  confidence: 'medium',
  title: 'Encrypted private key',
  severity: 'medium',
  generic: true,
  keepPlaceholders: true,
  keywords: ['private key'],
  pattern: PEM,
  validate: (block) => pemShape(block)?.encrypted === true,
  get examples() {
    return {
      positive: [encryptedPkcs8, procEncrypted, opensshEncrypted],
      negative: [...docSnippets, rsa, openssh],
    };
  },
};

export const pemRules: Rule[] = [privateKey, privateKeyEncrypted];
