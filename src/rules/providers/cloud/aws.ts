// Amazon Web Services: access key IDs, secret access keys (named, or paired with a key ID), session tokens,
// Bedrock and AppSync API keys.
import type { Rule } from '../../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../../assigned.js';
import { ALPHABETS, fakeToken } from '../../fake.js';

const { hexLower, base64, lowerAlnum } = ALPHABETS;
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const awsKeyId = (seed: number, prefix = 'AKIA') => fakeToken(prefix, 16, seed, base32);
const awsSecret = (seed: number) => fakeToken('', 40, seed, base64);
/** The name an AWS secret key goes by; the pair rule must not report what the named rule already does. */
const AWS_SECRET_NAME = 'aws[\\w.-]{0,12}?secret|secret[_.-]?access[_.-]?key';

export const rules: Rule[] = [
  {
    id: 'aws-access-token',
    title: 'AWS access key ID',
    provider: 'Amazon Web Services',
    severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    pattern: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    entropy: 3,
    confidence: 'high',
    get examples() {
      return {
        positive: [`AWS_ACCESS_KEY_ID=${awsKeyId(1)}`, `"AccessKeyId": "${awsKeyId(2, 'ASIA')}"`, `aws_access_key_id = ${awsKeyId(3)}`],
        negative: [
          'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
          `AKIA${fakeToken('', 16, 4, lowerAlnum)}`,
          'ASIAPACIFICREGIONSTORE',
          `AKIA${fakeToken('', 18, 5, base32)}`,
          // Account numbers and ARNs are identifiers.
          'AWS_ACCOUNT_ID=123456789012',
          'arn:aws:iam::123456789012:role/mcp-server',
        ],
        published: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', '"AccessKeyId": "ASIAIOSFODNN7EXAMPLE"'],
      };
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    provider: 'Amazon Web Services',
    severity: 'critical',
    keywords: ['aws', 'secret_access_key', 'secretaccesskey', 'secret-access-key'],
    pattern: assignedTo(AWS_SECRET_NAME, '[A-Za-z0-9/+]{40}'),
    entropy: 4.2,
    context: /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/,
    validate: mixedCase,
    get examples() {
      return {
        positive: [
          `aws_secret_access_key = ${awsSecret(1)}`,
          `"SecretAccessKey": "${awsSecret(2)}"`,
          `export AWS_SECRET_KEY='${awsSecret(3)}'`,
        ],
        negative: [
          'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          `AWS_SECRET_ACCESS_KEY=${fakeToken('', 40, 4, hexLower)}`,
          `AWS_SESSION_NAME=${awsSecret(5)}`,
          `AWS_SECRET_ACCESS_KEY=arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/aws-Ab12Cd`,
        ],
        published: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'],
      };
    },
  },
  {
    id: 'aws-secret-access-key-pair',
    title: 'AWS secret access key next to its access key ID',
    provider: 'Amazon Web Services',
    severity: 'critical',
    keywords: ['akia', 'asia'],
    // A 40-character base64 value shortly after a key ID (CSV exports, code, unnamed args), unless it is
    // already assigned to an AWS secret name, which aws-secret-access-key reports.
    pattern: new RegExp(
      `\\b(?:AKIA|ASIA)[A-Z2-7]{16}\\b[\\s\\S]{0,160}?(?<![A-Za-z0-9/+]|(?:${AWS_SECRET_NAME})[\\w.-]{0,20}[\\s'"\`]{0,3}(?:=|:|=>|:=|,)[\\s'"\`]{0,5})([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'i',
    ),
    entropy: 4.3,
    validate: mixedCase,
    get examples() {
      return {
        positive: [
          `User name,Access key ID,Secret access key\nci-bot,${awsKeyId(1)},${awsSecret(2)}`,
          `const s3 = new S3Client({ credentials: { accessKeyId: "${awsKeyId(3)}", secret: "${awsSecret(4)}" } });`,
        ],
        negative: [
          `aws_access_key_id = ${awsKeyId(5)}\naws_secret_access_key = ${awsSecret(6)}`,
          `${awsKeyId(7)} deployed commit ${fakeToken('', 40, 8, hexLower)}`,
          `${awsKeyId(9)},${fakeToken('', 120, 10, base64)}`,
        ],
      };
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS session token',
    provider: 'Amazon Web Services',
    severity: 'high',
    keywords: ['session_token', 'sessiontoken', 'session-token'],
    pattern: assignedTo('aws[\\w.-]{0,8}?session[_.-]?token|\\bsessiontoken', '[A-Za-z0-9/+]{100,1500}={0,2}'),
    entropy: 4.5,
    get examples() {
      return {
        positive: [
          `aws_session_token = IQoJb3JpZ2luX2Vj${fakeToken('', 300, 1, base64)}`,
          `"SessionToken": "FwoGZXIvYXdzE${fakeToken('', 200, 2, base64)}"`,
        ],
        negative: ['aws_session_token = <session token>', `"SessionToken": "${fakeToken('', 40, 3, base64)}"`],
      };
    },
  },
  {
    id: 'aws-bedrock-api-key-long-lived',
    title: 'Amazon Bedrock API key (long-term)',
    provider: 'Amazon Web Services',
    severity: 'critical',
    keywords: ['absk'],
    pattern: /\b(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{80,300}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS${fakeToken('', 110, 1, base64)}`,
          `"AWS_BEARER_TOKEN_BEDROCK": "ABSKQmVkcm9ja0FQSUtleS${fakeToken('', 130, 2, base64)}="`,
        ],
        negative: ['AWS_BEARER_TOKEN_BEDROCK=ABSK...', `ABSKQmVkcm9ja0FQSUtleS${fakeToken('', 20, 3, base64)}`],
      };
    },
  },
  {
    id: 'aws-bedrock-api-key-short-lived',
    title: 'Amazon Bedrock API key (short-term)',
    provider: 'Amazon Web Services',
    severity: 'high',
    keywords: ['bedrock-api-key-'],
    pattern: /\b(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,4000}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${fakeToken('', 600, 1, base64)}`,
          `token: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${fakeToken('', 400, 2, base64)}=="`,
        ],
        negative: ['AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-...', 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t'],
      };
    },
  },
  {
    id: 'aws-appsync-api-key',
    title: 'AWS AppSync API key',
    provider: 'Amazon Web Services',
    severity: 'medium',
    keywords: ['da2-'],
    pattern: /\b(da2-[a-z0-9]{26})\b/,
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`APPSYNC_API_KEY=${fakeToken('da2-', 26, 1, lowerAlnum)}`, `headers: { "x-api-key": "${fakeToken('da2-', 26, 2, lowerAlnum)}" }`],
        negative: ['APPSYNC_API_KEY=da2-xxxxxxxxxxxxxxxxxxxxxxxxxx', `da2-${fakeToken('', 12, 3, lowerAlnum)}`],
      };
    },
  },
];
