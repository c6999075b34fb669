// Microsoft Azure: storage and Cosmos DB account keys, connection strings, Entra app secrets and other Azure
// keys. The keys Microsoft publishes for its local emulators are not secrets.
import type { Rule } from '../../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../../assigned.js';
import { ALPHABETS, fakeToken } from '../../fake.js';
import { base64Key32 } from './fakes.js';

const { hexLower, base64, lowerAlnum, alnum } = ALPHABETS;
// Azure account keys: 64 random bytes in base64 (86 characters and "=="); SAS-style keys are fakes.base64Key32.
const azureKey = (seed: number) => `${fakeToken('', 86, seed, base64)}==`;
/** Keys Microsoft publishes for the local emulators (Azurite, Cosmos DB emulator): documented, not secret. */
const AZURE_EMULATOR_KEYS = new Set([
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
]);
const notEmulatorKey = (secret: string) => !AZURE_EMULATOR_KEYS.has(secret);

export const rules: Rule[] = [
  {
    id: 'azure-storage-connection-string',
    title: 'Azure Storage connection string (account key)',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['accountkey='],
    pattern: /AccountName=[a-z0-9]{3,24};AccountKey=([A-Za-z0-9+/]{86}==)/i,
    entropy: 4.5,
    validate: notEmulatorKey,
    get examples() {
      return {
        positive: [
          `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${azureKey(1)};EndpointSuffix=core.windows.net"`,
          `"ConnectionStrings": {"Blob": "DefaultEndpointsProtocol=https;AccountName=mcpdata01;AccountKey=${azureKey(2)}"}`,
        ],
        negative: [
          'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<account-key>;EndpointSuffix=core.windows.net',
          'UseDevelopmentStorage=true',
          'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
        ],
      };
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
    get examples() {
      return {
        positive: [`AZURE_STORAGE_KEY=${azureKey(1)}`, `"storageAccountKey": "${azureKey(2)}"`],
        negative: ['AZURE_STORAGE_KEY=<storage key>', `AZURE_STORAGE_KEY=${fakeToken('', 40, 3, base64)}`],
      };
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
    get examples() {
      return {
        positive: [
          `COSMOS_CONNECTION_STRING=AccountEndpoint=https://acme-db.documents.azure.com:443/;AccountKey=${azureKey(1)};`,
          `"cosmos": "AccountEndpoint=https://mcp.documents.azure.com/;AccountKey=${azureKey(2)}"`,
        ],
        negative: [
          'AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
          'AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=<key>',
        ],
      };
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
    get examples() {
      return {
        positive: [
          `SERVICEBUS_CONNECTION=Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${base64Key32(1)}`,
          `"EventHub": "Endpoint=sb://events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${base64Key32(2)};EntityPath=logs"`,
        ],
        negative: [
          'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
          'Endpoint=sb://acme.servicebus.windows.net/;Authentication=Managed Identity',
        ],
      };
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
    get examples() {
      return {
        positive: [
          `IOTHUB_CONNECTION_STRING="HostName=acme-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${base64Key32(1)}"`,
          `device: HostName=acme-hub.azure-devices.net;DeviceId=sensor-01;SharedAccessKey=${base64Key32(2)}`,
        ],
        negative: ['HostName=acme-hub.azure-devices.net;DeviceId=sensor-01;SharedAccessKey={your key}', 'HostName=acme-hub.azure-devices.net;DeviceId=sensor-01'],
      };
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
    get examples() {
      return {
        positive: [
          `APP_CONFIG=Endpoint=https://acme-cfg.azconfig.io;Id=${fakeToken('', 4, 1)}-l0-s0:${fakeToken('', 20, 2)};Secret=${base64Key32(3)}`,
          `"AppConfig": "Endpoint=https://cfg.azconfig.io;Id=${fakeToken('', 12, 4)};Secret=${base64Key32(5)}"`,
        ],
        negative: ['Endpoint=https://acme-cfg.azconfig.io;Id=xxxx;Secret=<secret>', 'Endpoint=https://acme-cfg.azconfig.io'],
      };
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
    get examples() {
      return {
        positive: [
          `ACS_CONNECTION_STRING=endpoint=https://acme.communication.azure.com/;accesskey=${azureKey(1)}`,
          `"acs": "endpoint=https://mail.unitedstates.communication.azure.com/;accesskey=${azureKey(2)}"`,
        ],
        negative: ['endpoint=https://acme.communication.azure.com/;accesskey=<key>', 'https://acme.communication.azure.com/'],
      };
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
    get examples() {
      return {
        positive: [
          `https://acme.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=${fakeToken('', 43, 1, base64)}%3D`,
          `AZURE_SAS="?sp=r&st=2025-01-01&se=2026-01-01&spr=https&sv=2022-11-02&sr=c&sig=${fakeToken('', 44, 2, base64)}"`,
        ],
        negative: ['https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=<signature>', `https://cdn.example.net/f.js?v=2&sig=${fakeToken('', 43, 3)}`],
      };
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
    get examples() {
      return {
        positive: [
          `AZURE_CLIENT_SECRET=${fakeToken('', 3, 1)}8Q~${fakeToken('', 34, 2, `${alnum}_~.-`)}`,
          `"clientSecret": "${fakeToken('', 3, 3)}7Q~${fakeToken('', 31, 4, `${alnum}_~.-`)}"`,
        ],
        negative: ['AZURE_CLIENT_SECRET=<client-secret>', `AZURE_CLIENT_SECRET=abc8Q~${fakeToken('', 12, 5)}`],
      };
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
    get examples() {
      return {
        positive: [`AZURE_SEARCH_ADMIN_KEY=${fakeToken('', 52, 1)}`, `"AZURE_AI_SEARCH_KEY": "${fakeToken('', 32, 2, hexLower)}"`],
        negative: ['AZURE_SEARCH_KEY=<search key>', `AZURE_SEARCH_INDEX=${fakeToken('', 20, 3, lowerAlnum)}`],
      };
    },
  },
];
