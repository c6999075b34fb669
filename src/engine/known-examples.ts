// Published test vectors: values that vendors and RFCs print in their docs (AWS's AKIAIOSFODNN7EXAMPLE, the
// jwt.io sample token, RFC 7636's PKCE pair, Stripe's documented test keys). They match real rules, so they
// are reported marked `example` (when asked) rather than silently dropped or reported as live. The list holds
// SHA-256 prefixes, not the values, so this file does not itself read as a list of credentials; the length
// beside each hash keeps the lookup from hashing every candidate.
import { createHash } from 'node:crypto';

const KNOWN: [hash: string, length: number, label: string][] = [
  // AWS documentation
  ['1a5d44a2dca19669d72edf4c4f1c27c4', 20, 'AWS documentation'],
  ['78314b11be2e581549ac1c4f616563fa', 40, 'AWS documentation'],
  ['cb20d34a7adda2f5d2043836051e242f', 20, 'AWS documentation'],
  ['e21b597ba6b9cafa59d9ebc4d65c0385', 40, 'AWS documentation'],
  ['c6ea27c534f993d31f0aef882e3d200e', 20, 'AWS documentation'],
  // jwt.io sample token
  ['7f75367e7881255134e1375e723d1dea', 155, 'jwt.io sample token'],
  ['051d093c4bdedbf23f905ad01d9c6111', 43, 'jwt.io sample token'],
  ['c794fa6d20c64efb9adf980ae93af472', 172, 'jwt.io sample token'],
  // RFC 7636 (PKCE)
  ['1dfea0e12d4ba98a44badc95373011b9', 43, 'RFC 7636 (PKCE)'],
  ['0d299b1eb548708d04534e7e050c427b', 43, 'RFC 7636 (PKCE)'],
  // RFC 6749 / 6750
  ['b8e148545b13c78bc74da2f1a7275dd7', 15, 'RFC 6749 / 6750'],
  ['6c96130f130ab0d6d158397e24d2bcc1', 22, 'RFC 6749 / 6750'],
  ['00cf4c781dc37003f7c7dd7d4c9a6ef1', 22, 'RFC 6749 / 6750'],
  ['a35b81a7d7927b70ec99270dd2362b88', 22, 'RFC 6749 / 6750'],
  ['ca7459e2b26776de081b9a07e40227fd', 28, 'RFC 6749 / 6750'],
  ['ed8462e1cfbe0f3a5cd09f77c657b520', 10, 'RFC 6749 / 6750'],
  ['53f5da0aaa93d64cd5772c554cbf940f', 10, 'RFC 6749 / 6750'],
  ['a71b359a87afde133e6d9731de69f882', 12, 'RFC 6749 / 6750'],
  ['9e309cccd311ea64d04133daf7760f71', 10, 'RFC 6749 / 6750'],
  // RFC 5849 (OAuth 1.0)
  ['8d567eb88afff34f31ab97fbb2731e58', 16, 'RFC 5849 (OAuth 1.0)'],
  ['9d03b692e941d5ace207a9f804883443', 16, 'RFC 5849 (OAuth 1.0)'],
  ['293257ab6495ebb11cf9e4aee0686ca3', 16, 'RFC 5849 (OAuth 1.0)'],
  ['4c20e6f5cc11b93731e74cbe20739821', 16, 'RFC 5849 (OAuth 1.0)'],
  ['bb9b1163338b2a51495834ad5c654204', 16, 'RFC 5849 (OAuth 1.0)'],
  ['128e8e99b7b9ff47335bfb2e33ffe28b', 16, 'RFC 5849 (OAuth 1.0)'],
  ['d6e099192e6f7fb7053b7bc7a96e15a1', 6, 'RFC 5849 (OAuth 1.0)'],
  ['cb87c87e4a138d9a72259d2a01bab156', 16, 'RFC 5849 (OAuth 1.0)'],
  ['649e1f5c769e718ba10d1a702a36499a', 16, 'RFC 5849 (OAuth 1.0)'],
  // Azure storage / Cosmos DB emulator
  ['0011cc25eb4320717494d2703e8cba85', 88, 'Azure storage / Cosmos DB emulator'],
  ['aa6547439583c3a275d4542a0df6c1ad', 88, 'Azure storage / Cosmos DB emulator'],
  // Stripe documentation
  ['2cafc0970149a84f3b9e62eaf169f36f', 32, 'Stripe documentation'],
  ['f2d6ca16515033e5dce14eba840b979d', 32, 'Stripe documentation'],
  ['b1471f544ceeea31333bde7e1ecbaad6', 32, 'Stripe documentation'],
];

const BY_HASH = new Map(KNOWN.map(([h, , label]) => [h, label]));
const LENGTHS = new Set(KNOWN.map(([, n]) => n));
/** AWS documentation's whole family (AKIA…EXAMPLE key IDs, …EXAMPLEKEY secrets), whatever the middle. */
const AWS_FAMILY = /^(?:AKIA|ASIA)[A-Z0-9]{8}EXAMPLE$|^[A-Za-z0-9/+]{30}EXAMPLEKEY$/;

/** Where the value is published when it is a known public test vector; undefined otherwise. */
export function knownExample(value: string): string | undefined {
  if (value.length >= 20 && value.length <= 40 && value.includes('EXAMPLE') && AWS_FAMILY.test(value)) return 'AWS documentation';
  if (!LENGTHS.has(value.length)) return undefined;
  return BY_HASH.get(createHash('sha256').update(value).digest('hex').slice(0, 32));
}
