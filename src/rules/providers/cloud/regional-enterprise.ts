// Regional and enterprise clouds: Alibaba Cloud, Tencent Cloud, Yandex Cloud, IBM Cloud, Oracle Cloud.
import type { Rule } from '../../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../../assigned.js';
import { ALPHABETS, fakeToken } from '../../fake.js';
import { base64Key32, uuid } from './fakes.js';

const { hexLower, base64url, lowerAlnum } = ALPHABETS;

export const rules: Rule[] = [
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    provider: 'Alibaba Cloud',
    severity: 'high',
    keywords: ['ltai'],
    pattern: /\b(LTAI[A-Za-z0-9]{12,20})\b/,
    entropy: 3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5t${fakeToken('', 18, 1)}`, `accessKeyId: "LTAI${fakeToken('', 20, 2)}"`],
        negative: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxx', 'LTAIMPLEMENTATIONDETAILS'],
      };
    },
  },
  {
    id: 'alibaba-secret-key',
    title: 'Alibaba Cloud AccessKey secret',
    provider: 'Alibaba Cloud',
    severity: 'critical',
    keywords: ['alibaba', 'aliyun', 'alicloud'],
    pattern: assignedTo('(?:alibaba|aliyun|alicloud)', '[A-Za-z0-9]{30}', { then: '[\\w.-]{0,20}?secret' }),
    entropy: 3.9,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${fakeToken('', 30, 1)}`, `aliyun_secret: "${fakeToken('', 30, 2)}"`],
        negative: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret>', `ALIBABA_CLOUD_REGION_SECRET_NAME=${fakeToken('', 30, 3, lowerAlnum)}`],
      };
    },
  },
  {
    id: 'ibm-cloud-api-key',
    title: 'IBM Cloud API key',
    provider: 'IBM Cloud',
    severity: 'critical',
    keywords: ['ibm'],
    pattern: assignedTo('ibm', '[A-Za-z0-9_-]{44}', { then: '[\\w.-]{0,16}?(?:api[_.-]?key|apikey|iam[_.-]?key)' }),
    entropy: 4.2,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`IBMCLOUD_API_KEY=${fakeToken('', 44, 1, base64url)}`, `"ibm_cloud_apikey": "${fakeToken('', 44, 2)}"`],
        negative: ['IBMCLOUD_API_KEY=<api key>', `IBM_API_KEY_ID=ApiKey-${uuid(3)}`],
      };
    },
  },
  {
    id: 'tencent-cloud-secret-id',
    title: 'Tencent Cloud SecretId',
    provider: 'Tencent Cloud',
    severity: 'high',
    keywords: ['akid'],
    pattern: /\b(AKID[A-Za-z0-9]{32})\b/,
    entropy: 3.5,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`TENCENTCLOUD_SECRET_ID=${fakeToken('AKID', 32, 1)}`, `"SecretId": "${fakeToken('AKID', 32, 2)}"`],
        negative: ['TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `AKID${fakeToken('', 16, 3)}`],
      };
    },
  },
  {
    id: 'tencent-cloud-secret-key',
    title: 'Tencent Cloud SecretKey',
    provider: 'Tencent Cloud',
    severity: 'critical',
    keywords: ['tencent'],
    pattern: assignedTo('tencent', '[A-Za-z0-9]{32}', { then: '[\\w.-]{0,16}?secret[_.-]?key' }),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`TENCENTCLOUD_SECRET_KEY=${fakeToken('', 32, 1)}`, `tencent_secret_key: "${fakeToken('', 32, 2)}"`],
        negative: ['TENCENTCLOUD_SECRET_KEY=<secret key>', `TENCENTCLOUD_SECRET_KEY=${fakeToken('', 32, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'yandex-api-key',
    title: 'Yandex Cloud API key',
    provider: 'Yandex Cloud',
    severity: 'critical',
    keywords: ['aqvn'],
    pattern: /\b(AQVN[A-Za-z0-9_-]{35,38})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`YC_API_KEY=${fakeToken('AQVN', 36, 1, base64url)}`, `Authorization: Api-Key ${fakeToken('AQVN', 36, 2, base64url)}`],
        negative: ['YC_API_KEY=AQVN...', `AQVN${fakeToken('', 12, 3)}`],
      };
    },
  },
  {
    id: 'yandex-access-token',
    title: 'Yandex Cloud IAM / OAuth token',
    provider: 'Yandex Cloud',
    severity: 'high',
    keywords: ['yandex', 'yc_'],
    pattern: assignedTo('yandex|\\byc_', 't1\\.[A-Za-z0-9_-]+={0,2}\\.[A-Za-z0-9_-]{86}={0,2}|y0_[A-Za-z0-9_-]{55}'),
    entropy: 4,
    get examples() {
      return {
        positive: [
          `YC_IAM_TOKEN=t1.${fakeToken('', 40, 1, base64url)}.${fakeToken('', 86, 2, base64url)}`,
          `"yandex_oauth_token": "y0_${fakeToken('', 55, 3, base64url)}"`,
        ],
        negative: ['YC_IAM_TOKEN=t1.<token>', `YC_FOLDER_ID=b1g${fakeToken('', 17, 4, lowerAlnum)}`],
      };
    },
  },
  {
    id: 'oracle-cloud-customer-secret-key',
    title: 'Oracle Cloud (OCI) customer secret key',
    provider: 'Oracle Cloud',
    severity: 'critical',
    keywords: ['oci', 'oracle'],
    // S3-compatible secret of an OCI customer secret key; OCI API keys are PEM files (private-key detector).
    pattern: assignedTo('(?:oci|oracle)', '[A-Za-z0-9+/]{43}=', { then: '[\\w.-]{0,16}?secret[_.-]?(?:access[_.-]?)?key' }),
    entropy: 4.3,
    get examples() {
      return {
        positive: [`OCI_SECRET_ACCESS_KEY=${base64Key32(1)}`, `"oracle_secret_key": "${base64Key32(2)}"`],
        negative: ['OCI_SECRET_ACCESS_KEY=<customer secret key>', `OCI_ACCESS_KEY_ID=${fakeToken('', 40, 3, hexLower)}`],
      };
    },
  },
];
