// What a command may touch. Only bin.ts builds one from `process`; tests build their own.
import type { Readable, Writable } from 'node:stream';
import type { OutputStream } from '../core/output.js';

export type { OutputStream };

export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Real process streams, present only when run from bin (long-running commands: gateway, run). */
  stdio?: { stdin: Readable; stdout: Writable; stderr: Writable };
  /** Read from stdin when a command needs input (prompts); tests pass a string. */
  stdinText?: () => Promise<string>;
  /** `-q/--quiet` (global): no warnings, notes or progress on stderr. Set before any command's action runs. */
  quiet?: boolean;
  /** `--no-color` (global); see useColor() for the whole decision. */
  noColor?: boolean;
  /** Notices already printed this run (each is printed once). */
  noticed?: Set<string>;
  /** Exit code the command decided on (0 clean, 1 findings, 2 error). */
  exitCode: number;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
