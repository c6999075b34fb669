// Launch risks in a stdio server's command line: packages fetched unpinned at every start (npx, uvx…),
// root privileges (sudo), shell wrappers that hide what runs, remote scripts piped into a shell, and
// containers with host-level access. Pure: reads the ServerEntry only.
import { formatKeyPath } from '../../engine/structured.js';
import { argKeyPath, fieldKeyPath } from '../../hosts/shape.js';
import type { ServerEntry } from '../../hosts/types.js';
import type { FindingDraft } from '../types.js';
import { parseWrap } from '../../protect/entry.js';

type Key = string | number;

interface Token {
  text: string;
  keyPath: Key[];
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'fish']);
const POWERSHELLS = new Set(['powershell', 'pwsh']);
const ELEVATE = new Set(['sudo', 'doas', 'pkexec', 'runas', 'gsudo']);
const CONTAINER = new Set(['docker', 'podman', 'nerdctl']);
const REMOTE_SCRIPT =
  /\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\|\s*(?:iex|invoke-expression)\b/i;

/** `C:\Program Files\nodejs\npx.cmd` → `npx`. */
function programName(cmd: string): string {
  const base = cmd.split(/[\\/]/).pop() ?? cmd;
  return base.replace(/\.(?:exe|cmd|bat|ps1)$/i, '').toLowerCase();
}

/** Splits a `-c` script into words; quotes group, nothing is expanded. Good enough to spot programs. */
function words(script: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(script)) !== null) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function launchFindings(server: ServerEntry): FindingDraft[] {
  if (!server.command) return [];
  let tokens: Token[] = [
    { text: server.command, keyPath: fieldKeyPath(server, 'command') },
    ...(server.args ?? []).map((text, i) => ({ text, keyPath: argKeyPath(server, i) })),
  ];
  // An entry protected by `keyward run … -- <command>` is judged on the command it wraps.
  const wrap = parseWrap(server.command, server.args ?? []);
  if (wrap) tokens = tokens.slice(tokens.length - wrap.inner.length);
  const out: FindingDraft[] = [];
  analyse(tokens, server, out, 0);
  return out;
}

function draft(server: ServerEntry, t: Token, rest: Omit<FindingDraft, 'server' | 'keyPath' | 'keyPathParts'>): FindingDraft {
  return { ...rest, server: server.name, keyPath: formatKeyPath(t.keyPath), keyPathParts: t.keyPath };
}

