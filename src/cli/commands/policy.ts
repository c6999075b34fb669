// `keyward pins` (list | review | approve) and `keyward approvals` (list | approve | deny): the person's side of
// the gateway policy. Pins are read from the data dir; approvals go to the running gateways' local endpoints.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_FINDINGS } from '../context.js';
import { UserError } from '../errors.js';
import { keywardDataDir } from '../../gateway/paths.js';
import { findEndpoints, type ApprovalEndpoint, type PendingView } from '../../gateway/policy/approvals.js';
import { approvePins, lineDiff, pinsFilePath, readPins, reviewText, writePins, type PinFile } from '../../gateway/policy/pins.js';

async function loadPins(ctx: CliContext): Promise<{ file: string; pins: PinFile }> {
  const file = pinsFilePath(keywardDataDir(ctx.env));
  try {
    return { file, pins: await readPins(file) };
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

export function register(program: Command, ctx: CliContext): void {
  const pins = program.command('pins').description('tool pins of the gateway (rug-pull defence): list, review changes, approve');

  pins
    .command('list')
    .description('pinned servers and tools; changed ones are marked')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => {
      const { file, pins: p } = await loadPins(ctx);
      if (flags.json) return void ctx.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      const servers = Object.keys(p.servers).sort();
      if (!servers.length) return void ctx.stdout.write(`no pins yet (${file})\n`);
      for (const s of servers) {
        const sp = p.servers[s];
        const ins = sp.instructions ? ` instructions ${sp.instructions.hash.slice(0, 12)}${sp.instructions.pending ? ' CHANGED' : ''}` : '';
        ctx.stdout.write(`${s}${ins}\n`);
        for (const name of Object.keys(sp.tools).sort()) {
          const t = sp.tools[name];
          ctx.stdout.write(`  ${name}  ${t.hash.slice(0, 12)}  pinned ${t.pinnedAt}${t.pending ? `  CHANGED ${t.pending.seenAt} → blocked` : ''}\n`);
        }
      }
    });

  pins
    .command('review')
    .description('show what changed in blocked tools (exit 1 when something waits for approval)')
    .argument('[server]', 'only this server')
    .action(async (server: string | undefined) => {
      const { pins: p } = await loadPins(ctx);
      let count = 0;
      for (const s of Object.keys(p.servers).sort()) {
        if (server && s !== server) continue;
        const sp = p.servers[s];
        if (sp.instructions?.pending) {
          count++;
          ctx.stdout.write(`${s}: instructions changed (seen ${sp.instructions.pending.seenAt})\n`);
          for (const l of lineDiff(sp.instructions.text, sp.instructions.pending.text)) ctx.stdout.write(`  ${l}\n`);
        }
        for (const name of Object.keys(sp.tools).sort()) {
          const t = sp.tools[name];
          if (!t.pending) continue;
          count++;
          ctx.stdout.write(`${s} / ${name}: changed (seen ${t.pending.seenAt}); approve with \`keyward pins approve ${s} ${name}\`\n`);
          for (const l of lineDiff(reviewText(t.content), reviewText(t.pending.content))) ctx.stdout.write(`  ${l}\n`);
        }
      }
      if (!count) ctx.stdout.write('nothing to review: no pinned tool has changed\n');
      else ctx.exitCode = EXIT_FINDINGS;
    });

  pins
    .command('approve')
    .description('accept the changed version of a tool (or, without a tool, every change of the server)')
    .argument('<server>')
    .argument('[tool]')
    .action(async (server: string, tool: string | undefined) => {
      const { file, pins: p } = await loadPins(ctx);
      if (!p.servers[server]) throw new UserError(`no pins for server ${server}`, 'see `keyward pins list`');
      const done = approvePins(p, server, tool, new Date());
      if (!done.length) throw new UserError(`nothing to approve for ${server}${tool ? ` / ${tool}` : ''}`, 'see `keyward pins review`');
      await writePins(file, p);
      ctx.stdout.write(`approved ${server}: ${done.join(', ')}\n`);
    });

  const approvals = program.command('approvals').description('tool calls waiting for your approval in running gateways');

  approvals
    .command('list')
    .description('pending approvals (arguments with secrets masked)')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => {
      const all: PendingView[] = [];
      // Listing with no gateway running is a clean "nothing waiting", not an error.
      for (const e of await findEndpoints(keywardDataDir(ctx.env))) {
        const r = await api(e, 'GET', '/api/pending');
        if (r.ok) all.push(...((await r.json()) as { pending: PendingView[] }).pending);
      }
      if (flags.json) return void ctx.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      if (!all.length) return void ctx.stdout.write('no tool call is waiting for approval\n');
      for (const p of all) {
        ctx.stdout.write(`${p.id}  ${p.server} / ${p.tool}  (${p.reason}; deny at ${p.expiresAt})\n`);
        for (const l of JSON.stringify(p.arguments, null, 2).split('\n')) ctx.stdout.write(`    ${l}\n`);
      }
    });

  for (const [name, desc] of [
    ['approve', 'let a waiting call run (--always: also later calls of that tool in the same session)'],
    ['deny', 'refuse a waiting call'],
  ] as const) {
    const c = approvals.command(name).description(desc).argument('<id>', 'id from `keyward approvals list`');
    if (name === 'approve') c.option('--always', 'approve this tool for the rest of the session');
    c.action(async (id: string, flags: { always?: boolean }) => {
      const decision = name === 'deny' ? 'deny' : flags.always ? 'session' : 'once';
      for (const e of await endpoints(ctx)) {
        const r = await api(e, 'POST', `/api/pending/${encodeURIComponent(id)}`, { decision });
        if (r.ok) return void ctx.stdout.write(`${id}: ${decision === 'deny' ? 'denied' : decision === 'once' ? 'approved once' : 'approved for the session'}\n`);
      }
      throw new UserError(`no pending approval ${id}`, 'it may have been answered or timed out; see `keyward approvals list`');
    });
  }
}

async function endpoints(ctx: CliContext): Promise<ApprovalEndpoint[]> {
  const list = await findEndpoints(keywardDataDir(ctx.env));
  if (!list.length) throw new UserError('no running gateway is waiting for approvals', 'approval endpoints appear once a gateway asks for one');
  return list;
}

async function api(e: ApprovalEndpoint, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${e.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${e.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    return new Response(null, { status: 599 });
  }
}
