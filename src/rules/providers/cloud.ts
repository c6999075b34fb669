// Cloud and hosting platforms: AWS, Google Cloud, Azure, Cloudflare, DigitalOcean, Heroku, Vercel, Netlify,
// Fly.io, Alibaba, Tencent, IBM, Oracle, Linode, Scaleway, Hetzner, OpenShift and other deploy targets.
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';

const { hexLower, base64, base64url, lowerAlnum, upperAlnum, alnum } = ALPHABETS;
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const uuid = (seed: number) => {
  const h = fakeToken('', 32, seed, hexLower);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const awsKeyId = (seed: number, prefix = 'AKIA') => fakeToken(prefix, 16, seed, base32);
const awsSecret = (seed: number) => fakeToken('', 40, seed, base64);
// Azure account keys: 64 random bytes in base64 (86 characters and "=="); SAS-style keys: 32 bytes (43 + "=").
const azureKey = (seed: number) => `${fakeToken('', 86, seed, base64)}==`;
const azureSasKey = (seed: number) => `${fakeToken('', 43, seed, base64)}=`;

/** Keys Microsoft publishes for the local emulators (Azurite, Cosmos DB emulator): documented, not secret. */
const AZURE_EMULATOR_KEYS = new Set([
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
]);
const notEmulatorKey = (secret: string) => !AZURE_EMULATOR_KEYS.has(secret);

/** The name an AWS secret key goes by; the pair rule must not report what the named rule already does. */
const AWS_SECRET_NAME = 'aws[\\w.-]{0,12}?secret|secret[_.-]?access[_.-]?key';

/** A GCP service-account JSON file, pretty-printed as `gcloud` writes it. */
const serviceAccountJson = (seed: number) =>
  JSON.stringify(
    {
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: fakeToken('', 40, seed, hexLower),
      private_key: `-----BEGIN PRIVATE KEY-----\n${fakeToken('', 1600, seed + 1, base64)}\n-----END PRIVATE KEY-----\n`,
      client_email: 'ci-bot@demo-project.iam.gserviceaccount.com',
    },
    null,
    2,
  );

export const rules: Rule[] = [
  {
    id: 'aws-access-token',
    title: 'AWS access key ID',
    provider: 'Amazon Web Services',
    severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    pattern: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    entropy: 3,
    examples: {
      positive: [`AWS_ACCESS_KEY_ID=${awsKeyId(1)}`, `"AccessKeyId": "${awsKeyId(2, 'ASIA')}"`, `aws_access_key_id = ${awsKeyId(3)}`],
      negative: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', `AKIA${fakeToken('', 16, 4, lowerAlnum)}`, 'ASIAPACIFICREGIONSTORE', `AKIA${fakeToken('', 18, 5, base32)}`],
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
    validate: mixedCase,
    examples: {
      positive: [
        `aws_secret_access_key = ${awsSecret(1)}`,
        `"SecretAccessKey": "${awsSecret(2)}"`,
        `export AWS_SECRET_KEY='${awsSecret(3)}'`,
      ],
      negative: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        `AWS_SECRET_ACCESS_KEY=${fakeToken('', 40, 4, hexLower)}`,
        `AWS_SESSION_NAME=${awsSecret(5)}`,
      ],
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
    examples: {
      positive: [
        `User name,Access key ID,Secret access key\nci-bot,${awsKeyId(1)},${awsSecret(2)}`,
        `const s3 = new S3Client({ credentials: { accessKeyId: "${awsKeyId(3)}", secret: "${awsSecret(4)}" } });`,
      ],
      negative: [
        `aws_access_key_id = ${awsKeyId(5)}\naws_secret_access_key = ${awsSecret(6)}`,
        `${awsKeyId(7)} deployed commit ${fakeToken('', 40, 8, hexLower)}`,
        `${awsKeyId(9)},${fakeToken('', 120, 10, base64)}`,
      ],
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
    examples: {
      positive: [
        `aws_session_token = IQoJb3JpZ2luX2Vj${fakeToken('', 300, 1, base64)}`,
        `"SessionToken": "FwoGZXIvYXdzE${fakeToken('', 200, 2, base64)}"`,
      ],
      negative: ['aws_session_token = <session token>', `"SessionToken": "${fakeToken('', 40, 3, base64)}"`],
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
    examples: {
      positive: [
        `AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS${fakeToken('', 110, 1, base64)}`,
        `"AWS_BEARER_TOKEN_BEDROCK": "ABSKQmVkcm9ja0FQSUtleS${fakeToken('', 130, 2, base64)}="`,
      ],
      negative: ['AWS_BEARER_TOKEN_BEDROCK=ABSK...', `ABSKQmVkcm9ja0FQSUtleS${fakeToken('', 20, 3, base64)}`],
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
    examples: {
      positive: [
        `AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${fakeToken('', 600, 1, base64)}`,
        `token: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${fakeToken('', 400, 2, base64)}=="`,
      ],
      negative: ['AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-...', 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t'],
    },
  },
  {
    id: 'gcp-service-account',
    title: 'Google Cloud service account key (JSON)',
    provider: 'Google Cloud',
    severity: 'critical',
    keywords: ['service_account'],
    // The finding is the key's id inside one service-account object that also holds a PEM private key (the
    // PEM itself is the private-key detector's). `[^{}]` keeps the match inside a single JSON object, so
    // test fixtures with a fake "private_key" next to another object's "type" do not pair up. Also matches
    // the JSON escaped inside another string (env values, args).
    pattern:
      /\\?"type\\?"\s*:\s*\\?"service_account\\?"[^{}]{0,600}?\\?"private_key_id\\?"\s*:\s*\\?"([a-f0-9]{40})\\?"[^{}]{0,200}?\\?"private_key\\?"\s*:\s*\\?"-----BEGIN/,
    entropy: 3,
    examples: {
      positive: [
        serviceAccountJson(1),
        `GOOGLE_CREDENTIALS_JSON="${JSON.stringify(JSON.parse(serviceAccountJson(3))).replace(/"/g, '\\"')}"`,
      ],
      negative: [
        '{"type": "service_account", "project_id": "demo", "private_key_id": "<key id>"}',
        `{"type": "authorized_user", "private_key_id": "${fakeToken('', 40, 5, hexLower)}"}`,
        // Shape of golang.org/x/oauth2 test fixtures: a service-account object, then another object's key id.
        `var a = {"type": "service_account", "project_id": "p"}\nvar b = {"private_key_id": "${fakeToken('', 40, 6, hexLower)}", "private_key": "-----BEGIN PRIVATE KEY-----\\nsuper secret key"}`,
        `{"type": "service_account", "private_key_id": "${fakeToken('', 40, 7, hexLower)}", "private_key": "super secret key"}`,
      ],
    },
  },
  {
    id: 'gcp-service-account-base64',
    title: 'Google Cloud service account key (base64 JSON)',
    provider: 'Google Cloud',
    severity: 'critical',
    keywords: ['ewogicj0exblijog', 'eyj0exblijoic2vyd', 'eyj0exblijogin'],
    pattern:
      /\b((?:ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs|eyJ0eXBlIjoic2VydmljZV9hY2NvdW50|eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs)[A-Za-z0-9+/]{400,}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4.5,
    examples: {
      positive: [
        `GOOGLE_CREDENTIALS=${Buffer.from(serviceAccountJson(7)).toString('base64')}`,
        `"GCP_SA_KEY": "${Buffer.from(JSON.stringify(JSON.parse(serviceAccountJson(9)))).toString('base64')}"`,
      ],
      negative: [
        `GOOGLE_CREDENTIALS=${Buffer.from('{"type":"service_account"}').toString('base64')}`,
        `CONFIG=${Buffer.from(JSON.stringify({ type: 'authorized_user', note: fakeToken('', 300, 11) })).toString('base64')}`,
      ],
    },
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    provider: 'Google Cloud',
    severity: 'high',
    keywords: ['gocspx-'],
    pattern: /\b(GOCSPX-[A-Za-z0-9_-]{28})(?![\w-])/,
    entropy: 3.5,
    examples: {
      positive: [`GOOGLE_CLIENT_SECRET=${fakeToken('GOCSPX-', 28, 1, base64url)}`, `{"installed": {"client_secret": "${fakeToken('GOCSPX-', 28, 2, base64url)}"}}`],
      negative: ['GOOGLE_CLIENT_SECRET=GOCSPX-your-client-secret', `GOCSPX-${fakeToken('', 12, 3)}`],
    },
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    provider: 'Google Cloud',
    severity: 'high',
    keywords: ['ya29.'],
    pattern: /\b(ya29\.[A-Za-z0-9_-]{50,400})(?![\w-])/,
    entropy: 4,
    examples: {
      positive: [`Authorization: Bearer ya29.a0A${fakeToken('', 160, 1, base64url)}`, `"access_token": "ya29.${fakeToken('', 120, 2, base64url)}"`],
      negative: ['"access_token": "ya29.xxx"', `ya29.${fakeToken('', 20, 3)}`],
    },
  },
  {
    id: 'google-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    provider: 'Google Cloud',
    severity: 'critical',
    keywords: ['1//0'],
    pattern: /(?<![\w/:])(1\/\/0[A-Za-z0-9_-]{60,120})(?![\w-])/,
    entropy: 4,
    examples: {
      positive: [`"refresh_token": "1//0${fakeToken('', 99, 1, base64url)}"`, `GOOGLE_REFRESH_TOKEN=1//0${fakeToken('', 80, 2, base64url)}`],
      negative: ['"refresh_token": "1//0..."', 'const url = "http://1//0";', `1//0${fakeToken('', 30, 3)}`],
    },
  },
  {
    id: 'azure-storage-connection-string',
    title: 'Azure Storage connection string (account key)',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['accountkey='],
    pattern: /AccountName=[a-z0-9]{3,24};AccountKey=([A-Za-z0-9+/]{86}==)/i,
    entropy: 4.5,
    validate: notEmulatorKey,
    examples: {
      positive: [
        `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${azureKey(1)};EndpointSuffix=core.windows.net"`,
        `"ConnectionStrings": {"Blob": "DefaultEndpointsProtocol=https;AccountName=mcpdata01;AccountKey=${azureKey(2)}"}`,
      ],
      negative: [
        'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<account-key>;EndpointSuffix=core.windows.net',
        'UseDevelopmentStorage=true',
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      ],
    },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure Storage account key',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['storage'],
    pattern: assignedTo('storage', '[A-Za-z0-9+/]{86}==', { then: '[\\w.-]{0,16}?(?:key|secret)' }),
    entropy: 4.5,
    validate: notEmulatorKey,
    examples: {
      positive: [`AZURE_STORAGE_KEY=${azureKey(1)}`, `"storageAccountKey": "${azureKey(2)}"`],
      negative: ['AZURE_STORAGE_KEY=<storage key>', `AZURE_STORAGE_KEY=${fakeToken('', 40, 3, base64)}`],
    },
  },
  {
    id: 'azure-cosmosdb-key',
    title: 'Azure Cosmos DB connection string (account key)',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['documents.azure.com'],
    pattern: /AccountEndpoint=https:\/\/[a-z0-9-]+\.documents\.azure\.com(?::443)?\/?;AccountKey=([A-Za-z0-9+/]{86}==)/i,
    entropy: 4.5,
    validate: notEmulatorKey,
    examples: {
      positive: [
        `COSMOS_CONNECTION_STRING=AccountEndpoint=https://acme-db.documents.azure.com:443/;AccountKey=${azureKey(1)};`,
        `"cosmos": "AccountEndpoint=https://mcp.documents.azure.com/;AccountKey=${azureKey(2)}"`,
      ],
      negative: [
        'AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
        'AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=<key>',
      ],
    },
  },
  {
    id: 'azure-service-bus-connection-string',
    title: 'Azure Service Bus / Event Hubs connection string',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['servicebus.windows.net'],
    pattern: /Endpoint=sb:\/\/[a-z0-9-]+\.servicebus\.windows\.net\/?;SharedAccessKeyName=[^;"'\s]+;SharedAccessKey=([A-Za-z0-9+/]{43}=)/i,
    entropy: 4.3,
    examples: {
      positive: [
        `SERVICEBUS_CONNECTION=Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${azureSasKey(1)}`,
        `"EventHub": "Endpoint=sb://events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${azureSasKey(2)};EntityPath=logs"`,
      ],
      negative: [
        'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
        'Endpoint=sb://acme.servicebus.windows.net/;Authentication=Managed Identity',
      ],
    },
  },
  {
    id: 'azure-iot-hub-connection-string',
    title: 'Azure IoT Hub connection string',
    provider: 'Microsoft Azure',
    severity: 'high',
    keywords: ['azure-devices.net'],
    pattern: /HostName=[a-z0-9-]+\.azure-devices\.net;(?:[A-Za-z]+=[^;"'\s]+;){0,3}SharedAccessKey=([A-Za-z0-9+/]{43}=)/i,
    entropy: 4.3,
    examples: {
      positive: [
        `IOTHUB_CONNECTION_STRING="HostName=acme-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${azureSasKey(1)}"`,
        `device: HostName=acme-hub.azure-devices.net;DeviceId=sensor-01;SharedAccessKey=${azureSasKey(2)}`,
      ],
      negative: ['HostName=acme-hub.azure-devices.net;DeviceId=sensor-01;SharedAccessKey={your key}', 'HostName=acme-hub.azure-devices.net;DeviceId=sensor-01'],
    },
  },
  {
    id: 'azure-app-configuration-connection-string',
    title: 'Azure App Configuration connection string',
    provider: 'Microsoft Azure',
    severity: 'high',
    keywords: ['azconfig.io'],
    pattern: /Endpoint=https:\/\/[a-z0-9-]+\.azconfig\.io;Id=[A-Za-z0-9+/=:-]{4,40};Secret=([A-Za-z0-9+/]{43,60}=?)/i,
    entropy: 4.3,
    examples: {
      positive: [
        `APP_CONFIG=Endpoint=https://acme-cfg.azconfig.io;Id=${fakeToken('', 4, 1)}-l0-s0:${fakeToken('', 20, 2)};Secret=${azureSasKey(3)}`,
        `"AppConfig": "Endpoint=https://cfg.azconfig.io;Id=${fakeToken('', 12, 4)};Secret=${azureSasKey(5)}"`,
      ],
      negative: ['Endpoint=https://acme-cfg.azconfig.io;Id=xxxx;Secret=<secret>', 'Endpoint=https://acme-cfg.azconfig.io'],
    },
  },
  {
    id: 'azure-communication-services-connection-string',
    title: 'Azure Communication Services connection string',
    provider: 'Microsoft Azure',
    severity: 'high',
    keywords: ['communication.azure.com'],
    pattern: /endpoint=https:\/\/[a-z0-9-]+\.(?:[a-z]+\.)?communication\.azure\.com\/?;accesskey=([A-Za-z0-9+/]{86}==)/i,
    entropy: 4.5,
    examples: {
      positive: [
        `ACS_CONNECTION_STRING=endpoint=https://acme.communication.azure.com/;accesskey=${azureKey(1)}`,
        `"acs": "endpoint=https://mail.unitedstates.communication.azure.com/;accesskey=${azureKey(2)}"`,
      ],
      negative: ['endpoint=https://acme.communication.azure.com/;accesskey=<key>', 'https://acme.communication.azure.com/'],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature (SAS) token',
    provider: 'Microsoft Azure',
    severity: 'high',
    keywords: ['sig='],
    // Storage SAS: a signed version date (sv=YYYY-MM-DD) and a signature in the same query string.
    pattern: /[?&](?:[a-z]{2,6}=[^&\s"'<>]*&){0,10}?sv=\d{4}-\d{2}-\d{2}&(?:[a-z]{2,6}=[^&\s"'<>]*&){0,10}?sig=([A-Za-z0-9%+/]{43,60}(?:%3D|=)?)/,
    entropy: 4,
    examples: {
      positive: [
        `https://acme.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=${fakeToken('', 43, 1, base64)}%3D`,
        `AZURE_SAS="?sp=r&st=2025-01-01&se=2026-01-01&spr=https&sv=2022-11-02&sr=c&sig=${fakeToken('', 44, 2, base64)}"`,
      ],
      negative: ['https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=<signature>', `https://cdn.example.net/f.js?v=2&sig=${fakeToken('', 43, 3)}`],
    },
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Azure AD (Entra ID) client secret',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['q~'],
    pattern: /(?:^|[\\'"`\s>=:(,])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?:$|[\\'"`\s<),;])/m,
    entropy: 3.5,
    examples: {
      positive: [
        `AZURE_CLIENT_SECRET=${fakeToken('', 3, 1)}8Q~${fakeToken('', 34, 2, `${alnum}_~.-`)}`,
        `"clientSecret": "${fakeToken('', 3, 3)}7Q~${fakeToken('', 31, 4, `${alnum}_~.-`)}"`,
      ],
      negative: ['AZURE_CLIENT_SECRET=<client-secret>', `AZURE_CLIENT_SECRET=abc8Q~${fakeToken('', 12, 5)}`],
    },
  },
  {
    id: 'azure-search-admin-key',
    title: 'Azure AI Search admin key',
    provider: 'Microsoft Azure',
    severity: 'high',
    keywords: ['search'],
    pattern: assignedTo(
      'azure[_.-]?(?:ai[_.-]?)?search',
      '[A-Za-z0-9]{52}|[a-f0-9]{32}',
      { then: '[\\w.-]{0,12}?(?:admin[_.-]?)?key' },
    ),
    entropy: 3.0,
    validate: lettersAndDigits,
    examples: {
      positive: [`AZURE_SEARCH_ADMIN_KEY=${fakeToken('', 52, 1)}`, `"AZURE_AI_SEARCH_KEY": "${fakeToken('', 32, 2, hexLower)}"`],
      negative: ['AZURE_SEARCH_KEY=<search key>', `AZURE_SEARCH_INDEX=${fakeToken('', 20, 3, lowerAlnum)}`],
    },
  },
  {
    id: 'cloudflare-api-key',
    title: 'Cloudflare API token',
    provider: 'Cloudflare',
    severity: 'critical',
    keywords: ['cloudflare', 'cf_api', 'cf-api'],
    pattern: assignedTo('cloudflare[\\w.-]{0,12}?(?:token|key)|cf[_-]api[_-]token', '[A-Za-z0-9_-]{40}'),
    entropy: 4.2,
    validate: mixedCase,
    examples: {
      positive: [`CLOUDFLARE_API_TOKEN=${fakeToken('', 40, 1, base64url)}`, `"CF_API_TOKEN": "${fakeToken('', 40, 2)}"`],
      negative: ['CLOUDFLARE_API_TOKEN=your-cloudflare-api-token', `CLOUDFLARE_ACCOUNT_ID=${fakeToken('', 32, 3, hexLower)}`, `CLOUDFLARE_ZONE_TOKEN=${fakeToken('', 40, 4, hexLower)}`],
    },
  },
  {
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare global API key',
    provider: 'Cloudflare',
    severity: 'critical',
    keywords: ['cloudflare', 'cf_api_key', 'cf-api-key', 'x-auth-key'],
    pattern: assignedTo('cloudflare[\\w.-]{0,12}?(?:global|auth|api)[_.-]?key|cf[_-]api[_-]key|x-auth-key', '[a-f0-9]{37}'),
    entropy: 3.2,
    validate: lettersAndDigits,
    examples: {
      positive: [`CLOUDFLARE_API_KEY=${fakeToken('', 37, 1, hexLower)}`, `curl -H "X-Auth-Key: ${fakeToken('', 37, 2, hexLower)}" https://api.cloudflare.com/client/v4/zones`],
      negative: ['CLOUDFLARE_API_KEY=<global key>', `CLOUDFLARE_API_KEY=${fakeToken('', 40, 3, hexLower)}`],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    provider: 'Cloudflare',
    severity: 'high',
    keywords: ['v1.0-'],
    pattern: /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/,
    entropy: 3.3,
    examples: {
      positive: [`CF_ORIGIN_CA_KEY=v1.0-${fakeToken('', 24, 1, hexLower)}-${fakeToken('', 146, 2, hexLower)}`, `origin_ca_key = "v1.0-${fakeToken('', 24, 3, hexLower)}-${fakeToken('', 146, 4, hexLower)}"`],
      negative: ['CF_ORIGIN_CA_KEY=v1.0-...', `v1.0-${fakeToken('', 24, 5, hexLower)}-short`],
    },
  },
  {
    id: 'digitalocean-pat',
    title: 'DigitalOcean personal access token',
    provider: 'DigitalOcean',
    severity: 'critical',
    keywords: ['dop_v1_'],
    pattern: /\b(dop_v1_[a-f0-9]{64})\b/,
    entropy: 3.3,
    examples: {
      positive: [`DIGITALOCEAN_TOKEN=${fakeToken('dop_v1_', 64, 1, hexLower)}`, `doctl auth init -t ${fakeToken('dop_v1_', 64, 2, hexLower)}`],
      negative: ['DIGITALOCEAN_TOKEN=dop_v1_...', `dop_v1_${fakeToken('', 64, 3)}`],
    },
  },
  {
    id: 'digitalocean-access-token',
    title: 'DigitalOcean OAuth access token',
    provider: 'DigitalOcean',
    severity: 'critical',
    keywords: ['doo_v1_'],
    pattern: /\b(doo_v1_[a-f0-9]{64})\b/,
    entropy: 3.3,
    examples: {
      positive: [`"access_token": "${fakeToken('doo_v1_', 64, 1, hexLower)}"`, `Authorization: Bearer ${fakeToken('doo_v1_', 64, 2, hexLower)}`],
      negative: ['"access_token": "doo_v1_<token>"', `doo_v1_${fakeToken('', 30, 3, hexLower)}`],
    },
  },
  {
    id: 'digitalocean-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    provider: 'DigitalOcean',
    severity: 'high',
    keywords: ['dor_v1_'],
    pattern: /\b(dor_v1_[a-f0-9]{64})\b/,
    entropy: 3.3,
    examples: {
      positive: [`"refresh_token": "${fakeToken('dor_v1_', 64, 1, hexLower)}"`, `DO_REFRESH_TOKEN=${fakeToken('dor_v1_', 64, 2, hexLower)}`],
      negative: ['"refresh_token": "dor_v1_..."', `dor_v1_${fakeToken('', 64, 3)}`],
    },
  },
  {
    id: 'heroku-api-key-v2',
    title: 'Heroku API key',
    provider: 'Heroku',
    severity: 'critical',
    keywords: ['hrku-'],
    pattern: /\b(HRKU-AA[A-Za-z0-9_-]{58})(?![\w-])/,
    entropy: 3.5,
    examples: {
      positive: [`HEROKU_API_KEY=${fakeToken('HRKU-AA', 58, 1, base64url)}`, `"HEROKU_API_KEY": "${fakeToken('HRKU-AA', 58, 2, base64url)}"`],
      negative: ['HEROKU_API_KEY=HRKU-...', `HRKU-AA${fakeToken('', 20, 3)}`],
    },
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key (legacy UUID)',
    provider: 'Heroku',
    severity: 'critical',
    keywords: ['heroku'],
    pattern: assignedTo('heroku', UUID, { then: '[\\w.-]{0,12}?(?:api[_.-]?)?(?:key|token)' }),
    examples: {
      positive: [`HEROKU_API_KEY=${uuid(1)}`, `heroku_api_token: "${uuid(2)}"`],
      negative: [`HEROKU_APP_ID=${uuid(3)}`, 'HEROKU_API_KEY=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'vercel-api-token',
    title: 'Vercel access token',
    provider: 'Vercel',
    severity: 'critical',
    keywords: ['vercel'],
    pattern: assignedTo('vercel', '[A-Za-z0-9]{24}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 3.7,
    validate: mixedCase,
    examples: {
      positive: [`VERCEL_TOKEN=${fakeToken('', 24, 1)}`, `"VERCEL_API_TOKEN": "${fakeToken('', 24, 2)}"`],
      negative: ['VERCEL_TOKEN=your-vercel-token', `VERCEL_ORG_ID=team_${fakeToken('', 24, 3)}`, `VERCEL_TOKEN=${fakeToken('', 24, 4, lowerAlnum)}`],
    },
  },
  {
    id: 'netlify-pat',
    title: 'Netlify personal access token',
    provider: 'Netlify',
    severity: 'critical',
    keywords: ['nfp_'],
    pattern: /\b(nfp_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    examples: {
      positive: [`NETLIFY_AUTH_TOKEN=${fakeToken('nfp_', 36, 1)}`, `netlify deploy --auth ${fakeToken('nfp_', 36, 2)}`],
      negative: ['NETLIFY_AUTH_TOKEN=nfp_...', `nfp_${fakeToken('', 20, 3)}`],
    },
  },
  {
    id: 'netlify-access-token',
    title: 'Netlify access token (legacy)',
    provider: 'Netlify',
    severity: 'critical',
    keywords: ['netlify'],
    pattern: assignedTo('netlify', '[A-Za-z0-9_-]{43,45}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 4.2,
    validate: mixedCase,
    examples: {
      positive: [`NETLIFY_AUTH_TOKEN=${fakeToken('', 43, 1, base64url)}`, `"netlifyToken": "${fakeToken('', 43, 2)}"`],
      negative: [`NETLIFY_SITE_ID=${uuid(3)}`, 'NETLIFY_AUTH_TOKEN=your-netlify-personal-access-token'],
    },
  },
  {
    id: 'flyio-access-token',
    title: 'Fly.io access token',
    provider: 'Fly.io',
    severity: 'critical',
    keywords: ['fo1_'],
    pattern: /\b(fo1_[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 3.5,
    examples: {
      positive: [`FLY_API_TOKEN=${fakeToken('fo1_', 43, 1, base64url)}`, `"FLY_ACCESS_TOKEN": "${fakeToken('fo1_', 43, 2, base64url)}"`],
      negative: ['FLY_API_TOKEN=fo1_...', `fo1_${fakeToken('', 20, 3)}`],
    },
  },
  {
    id: 'flyio-macaroon-token',
    title: 'Fly.io macaroon token',
    provider: 'Fly.io',
    severity: 'critical',
    keywords: ['fm1a_', 'fm1r_', 'fm2_'],
    pattern: /\b((?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,}={0,3}(?:,(?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,}={0,3})*)(?![A-Za-z0-9+/=])/,
    entropy: 4,
    examples: {
      positive: [
        `FLY_API_TOKEN="FlyV1 fm2_${fakeToken('', 200, 1, base64)}=="`,
        `fly deploy --access-token "FlyV1 fm2_${fakeToken('', 160, 2, base64)},fm2_${fakeToken('', 120, 3, base64)}"`,
      ],
      negative: ['FLY_API_TOKEN="FlyV1 fm2_..."', `fm2_${fakeToken('', 40, 4, base64)}`],
    },
  },
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    provider: 'Alibaba Cloud',
    severity: 'high',
    keywords: ['ltai'],
    pattern: /\b(LTAI[A-Za-z0-9]{12,20})\b/,
    entropy: 3,
    validate: lettersAndDigits,
    examples: {
      positive: [`ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5t${fakeToken('', 18, 1)}`, `accessKeyId: "LTAI${fakeToken('', 20, 2)}"`],
      negative: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxx', 'LTAIMPLEMENTATIONDETAILS'],
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
    examples: {
      positive: [`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${fakeToken('', 30, 1)}`, `aliyun_secret: "${fakeToken('', 30, 2)}"`],
      negative: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret>', `ALIBABA_CLOUD_REGION_SECRET_NAME=${fakeToken('', 30, 3, lowerAlnum)}`],
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
    examples: {
      positive: [`IBMCLOUD_API_KEY=${fakeToken('', 44, 1, base64url)}`, `"ibm_cloud_apikey": "${fakeToken('', 44, 2)}"`],
      negative: ['IBMCLOUD_API_KEY=<api key>', `IBM_API_KEY_ID=ApiKey-${uuid(3)}`],
    },
  },
  {
    id: 'linode-pat',
    title: 'Linode (Akamai) personal access token',
    provider: 'Linode',
    severity: 'critical',
    keywords: ['linode'],
    pattern: assignedTo('linode', '[a-f0-9]{64}', { then: '[\\w.-]{0,12}?(?:token|key|pat)' }),
    entropy: 3.3,
    validate: lettersAndDigits,
    examples: {
      positive: [`LINODE_TOKEN=${fakeToken('', 64, 1, hexLower)}`, `linode_api_key: "${fakeToken('', 64, 2, hexLower)}"`],
      negative: ['LINODE_TOKEN=<token>', `LINODE_IMAGE_SHA256=${fakeToken('', 64, 3, hexLower)}`],
    },
  },
  {
    id: 'scaleway-secret-key',
    title: 'Scaleway secret key',
    provider: 'Scaleway',
    severity: 'critical',
    keywords: ['scw', 'scaleway'],
    pattern: assignedTo('(?:scw|scaleway)', UUID, { then: '[\\w.-]{0,12}?secret' }),
    examples: {
      positive: [`SCW_SECRET_KEY=${uuid(1)}`, `"scaleway_secret_key": "${uuid(2)}"`],
      negative: [`SCW_DEFAULT_PROJECT_ID=${uuid(3)}`, 'SCW_SECRET_KEY=11111111-1111-1111-1111-111111111111'],
    },
  },
  {
    id: 'hetzner-cloud-api-token',
    title: 'Hetzner Cloud API token',
    provider: 'Hetzner',
    severity: 'critical',
    keywords: ['hcloud', 'hetzner'],
    pattern: assignedTo('hcloud[_.-]?token|hetzner[\\w.-]{0,12}?(?:token|key)', '[A-Za-z0-9]{64}'),
    entropy: 4.5,
    validate: mixedCase,
    examples: {
      positive: [`HCLOUD_TOKEN=${fakeToken('', 64, 1)}`, `"hetzner_api_token": "${fakeToken('', 64, 2)}"`],
      negative: ['HCLOUD_TOKEN=<hcloud token>', `HETZNER_TOKEN=${fakeToken('', 64, 3, hexLower)}`],
    },
  },
  {
    id: 'vultr-api-key',
    title: 'Vultr API key',
    provider: 'Vultr',
    severity: 'critical',
    keywords: ['vultr'],
    pattern: assignedTo('vultr', '[A-Z0-9]{36}', { then: '[\\w.-]{0,12}?(?:key|token)' }),
    entropy: 3.8,
    validate: (s) => /[A-Z]/.test(s) && /[0-9]/.test(s) && !/[a-z]/.test(s),
    examples: {
      positive: [`VULTR_API_KEY=${fakeToken('', 36, 1, upperAlnum)}`, `vultr_token: "${fakeToken('', 36, 2, upperAlnum)}"`],
      negative: ['VULTR_API_KEY=YOUR_VULTR_API_KEY', `VULTR_API_KEY=${uuid(3)}`],
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
    examples: {
      positive: [`TENCENTCLOUD_SECRET_ID=${fakeToken('AKID', 32, 1)}`, `"SecretId": "${fakeToken('AKID', 32, 2)}"`],
      negative: ['TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `AKID${fakeToken('', 16, 3)}`],
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
    examples: {
      positive: [`TENCENTCLOUD_SECRET_KEY=${fakeToken('', 32, 1)}`, `tencent_secret_key: "${fakeToken('', 32, 2)}"`],
      negative: ['TENCENTCLOUD_SECRET_KEY=<secret key>', `TENCENTCLOUD_SECRET_KEY=${fakeToken('', 32, 3, hexLower)}`],
    },
  },
  {
    id: 'openshift-user-token',
    title: 'OpenShift user token',
    provider: 'Red Hat OpenShift',
    severity: 'high',
    keywords: ['sha256~'],
    pattern: /\b(sha256~[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 3.5,
    examples: {
      positive: [`oc login --token=sha256~${fakeToken('', 43, 1, base64url)} --server=https://api.ocp.acme.io:6443`, `OPENSHIFT_TOKEN=sha256~${fakeToken('', 43, 2, base64url)}`],
      negative: ['oc login --token=sha256~<token>', `sha256~${fakeToken('', 20, 3)}`],
    },
  },
  {
    id: 'deno-deploy-token',
    title: 'Deno Deploy access token',
    provider: 'Deno',
    severity: 'high',
    keywords: ['ddp_', 'ddo_'],
    pattern: /\b(dd[po]_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    validate: mixedCase,
    examples: {
      positive: [`DENO_DEPLOY_TOKEN=${fakeToken('ddp_', 36, 1)}`, `deployctl deploy --token=${fakeToken('ddo_', 36, 2)}`],
      negative: ['DENO_DEPLOY_TOKEN=ddp_...', `ddp_${fakeToken('', 20, 3)}`],
    },
  },
  {
    id: 'backblaze-b2-application-key',
    title: 'Backblaze B2 application key',
    provider: 'Backblaze',
    severity: 'critical',
    keywords: ['b2', 'backblaze'],
    pattern: assignedTo(
      '(?:\\bb2|backblaze)',
      'K\\d{3}[A-Za-z0-9+/]{27}',
      { then: '[\\w.-]{0,12}?(?:app(?:lication)?[_.-]?)?key\\b' },
    ),
    entropy: 3.5,
    examples: {
      positive: [`B2_APPLICATION_KEY=K005${fakeToken('', 27, 1)}`, `backblaze_key: "K001${fakeToken('', 27, 2)}"`],
      negative: [`B2_APPLICATION_KEY_ID=${fakeToken('', 25, 3, hexLower)}`, 'B2_APPLICATION_KEY=<application key>'],
    },
  },
  {
    id: 'fastly-api-token',
    title: 'Fastly API token',
    provider: 'Fastly',
    severity: 'high',
    keywords: ['fastly'],
    pattern: assignedTo('fastly', '[A-Za-z0-9_-]{32}', { then: '[\\w.-]{0,12}?(?:token|key)' }),
    entropy: 4.0,
    validate: mixedCase,
    examples: {
      positive: [`FASTLY_API_TOKEN=${fakeToken('', 32, 1, base64url)}`, `"fastly_api_key": "${fakeToken('', 32, 2)}"`],
      negative: ['FASTLY_API_TOKEN=<token>', `FASTLY_SERVICE_ID=${fakeToken('', 22, 3)}`],
    },
  },
  {
    id: 'ovh-application-secret',
    title: 'OVHcloud application secret',
    provider: 'OVHcloud',
    severity: 'high',
    keywords: ['ovh'],
    pattern: assignedTo('ovh', '[A-Za-z0-9]{32}', { then: '[\\w.-]{0,12}?(?:application[_.-]?secret|consumer[_.-]?key)' }),
    entropy: 4.0,
    validate: mixedCase,
    examples: {
      positive: [`OVH_APPLICATION_SECRET=${fakeToken('', 32, 1)}`, `ovh_consumer_key: "${fakeToken('', 32, 2)}"`],
      negative: [`OVH_APPLICATION_KEY=${fakeToken('', 16, 3)}`, 'OVH_APPLICATION_SECRET=<secret>'],
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
    examples: {
      positive: [`APPSYNC_API_KEY=${fakeToken('da2-', 26, 1, lowerAlnum)}`, `headers: { "x-api-key": "${fakeToken('da2-', 26, 2, lowerAlnum)}" }`],
      negative: ['APPSYNC_API_KEY=da2-xxxxxxxxxxxxxxxxxxxxxxxxxx', `da2-${fakeToken('', 12, 3, lowerAlnum)}`],
    },
  },
  {
    id: 'cloudflare-tunnel-token',
    title: 'Cloudflare Tunnel token',
    provider: 'Cloudflare',
    severity: 'critical',
    keywords: ['eyjhijoi'],
    // base64 of {"a":"<account>","t":"<tunnel id>","s":"<tunnel secret>"}, passed to `cloudflared tunnel run --token`.
    pattern: /\b(eyJhIjoi[A-Za-z0-9+/]{80,400}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    validate: (s) => {
      try {
        const v = JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as Record<string, unknown>;
        return typeof v.a === 'string' && typeof v.t === 'string' && typeof v.s === 'string';
      } catch {
        return false;
      }
    },
    examples: {
      positive: [
        `TUNNEL_TOKEN=${Buffer.from(JSON.stringify({ a: fakeToken('', 32, 1, hexLower), t: uuid(2), s: Buffer.from(fakeToken('', 32, 3)).toString('base64') })).toString('base64')}`,
        `cloudflared tunnel run --token ${Buffer.from(JSON.stringify({ a: fakeToken('', 32, 4, hexLower), t: uuid(5), s: Buffer.from(fakeToken('', 32, 6)).toString('base64') })).toString('base64')}`,
      ],
      negative: [
        `TUNNEL_TOKEN=${Buffer.from(JSON.stringify({ a: fakeToken('', 60, 7), b: fakeToken('', 40, 8) })).toString('base64')}`,
        'TUNNEL_TOKEN=eyJhIjoi...',
      ],
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
    examples: {
      positive: [`YC_API_KEY=${fakeToken('AQVN', 36, 1, base64url)}`, `Authorization: Api-Key ${fakeToken('AQVN', 36, 2, base64url)}`],
      negative: ['YC_API_KEY=AQVN...', `AQVN${fakeToken('', 12, 3)}`],
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
    examples: {
      positive: [
        `YC_IAM_TOKEN=t1.${fakeToken('', 40, 1, base64url)}.${fakeToken('', 86, 2, base64url)}`,
        `"yandex_oauth_token": "y0_${fakeToken('', 55, 3, base64url)}"`,
      ],
      negative: ['YC_IAM_TOKEN=t1.<token>', `YC_FOLDER_ID=b1g${fakeToken('', 17, 4, lowerAlnum)}`],
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
    examples: {
      positive: [`OCI_SECRET_ACCESS_KEY=${azureSasKey(1)}`, `"oracle_secret_key": "${azureSasKey(2)}"`],
      negative: ['OCI_SECRET_ACCESS_KEY=<customer secret key>', `OCI_ACCESS_KEY_ID=${fakeToken('', 40, 3, hexLower)}`],
    },
  },
];
