// Provider rules: databases and data platforms (Supabase, Firebase, MongoDB Atlas, PlanetScale, Neon, Upstash,
// Snowflake, Databricks, Algolia, Elastic, Turso, Convex, ClickHouse, CockroachDB, Fauna…). Vector stores
// (Pinecone…) are AI rules; plain connection strings are generic rules.
import { createHash } from 'node:crypto';
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeJwt, fakeUuid, JWT, jwtPayload, UUID } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64 = ALPHABETS.base64;
const b64url = ALPHABETS.base64url;
const lower = ALPHABETS.lowerAlnum;

/**
 * SHA-256 of the secret key every `supabase start` prints for local development: the same on every machine,
 * so it guards nothing (kept as a hash so the file holds no key-shaped string).
 */
const SUPABASE_LOCAL_SECRET_SHA256 = 'c85debb55f2f204d868cc1552c42faa143b4c675f61363ab040dd50b5b5304cd';

function supabaseJwt(role: string, seed: number): string {
  return fakeJwt({ iss: 'supabase', ref: fakeToken('', 20, seed, 'abcdefghijklmnopqrstuvwxyz'), role, iat: 1700000000, exp: 2015000000 }, seed);
}

export const rules: Rule[] = [
  {
    id: 'supabase-access-token',
    title: 'Supabase personal access token',
    provider: 'Supabase',
    severity: 'critical',
    keywords: ['sbp_'],
    pattern: /\b(sbp_(?:oauth_)?[a-f0-9]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SUPABASE_ACCESS_TOKEN=${fakeToken('sbp_', 40, 1, hex)}`, `"args": ["-y", "@supabase/mcp-server-supabase", "--access-token", "${fakeToken('sbp_', 40, 2, hex)}"]`],
        negative: ['SUPABASE_ACCESS_TOKEN=sbp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `sbp_${fakeToken('', 40, 3)}`, `sbp_${fakeToken('', 20, 4, hex)}`],
      };
    },
  },
  {
    id: 'supabase-secret-key',
    title: 'Supabase secret API key',
    provider: 'Supabase',
    severity: 'critical',
    keywords: ['sb_secret_'],
    pattern: /\b(sb_secret_[A-Za-z0-9_-]{24,64})(?![\w-])/,
    entropy: 3.5,
    validate: (s) => createHash('sha256').update(s).digest('hex') !== SUPABASE_LOCAL_SECRET_SHA256,
    get examples() {
      return {
        positive: [`SUPABASE_SECRET_KEY=${fakeToken('sb_secret_', 31, 5, b64url)}`, `"SUPABASE_KEY": "${fakeToken('sb_secret_', 31, 6, b64url)}"`],
        negative: [`SUPABASE_PUBLISHABLE_KEY=${fakeToken('sb_publishable_', 31, 7, b64url)}`, 'sb_secret_...'],
      };
    },
  },
  {
    id: 'supabase-service-role-jwt',
    title: 'Supabase service-role key (JWT)',
    provider: 'Supabase',
    severity: 'critical',
    description: 'A JWT whose payload says role = service_role: it bypasses row-level security.',
    keywords: ['eyj'],
    pattern: /\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,})(?![\w.-])/,
    // `supabase-demo` is the issuer of the fixed keys of local development stacks, identical everywhere.
    validate: (s) => {
      const claims = jwtPayload(s);
      return claims?.role === 'service_role' && claims.iss !== 'supabase-demo';
    },
    get examples() {
      return {
        positive: [`SUPABASE_SERVICE_ROLE_KEY=${supabaseJwt('service_role', 8)}`, `"SUPABASE_KEY": "${supabaseJwt('service_role', 9)}"`],
        negative: [`SUPABASE_ANON_KEY=${supabaseJwt('anon', 10)}`, `token=${fakeJwt({ sub: '1', role: 'authenticated' }, 11)}`, `SUPABASE_SERVICE_ROLE_KEY=${fakeJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }, 111)}`],
      };
    },
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging legacy server key',
    provider: 'Firebase',
    severity: 'high',
    keywords: ['apa91b'],
    pattern: /\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`FCM_SERVER_KEY=AAAA${fakeToken('', 7, 12, b64url)}:APA91b${fakeToken('', 134, 13, b64url)}`, `"Authorization": "key=AAAA${fakeToken('', 7, 14, b64url)}:APA91b${fakeToken('', 134, 15, b64url)}"`],
        negative: ['FCM_SERVER_KEY=AAAA...:APA91b...', `AAAA${fakeToken('', 7, 16)}:APA91b${fakeToken('', 40, 17)}`],
      };
    },
  },
  {
    id: 'firebase-database-secret',
    title: 'Firebase Realtime Database legacy secret',
    provider: 'Firebase',
    severity: 'high',
    keywords: ['firebase'],
    pattern: assignedTo('firebase', '[a-z0-9]{40}', { then: '[\\w.-]{0,20}(?:secret|auth)', gap: 8 }),
    entropy: 4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`FIREBASE_DATABASE_SECRET=${fakeToken('', 40, 18)}`, `"firebaseSecret": "${fakeToken('', 40, 19)}"`],
        negative: [`FIREBASE_PROJECT_ID=acme-prod-1234`, `DATABASE_SECRET=${fakeToken('', 40, 20)}`],
      };
    },
  },
  {
    id: 'mongodb-atlas-api-key',
    title: 'MongoDB Atlas API private key',
    provider: 'MongoDB Atlas',
    severity: 'critical',
    keywords: ['atlas', 'mongodb'],
    pattern: assignedTo('atlas|mongodb', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`MONGODB_ATLAS_PRIVATE_KEY=${fakeUuid(21)}`, `"ATLAS_PRIVATE_API_KEY": "${fakeUuid(22)}"`],
        negative: [`MONGODB_ATLAS_PUBLIC_KEY=${fakeToken('', 8, 23, 'abcdefghijklmnopqrstuvwxyz')}`, `ATLAS_PROJECT_ID=${fakeToken('', 24, 24, hex)}`, `PRIVATE_KEY=${fakeUuid(25)}`, `"atlasUuid": "${fakeUuid(251)}"`],
      };
    },
  },
  {
    id: 'mongodb-atlas-service-account-secret',
    title: 'MongoDB Atlas service account client secret',
    provider: 'MongoDB Atlas',
    severity: 'critical',
    keywords: ['mdb_sa_sk_'],
    pattern: /\b(mdb_sa_sk_[A-Za-z0-9_-]{32,80})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`MDB_MCP_API_CLIENT_SECRET=${fakeToken('mdb_sa_sk_', 40, 26, b64url)}`, `"apiClientSecret": "${fakeToken('mdb_sa_sk_', 40, 27, b64url)}"`],
        negative: [`MDB_MCP_API_CLIENT_ID=${fakeToken('mdb_sa_id_', 24, 28, hex)}`, 'mdb_sa_sk_<secret>'],
      };
    },
  },
  {
    id: 'planetscale-password',
    title: 'PlanetScale database password',
    provider: 'PlanetScale',
    severity: 'critical',
    keywords: ['pscale_pw_'],
    pattern: /\b(pscale_pw_[A-Za-z0-9_.=-]{32,64})(?![\w.=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`DATABASE_PASSWORD=${fakeToken('pscale_pw_', 43, 29, b64url)}`, `mysql://user:${fakeToken('pscale_pw_', 43, 30, b64url)}@aws.connect.psdb.cloud/db`],
        negative: ['pscale_pw_your_password', `pscale_pw_${fakeToken('', 12, 31)}`],
      };
    },
  },
  {
    id: 'planetscale-api-token',
    title: 'PlanetScale service token',
    provider: 'PlanetScale',
    severity: 'critical',
    keywords: ['pscale_tkn_'],
    pattern: /\b(pscale_tkn_[A-Za-z0-9_.=-]{32,64})(?![\w.=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`PLANETSCALE_SERVICE_TOKEN=${fakeToken('pscale_tkn_', 43, 32, b64url)}`, `"token": "${fakeToken('pscale_tkn_', 43, 33, b64url)}"`],
        negative: ['pscale_tkn_<token>', `pscale_tkn_${fakeToken('', 12, 34)}`],
      };
    },
  },
  {
    id: 'planetscale-oauth-token',
    title: 'PlanetScale OAuth token',
    provider: 'PlanetScale',
    severity: 'high',
    keywords: ['pscale_oauth_'],
    pattern: /\b(pscale_oauth_[A-Za-z0-9_.=-]{32,64})(?![\w.=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`PLANETSCALE_TOKEN=${fakeToken('pscale_oauth_', 43, 35, b64url)}`, `"access_token": "${fakeToken('pscale_oauth_', 43, 36, b64url)}"`],
        negative: ['pscale_oauth_token_here', `pscale_oauth_${fakeToken('', 12, 37)}`],
      };
    },
  },
  {
    id: 'neon-api-key',
    title: 'Neon API key',
    provider: 'Neon',
    severity: 'critical',
    keywords: ['napi_'],
    pattern: /\b(napi_[a-z0-9]{64})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`NEON_API_KEY=${fakeToken('napi_', 64, 38, lower)}`, `"args": ["-y", "@neondatabase/mcp-server-neon", "start", "${fakeToken('napi_', 64, 39, lower)}"]`],
        negative: ['NEON_API_KEY=napi_xxxxxxxx', `napi_${fakeToken('', 32, 40, lower)}`],
      };
    },
  },
  {
    id: 'upstash-redis-rest-token',
    title: 'Upstash Redis REST token',
    provider: 'Upstash',
    severity: 'high',
    keywords: ['upstash'],
    pattern: assignedTo('upstash', 'A[a-z0-9_-]{40,200}={0,2}', { then: '[\\w.-]{0,24}token', gap: 4 }),
    entropy: 4,
    get examples() {
      return {
        positive: [`UPSTASH_REDIS_REST_TOKEN=A${fakeToken('X', 60, 41, b64url)}`, `"UPSTASH_REDIS_REST_TOKEN": "A${fakeToken('Y', 70, 42, b64url)}="`],
        negative: ['UPSTASH_REDIS_REST_URL=https://eu1-sweet-cat-12345.upstash.io', `REST_TOKEN=A${fakeToken('X', 60, 43, b64url)}`],
      };
    },
  },
  {
    id: 'upstash-api-key',
    title: 'Upstash management API key',
    provider: 'Upstash',
    severity: 'high',
    keywords: ['upstash'],
    pattern: assignedTo('upstash', UUID, { then: '[\\w.-]{0,12}api[_-]?key', gap: 4 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`UPSTASH_API_KEY=${fakeUuid(44)}`, `"UPSTASH_MGMT_API_KEY": "${fakeUuid(45)}"`],
        negative: [`UPSTASH_EMAIL=dev@corp.io`, `API_KEY=${fakeUuid(46)}`],
      };
    },
  },
  {
    id: 'qstash-token',
    title: 'Upstash QStash token',
    provider: 'Upstash',
    severity: 'high',
    keywords: ['qstash'],
    pattern: assignedTo('qstash[_-]?token', 'eyJ[a-z0-9+/_-]{40,400}={0,2}', { gap: 4 }),
    entropy: 4,
    get examples() {
      return {
        positive: [`QSTASH_TOKEN=${Buffer.from(JSON.stringify({ UserID: fakeUuid(47), Password: fakeToken('', 32, 48, hex) })).toString('base64')}`, `"QSTASH_TOKEN": "${Buffer.from(JSON.stringify({ UserID: fakeUuid(49), Password: fakeToken('', 32, 50, hex) })).toString('base64')}"`],
        negative: ['QSTASH_TOKEN=<token>', 'QSTASH_URL=https://qstash.upstash.io'],
      };
    },
  },
  {
    id: 'redis-cloud-api-key',
    title: 'Redis Cloud API key or secret',
    provider: 'Redis Cloud',
    severity: 'high',
    keywords: ['rediscloud', 'redis_cloud', 'redis-cloud'],
    pattern: assignedTo('redis[_-]?cloud', '[a-z0-9]{40,60}'),
    entropy: 4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`REDIS_CLOUD_API_SECRET_KEY=${fakeToken('', 50, 51)}`, `"REDISCLOUD_ACCESS_KEY": "${fakeToken('', 50, 52)}"`],
        negative: ['REDIS_CLOUD_URL=redis://localhost:6379', `SECRET_KEY=${fakeToken('', 50, 53)}`],
      };
    },
  },
  {
    id: 'snowflake-access-token',
    title: 'Snowflake programmatic access token',
    provider: 'Snowflake',
    severity: 'critical',
    keywords: ['snowflake'],
    pattern: assignedTo('snowflake', JWT),
    entropy: 4,
    get examples() {
      return {
        positive: [`SNOWFLAKE_PAT=${fakeJwt({ p: '1:2', iss: 'ACME-ORG', exp: 2015000000 }, 54)}`, `"SNOWFLAKE_TOKEN": "${fakeJwt({ p: '3:4', iss: 'ACME', exp: 2015000001 }, 55)}"`],
        negative: ['SNOWFLAKE_ACCOUNT=acme-xy12345', `TOKEN=${fakeJwt({ sub: '1' }, 56)}`],
      };
    },
  },
  {
    id: 'databricks-api-token',
    title: 'Databricks personal access token',
    provider: 'Databricks',
    severity: 'critical',
    keywords: ['dapi'],
    pattern: /\b(?<![+/])(dapi[a-f0-9]{32}(?:-[0-9])?)(?![\w+/=])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`DATABRICKS_TOKEN=${fakeToken('dapi', 32, 57, hex)}`, `"DATABRICKS_TOKEN": "${fakeToken('dapi', 32, 58, hex)}-2"`],
        negative: ['DATABRICKS_TOKEN=dapixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `dapi${fakeToken('', 20, 59, hex)}`],
      };
    },
  },
  {
    id: 'databricks-oauth-secret',
    title: 'Databricks OAuth client secret',
    provider: 'Databricks',
    severity: 'critical',
    keywords: ['dose'],
    pattern: /\b(?<![+/])(dose[a-f0-9]{32})(?![\w+/=])/,
    entropy: 3,
    get examples() {
      return {
        positive: [`DATABRICKS_CLIENT_SECRET=${fakeToken('dose', 32, 60, hex)}`, `"client_secret": "${fakeToken('dose', 32, 61, hex)}"`],
        negative: ['doses_per_day_across_all_patients', `dose${fakeToken('', 20, 62, hex)}`],
      };
    },
  },
  {
    id: 'algolia-api-key',
    title: 'Algolia admin or write API key',
    provider: 'Algolia',
    severity: 'high',
    keywords: ['algolia'],
    // Search-only keys are public by design; a key named "search" is skipped.
    pattern: assignedTo('algolia(?![\\w.-]{0,20}search)', '[a-f0-9]{32}'),
    entropy: 3,
    get examples() {
      return {
        positive: [`ALGOLIA_ADMIN_KEY=${fakeToken('', 32, 63, hex)}`, `"ALGOLIA_API_KEY": "${fakeToken('', 32, 64, hex)}"`],
        negative: [`ALGOLIA_SEARCH_API_KEY=${fakeToken('', 32, 65, hex)}`, `ALGOLIA_APP_ID=${fakeToken('', 10, 66, ALPHABETS.upperAlnum)}`, `ADMIN_KEY=${fakeToken('', 32, 67, hex)}`],
      };
    },
  },
  {
    id: 'elastic-cloud-api-key',
    title: 'Elastic Cloud API key',
    provider: 'Elastic',
    severity: 'critical',
    keywords: ['essu_'],
    pattern: /\b(essu_[A-Za-z0-9+/]{60,200}={0,2})(?![\w+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`EC_API_KEY=essu_${fakeToken('', 88, 68, b64)}`, `"apiKey": "essu_${fakeToken('', 96, 69, b64)}=="`],
        negative: ['EC_API_KEY=essu_xxxx', `essu_${fakeToken('', 30, 70)}`],
      };
    },
  },
  {
    id: 'elasticsearch-api-key',
    title: 'Elasticsearch API key',
    provider: 'Elastic',
    severity: 'high',
    keywords: ['elastic'],
    pattern: assignedTo('elastic(?:search)?', '[a-z0-9+/]{40,120}={0,2}', { then: '[\\w.-]{0,12}api[_-]?key', gap: 4 }),
    entropy: 4,
    get examples() {
      return {
        positive: [`ELASTICSEARCH_API_KEY=${Buffer.from(`${fakeToken('', 20, 71, b64url)}:${fakeToken('', 22, 72, b64url)}`).toString('base64')}`, `"ELASTIC_API_KEY": "${Buffer.from(`${fakeToken('', 20, 73, b64url)}:${fakeToken('', 22, 74, b64url)}`).toString('base64')}"`],
        negative: ['ELASTICSEARCH_URL=https://localhost:9200', `API_KEY=${Buffer.from(`${fakeToken('', 20, 75, b64url)}:${fakeToken('', 22, 76, b64url)}`).toString('base64')}`],
      };
    },
  },
  {
    id: 'turso-auth-token',
    title: 'Turso / libSQL auth token',
    provider: 'Turso',
    severity: 'high',
    keywords: ['turso', 'libsql'],
    pattern: assignedTo('turso|libsql', JWT),
    entropy: 4,
    get examples() {
      return {
        positive: [`TURSO_AUTH_TOKEN=${fakeJwt({ a: 'rw', iat: 1700000000, id: fakeUuid(77) }, 77)}`, `"LIBSQL_AUTH_TOKEN": "${fakeJwt({ a: 'ro', iat: 1700000001, id: fakeUuid(78) }, 78)}"`],
        negative: ['TURSO_DATABASE_URL=libsql://db-acme.turso.io', `AUTH_TOKEN=${fakeJwt({ sub: '1' }, 79)}`],
      };
    },
  },
  {
    id: 'convex-deploy-key',
    title: 'Convex deploy key',
    provider: 'Convex',
    severity: 'critical',
    keywords: ['prod:', 'preview:', 'dev:', 'project:'],
    pattern: /\b((?:prod|preview|dev|project):[a-z]+-[a-z]+-[0-9]{2,4}\|[A-Za-z0-9+/=_-]{40,200})(?![\w+/=-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`CONVEX_DEPLOY_KEY=prod:happy-otter-123|${fakeToken('eyJ2', 80, 80, b64url)}`, `"CONVEX_DEPLOY_KEY": "dev:quiet-river-42|${fakeToken('eyJ2', 80, 81, b64url)}"`],
        negative: ['CONVEX_DEPLOY_KEY=prod:deployment-name|key', 'dev:build-all-12|short'],
      };
    },
  },
  {
    id: 'clickhouse-cloud-api-secret-key',
    title: 'ClickHouse Cloud API key secret',
    provider: 'ClickHouse',
    severity: 'critical',
    keywords: ['4b1d'],
    pattern: /\b(?<![+/])(4b1d[A-Za-z0-9]{38})(?![\w+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`CLICKHOUSE_KEY_SECRET=4b1d${fakeToken('', 38, 82)}`, `"keySecret": "4b1d${fakeToken('', 38, 83)}"`],
        negative: ['4b1dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `4b1d${fakeToken('', 20, 84)}`],
      };
    },
  },
  {
    id: 'cockroachdb-api-key',
    title: 'CockroachDB Cloud API key',
    provider: 'CockroachDB',
    severity: 'critical',
    keywords: ['ccdb1_'],
    pattern: /\b(CCDB1_[A-Za-z0-9]{22}_[A-Za-z0-9]{40})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`COCKROACH_API_KEY=CCDB1_${fakeToken('', 22, 85)}_${fakeToken('', 40, 86)}`, `"apiKey": "CCDB1_${fakeToken('', 22, 87)}_${fakeToken('', 40, 88)}"`],
        negative: ['CCDB1_<key>', `CCDB1_${fakeToken('', 20, 89)}`, 'SUBROUTINE CCDB1_ABIA( IMAGE, NPIX, SEED, STATUS )'],
      };
    },
  },
  {
    id: 'fauna-secret',
    title: 'Fauna secret key',
    provider: 'Fauna',
    severity: 'critical',
    keywords: ['fauna'],
    pattern: assignedTo('fauna', 'fn[a-z0-9_-]{38}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`FAUNA_SECRET=fn${fakeToken('', 38, 90, b64url)}`, `"faunaSecret": "fn${fakeToken('', 38, 91, b64url)}"`],
        negative: [`SECRET=fn${fakeToken('', 38, 92, b64url)}`, 'FAUNA_SECRET=fnYOUR_SECRET'],
      };
    },
  },
  {
    id: 'prefect-api-token',
    title: 'Prefect Cloud API key',
    provider: 'Prefect',
    severity: 'high',
    keywords: ['pnu_'],
    pattern: /\b(pnu_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`PREFECT_API_KEY=${fakeToken('pnu_', 36, 93)}`, `"PREFECT_API_KEY": "${fakeToken('pnu_', 36, 94)}"`],
        negative: ['PREFECT_API_KEY=pnu_xxxxxxxx', `pnu_${fakeToken('', 20, 95)}`],
      };
    },
  },
  {
    id: 'aiven-service-password',
    title: 'Aiven service password',
    provider: 'Aiven',
    severity: 'high',
    keywords: ['avns_'],
    pattern: /\b(AVNS_[A-Za-z0-9_-]{21})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`DATABASE_URL=postgres://avnadmin:AVNS_${fakeToken('', 21, 96, b64url)}@pg-acme.aivencloud.com:12345/defaultdb`, `"password": "AVNS_${fakeToken('', 21, 97, b64url)}"`],
        negative: ['AVNS_<password>', `AVNS_${fakeToken('', 10, 98)}`],
      };
    },
  },
  {
    id: 'xata-api-key',
    title: 'Xata API key',
    provider: 'Xata',
    severity: 'high',
    keywords: ['xau_'],
    pattern: /\b(xau_[A-Za-z0-9]{32,64})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`XATA_API_KEY=${fakeToken('xau_', 36, 99)}`, `"XATA_API_KEY": "${fakeToken('xau_', 36, 100)}"`],
        negative: ['XATA_API_KEY=xau_your_key', `xau_${fakeToken('', 16, 101)}`],
      };
    },
  },
  {
    id: 'tinybird-token',
    title: 'Tinybird auth token',
    provider: 'Tinybird',
    severity: 'high',
    keywords: ['p.eyj'],
    pattern: /\b(?<![.-])(p\.eyJ[A-Za-z0-9_-]{20,400}\.[A-Za-z0-9_-]{30,100})(?![\w.-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`TB_TOKEN=p.${Buffer.from(JSON.stringify({ u: fakeUuid(102), id: fakeUuid(103), host: 'gcp-europe-west3' })).toString('base64url')}.${fakeToken('', 43, 104, b64url)}`, `"TINYBIRD_TOKEN": "p.${Buffer.from(JSON.stringify({ u: fakeUuid(105), id: fakeUuid(106) })).toString('base64url')}.${fakeToken('', 43, 107, b64url)}"`],
        negative: ['TB_TOKEN=p.eyJ...', `ap.eyJ${fakeToken('', 30, 108)}.${fakeToken('', 40, 109)}`],
      };
    },
  },
  {
    id: 'cloudinary-url',
    title: 'Cloudinary URL with API secret',
    provider: 'Cloudinary',
    severity: 'high',
    keywords: ['cloudinary://'],
    pattern: /cloudinary:\/\/[0-9]{10,20}:([A-Za-z0-9_-]{20,40})@[a-z0-9_-]+/i,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`CLOUDINARY_URL=cloudinary://${fakeToken('', 15, 110, '0123456789')}:${fakeToken('', 27, 111, b64url)}@acme`, `"CLOUDINARY_URL": "cloudinary://${fakeToken('', 15, 112, '0123456789')}:${fakeToken('', 27, 113, b64url)}@demo-cloud"`],
        negative: ['CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>', 'cloudinary://123456789012345:abc@acme'],
      };
    },
  },
  {
    id: 'hasura-admin-secret',
    title: 'Hasura admin secret',
    provider: 'Hasura',
    severity: 'critical',
    keywords: ['hasura'],
    pattern: assignedTo('hasura', '[a-z0-9_!@#%^&*+=-]{16,128}', { then: '[\\w.-]{0,16}admin[_-]?secret', gap: 4 }),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`HASURA_GRAPHQL_ADMIN_SECRET=${fakeToken('', 32, 114)}`, `"x-hasura-admin-secret": "${fakeToken('', 40, 115, b64url)}"`],
        negative: ['HASURA_GRAPHQL_ADMIN_SECRET=myadminsecretkey', `ADMIN_SECRET=${fakeToken('', 32, 116)}`],
      };
    },
  },
  {
    id: 'influxdb-token',
    title: 'InfluxDB API token',
    provider: 'InfluxDB',
    severity: 'high',
    keywords: ['influx'],
    pattern: assignedTo('influx(?:db)?', '[a-z0-9_-]{86}=='),
    entropy: 4,
    get examples() {
      return {
        positive: [`INFLUXDB_TOKEN=${fakeToken('', 86, 117, b64url)}==`, `"INFLUX_TOKEN": "${fakeToken('', 86, 118, b64url)}=="`],
        negative: ['INFLUXDB_TOKEN=my-super-secret-auth-token', `TOKEN=${fakeToken('', 86, 119, b64url)}==`],
      };
    },
  },
  {
    id: 'dbt-cloud-token',
    title: 'dbt Cloud service or personal token',
    provider: 'dbt Labs',
    severity: 'high',
    keywords: ['dbtc_', 'dbtu_'],
    pattern: /\b(dbt[cu]_[A-Za-z0-9_-]{40,80})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`DBT_CLOUD_API_TOKEN=${fakeToken('dbtc_', 54, 120, b64url)}`, `"DBT_TOKEN": "${fakeToken('dbtu_', 54, 121, b64url)}"`],
        negative: ['dbtc_<token>', `dbtc_${fakeToken('', 20, 122)}`],
      };
    },
  },
  {
    id: 'appwrite-api-key',
    title: 'Appwrite API key',
    provider: 'Appwrite',
    severity: 'critical',
    keywords: ['standard_'],
    pattern: /\b(standard_[a-f0-9]{256})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`APPWRITE_API_KEY=${fakeToken('standard_', 256, 123, hex)}`, `"APPWRITE_KEY": "${fakeToken('standard_', 256, 124, hex)}"`],
        negative: ['standard_library_loader_configuration', `standard_${fakeToken('', 64, 125, hex)}`],
      };
    },
  },
  {
    id: 'sanity-api-token',
    title: 'Sanity API token',
    provider: 'Sanity',
    severity: 'high',
    keywords: ['sanity'],
    pattern: assignedTo('sanity', 'sk[a-z0-9]{70,200}'),
    entropy: 4,
    get examples() {
      return {
        positive: [`SANITY_API_TOKEN=sk${fakeToken('', 180, 126)}`, `"SANITY_AUTH_TOKEN": "sk${fakeToken('', 180, 127)}"`],
        negative: ['SANITY_PROJECT_ID=abc123de', `API_TOKEN=sk${fakeToken('', 180, 128)}`],
      };
    },
  },
  {
    id: 'prisma-accelerate-api-key',
    title: 'Prisma Accelerate / Postgres API key',
    provider: 'Prisma',
    severity: 'critical',
    keywords: ['api_key=eyj'],
    pattern: /prisma(?:\+postgres)?:\/\/[a-z0-9.-]+\/\?api_key=(eyJ[A-Za-z0-9_.-]{40,1500})/,
    entropy: 4,
    get examples() {
      return {
        positive: [`DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=${fakeJwt({ api_key: fakeUuid(129), tenant_id: fakeToken('', 64, 130, hex) }, 129)}"`, `"url": "prisma+postgres://accelerate.prisma-data.net/?api_key=${fakeJwt({ api_key: fakeUuid(131), tenant_id: fakeToken('', 64, 132, hex) }, 131)}"`],
        negative: ['DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=__API_KEY__"', 'prisma+postgres://localhost:51213/?api_key=eyJ'],
      };
    },
  },
];
