// Tool pinning (rug-pull defence): the first time the gateway sees a server, it records a hash of the server's
// instructions and of each tool's name + description + inputSchema in `<data dir>/pins.json`. A later change is
// recorded beside the pin as `pending` and blocks that tool until a person approves it with `keyward pins`.
// The file is read fresh on each check (a `keyward pins approve` in another process takes effect at the next
// tools/list) and replaced atomically.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic.js';
import type { ToolDescriptor } from '../hooks.js';
import { canonicalHash } from './canonical.js';

/** What a pin covers; kept in the file so `pins review` can show what changed. */
export interface PinnedContent {
  description?: string;
  inputSchema?: Record<string, unknown>;
}

export interface PinEntry {
  hash: string;
  content: PinnedContent;
  pinnedAt: string;
  /** A different version seen later; blocks the tool until approved. */
  pending?: { hash: string; content: PinnedContent; seenAt: string };
}

export interface InstructionsPin {
  hash: string;
  text: string;
  pinnedAt: string;
  pending?: { hash: string; text: string; seenAt: string };
}

export interface ServerPins {
  instructions?: InstructionsPin;
  tools: Record<string, PinEntry>;
}

export interface PinFile {
  version: 1;
  servers: Record<string, ServerPins>;
}

export function pinsFilePath(dataDir: string): string {
  return join(dataDir, 'pins.json');
}

export function toolHash(tool: ToolDescriptor): string {
  return canonicalHash({ name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema ?? {} });
}

export function instructionsHash(text: string): string {
  return canonicalHash({ instructions: text });
}

export async function readPins(file: string): Promise<PinFile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, servers: {} };
    throw e;
  }
  const parsed = JSON.parse(text) as PinFile;
  // Fail closed: a pin file we cannot understand must not silently re-pin everything.
  if (parsed?.version !== 1 || typeof parsed.servers !== 'object' || parsed.servers === null) {
    throw new Error(`${file} is not a keyward pin file (version 1); move it aside to start pinning afresh`);
  }
  return parsed;
}

export async function writePins(file: string, pins: PinFile): Promise<void> {
  await fs.mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(pins, null, 2)}\n`, 0o600);
}

export interface PinCheck {
  /** Tools that may be offered. */
  kept: ToolDescriptor[];
  /** Blocked tool → why (shown when the host calls it anyway). */
  blocked: Map<string, string>;
  /** Tools pinned for the first time in this check. */
  pinned: string[];
  /** Tools whose change was recorded for review in this check. */
  changed: string[];
}

/**
 * Compares a server's current tool list (and instructions) with its pins, pins what is new, records changes
 * as pending and blocks them. Changed instructions block every tool of the server: they steer how all of them
 * are used. Pure apart from the `pins` object it updates; returns whether it changed anything.
 */
export function checkPins(pins: PinFile, server: string, tools: ToolDescriptor[], instructions: string | undefined, now: Date): PinCheck & { dirty: boolean } {
  const at = now.toISOString();
  let dirty = false;
  const sp = (pins.servers[server] ??= { tools: {} });
  if (!pins.servers[server].tools) sp.tools = {};
  const blocked = new Map<string, string>();
  const pinned: string[] = [];
  const changed: string[] = [];
  let serverBlock: string | undefined;
  if (instructions !== undefined && instructions !== '') {
    const h = instructionsHash(instructions);
    if (!sp.instructions) {
      sp.instructions = { hash: h, text: instructions, pinnedAt: at };
      dirty = true;
    } else if (sp.instructions.hash !== h) {
      if (sp.instructions.pending?.hash !== h) {
        sp.instructions.pending = { hash: h, text: instructions, seenAt: at };
        dirty = true;
      }
      serverBlock = `server ${server} changed its instructions since they were pinned; review with \`keyward pins review ${server}\` and approve with \`keyward pins approve ${server}\``;
    } else if (sp.instructions.pending) {
      // Changed back to the pinned text: nothing left to review.
      delete sp.instructions.pending;
      dirty = true;
    }
  }
  const kept: ToolDescriptor[] = [];
  for (const tool of tools) {
    const h = toolHash(tool);
    const pin = sp.tools[tool.name];
    const content: PinnedContent = { description: tool.description, inputSchema: tool.inputSchema };
    if (!pin) {
      sp.tools[tool.name] = { hash: h, content, pinnedAt: at };
      pinned.push(tool.name);
      dirty = true;
    } else if (pin.hash !== h) {
      if (pin.pending?.hash !== h) {
        pin.pending = { hash: h, content, seenAt: at };
        changed.push(tool.name);
        dirty = true;
      }
      blocked.set(
        tool.name,
        `tool ${tool.name} of server ${server} changed its description or input schema since it was pinned; review with \`keyward pins review ${server}\` and approve with \`keyward pins approve ${server} ${tool.name}\``,
      );
      continue;
    } else if (pin.pending) {
      delete pin.pending;
      dirty = true;
    }
    if (serverBlock) blocked.set(tool.name, serverBlock);
    else kept.push(tool);
  }
  return { kept, blocked, pinned, changed, dirty };
}

/** Accepts pending changes: one tool, or (no tool) the server's instructions and every pending tool. */
export function approvePins(pins: PinFile, server: string, tool: string | undefined, now: Date): string[] {
  const sp = pins.servers[server];
  if (!sp) return [];
  const done: string[] = [];
  const at = now.toISOString();
  if (!tool && sp.instructions?.pending) {
    const p = sp.instructions.pending;
    sp.instructions = { hash: p.hash, text: p.text, pinnedAt: at };
    done.push('(instructions)');
  }
  for (const [name, pin] of Object.entries(sp.tools)) {
    if ((tool && name !== tool) || !pin.pending) continue;
    sp.tools[name] = { hash: pin.pending.hash, content: pin.pending.content, pinnedAt: at };
    done.push(name);
  }
  return done;
}

/** A line diff of two texts (LCS), `-` pinned, `+` now; small inputs only (descriptions and schemas). */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 4_000_000) return [...a.map((l) => `- ${l}`), ...b.map((l) => `+ ${l}`)];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  while (i < a.length) out.push(`- ${a[i++]}`);
  while (j < b.length) out.push(`+ ${b[j++]}`);
  return out;
}

/** The text compared by `pins review`: description, then the schema with sorted keys. */
export function reviewText(content: PinnedContent): string {
  return `${content.description ?? ''}\n--- inputSchema ---\n${JSON.stringify(sortedForReview(content.inputSchema ?? {}), null, 2)}`;
}

function sortedForReview(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedForReview);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedForReview((v as Record<string, unknown>)[k])]));
  }
  return v;
}
