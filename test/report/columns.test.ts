// JSON and SARIF describe the same finding with the same numbers (docs/scan.md, "Line and column
// conventions"): 1-based lines and columns in UTF-16 code units; JSON's endColumn is the last character,
// SARIF's the one after it, as its spec says.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeToken } from '../../src/rules/fake.js';

describe('line and column conventions', () => {
  it('JSON column equals SARIF startColumn for the same finding, after a non-ASCII prefix', async () => {
    const token = fakeToken('ghp_', 36, 901);
    const text = `first line\n  "é token": "${token}"\n`;
    const scan = (format: string) => run(['scan', '-', '--format', format, '--workers', '0'], { env: {}, stdinText: async () => text });
    const json = JSON.parse((await scan('json')).stdout).findings[0];
    const region = JSON.parse((await scan('sarif')).stdout).runs[0].results[0].locations[0].physicalLocation.region;
    const column = text.split('\n')[1].indexOf(token) + 1;
    expect(json).toMatchObject({ line: 2, column, endLine: 2, endColumn: column + token.length - 1 });
    expect(region).toEqual({ startLine: json.line, startColumn: json.column, endLine: json.endLine, endColumn: json.endColumn + 1 });
  });
});