function analyse(tokens: Token[], server: ServerEntry, out: FindingDraft[], depth: number): void {
  if (!tokens.length || depth > 3) return;
  const [head, ...rest] = tokens;
  const prog = programName(head.text);

  // A whole command line in one string (`"command": "npx -y foo"`) is split first.
  // Windows paths with spaces (C:\Program Files\…) are left whole.
  if (/\s/.test(head.text.trim()) && !head.text.trim().split(/\s+/)[0].includes('\\')) {
    const parts = words(head.text).map((text) => ({ text, keyPath: head.keyPath }));
    if (parts.length > 1) return analyse([...parts, ...rest], server, out, depth + 1);
  }

  if (ELEVATE.has(prog)) {
    out.push(
      draft(server, head, {
        id: 'sudo-launch',
        severity: 'high',
        message: `"${server.name}" starts with ${prog}: the server and every tool it exposes run as root`,
        fix: 'run the server as your own user; grant it only the files or sockets it needs',
        value: head.text,
      }),
    );
    let i = 0;
    // Skip sudo's own options (-E, -u user, --preserve-env…).
    while (i < rest.length && rest[i].text.startsWith('-')) i += /^-(?:u|g|h|p|C|D|r|t|U)$/.test(rest[i].text) ? 2 : 1;
    return analyse(rest.slice(i), server, out, depth + 1);
  }

  if (SHELLS.has(prog)) {
    const flag = rest.findIndex((t) => /^-[a-z]*c[a-z]*$/i.test(t.text) && !t.text.startsWith('--'));
    if (flag >= 0) {
      const script = rest[flag + 1];
      out.push(
        draft(server, head, {
          id: 'shell-wrapper',
          severity: 'low',
          message: `"${server.name}" runs through ${prog} -c: the real command is a script the host cannot show or pin`,
          fix: 'put the program in `command` and its arguments in `args` instead of a shell script',
          value: script?.text,
        }),
      );
      if (script) scriptFindings(script, server, out, depth);
      return;
    }
  }

  if (prog === 'cmd') {
    const flag = rest.findIndex((t) => /^\/[ck]$/i.test(t.text));
    if (flag >= 0) {
      out.push(
        draft(server, head, {
          id: 'shell-wrapper',
          severity: 'low',
          message: `"${server.name}" runs through cmd ${rest[flag].text}`,
          fix: 'point `command` at the program itself (npx.cmd, node.exe) instead of cmd /c',
          value: rest.slice(flag + 1).map((t) => t.text).join(' '),
        }),
      );
      const inner = rest.slice(flag + 1);
      const joined = inner.map((t) => t.text).join(' ');
      if (REMOTE_SCRIPT.test(joined)) out.push(remoteScript(server, inner[0] ?? head, joined));
      return analyse(inner, server, out, depth + 1);
    }
  }

  if (POWERSHELLS.has(prog)) {
    const flag = rest.findIndex((t) => /^-(?:c|command|encodedcommand|ec|e)$/i.test(t.text));
    if (flag >= 0) {
      const script = rest[flag + 1];
      out.push(
        draft(server, head, {
          id: 'shell-wrapper',
          severity: 'low',
          message: `"${server.name}" runs through ${prog} ${rest[flag].text}`,
          fix: 'point `command` at the program itself instead of a PowerShell script',
          value: script?.text,
        }),
      );
      if (script) scriptFindings(script, server, out, depth);
      return;
    }
  }

  if (CONTAINER.has(prog)) return containerFindings(rest, server, out);

  const pkg = packageToken(prog, rest);
  if (pkg && !isPinned(pkg.ecosystem, pkg.token.text)) {
    out.push(
      draft(server, pkg.token, {
        id: 'unpinned-package',
        severity: 'medium',
        message: `${prog} fetches "${pkg.token.text}" without an exact version: each start runs whatever the registry serves then`,
        fix: pkg.ecosystem === 'npm' ? `pin it, e.g. "${bareName(pkg.token.text)}@1.2.3"` : `pin it, e.g. "${bareName(pkg.token.text)}==1.2.3"`,
        value: pkg.token.text,
      }),
    );
  }
}

function remoteScript(server: ServerEntry, t: Token, text: string): FindingDraft {
  return draft(server, t, {
    id: 'remote-script',
    severity: 'high',
    message: `"${server.name}" downloads a script and pipes it into a shell at every start`,
    fix: 'install the server once from a pinned, verified release and run the installed program',
    value: text,
  });
}

function scriptFindings(script: Token, server: ServerEntry, out: FindingDraft[], depth: number): void {
  if (REMOTE_SCRIPT.test(script.text)) out.push(remoteScript(server, script, script.text));
  // Each command of the script (split on ; && || |) is analysed like a command line of its own.
  for (const part of script.text.split(/;|&&|\|\||\|/)) {
    const inner = words(part).map((text) => ({ text, keyPath: script.keyPath }));
    // `curl … | sh` is reported once, as a remote script; its halves are not launch commands.
    if (inner.length && !['curl', 'wget', 'sh', 'bash'].includes(programName(inner[0].text))) analyse(inner, server, out, depth + 1);
  }
}

function containerFindings(rest: Token[], server: ServerEntry, out: FindingDraft[]): void {
  if (!rest.some((t) => t.text === 'run' || t.text === 'create')) return;
  const flag = (t: Token, message: string, fix: string): void => {
    out.push(draft(server, t, { id: 'privileged-container', severity: 'high', message: `"${server.name}" ${message}`, fix, value: t.text }));
  };
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i];
    const text = t.text;
    if (text === '--privileged' || text === '--privileged=true') {
      flag(t, `runs its container with --privileged (full access to the host's devices and kernel)`, 'drop --privileged; add only the capabilities the server needs');
      continue;
    }
    const cap = /^--cap-add(?:=(.+))?$/.exec(text);
    if (cap) {
      const value = cap[1] ?? rest[i + 1]?.text ?? '';
      if (/^(?:all|sys_admin|cap_sys_admin)$/i.test(value)) flag(cap[1] ? t : rest[i + 1], `adds the ${value} capability to its container`, 'drop the capability');
      continue;
    }
    const vol = /^(?:-v|--volume|--mount)(?:=(.+))?$/.exec(text);
    if (vol) {
      const valueToken = vol[1] !== undefined ? { ...t, text: vol[1] } : rest[i + 1];
      if (!valueToken) continue;
      const source = text.startsWith('--mount')
        ? (/(?:^|,)(?:source|src)=([^,]+)/.exec(valueToken.text)?.[1] ?? '')
        : valueToken.text.split(':')[0];
      const target = vol[1] !== undefined ? t : valueToken;
      if (source === '/' || source === '//') {
        flag(target, `mounts the host's root file system into its container (${valueToken.text})`, 'mount only the folders the server needs, read-only where possible');
      } else if (/^\/{1,2}(?:var\/)?run\/docker\.sock$/.test(source)) {
        flag(target, `mounts the Docker socket into its container (root on the host)`, 'remove the docker.sock mount');
      }
    }
  }
}

