// Every command, in help order. Each module exports register(program, ctx); modules load lazily so that
// `keyward scan` does not pay for the gateway's MCP SDK or the study's SQLite at start-up.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

type Register = (program: Command, ctx: CliContext) => void;

export interface CommandModule {
  /** Top-level command names the module registers. */
  names: string[];
  load: () => Promise<{ register: Register }>;
  /** Needs every command registered (shell completion walks the whole tree). */
  all?: boolean;
}

export const commands: CommandModule[] = [
  { names: ['scan'], load: () => import('./scan.js') },
  { names: ['audit'], load: () => import('./audit.js') },
  { names: ['protect', 'restore'], load: () => import('./protect.js') },
  { names: ['run'], load: () => import('./run.js') },
  { names: ['secrets'], load: () => import('./secrets.js') },
  { names: ['gateway'], load: () => import('./gateway.js') },
  { names: ['pins', 'approvals'], load: () => import('./policy.js') },
  { names: ['study'], load: () => import('./study.js') },
  { names: ['rules'], load: () => import('./rules.js') },
  { names: ['hook'], load: () => import('./hook.js') },
  { names: ['init'], load: () => import('./init.js') },
  { names: ['completion'], load: () => import('./completion.js'), all: true },
];

/** The modules needed for `argv`: just the named command's, or all of them for help and unknown commands. */
export async function loadCommands(argv: string[]): Promise<Register[]> {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = commands.filter((c) => first !== undefined && c.names.includes(first));
  const chosen = named.length && !named.some((c) => c.all) ? named : commands;
  return Promise.all(chosen.map(async (c) => (await c.load()).register));
}
