// Provider rules: payments and commerce (Stripe, Square, PayPal/Braintree, Shopify, Adyen, Plaid, Coinbase,
// Razorpay, Flutterwave, Paystack, GoCardless, Paddle, Mollie…).
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeJwt, fakeUuid, JWT } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64url = ALPHABETS.base64url;

export const rules: Rule[] = [
  {
    id: 'stripe-access-token',
    title: 'Stripe live secret key',
    provider: 'Stripe',
    severity: 'critical',
    keywords: ['sk_live_'],
    // A body of exactly 40 lower-case hex characters is Paystack's shape (see paystack-secret-key).
    pattern: /\b(sk_live_(?![a-f0-9]{40}\b)[A-Za-z0-9]{24,247})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `STRIPE_SECRET_KEY=${fakeToken('sk_live_51', 97, 1)}`,
          `"STRIPE_API_KEY": "${fakeToken('sk_live_', 24, 2)}"`,
          `stripe.api_key = '${fakeToken('sk_live_51', 97, 3)}'`,
        ],
        negative: [
          'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
          `sk_live_${fakeToken('', 10, 4)}`,
          `pk_live_${fakeToken('', 24, 5)}`,
          `PAYSTACK_SECRET_KEY=${fakeToken('sk_live_', 40, 6, hex)}`,
        ],
      };
    },
  },
  {
    id: 'stripe-restricted-key',
    title: 'Stripe live restricted key',
    provider: 'Stripe',
    severity: 'critical',
    keywords: ['rk_live_'],
    pattern: /\b(rk_live_[A-Za-z0-9]{24,247})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`STRIPE_RESTRICTED_KEY=${fakeToken('rk_live_51', 97, 7)}`, `"key": "${fakeToken('rk_live_', 24, 8)}"`],
        negative: ['rk_live_your_restricted_key_here', `rk_live_${fakeToken('', 12, 9)}`],
      };
    },
  },
  {
    id: 'stripe-test-key',
    title: 'Stripe test-mode secret or restricted key',
    provider: 'Stripe',
    severity: 'low',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: /\b((?:sk|rk)_test_(?![a-f0-9]{40}\b)[A-Za-z0-9]{24,247})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`STRIPE_SECRET_KEY=${fakeToken('sk_test_51', 97, 10)}`, `"stripeKey": "${fakeToken('rk_test_', 24, 11)}"`],
        negative: ['sk_test_xxxxxxxxxxxxxxxxxxxxxxxx', `pk_test_${fakeToken('', 24, 12)}`, `sk_test_${fakeToken('', 8, 13)}`],
        // Stripe's own docs print these test keys.
        published: ['STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'stripe.api_key = "sk_test_BQokikJOvBiI2HlWgH4olfQ2"'],
      };
    },
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe (or Svix-style) webhook signing secret',
    provider: 'Stripe',
    severity: 'high',
    keywords: ['whsec_'],
    pattern: /\b(whsec_[A-Za-z0-9+/]{32,88}={0,2})(?![\w+/=])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`STRIPE_WEBHOOK_SECRET=${fakeToken('whsec_', 32, 14)}`, `webhookSecret: "${fakeToken('whsec_', 64, 15)}"`],
        negative: ['STRIPE_WEBHOOK_SECRET=whsec_...', 'whsec_your_webhook_secret', `whsec_${fakeToken('', 16, 16)}`],
      };
    },
  },
  {
    id: 'square-access-token',
    title: 'Square access token',
    provider: 'Square',
    severity: 'critical',
    keywords: ['eaaa', 'sq0atp-'],
    pattern: /\b(EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [
          `SQUARE_ACCESS_TOKEN=${fakeToken('EAAA', 60, 17, b64url)}`,
          `"accessToken": "${fakeToken('sq0atp-', 22, 18, b64url)}"`,
        ],
        negative: [
          'SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          `${fakeToken('EAAB', 60, 19, b64url)}`,
          `${fakeToken('sq0atp-', 12, 20)}`,
        ],
      };
    },
  },
  {
    id: 'square-secret',
    title: 'Square OAuth application secret',
    provider: 'Square',
    severity: 'critical',
    keywords: ['sq0csp-'],
    pattern: /\b(sq0csp-[A-Za-z0-9_-]{43})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`SQUARE_APP_SECRET=${fakeToken('sq0csp-', 43, 21, b64url)}`, `"client_secret": "${fakeToken('sq0csp-', 43, 22, b64url)}"`],
        negative: ['sq0csp-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `${fakeToken('sq0csp-', 20, 23)}`],
      };
    },
  },
  {
    id: 'braintree-access-token',
    title: 'PayPal Braintree production access token',
    provider: 'PayPal/Braintree',
    severity: 'critical',
    keywords: ['access_token$production$'],
    pattern: /(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `BRAINTREE_TOKEN=access_token$production$${fakeToken('', 16, 24, ALPHABETS.lowerAlnum)}$${fakeToken('', 32, 25, hex)}`,
          `"token": "access_token$production$${fakeToken('', 16, 26, ALPHABETS.lowerAlnum)}$${fakeToken('', 32, 27, hex)}"`,
        ],
        negative: [
          `access_token$sandbox$${fakeToken('', 16, 28, ALPHABETS.lowerAlnum)}$${fakeToken('', 32, 29, hex)}`,
          'access_token$production$<merchant_id>$<token>',
        ],
      };
    },
  },
  {
    id: 'braintree-sandbox-access-token',
    title: 'PayPal Braintree sandbox access token',
    provider: 'PayPal/Braintree',
    severity: 'low',
    keywords: ['access_token$sandbox$'],
    pattern: /(access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `BRAINTREE_TOKEN=access_token$sandbox$${fakeToken('', 16, 30, ALPHABETS.lowerAlnum)}$${fakeToken('', 32, 31, hex)}`,
          `token: "access_token$sandbox$${fakeToken('', 16, 32, ALPHABETS.lowerAlnum)}$${fakeToken('', 32, 33, hex)}"`,
        ],
        negative: ['access_token$sandbox$$', `access_token$sandbox$${fakeToken('', 16, 34, ALPHABETS.lowerAlnum)}$short`],
      };
    },
  },
  {
    id: 'paypal-client-secret',
    title: 'PayPal REST client secret',
    provider: 'PayPal/Braintree',
    severity: 'critical',
    keywords: ['paypal'],
    pattern: assignedTo('paypal', 'E[a-z0-9_-]{79}'),
    entropy: 4,
    get examples() {
      return {
        positive: [
          `PAYPAL_CLIENT_SECRET=${fakeToken('E', 79, 35, b64url)}`,
          `"PAYPAL_SECRET": "${fakeToken('E', 79, 36, b64url)}"`,
        ],
        negative: [`PAYPAL_CLIENT_SECRET=${fakeToken('E', 40, 37, b64url)}`, `CLIENT_SECRET=${fakeToken('E', 79, 38, b64url)}`],
      };
    },
  },
  {
    id: 'shopify-access-token',
    title: 'Shopify Admin API access token',
    provider: 'Shopify',
    severity: 'critical',
    keywords: ['shpat_'],
    pattern: /\b(shpat_[a-fA-F0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SHOPIFY_ACCESS_TOKEN=${fakeToken('shpat_', 32, 39, hex)}`, `"X-Shopify-Access-Token": "${fakeToken('shpat_', 32, 40, hex)}"`],
        negative: ['shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `shpat_${fakeToken('', 32, 41, ALPHABETS.alnum)}`, `shpat_${fakeToken('', 20, 42, hex)}`],
      };
    },
  },
  {
    id: 'shopify-custom-access-token',
    title: 'Shopify custom app access token',
    provider: 'Shopify',
    severity: 'critical',
    keywords: ['shpca_'],
    pattern: /\b(shpca_[a-fA-F0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SHOPIFY_TOKEN=${fakeToken('shpca_', 32, 43, hex)}`, `token: '${fakeToken('shpca_', 32, 44, hex)}'`],
        negative: ['shpca_your_token_here', `shpca_${fakeToken('', 31, 45, hex)}`],
      };
    },
  },
  {
    id: 'shopify-private-app-access-token',
    title: 'Shopify private app access token',
    provider: 'Shopify',
    severity: 'critical',
    keywords: ['shppa_'],
    pattern: /\b(shppa_[a-fA-F0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SHOPIFY_PASSWORD=${fakeToken('shppa_', 32, 46, hex)}`, `"password": "${fakeToken('shppa_', 32, 47, hex)}"`],
        negative: ['shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `shppa_${fakeToken('', 32, 48, ALPHABETS.upperAlnum)}`],
      };
    },
  },
  {
    id: 'shopify-shared-secret',
    title: 'Shopify app shared secret',
    provider: 'Shopify',
    severity: 'high',
    keywords: ['shpss_'],
    pattern: /\b(shpss_[a-fA-F0-9]{32})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SHOPIFY_API_SECRET=${fakeToken('shpss_', 32, 49, hex)}`, `apiSecretKey: "${fakeToken('shpss_', 32, 50, hex)}"`],
        negative: ['SHOPIFY_API_SECRET=shpss_<secret>', `shpss_${fakeToken('', 40, 51, hex)}`],
      };
    },
  },
  {
    id: 'adyen-api-key',
    title: 'Adyen API key',
    provider: 'Adyen',
    severity: 'critical',
    keywords: ['aqe'],
    // AQE + base64 blob "==" - base64 blob "=" - short tail: the three-part shape of Adyen web-service keys.
    pattern: /\b(AQE[A-Za-z0-9+/]{30,120}={0,2}-[A-Za-z0-9+/]{30,60}={0,2}-[A-Za-z0-9+/=_<>&.,:;!?*()[\]{}-]{8,32})(?=$|[\s'"`])/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `ADYEN_API_KEY=${fakeToken('AQE', 90, 52, ALPHABETS.base64)}==-${fakeToken('', 43, 53, ALPHABETS.base64)}=-${fakeToken('', 16, 54)}`,
          `"apiKey": "${fakeToken('AQE', 90, 55, ALPHABETS.base64)}==-${fakeToken('', 43, 56, ALPHABETS.base64)}=-${fakeToken('', 16, 57)}"`,
        ],
        negative: ['ADYEN_API_KEY=AQE...', `AQE${fakeToken('', 60, 58)}`],
      };
    },
  },
  {
    id: 'plaid-secret-key',
    title: 'Plaid API secret',
    provider: 'Plaid',
    severity: 'critical',
    keywords: ['plaid'],
    pattern: assignedTo('plaid', '[a-f0-9]{30}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`PLAID_SECRET=${fakeToken('', 30, 59, hex)}`, `"plaidSecret": "${fakeToken('', 30, 60, hex)}"`],
        negative: [`PLAID_CLIENT_ID=${fakeToken('', 24, 61, hex)}`, `PLAID_SECRET=your_plaid_secret`, `SECRET=${fakeToken('', 30, 62, hex)}`],
      };
    },
  },
  {
    id: 'plaid-api-token',
    title: 'Plaid access token',
    provider: 'Plaid',
    severity: 'high',
    keywords: ['access-production-', 'access-development-'],
    pattern: /\b(access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [
          `PLAID_ACCESS_TOKEN=access-production-${fakeUuid(63)}`,
          `"access_token": "access-development-${fakeUuid(64)}"`,
        ],
        negative: [`access-sandbox-${fakeUuid(65)}`, 'access-production-00000000-0000-0000-0000-000000000000'],
      };
    },
  },
  {
    id: 'coinbase-access-token',
    title: 'Coinbase API secret',
    provider: 'Coinbase',
    severity: 'critical',
    keywords: ['coinbase'],
    pattern: assignedTo('coinbase', '[a-z0-9_-]{64}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`COINBASE_API_SECRET=${fakeToken('', 64, 66, b64url)}`, `"coinbaseApiSecret": "${fakeToken('', 64, 67)}"`],
        negative: [`COINBASE_API_SECRET=${fakeToken('', 40, 68)}`, `API_SECRET=${fakeToken('', 64, 69)}`],
      };
    },
  },
  {
    id: 'razorpay-key-id',
    title: 'Razorpay live key id',
    provider: 'Razorpay',
    severity: 'medium',
    description: 'Identifies a live Razorpay account; the paired key secret usually sits next to it.',
    keywords: ['rzp_live_'],
    pattern: /\b(rzp_live_[A-Za-z0-9]{14})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`RAZORPAY_KEY_ID=${fakeToken('rzp_live_', 14, 70)}`, `key_id: "${fakeToken('rzp_live_', 14, 71)}"`],
        negative: [`rzp_test_${fakeToken('', 14, 72)}`, 'rzp_live_xxxxxxxxxxxxxx'],
      };
    },
  },
  {
    id: 'razorpay-key-secret',
    title: 'Razorpay key secret',
    provider: 'Razorpay',
    severity: 'critical',
    keywords: ['razorpay'],
    pattern: assignedTo('razorpay', '[a-z0-9]{24}'),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`RAZORPAY_KEY_SECRET=${fakeToken('', 24, 73)}`, `"razorpaySecret": "${fakeToken('', 24, 741)}"`],
        negative: [`RAZORPAY_KEY_ID=${fakeToken('rzp_live_', 14, 75)}`, 'RAZORPAY_KEY_SECRET=your_razorpay_secret_key'],
      };
    },
  },
  {
    id: 'flutterwave-secret-key',
    title: 'Flutterwave secret key',
    provider: 'Flutterwave',
    severity: 'critical',
    keywords: ['flwseck-', 'flwseck_test-'],
    pattern: /\b(FLWSECK(?:_TEST)?-[a-h0-9]{32}-X)(?![\w-])/i,
    entropy: 3,
    get examples() {
      return {
        positive: [`FLW_SECRET_KEY=FLWSECK-${fakeToken('', 32, 76, hex)}-X`, `"secretKey": "FLWSECK_TEST-${fakeToken('', 32, 77, hex)}-X"`],
        negative: ['FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X', `FLWPUBK-${fakeToken('', 32, 78, hex)}-X`],
      };
    },
  },
  {
    id: 'flutterwave-encryption-key',
    title: 'Flutterwave encryption key',
    provider: 'Flutterwave',
    severity: 'high',
    keywords: ['flwseck'],
    pattern: /\b(FLWSECK(?:_TEST)?[a-h0-9]{12})\b/i,
    entropy: 2.8,
    get examples() {
      return {
        positive: [`FLW_ENCRYPTION_KEY=FLWSECK${fakeToken('', 12, 79, hex)}`, `encKey: 'FLWSECK_TEST${fakeToken('', 12, 80, hex)}'`],
        negative: ['FLWSECK_TESTxxxxxxxxxxxx', `FLWSECK-${fakeToken('', 32, 81, hex)}-X`],
      };
    },
  },
  {
    id: 'paystack-secret-key',
    title: 'Paystack secret key',
    provider: 'Paystack',
    severity: 'critical',
    keywords: ['sk_live_', 'sk_test_'],
    // Paystack bodies are 40 lower-case hex; Stripe's never are, so the two rules split cleanly.
    pattern: /\b(sk_(?:live|test)_[a-f0-9]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`PAYSTACK_SECRET_KEY=${fakeToken('sk_live_', 40, 82, hex)}`, `"secretKey": "${fakeToken('sk_test_', 40, 83, hex)}"`],
        negative: [`STRIPE_SECRET_KEY=${fakeToken('sk_live_51', 97, 84)}`, `pk_live_${fakeToken('', 40, 85, hex)}`],
      };
    },
  },
  {
    id: 'gocardless-api-token',
    title: 'GoCardless live access token',
    provider: 'GoCardless',
    severity: 'critical',
    keywords: ['gocardless'],
    pattern: assignedTo('gocardless', 'live_[a-z0-9_=-]{40}', { gap: 32 }),
    entropy: 4,
    get examples() {
      return {
        positive: [`GOCARDLESS_ACCESS_TOKEN=${fakeToken('live_', 40, 86, b64url)}`, `"gocardlessToken": "${fakeToken('live_', 40, 87)}"`],
        negative: [`ACCESS_TOKEN=${fakeToken('live_', 40, 88)}`, `GOCARDLESS_ACCESS_TOKEN=${fakeToken('sandbox_', 40, 89)}`],
      };
    },
  },
  {
    id: 'paddle-api-key',
    title: 'Paddle Billing API key',
    provider: 'Paddle',
    severity: 'critical',
    keywords: ['pdl_live_apikey_', 'pdl_sdbx_apikey_'],
    pattern: /\b(pdl_(?:live|sdbx)_apikey_[A-Za-z0-9_]{40,80})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [
          `PADDLE_API_KEY=pdl_live_apikey_${fakeToken('', 26, 90, ALPHABETS.lowerAlnum)}_${fakeToken('', 26, 91)}`,
          `"apiKey": "pdl_sdbx_apikey_${fakeToken('', 26, 92, ALPHABETS.lowerAlnum)}_${fakeToken('', 26, 93)}"`,
        ],
        negative: ['pdl_live_apikey_your_key_here', `pdl_live_apikey_${fakeToken('', 12, 94)}`],
      };
    },
  },
  {
    id: 'mollie-api-key',
    title: 'Mollie live API key',
    provider: 'Mollie',
    severity: 'critical',
    keywords: ['mollie'],
    pattern: assignedTo('mollie', 'live_[a-z0-9]{30}', { gap: 32 }),
    entropy: 4,
    get examples() {
      return {
        positive: [`MOLLIE_API_KEY=${fakeToken('live_', 30, 95)}`, `"mollieApiKey": "${fakeToken('live_', 30, 96)}"`],
        negative: [`MOLLIE_API_KEY=${fakeToken('test_', 30, 97)}`, `API_KEY=${fakeToken('live_', 30, 98)}`],
      };
    },
  },
  {
    id: 'lemonsqueezy-api-key',
    title: 'Lemon Squeezy API key',
    provider: 'Lemon Squeezy',
    severity: 'high',
    keywords: ['lemonsqueezy', 'lemon_squeezy', 'lemon-squeezy'],
    pattern: assignedTo('lemon[_-]?squeezy', JWT),
    entropy: 4,
    get examples() {
      return {
        positive: [
          `LEMONSQUEEZY_API_KEY=${fakeJwt({ sub: '99', aud: 'lemonsqueezy' }, 99)}`,
          `"LEMON_SQUEEZY_API_KEY": "${fakeJwt({ sub: '100', aud: 'lemonsqueezy' }, 100)}"`,
        ],
        negative: ['LEMONSQUEEZY_API_KEY=your_api_key_here', `API_KEY=${fakeJwt({ sub: '101', aud: 'lemonsqueezy' }, 101)}`],
      };
    },
  },
];

