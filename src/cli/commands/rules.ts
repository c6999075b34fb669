// `keyward rules`: list the built-in rules, or check them against their own examples.
import type { Command } from 'commander';
import { checkRuleExamples } from '../../engine/check-examples.js';
import { builtinRules, structuredRules } from '../../rules/index.js';
import type { CliContext } from '../context.js';
import { EXIT_ERROR } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  const rules = program.command('rules').description('list or check the built-in detection rules');
  rules
    .command('list')
    .description('print every rule id, severity and title')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const all = [...builtinRules, ...structuredRules].map((r) => ({ id: r.id, severity: r.severity, title: r.title }));
      if (opts.json) ctx.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else for (const r of all) ctx.stdout.write(`${r.id.padEnd(40)} ${r.severity.padEnd(9)} ${r.title}\n`);
    });
  rules
    .command('check')
    .description('run every rule against its own true and false examples')
    .action(() => {
      const failures = [...builtinRules, ...structuredRules].flatMap((r) => checkRuleExamples(r));
      for (const f of failures) ctx.stderr.write(`${f.ruleId}: ${f.kind} example failed: ${JSON.stringify(f.example).slice(0, 80)}\n`);
      ctx.stdout.write(`${builtinRules.length + structuredRules.length} rules, ${failures.length} example failures\n`);
      if (failures.length) ctx.exitCode = EXIT_ERROR;
    });
}
