// Provider rules, group A (AI, code hosting, chat, cloud): invariants over the rule data, and the rules at
// work on realistic MCP host configs through the real engine.
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scan-text.js';
import type { Rule } from '../../src/engine/types.js';
import { assignedTo } from '../../src/rules/assigned.js';
import { ALPHABETS, fakeToken } from '../../src/rules/fake.js';
import { rules as ai } from '../../src/rules/providers/ai.js';
import { rules as chat } from '../../src/rules/providers/chat.js';
import { rules as cloud } from '../../src/rules/providers/cloud/index.js';
import { rules as codeHosting } from '../../src/rules/providers/code-hosting.js';

const groupA: Rule[] = [...ai, ...codeHosting, ...chat, ...cloud];
const set = compileRuleSet(groupA);
const scan = (text: string, path = 'config.txt') => scanText({ text, path }, set).findings;

describe('group A rule data', () => {
  it('covers at least 80 credential types with unique ids', () => {
    expect(groupA.length).toBeGreaterThanOrEqual(80);
    expect(new Set(groupA.map((r) => r.id)).size).toBe(groupA.length);
  });

  it('gives every rule at least two positive and two negative examples', () => {
    for (const r of groupA) {
      expect(r.examples.positive.length, r.id).toBeGreaterThanOrEqual(2);
      expect(r.examples.negative.length, r.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('has a keyword inside every match of every positive example (the prefilter can never hide a match)', () => {
    for (const r of groupA) {
      const re = new RegExp(r.pattern.source, `${r.pattern.flags}g`);
      for (const ex of r.examples.positive) {
        const matches = [...ex.matchAll(re)];
        expect(matches.length, `${r.id}: ${ex.slice(0, 60)}`).toBeGreaterThan(0);
        for (const m of matches) {
          const text = m[0].toLowerCase();
          expect(r.keywords.some((k) => text.includes(k)), `${r.id}: no keyword in match`).toBe(true);
        }
      }
    }
  });

  it('never redacts a secret into something that still contains it', () => {
    for (const r of groupA) {
      for (const ex of r.examples.positive) {
        for (const f of scan(ex)) expect(f.redacted.includes(f.secret), r.id).toBe(false);
      }
    }
  });
});

describe('group A rules on MCP host configs', () => {
  const github = fakeToken('ghp_', 36, 101);
  const slack = `xoxb-${fakeToken('1', 11, 102, '0123456789')}-${fakeToken('2', 12, 103, '0123456789')}-${fakeToken('', 24, 104)}`;
  const anthropic = `${fakeToken('sk-ant-api03-', 93, 105, ALPHABETS.base64url)}AA`;
  const awsId = fakeToken('AKIA', 16, 106, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
  const awsSecret = fakeToken('', 40, 107, ALPHABETS.base64);

  const claudeDesktop = JSON.stringify(
    {
      mcpServers: {
        github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: github } },
        slack: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_BOT_TOKEN: slack, SLACK_TEAM_ID: 'T01234ABCDE' } },
        claude: { command: 'uvx', args: ['some-server', '--api-key', anthropic] },
        aws: { command: 'uvx', args: ['awslabs.core-mcp-server'], env: { AWS_ACCESS_KEY_ID: awsId, AWS_SECRET_ACCESS_KEY: awsSecret } },
        safe: { command: 'npx', args: ['server'], env: { OPENAI_API_KEY: '${OPENAI_API_KEY}', GITHUB_TOKEN: 'ghp_your_token_here' } },
      },
    },
    null,
    2,
  );

  it('names each leaked credential, where it sits, and nothing else', () => {
    const findings = scan(claudeDesktop, 'claude_desktop_config.json');
    const byRule = Object.fromEntries(findings.map((f) => [f.ruleId, f]));
    expect(Object.keys(byRule).sort()).toEqual(
      ['anthropic-api-key', 'aws-access-token', 'aws-secret-access-key', 'github-pat', 'slack-bot-token'].sort(),
    );
    expect(byRule['github-pat'].secret).toBe(github);
    expect(byRule['github-pat'].context).toBe('mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN');
    expect(byRule['slack-bot-token'].context).toBe('mcpServers.slack.env.SLACK_BOT_TOKEN');
    expect(byRule['anthropic-api-key'].context).toBe('mcpServers.claude.args[2]');
    expect(byRule['aws-secret-access-key'].secret).toBe(awsSecret);
  });

  it('reports an AWS secret once: by name when named, by pairing when it only sits next to its key id', () => {
    const named = scan(`[default]\naws_access_key_id = ${awsId}\naws_secret_access_key = ${awsSecret}\n`, 'credentials');
    expect(named.map((f) => f.ruleId).sort()).toEqual(['aws-access-token', 'aws-secret-access-key']);

    const csv = scan(`User name,Access key ID,Secret access key\nci,${awsId},${awsSecret}\n`, 'keys.csv');
    expect(csv.map((f) => f.ruleId).sort()).toEqual(['aws-access-token', 'aws-secret-access-key-pair']);
    expect(csv.find((f) => f.ruleId === 'aws-secret-access-key-pair')!.secret).toBe(awsSecret);
  });

  it('stays quiet on a template .env full of placeholders and lookalikes', () => {
    const template = [
      'OPENAI_API_KEY=sk-proj-your-key-here',
      'ANTHROPIC_API_KEY=sk-ant-api03-...',
      'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      `GITHUB_SHA=${fakeToken('', 40, 108, ALPHABETS.hexLower)}`,
      `HEROKU_APP_ID=${fakeToken('', 8, 109, ALPHABETS.hexLower)}-1234-4abc-8def-${fakeToken('', 12, 110, ALPHABETS.hexLower)}`,
      'MISTRAL_API_KEY=<your mistral key>',
      'TELEGRAM_BOT_TOKEN=123456789:AAyour-telegram-token',
    ].join('\n');
    expect(scan(template, '.env.example').map((f) => f.ruleId)).toEqual([]);
  });

  it('finds a Discord bot token only when its first segment encodes a numeric user id', () => {
    const id = Buffer.from('412345678901234567').toString('base64').replace(/=+$/, '');
    const tail = `${fakeToken('', 6, 111, ALPHABETS.base64url)}.${fakeToken('', 38, 112, ALPHABETS.base64url)}`;
    expect(scan(`DISCORD_TOKEN=${id}.${tail}`).map((f) => f.ruleId)).toEqual(['discord-bot-token']);
    const notAnId = Buffer.from('not-a-snowflake-id').toString('base64').replace(/=+$/, '');
    expect(scan(`DISCORD_TOKEN=N${notAnId.slice(1)}.${tail}`)).toEqual([]);
  });
});

describe('patterns that open at their literal and capture the secret in a lookbehind', () => {
  it('report the whole Telegram bot token, from its first digit, and nothing inside a longer number', () => {
    const token = `${fakeToken('', 9, 130, '0123456789')}:AA${fakeToken('', 33, 131, ALPHABETS.base64url)}`;
    const [f] = scan(`TELEGRAM_BOT_TOKEN=${token}`);
    expect(f?.ruleId).toBe('telegram-bot-api-token');
    expect(f?.secret).toBe(token);
    expect(f?.column).toBe(20);
    expect(scan(`id=12${token}`).filter((x) => x.ruleId === 'telegram-bot-api-token')).toEqual([]);
  });
});

describe('assignedTo() context patterns', () => {
  const re = assignedTo('heroku[\\w.-]{0,12}?key', '[a-f0-9]{32}');
  const value = fakeToken('', 32, 120, ALPHABETS.hexLower);
  const secretOf = (text: string) => re.exec(text)?.groups?.secret;

  it('reads env lines, JSON and YAML entries, flags and getenv defaults', () => {
    expect(secretOf(`HEROKU_API_KEY=${value}`)).toBe(value);
    expect(secretOf(`"HEROKU_API_KEY": "${value}"`)).toBe(value);
    expect(secretOf(`heroku_key: '${value}'`)).toBe(value);
    expect(secretOf(`--heroku-api-key=${value}`)).toBe(value);
    expect(secretOf(`os.getenv("HEROKU_API_KEY", "${value}")`)).toBe(value);
    expect(secretOf(`"{\\"x\\":1}\\nHEROKU_KEY=${value}"`)).toBe(value);
  });

  it('needs the name to start a token, on the same line, and the value to end where the token ends', () => {
    expect(secretOf(`SUPERHEROKU_API_KEY=${value}`)).toBeUndefined();
    expect(secretOf(`HEROKU_API_KEY\n=${value}`)).toBeUndefined();
    expect(secretOf(`HEROKU_API_KEY=${value}ab`)).toBeUndefined();
    expect(secretOf(`HEROKU_API_KEY=${value.slice(1)}`)).toBeUndefined();
  });

  it('reads name/value pairs and Makefile assignments too (one helper for every provider rule)', () => {
    expect(secretOf(`{ "name": "HEROKU_API_KEY", "value": "${value}" }`)).toBe(value);
    expect(secretOf(`env:\n  - name: HEROKU_API_KEY\n    value: ${value}`)).toBe(value);
    expect(secretOf(`HEROKU_API_KEY ?= ${value}`)).toBe(value);
  });

  it('needs a credential word in the key name unless told the name already is one', () => {
    const bare = assignedTo('mistral', '[a-f0-9]{32}');
    expect(bare.exec(`MISTRAL_API_KEY=${value}`)?.groups?.secret).toBe(value);
    expect(bare.exec(`MISTRAL_MODEL_REVISION=${value}`)).toBeNull();
    const named = assignedTo('telegram', '[a-f0-9]{32}', { then: '[\\w.-]{0,12}?api[_.-]?hash', words: false });
    expect(named.exec(`TELEGRAM_API_HASH=${value}`)?.groups?.secret).toBe(value);
    expect(named.exec(`TELEGRAM_API_ID=${value}`)).toBeNull();
  });

  it('checks the token start on the provider literal, with `then` following it', () => {
    const re2 = assignedTo('vercel', '[a-f0-9]{32}', { then: '[\\w.-]{0,12}?token' });
    expect(re2.source.startsWith('(?:vercel)(?<=')).toBe(true);
    expect(re2.exec(`VERCEL_TOKEN=${value}`)?.groups?.secret).toBe(value);
    expect(re2.exec(`NOTVERCEL_TOKEN=${value}`)).toBeNull();
    expect(re2.exec(`VERCEL_PROJECT_ID_AND_A_VERY_LONG_TAIL_TOKEN=${value}`)).toBeNull();
  });
});
