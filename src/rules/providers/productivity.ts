// Provider rules: productivity, project and CRM tools (Notion, Linear, Atlassian, Asana, Airtable, Figma,
// Postman, Trello, Monday, ClickUp, Zendesk, HubSpot, Intercom, Calendly, Typeform, Dropbox, Box, Miro…).
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeJwt, fakeUuid, JWT, UUID } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64url = ALPHABETS.base64url;
const digits = '0123456789';

export const rules: Rule[] = [
  {
    id: 'notion-api-token',
    title: 'Notion integration token',
    provider: 'Notion',
    severity: 'high',
    keywords: ['ntn_'],
    pattern: /\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`NOTION_TOKEN=ntn_${fakeToken('', 11, 1, digits)}${fakeToken('', 35, 2)}`, `"NOTION_API_KEY": "ntn_${fakeToken('', 11, 3, digits)}${fakeToken('', 35, 4)}"`],
        negative: ['NOTION_TOKEN=ntn_****', `ntn_${fakeToken('', 46, 5)}`, `ntn_${fakeToken('', 11, 6, digits)}${fakeToken('', 20, 7)}`],
      };
    },
  },
  {
    id: 'notion-legacy-api-token',
    title: 'Notion integration token (legacy secret_ form)',
    provider: 'Notion',
    severity: 'high',
    keywords: ['secret_'],
    pattern: /\b(secret_[A-Za-z0-9]{43})\b/,
    entropy: 4,
    validate: (s) => lettersAndDigits(s.slice(7)) && /[A-Z]/.test(s),
    get examples() {
      return {
        positive: [`NOTION_API_KEY=${fakeToken('secret_', 43, 8)}`, `"Authorization": "Bearer ${fakeToken('secret_', 43, 9)}"`],
        negative: ['NOTION_API_KEY=secret_your_integration_token', `secret_${fakeToken('', 43, 10, ALPHABETS.lowerAlnum.slice(0, 26))}`, 'secret_manager_client_configuration_override_x'],
      };
    },
  },
  {
    id: 'linear-api-key',
    title: 'Linear personal API key',
    provider: 'Linear',
    severity: 'high',
    keywords: ['lin_api_'],
    pattern: /\b(lin_api_[A-Za-z0-9]{40})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`LINEAR_API_KEY=${fakeToken('lin_api_', 40, 11)}`, `"LINEAR_API_KEY": "${fakeToken('lin_api_', 40, 12)}"`],
        negative: ['LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `lin_api_${fakeToken('', 32, 13)}`],
      };
    },
  },
  {
    id: 'linear-oauth-token',
    title: 'Linear OAuth access token',
    provider: 'Linear',
    severity: 'high',
    keywords: ['lin_oauth_'],
    pattern: /\b(lin_oauth_[a-f0-9]{64})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`LINEAR_TOKEN=${fakeToken('lin_oauth_', 64, 14, hex)}`, `"access_token": "${fakeToken('lin_oauth_', 64, 15, hex)}"`],
        negative: ['lin_oauth_<token>', `lin_oauth_${fakeToken('', 64, 16)}`],
      };
    },
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian (Jira/Confluence) API token',
    provider: 'Atlassian',
    severity: 'high',
    keywords: ['atatt3'],
    pattern: /\b(ATATT3[A-Za-z0-9_=-]{186})(?![\w=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `JIRA_API_TOKEN=ATATT3${fakeToken('', 177, 17, b64url)}=${fakeToken('', 8, 18, ALPHABETS.hexUpper)}`,
          `"CONFLUENCE_API_TOKEN": "ATATT3${fakeToken('', 177, 19, b64url)}=${fakeToken('', 8, 20, ALPHABETS.hexUpper)}"`,
        ],
        negative: ['JIRA_API_TOKEN=ATATT3xFfGF0...', `ATATT3${fakeToken('', 100, 21, b64url)}`],
      };
    },
  },
  {
    id: 'atlassian-legacy-api-token',
    title: 'Atlassian API token (legacy 24-character form)',
    provider: 'Atlassian',
    severity: 'high',
    keywords: ['atlassian', 'confluence', 'jira'],
    pattern: assignedTo('atlassian|confluence|jira', '[a-z0-9]{24}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`JIRA_API_TOKEN=${fakeToken('', 24, 22)}`, `"CONFLUENCE_TOKEN": "${fakeToken('', 24, 23)}"`],
        negative: ['JIRA_PROJECT_KEY=PLATFORMENGINEERINGTEAMS', `API_TOKEN=${fakeToken('', 24, 24)}`, 'JIRA_API_TOKEN=your_jira_api_token_here'],
      };
    },
  },
  {
    id: 'asana-personal-access-token',
    title: 'Asana personal access token',
    provider: 'Asana',
    severity: 'high',
    keywords: ['1/', '2/'],
    pattern: /\b(?<![/.])([12]\/[0-9]{13,16}(?:\/[0-9]{13,16})?:[a-f0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `ASANA_ACCESS_TOKEN=2/${fakeToken('', 16, 25, digits)}/${fakeToken('', 16, 26, digits)}:${fakeToken('', 32, 27, hex)}`,
          `"ASANA_TOKEN": "1/${fakeToken('', 16, 28, digits)}:${fakeToken('', 32, 29, hex)}"`,
        ],
        negative: ['ASANA_ACCESS_TOKEN=2/xxxx/yyyy:zzzz', `https://app.asana.com/0/${fakeToken('', 16, 30, digits)}/1/${fakeToken('', 16, 31, digits)}`, `3/${fakeToken('', 16, 32, digits)}:${fakeToken('', 32, 33, hex)}`],
      };
    },
  },
  {
    id: 'airtable-personal-access-token',
    title: 'Airtable personal access token',
    provider: 'Airtable',
    severity: 'high',
    keywords: ['pat'],
    pattern: /\b(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`AIRTABLE_API_KEY=${fakeToken('pat', 14, 34)}.${fakeToken('', 64, 35, hex)}`, `"AIRTABLE_TOKEN": "${fakeToken('pat', 14, 36)}.${fakeToken('', 64, 37, hex)}"`],
        negative: ['AIRTABLE_API_KEY=patXXXXXXXXXXXXXX.xxxxxxxx', `${fakeToken('pat', 14, 38)}.${fakeToken('', 40, 39, hex)}`],
      };
    },
  },
  {
    id: 'airtable-api-key',
    title: 'Airtable legacy API key',
    provider: 'Airtable',
    severity: 'high',
    keywords: ['airtable'],
    pattern: assignedTo('airtable', 'key[a-z0-9]{14}'),
    entropy: 3.3,
    validate: (s) => lettersAndDigits(s.slice(3)),
    get examples() {
      return {
        positive: [`AIRTABLE_API_KEY=${fakeToken('key', 14, 40)}`, `"airtableApiKey": "${fakeToken('key', 14, 41)}"`],
        negative: ['AIRTABLE_API_KEY=keyXXXXXXXXXXXXXX', `API_KEY=${fakeToken('key', 14, 42)}`],
      };
    },
  },
  {
    id: 'figma-pat',
    title: 'Figma personal access token',
    provider: 'Figma',
    severity: 'high',
    keywords: ['figd_'],
    pattern: /\b(figd_[A-Za-z0-9_-]{38,80})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`FIGMA_API_KEY=${fakeToken('figd_', 40, 43, b64url)}`, `"FIGMA_ACCESS_TOKEN": "${fakeToken('figd_', 40, 44, b64url)}"`, `npx figma-developer-mcp --figma-api-key=${fakeToken('figd_', 40, 45, b64url)} --stdio`],
        negative: ['FIGMA_API_KEY=figd_your_token', `figd_${fakeToken('', 20, 46)}`],
      };
    },
  },
  {
    id: 'postman-api-token',
    title: 'Postman API key',
    provider: 'Postman',
    severity: 'high',
    keywords: ['pmak-'],
    pattern: /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/i,
    entropy: 3,
    get examples() {
      return {
        positive: [`POSTMAN_API_KEY=PMAK-${fakeToken('', 24, 47, hex)}-${fakeToken('', 34, 48, hex)}`, `"X-Api-Key": "PMAK-${fakeToken('', 24, 49, hex)}-${fakeToken('', 34, 50, hex)}"`],
        negative: ['POSTMAN_API_KEY=PMAK-xxxxxxxx', `PMAK-${fakeToken('', 24, 51, hex)}`],
      };
    },
  },
  {
    id: 'trello-access-token',
    title: 'Trello API token',
    provider: 'Trello',
    severity: 'high',
    keywords: ['trello'],
    pattern: assignedTo('trello', 'ATTA[a-f0-9]{64,72}|[a-f0-9]{64}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`TRELLO_TOKEN=ATTA${fakeToken('', 64, 52, hex)}${fakeToken('', 8, 53, ALPHABETS.hexUpper)}`, `"trelloToken": "${fakeToken('', 64, 54, hex)}"`],
        negative: [`TRELLO_API_KEY=${fakeToken('', 32, 55, hex)}`, `TOKEN=${fakeToken('', 64, 56, hex)}`],
      };
    },
  },
  {
    id: 'monday-api-token',
    title: 'monday.com API token',
    provider: 'monday.com',
    severity: 'high',
    keywords: ['monday'],
    pattern: assignedTo('monday', JWT),
    entropy: 4,
    get examples() {
      return {
        positive: [`MONDAY_API_TOKEN=${fakeJwt({ tid: 123456, aai: 11, uid: 987, rgn: 'use1' }, 57)}`, `"MONDAY_TOKEN": "${fakeJwt({ tid: 654321, uid: 42 }, 58)}"`],
        negative: ['MONDAY_API_TOKEN=your_monday_token', 'monday: 09:00-17:00'],
      };
    },
  },
  {
    id: 'clickup-api-token',
    title: 'ClickUp personal API token',
    provider: 'ClickUp',
    severity: 'high',
    keywords: ['pk_'],
    pattern: /\b(pk_[0-9]{6,10}_[A-Z0-9]{32})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`CLICKUP_API_KEY=pk_${fakeToken('', 8, 59, digits)}_${fakeToken('', 32, 60, ALPHABETS.upperAlnum)}`, `"Authorization": "pk_${fakeToken('', 9, 61, digits)}_${fakeToken('', 32, 62, ALPHABETS.upperAlnum)}"`],
        negative: ['CLICKUP_API_KEY=pk_12345678_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', `pk_live_${fakeToken('', 32, 63)}`],
      };
    },
  },
  {
    id: 'zendesk-secret-key',
    title: 'Zendesk API token',
    provider: 'Zendesk',
    severity: 'high',
    keywords: ['zendesk'],
    pattern: assignedTo('zendesk', '[a-z0-9]{40}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`ZENDESK_API_TOKEN=${fakeToken('', 40, 64)}`, `"zendeskToken": "${fakeToken('', 40, 65)}"`],
        negative: [`ZENDESK_SUBDOMAIN=acme`, `API_TOKEN=${fakeToken('', 40, 66)}`],
      };
    },
  },
  {
    id: 'hubspot-private-app-token',
    title: 'HubSpot private app access token',
    provider: 'HubSpot',
    severity: 'high',
    keywords: ['pat-na', 'pat-eu', 'pat-ap'],
    pattern: /\b(pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`HUBSPOT_ACCESS_TOKEN=pat-na1-${fakeUuid(67)}`, `"PRIVATE_APP_ACCESS_TOKEN": "pat-eu1-${fakeUuid(68)}"`],
        negative: ['pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', `pat-na1-${fakeToken('', 20, 69, hex)}`],
      };
    },
  },
  {
    id: 'hubspot-api-key',
    title: 'HubSpot legacy API key',
    provider: 'HubSpot',
    severity: 'high',
    keywords: ['hubspot', 'hapikey'],
    pattern: assignedTo('hubspot|hapikey', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`HUBSPOT_API_KEY=${fakeUuid(70)}`, `"hapikey": "${fakeUuid(71)}"`],
        negative: [`HUBSPOT_PORTAL_ID=1234567`, `API_KEY=${fakeUuid(72)}`],
      };
    },
  },
  {
    id: 'intercom-api-key',
    title: 'Intercom access token',
    provider: 'Intercom',
    severity: 'high',
    keywords: ['intercom'],
    pattern: assignedTo('intercom', '[a-z0-9=_-]{60}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`INTERCOM_ACCESS_TOKEN=dG9rOj${fakeToken('', 53, 73)}=`, `"intercomToken": "dG9rOj${fakeToken('', 53, 74)}="`],
        negative: [`INTERCOM_APP_ID=${fakeToken('', 8, 75, ALPHABETS.lowerAlnum)}`, `ACCESS_TOKEN=dG9rOj${fakeToken('', 53, 76)}=`],
      };
    },
  },
  {
    id: 'calendly-api-token',
    title: 'Calendly personal access token',
    provider: 'Calendly',
    severity: 'high',
    keywords: ['calendly'],
    pattern: assignedTo('calendly', JWT),
    entropy: 4,
    get examples() {
      return {
        positive: [`CALENDLY_API_KEY=${fakeJwt({ iss: 'https://auth.calendly.com', jti: fakeUuid(77) }, 77)}`, `"CALENDLY_TOKEN": "${fakeJwt({ iss: 'https://auth.calendly.com', user_uuid: fakeUuid(78) }, 78)}"`],
        negative: ['CALENDLY_API_KEY=<personal access token>', `TOKEN=${fakeJwt({ sub: '1' }, 79)}`],
      };
    },
  },
  {
    id: 'typeform-api-token',
    title: 'Typeform personal access token',
    provider: 'Typeform',
    severity: 'high',
    keywords: ['tfp_'],
    pattern: /\b(tfp_[A-Za-z0-9_.=-]{59})(?![\w.=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`TYPEFORM_TOKEN=${fakeToken('tfp_', 59, 80, b64url)}`, `"TYPEFORM_API_TOKEN": "${fakeToken('tfp_', 59, 81, b64url)}"`],
        negative: ['TYPEFORM_TOKEN=tfp_your_token', `tfp_${fakeToken('', 30, 82)}`],
      };
    },
  },
  {
    id: 'dropbox-short-lived-api-token',
    title: 'Dropbox access token',
    provider: 'Dropbox',
    severity: 'high',
    keywords: ['sl.'],
    pattern: /\b(?<![.-])(sl\.(?:u\.)?[A-Za-z0-9_-]{130,1500})(?![\w-])/,
    entropy: 4.5,
    get examples() {
      return {
        positive: [`DROPBOX_ACCESS_TOKEN=${fakeToken('sl.', 140, 83, b64url)}`, `"DROPBOX_TOKEN": "${fakeToken('sl.u.', 600, 84, b64url)}"`],
        negative: ['DROPBOX_ACCESS_TOKEN=sl.your-token', `ssl.${fakeToken('', 140, 85, b64url)}`],
      };
    },
  },
  {
    id: 'dropbox-long-lived-api-token',
    title: 'Dropbox long-lived access token',
    provider: 'Dropbox',
    severity: 'high',
    keywords: ['dropbox'],
    pattern: assignedTo('dropbox', '[a-z0-9]{11}AAAAAAAAAA[a-z0-9_=-]{43}'),
    // The run of ten A's is part of the format, so the shared run-of-characters filter must not apply.
    keepPlaceholders: true,
    validate: (s) => lettersAndDigits(s.slice(21)),
    get examples() {
      return {
        positive: [`DROPBOX_TOKEN=${fakeToken('', 11, 86)}AAAAAAAAAA${fakeToken('', 43, 87, b64url)}`, `"dropboxAccessToken": "${fakeToken('', 11, 88)}AAAAAAAAAA${fakeToken('', 43, 89, b64url)}"`],
        negative: [`TOKEN=${fakeToken('', 11, 90)}AAAAAAAAAA${fakeToken('', 43, 91, b64url)}`, `DROPBOX_TOKEN=${fakeToken('', 64, 92)}`],
      };
    },
  },
  {
    id: 'box-api-token',
    title: 'Box developer token or client secret',
    provider: 'Box',
    severity: 'high',
    keywords: ['box'],
    pattern: assignedTo('box[_-]?(?:developer[_-]?token|access[_-]?token|client[_-]?secret)', '[a-z0-9]{32}', { gap: 8 }),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`BOX_DEVELOPER_TOKEN=${fakeToken('', 32, 93)}`, `"BOX_CLIENT_SECRET": "${fakeToken('', 32, 944)}"`],
        negative: [`BOX_CLIENT_ID=${fakeToken('', 32, 95, ALPHABETS.lowerAlnum)}`, `checkbox_access_token=${fakeToken('', 32, 96)}`],
      };
    },
  },
  {
    id: 'miro-access-token',
    title: 'Miro access token',
    provider: 'Miro',
    severity: 'high',
    keywords: ['eyjtaxjvlm9yawdpbii6i'],
    pattern: /\b(eyJtaXJvLm9yaWdpbiI6I[A-Za-z0-9]{4,16}fQ_[A-Za-z0-9_-]{20,120})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`MIRO_ACCESS_TOKEN=eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_${fakeToken('', 27, 97, b64url)}`, `"MIRO_OAUTH_TOKEN": "eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_${fakeToken('', 27, 98, b64url)}"`],
        negative: ['eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_', `eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_${fakeToken('', 10, 99)}`],
      };
    },
  },
  {
    id: 'contentful-personal-access-token',
    title: 'Contentful personal access token',
    provider: 'Contentful',
    severity: 'high',
    keywords: ['cfpat-'],
    pattern: /\b(CFPAT-[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`CONTENTFUL_MANAGEMENT_TOKEN=${fakeToken('CFPAT-', 43, 100, b64url)}`, `"CONTENTFUL_MANAGEMENT_ACCESS_TOKEN": "${fakeToken('CFPAT-', 43, 101, b64url)}"`],
        negative: ['CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-<token>', `CFPAT-${fakeToken('', 20, 102)}`],
      };
    },
  },
  {
    id: 'contentful-delivery-api-token',
    title: 'Contentful delivery or preview API token',
    provider: 'Contentful',
    severity: 'medium',
    keywords: ['contentful'],
    pattern: assignedTo('contentful', '[a-z0-9_-]{43}'),
    entropy: 4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`CONTENTFUL_ACCESS_TOKEN=${fakeToken('', 43, 103, b64url)}`, `"contentfulPreviewToken": "${fakeToken('', 43, 104, b64url)}"`],
        negative: [`CONTENTFUL_SPACE_ID=${fakeToken('', 12, 105, ALPHABETS.lowerAlnum)}`, `ACCESS_TOKEN=${fakeToken('', 43, 106, b64url)}`],
      };
    },
  },
  {
    id: 'todoist-api-token',
    title: 'Todoist API token',
    provider: 'Todoist',
    severity: 'medium',
    keywords: ['todoist'],
    pattern: assignedTo('todoist', '[a-f0-9]{40}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`TODOIST_API_TOKEN=${fakeToken('', 40, 107, hex)}`, `"TODOIST_API_TOKEN": "${fakeToken('', 40, 108, hex)}"`],
        negative: [`API_TOKEN=${fakeToken('', 40, 109, hex)}`, 'TODOIST_API_TOKEN=your_todoist_token'],
      };
    },
  },
  {
    id: 'freshdesk-api-key',
    title: 'Freshdesk API key',
    provider: 'Freshdesk',
    severity: 'high',
    keywords: ['freshdesk'],
    pattern: assignedTo('freshdesk', '[a-z0-9]{20}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`FRESHDESK_API_KEY=${fakeToken('', 20, 110)}`, `"freshdeskApiKey": "${fakeToken('', 20, 111)}"`],
        negative: ['FRESHDESK_DOMAIN=acmesupportdeskhelps', `API_KEY=${fakeToken('', 20, 112)}`],
      };
    },
  },
  {
    id: 'pipedrive-api-token',
    title: 'Pipedrive API token',
    provider: 'Pipedrive',
    severity: 'high',
    keywords: ['pipedrive'],
    pattern: assignedTo('pipedrive', '[a-f0-9]{40}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`PIPEDRIVE_API_TOKEN=${fakeToken('', 40, 113, hex)}`, `"pipedriveApiToken": "${fakeToken('', 40, 114, hex)}"`],
        negative: [`API_TOKEN=${fakeToken('', 40, 115, hex)}`, 'PIPEDRIVE_API_TOKEN=<token>'],
      };
    },
  },
  {
    id: 'salesforce-access-token',
    title: 'Salesforce session or access token',
    provider: 'Salesforce',
    severity: 'high',
    keywords: ['00d'],
    pattern: /\b(00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,200})(?![\w.])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`SF_ACCESS_TOKEN=00D${fakeToken('', 12, 116)}!${fakeToken('', 96, 117, `${ALPHABETS.alnum}._`)}`, `"accessToken": "00D${fakeToken('', 15, 118)}!${fakeToken('', 96, 119, `${ALPHABETS.alnum}._`)}"`],
        negative: [`00D${fakeToken('', 15, 120)}`, `00D${fakeToken('', 12, 121)}!short`],
      };
    },
  },
  {
    id: 'webflow-api-token',
    title: 'Webflow API token',
    provider: 'Webflow',
    severity: 'high',
    keywords: ['webflow'],
    pattern: assignedTo('webflow', '[a-f0-9]{64}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`WEBFLOW_TOKEN=${fakeToken('', 64, 122, hex)}`, `"WEBFLOW_API_TOKEN": "${fakeToken('', 64, 123, hex)}"`],
        negative: [`TOKEN=${fakeToken('', 64, 124, hex)}`, 'WEBFLOW_TOKEN=your_webflow_token'],
      };
    },
  },
  {
    id: 'zapier-mcp-url',
    title: 'Zapier MCP server URL',
    provider: 'Zapier',
    severity: 'high',
    confidence: 'high',
    description: 'The path segment is the credential: anyone with the URL can run the actions the MCP server exposes.',
    keywords: ['mcp.zapier.com', 'actions.zapier.com/mcp/'],
    pattern: /https:\/\/(?:mcp\.zapier\.com\/api\/mcp\/(?:s\/|a\/\d+\/)?|actions\.zapier\.com\/mcp\/)(?<secret>[A-Za-z0-9_=-]{20,200})\/(?:mcp|sse)\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `"url": "https://mcp.zapier.com/api/mcp/s/${fakeToken('', 48, 140)}/mcp"`,
          `ZAPIER_MCP_URL=https://mcp.zapier.com/api/mcp/s/${fakeToken('', 64, 141, ALPHABETS.base64url)}/mcp`,
          `"serverUrl": "https://actions.zapier.com/mcp/sk-ak-${fakeToken('', 32, 142)}/sse"`,
          `npx mcp-remote https://actions.zapier.com/mcp/${fakeToken('', 40, 143)}/sse`,
        ],
        negative: [
          '"url": "https://mcp.zapier.com/api/mcp/s/<your-secret>/mcp"',
          '"url": "https://mcp.zapier.com/api/mcp/mcp"',
          'https://actions.zapier.com/mcp/YOUR_MCP_KEY_HERE/sse',
          '"url": "https://mcp.zapier.com/api/mcp/s/${ZAPIER_MCP_SECRET}/mcp"',
        ],
      };
    },
  },
  {
    id: 'make-mcp-url',
    title: 'Make MCP server URL',
    provider: 'Make',
    severity: 'high',
    confidence: 'high',
    description: 'The MCP token in the path is the credential: the URL alone runs the scenarios the token exposes.',
    keywords: ['make.com/mcp/'],
    pattern: /https:\/\/[a-z0-9-]+\.make\.com\/mcp\/(?:api\/v1\/)?u\/(?<secret>[A-Za-z0-9_-]{20,100})\/(?:sse|stateless|mcp)\b/,
    entropy: 3.2,
    get examples() {
      return {
        positive: [
          `"url": "https://eu2.make.com/mcp/api/v1/u/${fakeUuid(150)}/sse"`,
          `npx mcp-remote https://us1.make.com/mcp/u/${fakeToken('', 32, 151, b64url)}/stateless`,
        ],
        negative: ['"url": "https://eu2.make.com/mcp/api/v1/u/<MCP_TOKEN>/sse"', 'https://us1.make.com/mcp/api/v1/u/${MAKE_MCP_TOKEN}/sse', 'https://www.make.com/en/help/mcp'],
      };
    },
  },
  {
    id: 'pipedream-mcp-url',
    title: 'Pipedream MCP endpoint URL',
    provider: 'Pipedream',
    severity: 'high',
    confidence: 'high',
    description: "The UUID in the path is the user's private endpoint: anyone with the URL acts with their connected accounts.",
    keywords: ['mcp.pipedream.net/'],
    pattern: new RegExp(`https://mcp\\.pipedream\\.net/(?<secret>${UUID})/[a-z0-9_-]+`),
    entropy: 3,
    get examples() {
      return {
        positive: [`"url": "https://mcp.pipedream.net/${fakeUuid(152)}/slack"`, `npx supergateway --sse https://mcp.pipedream.net/${fakeUuid(153)}/google_sheets`],
        negative: ['"url": "https://mcp.pipedream.net/<uuid>/slack"', '"url": "https://remote.mcp.pipedream.net"', `https://pipedream.com/apps/${fakeUuid(154)}/slack`],
      };
    },
  },
  {
    id: 'composio-mcp-url',
    title: 'Composio MCP server URL',
    provider: 'Composio',
    severity: 'high',
    confidence: 'medium',
    description: "The customerId (or the generated server slug) in a Composio MCP URL stands for the user's connected accounts.",
    keywords: ['composio.dev/'],
    // The secret follows `customerId=` (a UUID or token) or is the last path segment in the generated
    // three-words-and-six form; lookbehinds keep one `secret` group for both.
    pattern: new RegExp(
      `https://mcp\\.composio\\.dev/(?:[a-z0-9_-]{1,64}/){0,6}[a-z0-9_-]{1,64}(?:\\?(?:[^\\s"'#]{0,400}&)?customerId=|/)(?<secret>(?<==)(?:${UUID}|[A-Za-z0-9_-]{16,64})|(?<=/)[a-z]+-[a-z]+-[a-z]+-[a-z0-9]{6}\\b)`,
    ),
    get examples() {
      return {
        positive: [
          `"url": "https://mcp.composio.dev/partner/composio/gmail?customerId=${fakeUuid(155)}"`,
          `"url": "https://mcp.composio.dev/gmail/tinkling-faint-car-${fakeToken('', 6, 156, ALPHABETS.lowerAlnum)}"`,
        ],
        negative: ['"url": "https://mcp.composio.dev/partner/composio/gmail?customerId=<your-customer-id>"', '"url": "https://mcp.composio.dev/gmail"', 'see https://docs.composio.dev/mcp/overview'],
      };
    },
  },
  {
    id: 'n8n-mcp-url',
    title: 'n8n MCP Server Trigger URL',
    provider: 'n8n',
    severity: 'high',
    confidence: 'medium',
    description: "An MCP Server Trigger's path is a UUID; with the trigger's default (no authentication) the URL is the only key.",
    keywords: ['n8n'],
    pattern: new RegExp(`https?://[a-z0-9.-]*n8n[a-z0-9.-]*(?::\\d+)?/mcp(?:-test)?/(?<secret>${UUID})(?:/sse)?`),
    get examples() {
      return {
        positive: [`"url": "https://acme.app.n8n.cloud/mcp/${fakeUuid(157)}/sse"`, `N8N_MCP_URL=https://n8n.internal.acme.io/mcp-test/${fakeUuid(158)}`],
        negative: ['"url": "https://acme.app.n8n.cloud/mcp/<path>/sse"', `https://acme.app.n8n.cloud/webhook/${fakeUuid(159)}`, 'https://docs.n8n.io/integrations/mcp/'],
      };
    },
  },
  {
    id: 'zapier-webhook-url',
    title: 'Zapier catch-hook URL',
    provider: 'Zapier',
    severity: 'medium',
    description: 'Anyone holding the URL can trigger the Zap.',
    keywords: ['hooks.zapier.com'],
    pattern: /(https:\/\/hooks\.zapier\.com\/hooks\/catch\/[0-9]{4,12}\/[a-z0-9]{5,12})\/?/,
    get examples() {
      return {
        positive: [`ZAPIER_WEBHOOK=https://hooks.zapier.com/hooks/catch/${fakeToken('', 8, 125, digits)}/${fakeToken('', 7, 126, ALPHABETS.lowerAlnum)}/`, `"url": "https://hooks.zapier.com/hooks/catch/${fakeToken('', 7, 127, digits)}/${fakeToken('', 6, 128, ALPHABETS.lowerAlnum)}"`],
        negative: ['https://hooks.zapier.com/hooks/catch/', 'https://zapier.com/apps/webhook/integrations'],
      };
    },
  },
  {
    id: 'smartsheet-api-token',
    title: 'Smartsheet API access token',
    provider: 'Smartsheet',
    severity: 'high',
    keywords: ['smartsheet'],
    pattern: assignedTo('smartsheet', '[a-z0-9]{26,37}'),
    entropy: 3.8,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`SMARTSHEET_ACCESS_TOKEN=${fakeToken('', 37, 129)}`, `"SMARTSHEET_API_TOKEN": "${fakeToken('', 26, 130)}"`],
        negative: [`ACCESS_TOKEN=${fakeToken('', 37, 131)}`, 'SMARTSHEET_ACCESS_TOKEN=your_smartsheet_access_token'],
      };
    },
  },
  {
    id: 'readme-api-token',
    title: 'ReadMe API key',
    provider: 'ReadMe',
    severity: 'high',
    keywords: ['rdme_'],
    pattern: /\b(rdme_[a-z0-9]{70})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`README_API_KEY=${fakeToken('rdme_', 70, 132, ALPHABETS.lowerAlnum)}`, `"key": "${fakeToken('rdme_', 70, 133, ALPHABETS.lowerAlnum)}"`],
        negative: ['README_API_KEY=rdme_xxxxxxxxxxxxxxxxxxxxxxxxxxxx', `rdme_${fakeToken('', 40, 134, ALPHABETS.lowerAlnum)}`],
      };
    },
  },
  {
    id: 'okta-access-token',
    title: 'Okta API token',
    provider: 'Okta',
    severity: 'critical',
    keywords: ['okta'],
    pattern: assignedTo('okta', '00[a-z0-9_-]{40}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`OKTA_API_TOKEN=00${fakeToken('', 40, 135, b64url)}`, `"oktaApiToken": "00${fakeToken('', 40, 136, b64url)}"`],
        negative: [`OKTA_CLIENT_ID=0oa${fakeToken('', 17, 137)}`, `API_TOKEN=00${fakeToken('', 40, 138, b64url)}`],
      };
    },
  },
  {
    id: 'frameio-api-token',
    title: 'Frame.io API token',
    provider: 'Frame.io',
    severity: 'high',
    keywords: ['fio-u-'],
    pattern: /\b(fio-u-[A-Za-z0-9_=-]{64})(?![\w=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`FRAMEIO_TOKEN=${fakeToken('fio-u-', 64, 139, b64url)}`, `"token": "${fakeToken('fio-u-', 64, 140, b64url)}"`],
        negative: ['fio-u-your-token', `fio-u-${fakeToken('', 30, 141)}`],
      };
    },
  },
  {
    id: 'shortcut-api-token',
    title: 'Shortcut (Clubhouse) API token',
    provider: 'Shortcut',
    severity: 'high',
    keywords: ['shortcut', 'clubhouse'],
    pattern: assignedTo('shortcut[_-]?api|shortcut[_-]?token|clubhouse', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`SHORTCUT_API_TOKEN=${fakeUuid(142)}`, `"CLUBHOUSE_API_TOKEN": "${fakeUuid(143)}"`],
        negative: [`SHORTCUT_KEY=ctrl+k`, `API_TOKEN=${fakeUuid(144)}`],
      };
    },
  },
  {
    id: 'jotform-api-key',
    title: 'Jotform API key',
    provider: 'Jotform',
    severity: 'high',
    keywords: ['jotform'],
    pattern: assignedTo('jotform', '[a-z0-9]{32}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`JOTFORM_API_KEY=${fakeToken('', 32, 145, ALPHABETS.lowerAlnum)}`, `"jotformApiKey": "${fakeToken('', 32, 146, ALPHABETS.lowerAlnum)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 147, ALPHABETS.lowerAlnum)}`, 'JOTFORM_API_KEY=your_jotform_api_key'],
      };
    },
  },
  {
    id: 'calcom-api-key',
    title: 'Cal.com API key',
    provider: 'Cal.com',
    severity: 'high',
    keywords: ['cal_live_'],
    pattern: /\b(cal_live_[a-f0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`CALCOM_API_KEY=${fakeToken('cal_live_', 32, 148, hex)}`, `"CAL_API_KEY": "${fakeToken('cal_live_', 32, 149, hex)}"`],
        negative: ['CALCOM_API_KEY=cal_live_<key>', `cal_test_${fakeToken('', 32, 150, hex)}`],
      };
    },
  },
];
