// config-secret's text gate decides which config files are parsed at all. It must pass every text on which
// the rule itself (run on the parsed document, gate or not) finds something, and should turn away the keys
// that only look like secret words (`path`, `patch`, `keymap`), which are most CI workflows' only match.
import { describe, expect, it } from 'vitest';
import { parseStructured, type StructuredFormat } from '../../src/engine/structured.js';
import { fakeToken } from '../../src/rules/fake.js';
import { mcpStructuredRules } from '../../src/rules/generic/mcp.js';

const configSecret = mcpStructuredRules.find((r) => r.id === 'config-secret')!;
const gate = configSecret.textGate!;

const PREFIXES = ['', 'db_', 'GITHUB_', 'my-', 'service.', 'app', 'client', 'x'];
const WORDS = ['key', 'Key', 'KEY', 'token', 'Token', 'secret', 'credential', 'credentials', 'creds', 'auth', 'pat', 'PAT', 'pass', 'password', 'Password', 'passwd', 'passphrase', 'passcode', 'pwd', 'apikey', 'authToken', 'path', 'patch', 'map', 'author'];
const SUFFIXES = ['', '_', '-', '.', '2', 'Name', 'map', 's', 'word', '_1'];

const forms: { path: string; format: StructuredFormat; text: (key: string, value: string) => string }[] = [
  { path: 'config.yaml', format: 'yaml', text: (k, v) => `service:\n  ${k}: ${v}\n` },
  { path: 'config.yaml', format: 'yaml', text: (k, v) => `'${k}': "${v}"\n` },
  { path: 'config.yaml', format: 'yaml', text: (k, v) => `${k}: >-\n  ${v}\n` },
  { path: 'settings.json', format: 'json', text: (k, v) => `{ "a": { "${k}" : "${v}" } }` },
  { path: 'app.toml', format: 'toml', text: (k, v) => `[x]\n"${k}" = '''${v}'''\n` },
];

describe('config-secret text gate', () => {
  it('passes every generated config the rule finds a secret in, and turns away look-alike keys', () => {
    let found = 0;
    let turnedAway = 0;
    let seed = 1;
    for (const prefix of PREFIXES)
      for (const word of WORDS)
        for (const suffix of SUFFIXES)
          for (const form of forms) {
            const key = `${prefix}${word}${suffix}`;
            const text = form.text(key, fakeToken('Zq9', 29, seed++));
            const parsed = parseStructured(text, form.format);
            if ('error' in parsed) throw new Error(`${form.format}: ${parsed.error} in ${text}`);
            const hits = configSecret.detect(parsed.doc, form.path);
            if (hits.length) {
              found++;
              expect(gate.test(text), `gate turned away ${JSON.stringify(text)}`).toBe(true);
            } else if (!gate.test(text)) turnedAway++;
          }
    expect(found).toBeGreaterThan(1000);
    expect(turnedAway).toBeGreaterThan(1000);
  });

  it('turns away a CI workflow whose only secret-like words are `path`, `patch` and references', () => {
    const workflow = [
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      patch: { type: string }',
      'jobs:',
      '  build:',
      '    steps:',
      '      - uses: actions/cache@v4',
      '        with:',
      '          path: pnpm-lock.yaml',
      '      - run: ./release.sh',
      '        env:',
      '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
      '          keymap: standard-layout',
    ].join('\n');
    expect(gate.test(workflow)).toBe(false);
    expect(gate.test(workflow.replace('${{ secrets.NPM_TOKEN }}', fakeToken('npm_', 36, 3)))).toBe(true);
  });
});
