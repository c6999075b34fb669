// Provider rules: the search, scraping and data-lookup keys MCP servers use most (Brave, Firecrawl, Exa,
// Tavily, SerpAPI, Jina, Browserbase, Apify, Composio, Smithery, ScrapingBee…), plus maps, news and
// threat-intel APIs. Google keys (AIza…) are AI/cloud rules.
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeUuid, UUID } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64url = ALPHABETS.base64url;
const lower = ALPHABETS.lowerAlnum;

export const rules: Rule[] = [
  {
    id: 'brave-search-api-key',
    title: 'Brave Search API key',
    provider: 'Brave Search',
    severity: 'high',
    keywords: ['bsa'],
    // BSA + 28 characters is the common shape; longer ones (up to 40) are in circulation too.
    pattern: /\b(?<![+/-])(BSA[A-Za-z0-9_-]{25,45})(?![\w+/=-])/,
    entropy: 3.8,
    validate: (s) => /[a-z]/.test(s) && /[A-Z]/.test(s.slice(3)) && /[0-9_-]/.test(s.slice(3)),
    get examples() {
      return {
        positive: [`BRAVE_API_KEY=${fakeToken('BSA', 28, 1)}`, `BRAVE_API_KEY=${fakeToken('BSA', 40, 301, b64url)}`, `"env": { "BRAVE_API_KEY": "${fakeToken('BSA', 28, 2)}" }`, `claude mcp add brave -e BRAVE_API_KEY=${fakeToken('BSA', 28, 3)} -- npx -y @modelcontextprotocol/server-brave-search`],
        negative: ['BRAVE_API_KEY=BSAxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'BSA_SUBSCRIPTION_TOKEN_DOCUMENTATION', `BSA${fakeToken('', 12, 4)}`, 'BRAVE_API_KEY=BSA_your_brave_api_key_here', 'BSAConfigurationManagerFactoryImpl'],
      };
    },
  },
  {
    id: 'firecrawl-api-key',
    title: 'Firecrawl API key',
    provider: 'Firecrawl',
    severity: 'high',
    keywords: ['fc-'],
    pattern: /\b(?<!-)(fc-[a-f0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`FIRECRAWL_API_KEY=${fakeToken('fc-', 32, 5, hex)}`, `"FIRECRAWL_API_KEY": "${fakeToken('fc-', 32, 6, hex)}"`],
        negative: ['FIRECRAWL_API_KEY=fc-YOUR_API_KEY', `fc-${fakeToken('', 20, 7, hex)}`, `abc-fc-${fakeToken('', 32, 8, hex)}`],
      };
    },
  },
  {
    id: 'exa-api-key',
    title: 'Exa API key',
    provider: 'Exa',
    severity: 'high',
    keywords: ['exa_api_key', 'exa-api-key', 'exaapikey', 'exa_key', 'exa-key', 'exakey'],
    // Exa keys are bare UUIDs, so only a key name that says "exa" makes one a finding.
    pattern: assignedTo('exa(?:_api_key|-api-key|apikey|_key|-key|key)', UUID, { gap: 4 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`EXA_API_KEY=${fakeUuid(9)}`, `"EXA_API_KEY": "${fakeUuid(10)}"`, `"url": "https://mcp.exa.ai/mcp?exaApiKey=${fakeUuid(11)}"`],
        negative: [`API_KEY=${fakeUuid(12)}`, 'EXA_API_KEY=your-exa-api-key', `"requestId": "${fakeUuid(13)}"`],
      };
    },
  },
  {
    id: 'tavily-api-key',
    title: 'Tavily API key',
    provider: 'Tavily',
    severity: 'high',
    keywords: ['tvly-'],
    pattern: /\b(tvly-(?:dev-|prod-)?[A-Za-z0-9]{24,40})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`TAVILY_API_KEY=${fakeToken('tvly-', 32, 14)}`, `"TAVILY_API_KEY": "${fakeToken('tvly-dev-', 32, 15)}"`, `"url": "https://mcp.tavily.com/mcp/?tavilyApiKey=${fakeToken('tvly-', 32, 16)}"`],
        negative: ['TAVILY_API_KEY=tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'TAVILY_API_KEY=tvly-YOUR_API_KEY', `tvly-${fakeToken('', 12, 17)}`],
      };
    },
  },
  {
    id: 'serpapi-api-key',
    title: 'SerpAPI key',
    provider: 'SerpAPI',
    severity: 'high',
    keywords: ['serpapi', 'serp_api', 'serp-api'],
    pattern: assignedTo('serp[_-]?api', '[a-f0-9]{64}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`SERPAPI_API_KEY=${fakeToken('', 64, 18, hex)}`, `"SERP_API_KEY": "${fakeToken('', 64, 19, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 64, 20, hex)}`, 'SERPAPI_API_KEY=<your serpapi key>'],
      };
    },
  },
  {
    id: 'jina-api-key',
    title: 'Jina AI API key',
    provider: 'Jina AI',
    severity: 'high',
    keywords: ['jina_'],
    pattern: /\b(jina_[A-Za-z0-9_-]{56,72})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`JINA_API_KEY=jina_${fakeToken('', 32, 21, hex)}${fakeToken('', 28, 22, b64url)}`, `"Authorization": "Bearer jina_${fakeToken('', 32, 23, hex)}${fakeToken('', 28, 24, b64url)}"`],
        negative: ['JINA_API_KEY=jina_xxxxxxxxxxxxxxxxxxxxxxxx', `jina_${fakeToken('', 30, 25)}`, 'jina_embeddings_v3_model_configuration_loader_for_the_sdk'],
      };
    },
  },
  {
    id: 'browserbase-api-key',
    title: 'Browserbase API key',
    provider: 'Browserbase',
    severity: 'high',
    keywords: ['bb_live_'],
    pattern: /\b(bb_live_[A-Za-z0-9_-]{20,40})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`BROWSERBASE_API_KEY=${fakeToken('bb_live_', 27, 26, b64url)}`, `"BROWSERBASE_API_KEY": "${fakeToken('bb_live_', 27, 27, b64url)}"`],
        negative: ['BROWSERBASE_API_KEY=bb_live_your_key_here', `bb_live_${fakeToken('', 10, 28)}`],
      };
    },
  },
  {
    id: 'apify-api-token',
    title: 'Apify API token',
    provider: 'Apify',
    severity: 'high',
    keywords: ['apify_api_'],
    pattern: /\b(apify_api_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`APIFY_TOKEN=${fakeToken('apify_api_', 36, 29)}`, `"Authorization": "Bearer ${fakeToken('apify_api_', 36, 30)}"`],
        negative: ['APIFY_TOKEN=apify_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `apify_api_${fakeToken('', 20, 31)}`],
      };
    },
  },
  {
    id: 'composio-api-key',
    title: 'Composio API key',
    provider: 'Composio',
    severity: 'high',
    keywords: ['composio'],
    pattern: assignedTo('composio', '(?:ak_)?[a-z0-9_-]{16,64}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`COMPOSIO_API_KEY=${fakeToken('', 24, 32, lower)}`, `"x-composio-api-key": "ak_${fakeToken('', 20, 33, b64url)}"`],
        negative: ['COMPOSIO_API_KEY=your-composio-api-key', 'COMPOSIO_BASE_URL=https://backend.composio.dev', `API_KEY=${fakeToken('', 24, 34, lower)}`],
      };
    },
  },
  {
    id: 'smithery-api-key',
    title: 'Smithery API key',
    provider: 'Smithery',
    severity: 'high',
    keywords: ['smithery'],
    pattern: assignedTo('smithery', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`SMITHERY_API_KEY=${fakeUuid(35)}`, `"SMITHERY_API_KEY": "${fakeUuid(36)}"`, `"url": "https://server.smithery.ai/@acme/mcp/mcp?smitheryKey=${fakeUuid(37)}"`],
        negative: [`API_KEY=${fakeUuid(38)}`, `"qualifiedName": "@smithery/${fakeUuid(39)}"`],
      };
    },
  },
  {
    id: 'scrapingbee-api-key',
    title: 'ScrapingBee API key',
    provider: 'ScrapingBee',
    severity: 'high',
    keywords: ['scrapingbee', 'scraping_bee', 'scraping-bee'],
    pattern: assignedTo('scraping[_-]?bee', '[a-z0-9]{80}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`SCRAPINGBEE_API_KEY=${fakeToken('', 80, 40, ALPHABETS.upperAlnum)}`, `"scrapingbeeApiKey": "${fakeToken('', 80, 41, ALPHABETS.upperAlnum)}"`],
        negative: [`API_KEY=${fakeToken('', 80, 42, ALPHABETS.upperAlnum)}`, 'SCRAPINGBEE_API_KEY=YOUR-API-KEY'],
      };
    },
  },
  {
    id: 'scraperapi-api-key',
    title: 'ScraperAPI key',
    provider: 'ScraperAPI',
    severity: 'high',
    keywords: ['scraperapi', 'scraper_api', 'scraper-api'],
    pattern: assignedTo('scraper[_-]?api', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`SCRAPERAPI_KEY=${fakeToken('', 32, 43, hex)}`, `"SCRAPER_API_KEY": "${fakeToken('', 32, 44, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 45, hex)}`, 'SCRAPERAPI_KEY=APIKEY'],
      };
    },
  },
  {
    id: 'brightdata-api-token',
    title: 'Bright Data API token',
    provider: 'Bright Data',
    severity: 'high',
    keywords: ['brightdata', 'bright_data', 'bright-data'],
    pattern: assignedTo('bright[_-]?data', `${UUID}|[a-f0-9]{64}`),
    entropy: 3,
    get examples() {
      return {
        positive: [`BRIGHTDATA_API_TOKEN=${fakeToken('', 64, 46, hex)}`, `"BRIGHT_DATA_API_KEY": "${fakeUuid(47)}"`],
        negative: [`API_TOKEN=${fakeToken('', 64, 48, hex)}`, 'BRIGHTDATA_ZONE=mcp_unlocker'],
      };
    },
  },
  {
    id: 'serper-api-key',
    title: 'Serper.dev API key',
    provider: 'Serper',
    severity: 'high',
    keywords: ['serper'],
    pattern: assignedTo('serper', '[a-f0-9]{40}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`SERPER_API_KEY=${fakeToken('', 40, 49, hex)}`, `"SERPER_API_KEY": "${fakeToken('', 40, 50, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 40, 51, hex)}`, 'SERPER_API_KEY=your-serper-key'],
      };
    },
  },
  {
    id: 'kagi-api-key',
    title: 'Kagi API token',
    provider: 'Kagi',
    severity: 'high',
    keywords: ['kagi'],
    pattern: assignedTo('kagi', '[a-z0-9_-]{20,64}\\.[a-z0-9_-]{20,64}|[a-z0-9_-]{32,100}'),
    entropy: 4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`KAGI_API_KEY=${fakeToken('', 26, 52, b64url)}.${fakeToken('', 43, 53, b64url)}`, `"KAGI_API_KEY": "${fakeToken('', 48, 54, b64url)}"`],
        negative: [`API_KEY=${fakeToken('', 48, 55, b64url)}`, 'KAGI_SUMMARIZER_ENGINE=cecil'],
      };
    },
  },
  {
    id: 'youcom-api-key',
    title: 'You.com API key',
    provider: 'You.com',
    severity: 'high',
    keywords: ['ydc', 'you_com', 'you-com', 'youcom', 'you_api', 'you-api'],
    pattern: assignedTo(
      'ydc[_-]?api[_-]?key|you[_-]?com[_-]?api[_-]?key|you[_-]api[_-]key',
      '(?:ydc-sk-)?[a-z0-9_-]{30,100}',
      { gap: 4 },
    ),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`YDC_API_KEY=ydc-sk-${fakeToken('', 40, 56, b64url)}`, `"YOU_API_KEY": "${fakeToken('', 40, 58, b64url)}"`, `YOUCOM_API_KEY=${fakeToken('', 40, 59)}`],
        negative: [`API_KEY=ydc-sk-${fakeToken('', 40, 60, b64url)}`, 'YDC_API_KEY=your_ydc_api_key'],
      };
    },
  },
  {
    id: 'perigon-api-key',
    title: 'Perigon API key',
    provider: 'Perigon',
    severity: 'high',
    keywords: ['perigon'],
    pattern: assignedTo('perigon', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`PERIGON_API_KEY=${fakeUuid(61)}`, `"perigonApiKey": "${fakeUuid(62)}"`],
        negative: [`API_KEY=${fakeUuid(63)}`, 'PERIGON_API_KEY=<api key>'],
      };
    },
  },
  {
    id: 'newsapi-api-key',
    title: 'NewsAPI key',
    provider: 'NewsAPI',
    severity: 'medium',
    keywords: ['newsapi', 'news_api', 'news-api'],
    pattern: assignedTo('news[_-]?api', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`NEWSAPI_KEY=${fakeToken('', 32, 64, hex)}`, `"NEWS_API_KEY": "${fakeToken('', 32, 65, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 66, hex)}`, 'NEWS_API_KEY=your_newsapi_key'],
      };
    },
  },
  {
    id: 'bing-search-api-key',
    title: 'Bing Search subscription key',
    provider: 'Microsoft Bing',
    severity: 'high',
    keywords: ['bing'],
    pattern: assignedTo('bing[_-]?(?:search[_-]?|web[_-]?)?(?:api[_-]?|subscription[_-]?)?key', '[a-f0-9]{32}', { gap: 4 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`BING_SEARCH_API_KEY=${fakeToken('', 32, 67, hex)}`, `"BING_API_KEY": "${fakeToken('', 32, 68, hex)}"`],
        negative: [`SUBSCRIPTION_KEY=${fakeToken('', 32, 69, hex)}`, 'BING_API_KEY=<subscription-key>'],
      };
    },
  },
  {
    id: 'mapbox-api-token',
    title: 'Mapbox secret access token',
    provider: 'Mapbox',
    severity: 'high',
    description: 'Only sk. tokens: pk. tokens are public by design.',
    keywords: ['sk.eyj1ijoi'],
    pattern: /\b(sk\.eyJ1Ijoi[A-Za-z0-9_-]{20,200}\.[A-Za-z0-9_-]{22})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`MAPBOX_ACCESS_TOKEN=sk.${Buffer.from(JSON.stringify({ u: 'acme-maps', a: fakeToken('', 25, 70, lower) })).toString('base64url')}.${fakeToken('', 22, 71, b64url)}`, `"MAPBOX_SECRET_TOKEN": "sk.${Buffer.from(JSON.stringify({ u: 'dev', a: fakeToken('', 25, 72, lower) })).toString('base64url')}.${fakeToken('', 22, 73, b64url)}"`],
        negative: [`MAPBOX_TOKEN=pk.${Buffer.from(JSON.stringify({ u: 'acme-maps', a: fakeToken('', 25, 74, lower) })).toString('base64url')}.${fakeToken('', 22, 75, b64url)}`, 'sk.eyJ1Ijoi'],
      };
    },
  },
  {
    id: 'scrapfly-api-key',
    title: 'Scrapfly API key',
    provider: 'Scrapfly',
    severity: 'high',
    keywords: ['scp-live-', 'scp-test-'],
    pattern: /\b(scp-(?:live|test)-[a-f0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SCRAPFLY_API_KEY=${fakeToken('scp-live-', 32, 76, hex)}`, `"SCRAPFLY_KEY": "${fakeToken('scp-test-', 32, 77, hex)}"`],
        negative: ['SCRAPFLY_API_KEY=scp-live-xxxx', `scp-live-${fakeToken('', 20, 78, hex)}`],
      };
    },
  },
  {
    id: 'zenrows-api-key',
    title: 'ZenRows API key',
    provider: 'ZenRows',
    severity: 'high',
    keywords: ['zenrows'],
    pattern: assignedTo('zenrows', '[a-f0-9]{40}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`ZENROWS_API_KEY=${fakeToken('', 40, 79, hex)}`, `"zenrowsApiKey": "${fakeToken('', 40, 80, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 40, 81, hex)}`, 'ZENROWS_API_KEY=YOUR_ZENROWS_KEY'],
      };
    },
  },
  {
    id: 'linkup-api-key',
    title: 'Linkup API key',
    provider: 'Linkup',
    severity: 'high',
    keywords: ['linkup'],
    pattern: assignedTo('linkup', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`LINKUP_API_KEY=${fakeUuid(82)}`, `"LINKUP_API_KEY": "${fakeUuid(83)}"`],
        negative: [`API_KEY=${fakeUuid(84)}`, 'LINKUP_API_KEY=<your-linkup-key>'],
      };
    },
  },
  {
    id: 'openweathermap-api-key',
    title: 'OpenWeatherMap API key',
    provider: 'OpenWeatherMap',
    severity: 'medium',
    keywords: ['openweather', 'owm'],
    pattern: assignedTo('openweather(?:map)?|owm', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`OPENWEATHER_API_KEY=${fakeToken('', 32, 85, hex)}`, `"OWM_API_KEY": "${fakeToken('', 32, 86, hex)}"`],
        negative: [`WEATHER_KEY=${fakeToken('', 32, 87, hex)}`, 'OPENWEATHER_API_KEY=your_api_key'],
      };
    },
  },
  {
    id: 'alphavantage-api-key',
    title: 'Alpha Vantage API key',
    provider: 'Alpha Vantage',
    severity: 'medium',
    keywords: ['alphavantage', 'alpha_vantage', 'alpha-vantage'],
    pattern: assignedTo('alpha[_-]?vantage', '[a-z0-9]{16}'),
    entropy: 3.3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`ALPHAVANTAGE_API_KEY=${fakeToken('', 16, 88, ALPHABETS.upperAlnum)}`, `"ALPHA_VANTAGE_API_KEY": "${fakeToken('', 16, 89, ALPHABETS.upperAlnum)}"`],
        negative: ['ALPHA_VANTAGE_API_KEY=demo', `API_KEY=${fakeToken('', 16, 90, ALPHABETS.upperAlnum)}`],
      };
    },
  },
  {
    id: 'polygon-api-key',
    title: 'Polygon.io (Massive) API key',
    provider: 'Polygon.io',
    severity: 'medium',
    keywords: ['polygon'],
    pattern: assignedTo('polygon[_-]?(?:io[_-]?)?api[_-]?key', '[a-z0-9_]{32}', { gap: 4 }),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`POLYGON_API_KEY=${fakeToken('', 32, 91, `${ALPHABETS.alnum}_`)}`, `"POLYGON_API_KEY": "${fakeToken('', 32, 92)}"`],
        negative: [`polygonVertexCount = ${fakeToken('', 32, 93)}`, 'POLYGON_API_KEY=your_polygon_api_key'],
      };
    },
  },
  {
    id: 'unsplash-access-key',
    title: 'Unsplash access or secret key',
    provider: 'Unsplash',
    severity: 'medium',
    keywords: ['unsplash'],
    pattern: assignedTo('unsplash', '[a-z0-9_-]{43}'),
    entropy: 4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`UNSPLASH_ACCESS_KEY=${fakeToken('', 43, 94, b64url)}`, `"unsplashSecretKey": "${fakeToken('', 43, 95, b64url)}"`],
        negative: [`ACCESS_KEY=${fakeToken('', 43, 96, b64url)}`, 'UNSPLASH_ACCESS_KEY=YOUR_ACCESS_KEY_GOES_HERE_PLEASE_XYZ12345678'],
      };
    },
  },
  {
    id: 'diffbot-api-token',
    title: 'Diffbot API token',
    provider: 'Diffbot',
    severity: 'medium',
    keywords: ['diffbot'],
    pattern: assignedTo('diffbot', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`DIFFBOT_TOKEN=${fakeToken('', 32, 97, hex)}`, `"diffbotToken": "${fakeToken('', 32, 98, hex)}"`],
        negative: [`TOKEN=${fakeToken('', 32, 99, hex)}`, 'DIFFBOT_TOKEN=<token>'],
      };
    },
  },
  {
    id: 'geoapify-api-key',
    title: 'Geoapify API key',
    provider: 'Geoapify',
    severity: 'medium',
    keywords: ['geoapify'],
    pattern: assignedTo('geoapify', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`GEOAPIFY_API_KEY=${fakeToken('', 32, 100, hex)}`, `"GEOAPIFY_KEY": "${fakeToken('', 32, 101, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 102, hex)}`, 'GEOAPIFY_API_KEY=YOUR_API_KEY'],
      };
    },
  },
  {
    id: 'ipinfo-access-token',
    title: 'IPinfo access token',
    provider: 'IPinfo',
    severity: 'medium',
    keywords: ['ipinfo'],
    pattern: assignedTo('ipinfo', '[a-f0-9]{14}'),
    entropy: 2.8,
    get examples() {
      return {
        positive: [`IPINFO_TOKEN=${fakeToken('', 14, 103, hex)}`, `"IPINFO_API_TOKEN": "${fakeToken('', 14, 104, hex)}"`],
        negative: [`TOKEN=${fakeToken('', 14, 105, hex)}`, 'IPINFO_TOKEN=your_token'],
      };
    },
  },
  {
    id: 'shodan-api-key',
    title: 'Shodan API key',
    provider: 'Shodan',
    severity: 'high',
    keywords: ['shodan'],
    pattern: assignedTo('shodan', '[a-z0-9]{32}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`SHODAN_API_KEY=${fakeToken('', 32, 106)}`, `"shodanApiKey": "${fakeToken('', 32, 107)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 108)}`, 'SHODAN_API_KEY=YOUR_SHODAN_API_KEY_HERE_PLEASE_X'],
      };
    },
  },
  {
    id: 'virustotal-api-key',
    title: 'VirusTotal API key',
    provider: 'VirusTotal',
    severity: 'high',
    keywords: ['virustotal', 'vt_api', 'vt-api'],
    pattern: assignedTo('virus[_-]?total|vt[_-]api', '[a-f0-9]{64}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`VIRUSTOTAL_API_KEY=${fakeToken('', 64, 109, hex)}`, `"VT_API_KEY": "${fakeToken('', 64, 110, hex)}"`],
        negative: [`SHA256=${fakeToken('', 64, 111, hex)}`, 'VIRUSTOTAL_API_KEY=<key>'],
      };
    },
  },
  {
    id: 'hibp-api-key',
    title: 'Have I Been Pwned API key',
    provider: 'Have I Been Pwned',
    severity: 'medium',
    keywords: ['hibp'],
    pattern: assignedTo('hibp', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`HIBP_API_KEY=${fakeToken('', 32, 112, hex)}`, `"hibp-api-key": "${fakeToken('', 32, 113, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 114, hex)}`, 'HIBP_API_KEY=<key>'],
      };
    },
  },
  {
    id: 'tmdb-api-key',
    title: 'TMDB API key',
    provider: 'TMDB',
    severity: 'medium',
    keywords: ['tmdb'],
    pattern: assignedTo('tmdb', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`TMDB_API_KEY=${fakeToken('', 32, 115, hex)}`, `"tmdbApiKey": "${fakeToken('', 32, 116, hex)}"`],
        negative: [`API_KEY=${fakeToken('', 32, 117, hex)}`, 'TMDB_API_KEY=your_tmdb_key'],
      };
    },
  },
  {
    id: 'spotify-client-secret',
    title: 'Spotify client secret',
    provider: 'Spotify',
    severity: 'high',
    keywords: ['spotify'],
    pattern: assignedTo('spotify', '[a-f0-9]{32}', { then: '[\\w.-]{0,16}secret', gap: 4 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`SPOTIFY_CLIENT_SECRET=${fakeToken('', 32, 118, hex)}`, `"spotifyClientSecret": "${fakeToken('', 32, 119, hex)}"`],
        negative: [`SPOTIFY_CLIENT_ID=${fakeToken('', 32, 120, hex)}`, `CLIENT_SECRET=${fakeToken('', 32, 121, hex)}`],
      };
    },
  },
];
