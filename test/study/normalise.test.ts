import { describe, expect, it } from 'vitest';
import { classifyRegistryEntry, classifySmitheryEntry, codeSignal, githubRepo } from '../../src/study/normalise.js';
import { parseShard, shardKey } from '../../src/study/shard.js';
import { surfaceOf } from '../../src/study/surface.js';

describe('githubRepo', () => {
  it.each([
    ['https://github.com/Owner/Repo', 'owner/repo'],
    ['https://github.com/owner/repo.git', 'owner/repo'],
    ['git+https://github.com/owner/repo.git', 'owner/repo'],
    ['git://github.com/owner/repo.git', 'owner/repo'],
    ['git@github.com:Owner/Repo.git', 'owner/repo'],
    ['ssh://git@github.com/owner/repo', 'owner/repo'],
    ['github.com/owner/repo', 'owner/repo'],
    ['https://www.github.com/owner/repo/', 'owner/repo'],
    ['https://github.com/owner/repo/tree/main/packages/x', 'owner/repo'],
    ['https://github.com/owner/repo/blob/main/README.md#usage', 'owner/repo'],
    ['https://github.com/owner/repo?tab=readme-ov-file', 'owner/repo'],
    ['https://github.com/owner/my.repo-name_2', 'owner/my.repo-name_2'],
  ])('%s → %s', (url, repo) => {
    expect(githubRepo(url)).toBe(repo);
  });

  it.each([
    'https://gitlab.com/owner/repo',
    'https://github.com/owner',
    'https://github.com/orgs/acme/repositories',
    'https://github.com/sponsors/someone',
    'https://gist.github.com/owner/abc',
    'https://smithery.ai/server/@acme/x',
    'not a url at all',
    '',
  ])('rejects %s', (url) => {
    expect(githubRepo(url)).toBeUndefined();
  });
});

describe('classification rules', () => {
  it('R1: remotes[] wins, packages only is local, neither is unknown', () => {
    expect(classifyRegistryEntry({ remotes: [{}], packages: [{}] })).toBe('remote');
    expect(classifyRegistryEntry({ remotes: [], packages: [{}] })).toBe('local');
    expect(classifyRegistryEntry({})).toBeUndefined();
  });
  it('R2: Smithery remote or deployed flags', () => {
    expect(classifySmitheryEntry({ remote: true })).toBe('remote');
    expect(classifySmitheryEntry({ remote: false, isDeployed: true })).toBe('remote');
    expect(classifySmitheryEntry({ remote: false, isDeployed: false })).toBe('local');
    expect(classifySmitheryEntry({})).toBeUndefined();
  });
  it('R3: HTTP transports in code and http start commands in smithery.yaml', () => {
    expect(codeSignal('src/index.ts', 'new StreamableHTTPServerTransport({})')).toBe(true);
    expect(codeSignal('src/server.js', "const t = new SSEServerTransport('/messages', res)")).toBe(true);
    expect(codeSignal('server.py', 'mcp.run(transport="streamable-http")')).toBe(true);
    expect(codeSignal('src/index.ts', 'new StdioServerTransport()')).toBe(false);
    // Mentioned in docs only: not a code signal.
    expect(codeSignal('README.md', 'StreamableHTTPServerTransport')).toBe(false);
    expect(codeSignal('smithery.yaml', 'startCommand:\n  type: http\n')).toBe(true);
    expect(codeSignal('smithery.yaml', 'startCommand:\n  type: stdio\n')).toBe(false);
  });
});

describe('surfaceOf', () => {
  it.each([
    ['mcp.json', 'MCP config'],
    ['.cursor/mcp.json', 'MCP config'],
    ['examples/claude_desktop_config.json', 'MCP config'],
    ['.vscode/mcp.json', 'MCP config'],
    ['smithery.yaml', 'smithery.yaml'],
    ['server.json', 'server.json'],
    ['docs/README.md', 'README'],
    ['README', 'README'],
    ['.env', '.env'],
    ['.env.local', '.env'],
    ['config/prod.env', '.env'],
    ['src/index.ts', 'source'],
    ['server.py', 'source'],
    ['package.json', 'other'],
    ['docs/setup.md', 'other'],
  ])('%s → %s', (p, surface) => {
    expect(surfaceOf(p)).toBe(surface);
  });
});

describe('shards', () => {
  it('parses i/n and rejects the rest', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(typeof parseShard('4/4')).toBe('string');
    expect(typeof parseShard('a/b')).toBe('string');
    expect(typeof parseShard('0/0')).toBe('string');
  });
  it('is deterministic and spreads repositories over shards', () => {
    expect(shardKey('acme/mono')).toBe(shardKey('acme/mono'));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardKey(`owner${i}/repo${i}`) % 4]++;
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });
});