interface PackageToken {
  ecosystem: 'npm' | 'python';
  token: Token;
}

/** The package a runner fetches: npx/bunx/pnpm dlx/yarn dlx/npm exec (npm), uvx/uv tool run/pipx run (PyPI). */
function packageToken(prog: string, rest: Token[]): PackageToken | undefined {
  let args = rest;
  let ecosystem: PackageToken['ecosystem'];
  if (prog === 'npx' || prog === 'bunx') ecosystem = 'npm';
  else if ((prog === 'pnpm' || prog === 'yarn' || prog === 'bun') && rest[0]?.text === 'dlx') [ecosystem, args] = ['npm', rest.slice(1)];
  else if (prog === 'npm' && (rest[0]?.text === 'exec' || rest[0]?.text === 'x')) [ecosystem, args] = ['npm', rest.slice(1)];
  else if (prog === 'uvx') ecosystem = 'python';
  else if (prog === 'uv' && rest[0]?.text === 'tool' && rest[1]?.text === 'run') [ecosystem, args] = ['python', rest.slice(2)];
  else if (prog === 'pipx' && rest[0]?.text === 'run') [ecosystem, args] = ['python', rest.slice(1)];
  else return undefined;

  const valueOptions = ecosystem === 'npm' ? /^(?:--cache|--registry|--userconfig|-c|--call|-w|--workspace)$/ : /^(?:--with|--python|-p|--index|--index-url|--extra-index-url|-w|--spec)$/;
  const packageOptions = ecosystem === 'npm' ? /^(?:-p|--package)$/ : /^--from$/;
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    if (packageOptions.test(t.text)) return args[i + 1] ? { ecosystem, token: args[i + 1] } : undefined;
    const inline = /^(?:--package|--from)=(.+)$/.exec(t.text);
    if (inline) return { ecosystem, token: { text: inline[1], keyPath: t.keyPath } };
    if (t.text === '--') continue;
    if (valueOptions.test(t.text)) {
      i++;
      continue;
    }
    if (t.text.startsWith('-')) continue;
    return { ecosystem, token: t };
  }
  return undefined;
}

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** Local paths, URLs and git specs are not registry packages; only registry names can be unpinned. */
function isNonRegistry(spec: string): boolean {
  return /^(?:\.{0,2}[\\/]|[A-Za-z]:\\|~|file:|git\+|git:|github:|https?:|[\w.-]+\/[\w.-]+#)/.test(spec) || /\.(?:tgz|whl|tar\.gz)$/.test(spec);
}

function bareName(spec: string): string {
  const at = spec.lastIndexOf('@');
  const npmName = at > 0 ? spec.slice(0, at) : spec;
  return npmName.split(/[=<>~!]=?|\[/)[0];
}

export function isPinned(ecosystem: 'npm' | 'python', spec: string): boolean {
  if (isNonRegistry(spec) || spec.includes('${') || spec.startsWith('$')) return true;
  if (ecosystem === 'npm') {
    const at = spec.lastIndexOf('@');
    return at > 0 && EXACT_SEMVER.test(spec.slice(at + 1));
  }
  const eq = /==\s*([^,;\s]+)$/.exec(spec);
  if (eq) return !/[*]/.test(eq[1]);
  const at = spec.lastIndexOf('@');
  return at > 0 && /^\d+(?:\.\d+)*(?:[a-z]+\d*)?$/i.test(spec.slice(at + 1));
}
