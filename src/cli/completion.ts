// Shell completion scripts generated from the commander program itself, so a new command or flag is
// completable the moment it is registered. One table of (command path → subcommands, options, choices) is
// rendered three ways: bash (complete -F), zsh (compdef, with descriptions) and fish (complete -c).
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface Node {
  /** Subcommand names from the root, ':'-joined; '' for the root. */
  path: string;
  commands: { name: string; description: string }[];
  /** Values an argument accepts (`completion <shell>`). */
  values: string[];
  options: { long?: string; short?: string; description: string; choices?: string[]; takesValue: boolean }[];
}

export function completionTable(program: Command): Node[] {
  const nodes: Node[] = [];
  const describe = (cmd: Command) =>
    (cmd.options as readonly Option[])
      .filter((o) => !o.hidden)
      .map((o) => ({ long: o.long, short: o.short, description: o.description, choices: o.argChoices, takesValue: o.required || o.optional }));
  // The root's options (--no-color, -q) are accepted after any subcommand too, so every node offers them.
  const global = describe(program);
  const walk = (cmd: Command, path: string) => {
    const visible = cmd.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
    const options = path ? [...describe(cmd), ...global] : describe(cmd);
    options.push({ long: '--help', short: '-h', description: 'display help', choices: undefined, takesValue: false });
    const values = cmd.registeredArguments.flatMap((a) => a.argChoices ?? []);
    nodes.push({ path, commands: visible.map((c) => ({ name: c.name(), description: c.description() })), values, options });
    for (const c of visible) walk(c, path ? `${path}:${c.name()}` : c.name());
  };
  walk(program, '');
  return nodes;
}

export function completionScript(program: Command, shell: Shell): string {
  const nodes = completionTable(program);
  const name = program.name();
  const fn = `_${name.replace(/\W/g, '_')}`;
  if (shell === 'fish') return fishScript(name, nodes);
  // Shared by bash and zsh: the words after a command path, and the choices of an option.
  const words = nodes
    .map((n) => `    '${n.path}') echo '${[...n.commands.map((c) => c.name), ...n.values, ...n.options.flatMap((o) => [o.long, o.short].filter(Boolean))].join(' ')}' ;;`)
    .join('\n');
  const choices = nodes
    .flatMap((n) => n.options.filter((o) => o.choices?.length).flatMap((o) => [o.long, o.short].filter(Boolean).map((f) => `    '${n.path}|${f}') echo '${o.choices!.join(' ')}' ;;`)))
    .join('\n');
  const valued = nodes.flatMap((n) => n.options.filter((o) => o.takesValue).flatMap((o) => [o.long, o.short].filter(Boolean).map((f) => `'${n.path}|${f}'`)));
  const helpers = `${fn}_words() {
  case "$1" in
${words}
    *) return 1 ;;
  esac
}
${fn}_choices() {
  case "$1" in
${choices}
    *) return 1 ;;
  esac
}
${fn}_takes_value() {
  case "$1" in
    ${valued.length ? valued.join('|') : "''"}) return 0 ;;
    *) return 1 ;;
  esac
}
# The command path of the words typed so far: each word that names a subcommand of the path extends it.
${fn}_path() {
  local path='' w next
  for w in "$@"; do
    case "$w" in -*) continue ;; esac
    if [ -z "$path" ]; then next="$w"; else next="$path:$w"; fi
    if ${fn}_words "$next" >/dev/null; then path="$next"; fi
  done
  printf '%s' "$path"
}
`;
  if (shell === 'bash') {
    return `# ${name} completion for bash: source this file, or  ${name} completion bash > /etc/bash_completion.d/${name}
${helpers}${fn}() {
  local cur prev path
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  path="$(${fn}_path "\${COMP_WORDS[@]:1:COMP_CWORD-1}")"
  if ${fn}_choices "$path|$prev" >/dev/null; then
    COMPREPLY=($(compgen -W "$(${fn}_choices "$path|$prev")" -- "$cur"))
  elif ${fn}_takes_value "$path|$prev"; then
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(${fn}_words "$path")" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${name}
`;
  }
  const described = nodes
    .map((n) => {
      const entries = [
        ...n.commands.map((c) => `${c.name}:${c.description}`),
        ...n.values.map((v) => `${v}:${v}`),
        ...n.options.flatMap((o) => [o.long, o.short].filter(Boolean).map((f) => `${f!.replace(/:/g, '\\:')}:${o.description}`)),
      ];
      return `    '${n.path}') reply=(${entries.map(zshQuote).join(' ')}) ;;`;
    })
    .join('\n');
  return `#compdef ${name}
# ${name} completion for zsh: put this file on $fpath as _${name}, or  source <(${name} completion zsh)
${helpers}${fn}_described() {
  case "$1" in
${described}
    *) reply=() ;;
  esac
}
${fn}() {
  local path prev
  local -a reply
  path="$(${fn}_path "\${(@)words[2,CURRENT-1]}")"
  prev="\${words[CURRENT-1]}"
  if ${fn}_choices "$path|$prev" >/dev/null; then
    compadd -- \${(z)"$(${fn}_choices "$path|$prev")"}
  elif ${fn}_takes_value "$path|$prev"; then
    _files
  else
    ${fn}_described "$path"
    _describe '${name}' reply
  fi
}
compdef ${fn} ${name}
`;
}

const zshQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const fishQuote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishScript(name: string, nodes: Node[]): string {
  const fn = `__${name.replace(/\W/g, '_')}`;
  const paths = nodes.map((n) => n.path).filter(Boolean);
  const lines = [
    `# ${name} completion for fish:  ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    `function ${fn}_path`,
    `    set -l known ${paths.map(fishQuote).join(' ')}`,
    "    set -l path ''",
    '    for w in (commandline -opc)[2..-1]',
    "        string match -q -- '-*' $w; and continue",
    "        set -l next $w",
    "        test -n \"$path\"; and set next \"$path:$w\"",
    '        contains -- $next $known; and set path $next',
    '    end',
    '    echo $path',
    'end',
    `complete -c ${name} -f`,
  ];
  for (const n of nodes) {
    const cond = `-n ${fishQuote(`test (${fn}_path) = '${n.path}'`)}`;
    if (n.values.length) lines.push(`complete -c ${name} ${cond} -a ${fishQuote(n.values.join(' '))}`);
    for (const c of n.commands) lines.push(`complete -c ${name} ${cond} -a ${fishQuote(c.name)} -d ${fishQuote(c.description)}`);
    for (const o of n.options) {
      const flags = [o.long ? `-l ${o.long.slice(2)}` : '', o.short ? `-s ${o.short.slice(1)}` : ''].filter(Boolean).join(' ');
      const value = o.choices?.length ? ` -x -a ${fishQuote(o.choices.join(' '))}` : o.takesValue ? ' -r -F' : '';
      lines.push(`complete -c ${name} ${cond} ${flags}${value} -d ${fishQuote(o.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
