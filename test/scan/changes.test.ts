// A history scan reads only what each version adds (sources/blob-diff.ts → scanBytes with `changed`). That
// is safe when the findings it returns are exactly the whole-text scan's findings that the version before did
// not have, at the same place: checked here on generated files, edits and secrets of several kinds, with the
// built-in rules.
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/engine/scan-text.js';
import type { Finding } from '../../src/engine/types.js';
import { ALPHABETS, fakeToken, seededRandom } from '../../src/rules/fake.js';
import { buildEngine } from '../../src/scan/engine.js';
import { scanBytes } from '../../src/scan/scan-bytes.js';
import { changedLines } from '../../src/sources/blob-diff.js';

const engine = buildEngine({ extraRules: [], disabledRules: [], allowlist: { regexes: [], stopwords: [], values: [] }, inlineAllow: true });

const at = (f: Finding) => `${f.ruleId} ${f.fingerprint} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} @${f.offset}`;
const where = (f: Finding) => `${at(f)} ${f.context ?? ''}`;

/**
 * Scans `next` whole and as a change of `prev`, and checks that the change scan found every finding that is
 * new, exactly as the whole scan reports it, and nothing the whole scan does not report. (A finding it shares
 * with `prev` is dropped by the history scan for the earlier one, so its key path is not compared.)
 */
function checkChange(prev: string, next: string, path: string): { changed: Finding[]; whole: Finding[] } {
  const before = new Set(scanBytes(Buffer.from(prev), path, engine).findings.map((f) => f.fingerprint));
  const whole = scanBytes(Buffer.from(next), path, engine).findings;
  const changed = scanBytes(Buffer.from(next), path, engine, changedLines(Buffer.from(prev), Buffer.from(next))).findings;
  const fresh = whole.filter((f) => !before.has(f.fingerprint));
  const got = new Set(changed.map(where));
  for (const f of fresh) expect(got, `${path}: new finding ${where(f)} missed`).toContain(where(f));
  const all = new Set(whole.map(at));
  for (const f of changed) expect(all, `${path}: ${at(f)} is not a finding of the whole text`).toContain(at(f));
  return { changed, whole };
}

const pem = (seed: number) => {
  const body = fakeToken('MIIEowIBAAKCAQEA', 1200, seed, ALPHABETS.base64).match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
};

/** A line of a generated document: prose, code, or (now and then) a secret of one of several kinds. */
function lineMaker(rand: () => number, markdown: boolean): () => string {
  let n = 0;
  const secret = (): string => {
    const seed = Math.floor(rand() * 1e6);
    const kinds = [
      () => `const token = "${fakeToken('ghp_', 36, seed)}";`,
      () => `export OPENAI_API_KEY=${fakeToken('sk-proj-', 48, seed)}`,
      () => `api_key = "${fakeToken('', 32, seed)}"`,
      () => `curl -H "Authorization: Bearer ${fakeToken('', 40, seed)}" https://api.acme-corp.io/v1`,
      () => `postgres://app:${fakeToken('', 20, seed)}@db.acme-corp.io:5432/app`,
      () => pem(seed),
      ...(markdown ? [() => `\`\`\`json\n${JSON.stringify({ mcpServers: { acme: { command: 'npx', env: { ACME_API_KEY: fakeToken('', 32, seed) } } } }, null, 2)}\n\`\`\``] : []),
    ];
    return kinds[Math.floor(rand() * kinds.length)]();
  };
  return () => {
    n++;
    const r = rand();
    if (r < 0.06) return secret();
    if (r < 0.12) return 'Ünïcödé prose with an emoji 🚀 and more 😀 text';
    if (r < 0.3) return '';
    return `line ${n}: ${'lorem ipsum dolor '.repeat(1 + Math.floor(rand() * 5))}${Math.floor(rand() * 1e9)}`;
  };
}

describe('scanning only what a version adds', () => {
  for (const [path, markdown] of [['README.md', true], ['src/server.ts', false], ['notes.txt', false]] as const) {
    it(`finds every new secret of ${path} where the whole scan does (generated edits)`, () => {
      let fresh = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const rand = seededRandom(seed * 101);
        const line = lineMaker(rand, markdown);
        const prev = Array.from({ length: 300 + Math.floor(rand() * 900) }, line);
        const next = [...prev];
        for (let e = 1 + Math.floor(rand() * 6); e > 0; e--) {
          const at = Math.floor(rand() * next.length);
          const kind = rand();
          if (kind < 0.4) next.splice(at, 0, line());
          else if (kind < 0.6) next.splice(at, 1);
          else if (kind < 0.8) next[at] = line();
          // An edit inside a multi-line secret or a config block.
          else next[at] = next[at].replace(/[A-Za-z0-9]{8}(?=[A-Za-z0-9]*$)/m, 'Qz8xW4vK');
        }
        const { changed, whole } = checkChange(prev.join('\n'), next.join('\n'), path);
        fresh += changed.length;
        expect(changed.length).toBeLessThanOrEqual(whole.length);
      }
      // The generated edits do add secrets: the check above compared something.
      expect(fresh).toBeGreaterThan(10);
    });
  }

  it('rescans whole when a change sits inside a secret longer than its slice', () => {
    const filler = Array.from({ length: 400 }, (_, i) => `filler line ${i} with some words in it`).join('\n');
    const key = pem(7);
    const prev = `${filler}\n${key}\n${filler}\n`;
    // One base64 line in the middle of the key changes: the key is new, and reaches beyond the slice.
    const lines = key.split('\n');
    lines[10] = fakeToken('', 64, 99, ALPHABETS.base64);
    const next = `${filler}\n${lines.join('\n')}\n${filler}\n`;
    const { changed } = checkChange(prev, next, 'keys.txt');
    expect(changed.map((f) => f.ruleId)).toContain('private-key');
  });

  it('reads a config file whole: a change anywhere may move its keys', () => {
    const value = fakeToken('', 32, 5);
    const servers = (name: string) => JSON.stringify({ [name]: { acme: { command: 'npx', env: { ACME_API_KEY: value } } }, padding: 'x'.repeat(20_000) }, null, 2);
    // Renaming the top key turns an unremarkable value into an MCP server's secret.
    const { changed } = checkChange(servers('notServers'), servers('mcpServers'), 'claude_desktop_config.json');
    expect(changed.length).toBeGreaterThan(0);
  });

  it('places findings after non-ASCII text at the whole text\'s line, column and offset', () => {
    const head = Array.from({ length: 300 }, (_, i) => `😀 émoji line ${i} 🚀`).join('\n');
    const prev = `${head}\nend\n`;
    const next = `${head}\nconst token = "${fakeToken('ghp_', 36, 3)}";\nend\n`;
    const { changed } = checkChange(prev, next, 'a.ts');
    expect(changed.map((f) => [f.ruleId, f.line])).toEqual([['github-pat', 301]]);
  });
});

describe('scanText with changes', () => {
  it('says a slice is incomplete when a rule near a change would read past its cut', () => {
    const text = `${pem(3)}\n`;
    const at = text.indexOf('\n', 200) + 1;
    const cutStart = text.slice(at);
    const changed = [[100, 101]] as const;
    expect(scanText({ text: cutStart, path: 'k.txt' }, engine.ruleSet, { changed, cut: { start: true, end: false } }).incomplete).toBe(true);
    // The same slice, not cut: nothing to rescan.
    expect(scanText({ text: cutStart, path: 'k.txt' }, engine.ruleSet, { changed, cut: { start: false, end: false } }).incomplete).toBeUndefined();
  });
});
