// AI model and tooling providers: OpenAI, Anthropic, Google, Azure OpenAI, open-model hosts, speech,
// vector stores and LLM observability. Keys with a prefix match on it; the rest need the provider's name.
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits, mixedCase } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';

const { hexLower, base64url, lowerAlnum } = ALPHABETS;

// OpenAI keys embed "T3BlbkFJ" (base64 of "OpenAI") between two random halves.
const openaiLegacy = (seed: number) => `sk-${fakeToken('', 20, seed)}T3BlbkFJ${fakeToken('', 20, seed + 1)}`;
const openaiScoped = (kind: string, seed: number) =>
  `sk-${kind}-${fakeToken('', 74, seed, base64url)}T3BlbkFJ${fakeToken('', 74, seed + 1, base64url)}`;
const uuid = (seed: number) => {
  const h = fakeToken('', 32, seed, hexLower);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export const rules: Rule[] = [
  {
    id: 'openai-api-key',
    title: 'OpenAI API key (user or legacy)',
    provider: 'OpenAI',
    severity: 'critical',
    keywords: ['t3blbkfj'],
    // Project, service-account and admin keys have rules of their own.
    pattern: /\b(sk-(?!proj-|svcacct-|admin-)(?:None-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})(?![\w-])/,
    entropy: 3.5,
    // The shared filter reads the real "sk-None-" prefix as the word "none"; the T3BlbkFJ marker, the
    // entropy floor and this run check keep templates out instead.
    keepPlaceholders: true,
    validate: (s) => !/(.)\1{4,}/.test(s) && !/x{4}/i.test(s),
    get examples() {
      return {
        positive: [
          `OPENAI_API_KEY=${openaiLegacy(1)}`,
          `client = OpenAI(api_key="${openaiLegacy(3)}")`,
          `"OPENAI_API_KEY": "sk-None-${fakeToken('', 48, 5, base64url)}T3BlbkFJ${fakeToken('', 48, 6, base64url)}"`,
        ],
        negative: [
          'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx',
          `OPENAI_ORG_ID=org-${fakeToken('', 24, 2)}`,
          `sk-${fakeToken('', 48, 4)}`,
          `const marker = "T3BlbkFJ"; // base64 of OpenAI`,
        ],
      };
    },
  },
  {
    id: 'openai-project-api-key',
    title: 'OpenAI project API key',
    provider: 'OpenAI',
    severity: 'critical',
    keywords: ['sk-proj-'],
    pattern: /\b(sk-proj-[A-Za-z0-9_-]{40,200})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `OPENAI_API_KEY=${openaiScoped('proj', 11)}`,
          `"env": { "OPENAI_API_KEY": "sk-proj-${fakeToken('', 48, 12)}" }`,
        ],
        negative: [
          'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'OPENAI_API_KEY=sk-proj-your-key-here',
          `key = "sk-proj-${fakeToken('', 20, 13)}"`,
        ],
      };
    },
  },
  {
    id: 'openai-service-account-key',
    title: 'OpenAI service account key',
    provider: 'OpenAI',
    severity: 'critical',
    keywords: ['sk-svcacct-'],
    pattern: /\b(sk-svcacct-[A-Za-z0-9_-]{40,200})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`OPENAI_API_KEY=${openaiScoped('svcacct', 21)}`, `export OPENAI_KEY='${openaiScoped('svcacct', 23)}'`],
        negative: ['OPENAI_API_KEY=sk-svcacct-...', `sk-svcacct-${fakeToken('', 16, 22)}`],
      };
    },
  },
  {
    id: 'openai-admin-key',
    title: 'OpenAI admin key',
    provider: 'OpenAI',
    severity: 'critical',
    keywords: ['sk-admin-'],
    pattern: /\b(sk-admin-[A-Za-z0-9_-]{40,200})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`OPENAI_ADMIN_KEY=${openaiScoped('admin', 31)}`, `"adminKey": "${openaiScoped('admin', 33)}"`],
        negative: ['OPENAI_ADMIN_KEY=sk-admin-<your admin key>', `sk-admin-${fakeToken('', 12, 32)}`],
      };
    },
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    provider: 'Anthropic',
    severity: 'critical',
    keywords: ['sk-ant-api'],
    pattern: /\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `ANTHROPIC_API_KEY=${fakeToken('sk-ant-api03-', 93, 1, base64url)}AA`,
          `"ANTHROPIC_API_KEY": "${fakeToken('sk-ant-api03-', 93, 2, base64url)}AA"`,
        ],
        negative: [
          'ANTHROPIC_API_KEY=sk-ant-api03-...',
          `ANTHROPIC_API_KEY=sk-ant-api03-${'x'.repeat(93)}AA`,
          `${fakeToken('sk-ant-api03-', 60, 3, base64url)}AA`,
        ],
      };
    },
  },
  {
    id: 'anthropic-admin-api-key',
    title: 'Anthropic admin API key',
    provider: 'Anthropic',
    severity: 'critical',
    keywords: ['sk-ant-admin'],
    pattern: /\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `ANTHROPIC_ADMIN_KEY=${fakeToken('sk-ant-admin01-', 93, 4, base64url)}AA`,
          `curl -H "x-api-key: ${fakeToken('sk-ant-admin01-', 93, 5, base64url)}AA" https://api.anthropic.com/v1/organizations/users`,
        ],
        negative: ['ANTHROPIC_ADMIN_KEY=sk-ant-admin01-your-admin-key', `${fakeToken('sk-ant-admin01-', 40, 6, base64url)}`],
      };
    },
  },
  {
    id: 'anthropic-oauth-access-token',
    title: 'Anthropic OAuth access token (Claude subscription)',
    provider: 'Anthropic',
    severity: 'critical',
    keywords: ['sk-ant-oat'],
    pattern: /\b(sk-ant-oat01-[A-Za-z0-9_-]{80,120})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `CLAUDE_CODE_OAUTH_TOKEN=${fakeToken('sk-ant-oat01-', 93, 7, base64url)}AA`,
          `{"claudeAiOauth":{"accessToken":"${fakeToken('sk-ant-oat01-', 95, 8, base64url)}"}}`,
        ],
        negative: ['CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-...', `sk-ant-oat01-${fakeToken('', 30, 9, base64url)}`],
      };
    },
  },
  {
    id: 'anthropic-oauth-refresh-token',
    title: 'Anthropic OAuth refresh token (Claude subscription)',
    provider: 'Anthropic',
    severity: 'critical',
    keywords: ['sk-ant-ort'],
    pattern: /\b(sk-ant-ort01-[A-Za-z0-9_-]{80,120})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `{"refreshToken":"${fakeToken('sk-ant-ort01-', 93, 10, base64url)}AA"}`,
          `refresh_token: ${fakeToken('sk-ant-ort01-', 95, 11, base64url)}`,
        ],
        negative: ['"refreshToken": "sk-ant-ort01-<token>"', `sk-ant-ort01-${fakeToken('', 40, 12, base64url)}`],
      };
    },
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key (Gemini, Maps, Cloud)',
    provider: 'Google',
    severity: 'high',
    keywords: ['aiza'],
    // Google Chat webhook URLs all carry one shared, public key; the webhook rule reports the URL instead.
    pattern: /(?<!chat\.googleapis\.com\/v1\/spaces\/[\w-]{1,40}\/messages\?key=)\b(AIza[A-Za-z0-9_-]{35})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `GEMINI_API_KEY=${fakeToken('AIza', 35, 1, base64url)}`,
          `genai.configure(api_key="${fakeToken('AIza', 35, 2, base64url)}")`,
          `"GOOGLE_API_KEY": "${fakeToken('AIzaSy', 33, 3, base64url)}"`,
        ],
        negative: [
          'GEMINI_API_KEY=AIzaSyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          `AIza${fakeToken('', 20, 4)}`,
          'const aizawa = "AIzawaTakeshi";',
          `https://chat.googleapis.com/v1/spaces/AAAAb1c2d3e/messages?key=${fakeToken('AIza', 35, 5, base64url)}&token=abc`,
        ],
      };
    },
  },
  {
    id: 'azure-openai-api-key',
    title: 'Azure OpenAI / Azure AI services key',
    provider: 'Microsoft Azure',
    severity: 'critical',
    keywords: ['azure'],
    // Classic keys are 32 hex; keys issued since 2024 are 84 base62 characters.
    pattern: assignedTo(
      'azure',
      '[a-f0-9]{32}|[A-Za-z0-9]{84}',
      { then: '[\\w.-]{0,8}(?:openai|oai|cognitive|ai[_.-]?services?|ai[_.-]?foundry|speech|language)[\\w.-]{0,12}?(?:key|token|secret)' },
    ),
    entropy: 3,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [
          `AZURE_OPENAI_API_KEY=${fakeToken('', 32, 1, hexLower)}`,
          `"AZURE_OPENAI_KEY": "${fakeToken('', 84, 2)}"`,
          `azure_ai_services_key: ${fakeToken('', 32, 3, hexLower)}`,
        ],
        negative: [
          'AZURE_OPENAI_API_KEY=<your-azure-openai-key>',
          `AZURE_OPENAI_DEPLOYMENT=${fakeToken('', 32, 4, hexLower)}`,
          `AZURE_OPENAI_API_KEY=${fakeToken('', 31, 5, hexLower)}`,
        ],
      };
    },
  },
  {
    id: 'mistral-api-key',
    title: 'Mistral AI API key',
    provider: 'Mistral AI',
    severity: 'critical',
    keywords: ['mistral'],
    pattern: assignedTo('mistral', '[A-Za-z0-9]{32}'),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [
          `MISTRAL_API_KEY=${fakeToken('', 32, 1)}`,
          `"MISTRAL_API_KEY": "${fakeToken('', 32, 2)}"`,
          `{ "name": "MISTRAL_API_KEY", "value": "${fakeToken('', 32, 5)}" }`,
        ],
        negative: [
          'MISTRAL_API_KEY=your_mistral_api_key_here',
          `MISTRAL_MODEL_HASH=${fakeToken('', 32, 3, hexLower)}`,
          `MISTRAL_API_KEY=${fakeToken('', 40, 4)}`,
          'model: mistral-large-latest',
          `MISTRAL_MODEL_REVISION=${fakeToken('', 32, 6)}`,
        ],
      };
    },
  },
  {
    id: 'cohere-api-token',
    title: 'Cohere API key',
    provider: 'Cohere',
    severity: 'critical',
    keywords: ['cohere', 'co_api_key'],
    pattern: assignedTo('cohere|co_api_key', '[A-Za-z0-9]{40}'),
    entropy: 4.2,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`COHERE_API_KEY=${fakeToken('', 40, 1)}`, `CO_API_KEY: "${fakeToken('', 40, 2)}"`],
        negative: [
          'COHERE_API_KEY=<cohere-key>',
          `COHERE_COMMIT=${fakeToken('', 40, 3, hexLower)}`,
          `cohere_client_version = "coherentStateMachineInitialisedProperly"`,
        ],
      };
    },
  },
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    provider: 'Groq',
    severity: 'critical',
    keywords: ['gsk_'],
    pattern: /\b(gsk_[A-Za-z0-9]{52})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`GROQ_API_KEY=${fakeToken('gsk_', 52, 1)}`, `Groq(api_key="${fakeToken('gsk_', 52, 2)}")`],
        negative: ['GROQ_API_KEY=gsk_your_groq_api_key_here', `gsk_${fakeToken('', 30, 3)}`],
      };
    },
  },
  {
    id: 'perplexity-api-key',
    title: 'Perplexity API key',
    provider: 'Perplexity',
    severity: 'critical',
    keywords: ['pplx-'],
    pattern: /\b(pplx-[A-Za-z0-9]{48})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`PERPLEXITY_API_KEY=${fakeToken('pplx-', 48, 1)}`, `"PERPLEXITY_API_KEY": "${fakeToken('pplx-', 48, 2)}"`],
        negative: ['PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `pplx-${fakeToken('', 24, 3)}`],
      };
    },
  },
  {
    id: 'together-api-key',
    title: 'Together AI API key',
    provider: 'Together AI',
    severity: 'critical',
    keywords: ['tgp_v1_'],
    pattern: /\b(tgp_v1_[A-Za-z0-9_-]{40,64})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`TOGETHER_API_KEY=${fakeToken('tgp_v1_', 43, 1, base64url)}`, `Together(api_key="${fakeToken('tgp_v1_', 43, 2, base64url)}")`],
        negative: ['TOGETHER_API_KEY=tgp_v1_...', `tgp_v1_${fakeToken('', 12, 3)}`],
      };
    },
  },
  {
    id: 'together-legacy-api-key',
    title: 'Together AI API key (legacy hex)',
    provider: 'Together AI',
    severity: 'critical',
    keywords: ['together'],
    // "together" is an English word: demand a key-like name, not just the word.
    pattern: assignedTo('together', '[a-f0-9]{64}', { then: '[\\w.-]{0,6}?(?:api[_.-]?)?(?:key|token)' }),
    entropy: 3.4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`TOGETHER_API_KEY=${fakeToken('', 64, 1, hexLower)}`, `together_key: "${fakeToken('', 64, 2, hexLower)}"`],
        negative: [
          `TOGETHER_MODEL_SHA=${fakeToken('', 64, 3, hexLower)}`,
          'TOGETHER_API_KEY=your-together-api-key',
          `"together": "${fakeToken('', 64, 4, hexLower)}"`,
          `ALTOGETHER_TOKEN=${fakeToken('', 64, 5, hexLower)}`,
        ],
      };
    },
  },
  {
    id: 'fireworks-api-key',
    title: 'Fireworks AI API key',
    provider: 'Fireworks AI',
    severity: 'critical',
    keywords: ['fireworks'],
    // A bare "fw_" prefix is too short: camelCase firmware identifiers look the same.
    pattern: assignedTo('fireworks', 'fw_[A-Za-z0-9]{20,48}'),
    entropy: 3.5,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`FIREWORKS_API_KEY=${fakeToken('fw_', 24, 1)}`, `"FIREWORKS_API_KEY": "${fakeToken('fw_', 24, 2)}"`],
        negative: ['FIREWORKS_API_KEY=fw_your_fireworks_key', 'uint32_t fw_versionNumberFromHeader2 = 0;', `FIREWORKS_API_KEY=fw_${fakeToken('', 12, 3)}`],
      };
    },
  },
  {
    id: 'deepseek-api-key',
    title: 'DeepSeek API key',
    provider: 'DeepSeek',
    severity: 'critical',
    keywords: ['deepseek'],
    pattern: assignedTo('deepseek', 'sk-[a-f0-9]{32}'),
    entropy: 3.3,
    get examples() {
      return {
        positive: [`DEEPSEEK_API_KEY=${fakeToken('sk-', 32, 1, hexLower)}`, `deepseek_api_key: "${fakeToken('sk-', 32, 2, hexLower)}"`],
        negative: ['DEEPSEEK_API_KEY=sk-your-deepseek-key', `OTHER_KEY=${fakeToken('sk-', 32, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'xai-api-key',
    title: 'xAI (Grok) API key',
    provider: 'xAI',
    severity: 'critical',
    keywords: ['xai-'],
    pattern: /\b(xai-[A-Za-z0-9]{80})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`XAI_API_KEY=${fakeToken('xai-', 80, 1)}`, `"XAI_API_KEY": "${fakeToken('xai-', 80, 2)}"`],
        negative: ['XAI_API_KEY=xai-your-key', `import { xai } from '@ai-sdk/xai'; const m = xai('grok-4');`, `xai-${fakeToken('', 40, 3)}`],
      };
    },
  },
  {
    id: 'openrouter-api-key',
    title: 'OpenRouter API key',
    provider: 'OpenRouter',
    severity: 'critical',
    keywords: ['sk-or-v1-'],
    pattern: /\b(sk-or-v1-[a-f0-9]{64})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`OPENROUTER_API_KEY=${fakeToken('sk-or-v1-', 64, 1, hexLower)}`, `Authorization: Bearer ${fakeToken('sk-or-v1-', 64, 2, hexLower)}`],
        negative: ['OPENROUTER_API_KEY=sk-or-v1-...', `sk-or-v1-${fakeToken('', 64, 3)}`],
      };
    },
  },
  {
    id: 'huggingface-access-token',
    title: 'Hugging Face access token',
    provider: 'Hugging Face',
    severity: 'critical',
    keywords: ['hf_'],
    pattern: /\b(hf_[A-Za-z]{34})\b/,
    entropy: 3.5,
    validate: (s) => /[A-Z]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)),
    get examples() {
      return {
        positive: [
          `HF_TOKEN=${fakeToken('hf_', 34, 1, ALPHABETS.alnum.slice(0, 52))}`,
          `huggingface-cli login --token ${fakeToken('hf_', 34, 2, ALPHABETS.alnum.slice(0, 52))}`,
        ],
        negative: ['HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'self.hf_tokenizerconfigurationmanagerx = None', `hf_${fakeToken('', 34, 3)}1`],
      };
    },
  },
  {
    id: 'huggingface-organization-api-token',
    title: 'Hugging Face organization API token',
    provider: 'Hugging Face',
    severity: 'critical',
    keywords: ['api_org_'],
    pattern: /\b(api_org_[A-Za-z]{34})\b/,
    entropy: 3.5,
    validate: (s) => /[A-Z]/.test(s.slice(8)) && /[a-z]/.test(s.slice(8)),
    get examples() {
      return {
        positive: [
          `HF_ORG_TOKEN=${fakeToken('api_org_', 34, 1, ALPHABETS.alnum.slice(0, 52))}`,
          `"token": "${fakeToken('api_org_', 34, 2, ALPHABETS.alnum.slice(0, 52))}"`,
        ],
        negative: ['HF_ORG_TOKEN=api_org_your_org_token', 'def api_org_membershipsforauthenticateduser(self):'],
      };
    },
  },
  {
    id: 'replicate-api-token',
    title: 'Replicate API token',
    provider: 'Replicate',
    severity: 'critical',
    keywords: ['r8_'],
    pattern: /\b(r8_[A-Za-z0-9]{37})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`REPLICATE_API_TOKEN=${fakeToken('r8_', 37, 1)}`, `"REPLICATE_API_TOKEN": "${fakeToken('r8_', 37, 2)}"`],
        negative: ['REPLICATE_API_TOKEN=r8_your_token_here', `r8_${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'ai21-api-key',
    title: 'AI21 Labs API key',
    provider: 'AI21 Labs',
    severity: 'high',
    keywords: ['ai21'],
    pattern: assignedTo('ai21', '[A-Za-z0-9]{32}'),
    entropy: 4.0,
    validate: mixedCase,
    get examples() {
      return {
        positive: [`AI21_API_KEY=${fakeToken('', 32, 1)}`, `"ai21_api_key": "${fakeToken('', 32, 2)}"`],
        negative: ['AI21_API_KEY=<ai21 key>', `AI21_MODEL=jamba-1.5-large`, `AI21_BUILD=${fakeToken('', 32, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'voyage-api-key',
    title: 'Voyage AI API key',
    provider: 'Voyage AI',
    severity: 'high',
    keywords: ['voyage'],
    pattern: assignedTo('voyage', 'pa-[A-Za-z0-9_-]{40,50}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`VOYAGE_API_KEY=${fakeToken('pa-', 43, 1, base64url)}`, `VOYAGE_API_KEY: "${fakeToken('pa-', 43, 2, base64url)}"`],
        negative: ['VOYAGE_API_KEY=pa-...', `VOYAGE_MODEL=voyage-3-large`],
      };
    },
  },
  {
    id: 'elevenlabs-api-key',
    title: 'ElevenLabs API key',
    provider: 'ElevenLabs',
    severity: 'high',
    keywords: ['sk_'],
    pattern: /\b(sk_[a-f0-9]{48})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`ELEVENLABS_API_KEY=${fakeToken('sk_', 48, 1, hexLower)}`, `"xi-api-key": "${fakeToken('sk_', 48, 2, hexLower)}"`],
        negative: ['ELEVENLABS_API_KEY=sk_your_key', `sk_${fakeToken('', 32, 3, hexLower)}`, `sk_live_${fakeToken('', 24, 4)}`],
      };
    },
  },
  {
    id: 'elevenlabs-legacy-api-key',
    title: 'ElevenLabs API key (legacy hex)',
    provider: 'ElevenLabs',
    severity: 'high',
    keywords: ['elevenlabs', 'xi-api-key', 'xi_api_key'],
    pattern: assignedTo('elevenlabs|xi[_-]api[_-]key', '[a-f0-9]{32}'),
    entropy: 3.0,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`ELEVENLABS_API_KEY=${fakeToken('', 32, 1, hexLower)}`, `headers = {"xi-api-key": "${fakeToken('', 32, 2, hexLower)}"}`],
        negative: ['ELEVENLABS_API_KEY=your-elevenlabs-key', `ELEVENLABS_VOICE=Rachel`],
      };
    },
  },
  {
    id: 'deepgram-api-key',
    title: 'Deepgram API key',
    provider: 'Deepgram',
    severity: 'high',
    keywords: ['deepgram'],
    pattern: assignedTo('deepgram', '[a-f0-9]{40}', { then: '[\\w.-]{0,10}?(?:key|token|secret)' }),
    entropy: 3.2,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`DEEPGRAM_API_KEY=${fakeToken('', 40, 1, hexLower)}`, `"deepgramApiKey": "${fakeToken('', 40, 2, hexLower)}"`],
        negative: [`DEEPGRAM_SDK_COMMIT=${fakeToken('', 40, 3, hexLower)}`, 'DEEPGRAM_API_KEY=<deepgram key>'],
      };
    },
  },
  {
    id: 'assemblyai-api-key',
    title: 'AssemblyAI API key',
    provider: 'AssemblyAI',
    severity: 'high',
    keywords: ['assemblyai', 'assembly_ai'],
    pattern: assignedTo('assembly[_-]?ai', '[a-f0-9]{32}', { then: '[\\w.-]{0,10}?(?:key|token)' }),
    entropy: 3.0,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`ASSEMBLYAI_API_KEY=${fakeToken('', 32, 1, hexLower)}`, `aai.settings.api_key = os.getenv("ASSEMBLYAI_KEY", "${fakeToken('', 32, 2, hexLower)}")`],
        negative: ['ASSEMBLYAI_API_KEY=your_assemblyai_key', `ASSEMBLYAI_VERSION=${fakeToken('', 32, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'langsmith-api-key',
    title: 'LangSmith API key (personal or service)',
    provider: 'LangChain',
    severity: 'high',
    keywords: ['lsv2_'],
    pattern: /\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b/,
    entropy: 3.2,
    get examples() {
      return {
        positive: [
          `LANGSMITH_API_KEY=lsv2_pt_${fakeToken('', 32, 1, hexLower)}_${fakeToken('', 10, 2, hexLower)}`,
          `"LANGCHAIN_API_KEY": "lsv2_sk_${fakeToken('', 32, 3, hexLower)}_${fakeToken('', 10, 4, hexLower)}"`,
        ],
        negative: ['LANGSMITH_API_KEY=lsv2_pt_...', `lsv2_pt_${fakeToken('', 32, 5, hexLower)}`],
      };
    },
  },
  {
    id: 'langsmith-legacy-api-key',
    title: 'LangSmith API key (legacy)',
    provider: 'LangChain',
    severity: 'high',
    keywords: ['ls__'],
    pattern: /\b(ls__[a-f0-9]{32})\b/,
    entropy: 3.2,
    get examples() {
      return {
        positive: [`LANGCHAIN_API_KEY=${fakeToken('ls__', 32, 1, hexLower)}`, `api_key="${fakeToken('ls__', 32, 2, hexLower)}"`],
        negative: ['LANGCHAIN_API_KEY=ls__your_key', `ls__${fakeToken('', 32, 3)}`],
      };
    },
  },
  {
    id: 'langfuse-secret-key',
    title: 'Langfuse secret key',
    provider: 'Langfuse',
    severity: 'high',
    keywords: ['sk-lf-'],
    pattern: /\b(sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    get examples() {
      return {
        positive: [`LANGFUSE_SECRET_KEY=sk-lf-${uuid(1)}`, `"secretKey": "sk-lf-${uuid(2)}"`],
        negative: [`LANGFUSE_PUBLIC_KEY=pk-lf-${uuid(3)}`, 'LANGFUSE_SECRET_KEY=sk-lf-...'],
      };
    },
  },
  {
    id: 'pinecone-api-key',
    title: 'Pinecone API key',
    provider: 'Pinecone',
    severity: 'high',
    keywords: ['pcsk_'],
    pattern: /\b(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `PINECONE_API_KEY=pcsk_${fakeToken('', 6, 1)}_${fakeToken('', 63, 2)}`,
          `Pinecone(api_key="pcsk_${fakeToken('', 5, 3)}_${fakeToken('', 64, 4)}")`,
        ],
        negative: ['PINECONE_API_KEY=pcsk_your_key_here', `pcsk_${fakeToken('', 6, 5)}`],
      };
    },
  },
  {
    id: 'pinecone-legacy-api-key',
    title: 'Pinecone API key (legacy UUID)',
    provider: 'Pinecone',
    severity: 'high',
    keywords: ['pinecone'],
    pattern: assignedTo(
      'pinecone',
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      { then: '[\\w.-]{0,10}?(?:key|token)' },
    ),
    get examples() {
      return {
        positive: [`PINECONE_API_KEY=${uuid(1)}`, `pinecone_api_key: "${uuid(2)}"`],
        negative: [`PINECONE_INDEX_ID=${uuid(3)}`, 'PINECONE_API_KEY=00000000-0000-0000-0000-000000000000'],
      };
    },
  },
  {
    id: 'wandb-api-key',
    title: 'Weights & Biases API key',
    provider: 'Weights & Biases',
    severity: 'high',
    keywords: ['wandb'],
    pattern: assignedTo('wandb', '[a-f0-9]{40}', { then: '[\\w.-]{0,10}?(?:key|token)' }),
    entropy: 3.2,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`WANDB_API_KEY=${fakeToken('', 40, 1, hexLower)}`, `"WANDB_API_KEY": "${fakeToken('', 40, 2, hexLower)}"`],
        negative: [`WANDB_RUN_ID=${fakeToken('', 40, 3, hexLower)}`, 'WANDB_API_KEY=$WANDB_KEY'],
      };
    },
  },
  {
    id: 'stability-api-key',
    title: 'Stability AI API key',
    provider: 'Stability AI',
    severity: 'high',
    keywords: ['stability'],
    pattern: assignedTo('stability', 'sk-[A-Za-z0-9]{48}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`STABILITY_API_KEY=${fakeToken('sk-', 48, 1)}`, `"stability_key": "${fakeToken('sk-', 48, 2)}"`],
        negative: ['STABILITY_API_KEY=sk-...', `STABILITY_API_KEY=${fakeToken('sk-', 20, 3)}`],
      };
    },
  },
  {
    id: 'cerebras-api-key',
    title: 'Cerebras API key',
    provider: 'Cerebras',
    severity: 'high',
    keywords: ['csk-'],
    pattern: /\b(csk-[a-z0-9]{40,64})\b/,
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`CEREBRAS_API_KEY=${fakeToken('csk-', 48, 1, lowerAlnum)}`, `"CEREBRAS_API_KEY": "${fakeToken('csk-', 48, 2, lowerAlnum)}"`],
        negative: ['CEREBRAS_API_KEY=csk-your-key', `csk-${fakeToken('', 20, 3, lowerAlnum)}`],
      };
    },
  },
  {
    id: 'nvidia-api-key',
    title: 'NVIDIA API key (NIM / build.nvidia.com)',
    provider: 'NVIDIA',
    severity: 'high',
    keywords: ['nvapi-'],
    pattern: /\b(nvapi-[A-Za-z0-9_-]{64})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`NVIDIA_API_KEY=${fakeToken('nvapi-', 64, 1, base64url)}`, `"NGC_API_KEY": "${fakeToken('nvapi-', 64, 2, base64url)}"`],
        negative: ['NVIDIA_API_KEY=nvapi-...', `nvapi-${fakeToken('', 30, 3, base64url)}`],
      };
    },
  },
  {
    id: 'fal-api-key',
    title: 'fal.ai API key',
    provider: 'fal.ai',
    severity: 'high',
    keywords: ['fal'],
    pattern: assignedTo(
      '\\bfal(?:[_.-]?ai)?[_.-]?(?:api[_.-]?)?key',
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{32}',
    ),
    get examples() {
      return {
        positive: [`FAL_KEY=${uuid(1)}:${fakeToken('', 32, 2, hexLower)}`, `"FAL_API_KEY": "${uuid(3)}:${fakeToken('', 32, 4, hexLower)}"`],
        negative: [`FAL_KEY_ID=${uuid(5)}`, 'FAL_KEY=your-fal-key'],
      };
    },
  },
  {
    id: 'clarifai-pat',
    title: 'Clarifai personal access token',
    provider: 'Clarifai',
    severity: 'high',
    keywords: ['clarifai'],
    pattern: assignedTo('clarifai', '[a-f0-9]{32}', { then: '[\\w.-]{0,10}?(?:pat|key|token)' }),
    entropy: 3.0,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`CLARIFAI_PAT=${fakeToken('', 32, 1, hexLower)}`, `clarifai_api_key: ${fakeToken('', 32, 2, hexLower)}`],
        negative: ['CLARIFAI_PAT=<your pat>', `CLARIFAI_APP_ID=${fakeToken('', 32, 3, hexLower)}`],
      };
    },
  },
  {
    id: 'moonshot-api-key',
    title: 'Moonshot AI (Kimi) API key',
    provider: 'Moonshot AI',
    severity: 'high',
    keywords: ['moonshot', 'kimi'],
    pattern: assignedTo('moonshot|kimi', 'sk-[A-Za-z0-9]{48}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`MOONSHOT_API_KEY=${fakeToken('sk-', 48, 1)}`, `"KIMI_API_KEY": "${fakeToken('sk-', 48, 2)}"`],
        negative: ['MOONSHOT_API_KEY=sk-...', `MOONSHOT_API_KEY=${fakeToken('sk-', 32, 3)}`],
      };
    },
  },
  {
    id: 'alibaba-dashscope-api-key',
    title: 'Alibaba DashScope (Qwen) API key',
    provider: 'Alibaba Cloud',
    severity: 'high',
    keywords: ['dashscope', 'qwen'],
    pattern: assignedTo('dashscope|qwen', 'sk-[a-f0-9]{32}'),
    entropy: 3.2,
    get examples() {
      return {
        positive: [`DASHSCOPE_API_KEY=${fakeToken('sk-', 32, 1, hexLower)}`, `"QWEN_API_KEY": "${fakeToken('sk-', 32, 2, hexLower)}"`],
        negative: ['DASHSCOPE_API_KEY=sk-xxx', `DASHSCOPE_API_KEY=${fakeToken('sk-', 32, 3)}`],
      };
    },
  },
  {
    id: 'zhipu-api-key',
    title: 'Zhipu AI (GLM) API key',
    provider: 'Zhipu AI',
    severity: 'high',
    keywords: ['zhipu', 'bigmodel', 'glm'],
    pattern: assignedTo('zhipu|bigmodel|glm', '[a-f0-9]{32}\\.[A-Za-z0-9]{16}'),
    entropy: 3.3,
    get examples() {
      return {
        positive: [
          `ZHIPUAI_API_KEY=${fakeToken('', 32, 1, hexLower)}.${fakeToken('', 16, 2)}`,
          `"GLM_API_KEY": "${fakeToken('', 32, 3, hexLower)}.${fakeToken('', 16, 4)}"`,
        ],
        negative: ['ZHIPUAI_API_KEY=your-key.here', `ZHIPUAI_API_KEY=${fakeToken('', 32, 5, hexLower)}`],
      };
    },
  },
  {
    id: 'llamacloud-api-key',
    title: 'LlamaCloud (LlamaIndex) API key',
    provider: 'LlamaIndex',
    severity: 'high',
    keywords: ['llx-'],
    pattern: /\b(llx-[A-Za-z0-9]{48})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`LLAMA_CLOUD_API_KEY=${fakeToken('llx-', 48, 1)}`, `LlamaParse(api_key="${fakeToken('llx-', 48, 2)}")`],
        negative: ['LLAMA_CLOUD_API_KEY=llx-...', `llx-${fakeToken('', 20, 3)}`],
      };
    },
  },
  {
    id: 'helicone-api-key',
    title: 'Helicone API key',
    provider: 'Helicone',
    severity: 'medium',
    keywords: ['sk-helicone-'],
    pattern: /\b(sk-helicone-(?:eu-)?[a-z0-9]{7}(?:-[a-z0-9]{7}){3})\b/,
    entropy: 3.3,
    get examples() {
      return {
        positive: [
          `HELICONE_API_KEY=sk-helicone-${[1, 2, 3, 4].map((s) => fakeToken('', 7, s, lowerAlnum)).join('-')}`,
          `"Helicone-Auth": "Bearer sk-helicone-eu-${[5, 6, 7, 8].map((s) => fakeToken('', 7, s, lowerAlnum)).join('-')}"`,
        ],
        negative: ['HELICONE_API_KEY=sk-helicone-your-key', 'sk-helicone-aaaaaaa-aaaaaaa-aaaaaaa-aaaaaaa'],
      };
    },
  },
  {
    id: 'promptlayer-api-key',
    title: 'PromptLayer API key',
    provider: 'PromptLayer',
    severity: 'medium',
    keywords: ['pl_'],
    pattern: /\b(pl_[a-f0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`PROMPTLAYER_API_KEY=${fakeToken('pl_', 32, 1, hexLower)}`, `promptlayer.api_key = "${fakeToken('pl_', 32, 2, hexLower)}"`],
        negative: ['PROMPTLAYER_API_KEY=pl_...', `pl_${fakeToken('', 32, 3)}`],
      };
    },
  },
  {
    id: 'mem0-api-key',
    title: 'Mem0 API key',
    provider: 'Mem0',
    severity: 'medium',
    keywords: ['mem0'],
    pattern: assignedTo('mem0', 'm0-[A-Za-z0-9]{30,50}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`MEM0_API_KEY=${fakeToken('m0-', 40, 1)}`, `"MEM0_API_KEY": "${fakeToken('m0-', 40, 2)}"`],
        negative: ['MEM0_API_KEY=m0-...', `MEM0_API_KEY=${fakeToken('', 40, 3)}`],
      };
    },
  },
  {
    id: 'anyscale-api-key',
    title: 'Anyscale Endpoints API key',
    provider: 'Anyscale',
    severity: 'medium',
    keywords: ['anyscale'],
    pattern: assignedTo('anyscale', 'esecret_[A-Za-z0-9]{20,40}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`ANYSCALE_API_KEY=${fakeToken('esecret_', 26, 1, lowerAlnum)}`, `"anyscale_api_key": "${fakeToken('esecret_', 26, 2, lowerAlnum)}"`],
        negative: ['ANYSCALE_API_KEY=esecret_...', `ANYSCALE_API_KEY=${fakeToken('', 26, 3, lowerAlnum)}`],
      };
    },
  },
  {
    id: 'cartesia-api-key',
    title: 'Cartesia API key',
    provider: 'Cartesia',
    severity: 'medium',
    keywords: ['cartesia'],
    pattern: assignedTo('cartesia', 'sk_car_[A-Za-z0-9]{20,40}'),
    entropy: 3.5,
    get examples() {
      return {
        positive: [`CARTESIA_API_KEY=${fakeToken('sk_car_', 24, 1)}`, `"cartesiaApiKey": "${fakeToken('sk_car_', 24, 2)}"`],
        negative: ['CARTESIA_API_KEY=sk_car_...', `CARTESIA_VOICE_ID=${fakeToken('', 24, 3)}`],
      };
    },
  },
];
