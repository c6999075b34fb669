import { describe, expect, it } from 'vitest';
import { patternReach } from '../../src/engine/pattern-reach.js';
import { scanText } from '../../src/engine/scan-text.js';
import type { Finding } from '../../src/engine/types.js';
import { seededRandom } from '../../src/rules/fake.js';
import { builtinRules, builtinRuleSet } from '../../src/rules/index.js';

// Long texts run each rule only in windows around its keywords; that must find exactly what running every
// rule over the whole text finds, wherever in a long file the secret sits.
const key = (f: Finding) => `${f.ruleId} ${f.offset} ${f.secret} ${f.line}:${f.column}`;

describe('keyword windows', () => {
  it('measures how far a pattern reaches', () => {
    expect(patternReach(/ab{2,5}c/)).toEqual({ length: 7, behind: 1, ahead: 1 });
    expect(patternReach(/(?<=key=)[a-f0-9]{32}(?![\w-])/)).toEqual({ length: 32, behind: 6, ahead: 6 });
    expect(patternReach(/(?<q>["'])?x\k<q>/)!.length).toBe(3);
    expect(patternReach(/a(?:bc|defg)?/)!.length).toBe(5);
    expect(patternReach(/[\]a]x+/, 100)!.length).toBe(101);
    expect(patternReach(/a{3,}/, 10)!.length).toBe(10);
    expect(patternReach(/\bx\b/)).toEqual({ length: 1, behind: 3, ahead: 3 });
  });

  it('every built-in pattern is understood', () => {
    const unread = builtinRules.filter((r) => patternReach(r.pattern) === undefined).map((r) => r.id);
    expect(unread).toEqual([]);
  });

  it('finds the same as the whole-text scan, with positives anywhere in long files', () => {
    const set = builtinRuleSet();
    const rand = seededRandom(11);
    const filler = (n: number) => {
      const words = ['const token = getToken();', 'api_key: process.env.API_KEY', 'let x = a ? b : c;', 'url = "https://example.com/a"', 'password = input()', '// the secret key is kept in the vault', 'return { key: value };'];
      const out: string[] = [];
      let len = 0;
      while (len < n) {
        const line = words[Math.floor(rand() * words.length)];
        out.push(line);
        len += line.length + 1;
      }
      return out.join(rand() < 0.5 ? '\n' : ' ');
    };
    let checked = 0;
    for (const rule of builtinRules) {
      for (const example of rule.examples.positive) {
        // The example in the middle of a long file, near its start, and at its very end.
        for (const text of [`${filler(6000)}\n${example}\n${filler(6000)}`, `${example} ${filler(9000)}`, `${filler(9000)} ${example}`]) {
          const windowed = scanText({ text, path: 'long.txt' }, set).findings.map(key);
          const whole = scanText({ text, path: 'long.txt' }, set, { keywordWindows: false }).findings.map(key);
          expect(windowed, `${rule.id}: ${example}`).toEqual(whole);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('a match longer than its window is still found whole', () => {
    const set = builtinRuleSet();
    const pem = builtinRules.find((r) => r.id === 'private-key')!.examples.positive[0];
    const text = `${'x = 1;\n'.repeat(2000)}${pem}\n${'y = 2;\n'.repeat(2000)}`;
    const windowed = scanText({ text, path: 'k.txt' }, set).findings.map(key);
    expect(windowed).toEqual(scanText({ text, path: 'k.txt' }, set, { keywordWindows: false }).findings.map(key));
    expect(windowed.some((k) => k.startsWith('private-key'))).toBe(true);
  });
});
