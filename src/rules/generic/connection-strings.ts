// Database and broker URLs with a password in them (postgres, mysql, mongodb+srv, redis, amqp, mssql…).
// The password must be real: not `password`, `<password>`, `${DB_PASS}`, nor equal to the user name.
import type { Rule } from '../../engine/types.js';
import { fakeToken } from '../fake.js';
import { isPlaceholderPassword } from './urls.js';
import { isSecretValue } from './values.js';

const pw = `${fakeToken('', 18, 401)}7`;

export const connectionString: Rule = {
  id: 'connection-string-password',
  confidence: 'medium',
  title: 'Password in a database connection string',
  severity: 'high',
  generic: true,
  keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'clickhouse', 'cockroach'],
  // Literal `://` first, scheme checked behind it: the scan looks for a literal instead of trying every word.
  pattern:
    /:\/\/(?<=\b(?:jdbc:)?(?:postgres(?:ql)?|mysqlx?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb)(?:\+[a-z0-9]+)?:\/\/)(?<user>[^\s:/@'"<>`]{0,128}):(?<secret>[^\s/@'"<>`]{1,128})@(?<host>[^\s/'"<>`:;,?]+)/,
  validate: (password, m) => {
    const g = m.groups ?? {};
    if (isPlaceholderPassword(password, g.user ?? '')) return false;
    if (/^(?:host|hostname|your[-_]?host|server|example\.com)$/i.test(g.host ?? '')) return false;
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      // keep the raw text
    }
    return isSecretValue(decoded, 'password');
  },
  get examples() {
    return {
      positive: [
        `DATABASE_URL=postgres://app:${pw}@db.acme.internal:5432/prod`,
        `"POSTGRES_CONNECTION_STRING": "postgresql://reporting:${pw}@10.1.2.3/analytics"`,
        `mongodb+srv://svc-mcp:${pw}@cluster0.ab1cd.mongodb.net/app?retryWrites=true`,
        `REDIS_URL=rediss://:${pw}@cache.acme.io:6380/0`,
        `amqps://worker:${pw}@mq.acme.io/vhost`,
        `mysql://root:${pw}@localhost:3306/shop`,
        `jdbc:postgresql://etl:${pw}@warehouse.acme.io/dw`,
        `postgresql+asyncpg://api:${pw}@db:5432/api`,
        `sqlserver://sa:${pw}@mssql.acme.io:1433`,
        `redis://default:${pw}@redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com:12345`,
        `amqp://worker:${pw}@rabbit.internal:5672/vh`,
        `mongodb://admin:${pw}@mongo1.acme.io:27017,mongo2.acme.io:27017/db?replicaSet=rs0`,
        `postgres://app:${pw}@[fd00::10]:5432/db`,
        `mysql+pymysql://root:${pw}@db:3306/app`,
      ],
      negative: [
        `postgres://user:password@localhost:5432/db`,
        `postgres://postgres:postgres@localhost/postgres`,
        `postgresql://\${DB_USER}:\${DB_PASS}@\${DB_HOST}/app`,
        `mongodb+srv://<username>:<password>@cluster0.mongodb.net/`,
        `redis://localhost:6379/0`,
        `amqp://guest:guest@localhost:5672/`,
        `mysql://root:@localhost/test`,
        `postgres://app:$DB_PASSWORD@db/app`,
        `mongodb://admin:****@db.acme.io`,
        `postgres://user:pass@host:5432/dbname`,
        `"postgresql://{user}:{password}@{host}/{db}"`,
        `postgres://app:mysecretpassword@db/app`,
        `redis://:\${REDIS_PASSWORD}@cache:6379`,
        `amqp://user:password@rabbit:5672`,
        `mongodb://user:s3cr3t-value@localhost:27017`,
        `mongodb+srv://user:p%40ssw%3Drd@cluster.mongodb.net/database`,
        `postgres://app:Pa$$word@db/app`,
        `&quot;mongodb://&lt;username&gt;:&lt;password&gt;@docdb.acme.io:27017&quot;`,
      ],
    };
  },
};
