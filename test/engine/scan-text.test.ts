import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scan-text.js';
import { fakeToken } from '../../src/rules/fake.js';
import { rules as codeHosting } from '../../src/rules/providers/code-hosting.js';

const set = compileRuleSet(codeHosting);
const token = fakeToken('ghp_', 36, 42);

describe('scanText', () => {
  it('reports line, column, context and a redacted value', () => {
    const text = `{\n  "mcpServers": {\n    "github": {\n      "env": { "GITHUB_TOKEN": "${token}" }\n    }\n  }\n}\n`;
    const { findings } = scanText({ text, path: 'claude_desktop_config.json' }, set);
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f.ruleId).toBe('github-pat');
    expect(f.line).toBe(4);
    expect(f.column).toBe(text.split('\n')[3].indexOf(token) + 1);
    expect(f.context).toBe('mcpServers.github.env.GITHUB_TOKEN');
    expect(f.secret).toBe(token);
    expect(f.redacted).not.toContain(token.slice(4));
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('honours inline allow comments', () => {
    const { findings } = scanText({ text: `const t = "${token}"; // keyward:allow`, path: 'a.ts' }, set);
    expect(findings).toEqual([]);
  });

  it('keeps scanning a malformed config as text and warns', () => {
    const { findings, warnings } = scanText({ text: `{ "a": "${token}" `, path: 'x.json' }, set);
    expect(findings).toHaveLength(1);
    expect(warnings.length).toBeLessThanOrEqual(1);
  });

  it('fingerprints bind to content, not location', () => {
    const a = scanText({ text: `x ${token}`, path: 'a' }, set).findings[0];
    const b = scanText({ text: `\n\n   ${token}`, path: 'b' }, set).findings[0];
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
