// Every command, in help order. Each module exports register(program, ctx).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { register as audit } from './audit.js';
import { register as gateway } from './gateway.js';
import { register as policy } from './policy.js';
import { register as protect } from './protect.js';
import { register as rules } from './rules.js';
import { register as runCmd } from './run.js';
import { register as scan } from './scan.js';
import { register as secrets } from './secrets.js';
import { register as study } from './study.js';

export const commands: Array<(program: Command, ctx: CliContext) => void> = [
  scan,
  audit,
  protect,
  runCmd,
  secrets,
  gateway,
  policy,
  study,
  rules,
];
