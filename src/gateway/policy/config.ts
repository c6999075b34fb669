// The `policy:` section of a server in keyward.gateway.yaml, parsed into what the policy layer enforces.
// Errors are values: the gateway refuses to start with a list of them rather than run half a policy.
import { GlobList } from './glob.js';
import { parseRate, type Rate } from './rate-limit.js';

export interface ServerPolicyConfig {
  /** Only these tools are offered (empty = all). */
  allow: GlobList;
  /** These tools are never offered (wins over allow). */
  deny: GlobList;
  /** First matching glob → its rate. */
  rateLimits: { glob: GlobList; rate: Rate }[];
  approve: {
    tools: GlobList;
    /** Tools not annotated `readOnlyHint: true` need approval. */
    notReadOnly: boolean;
    /** Built-in patterns for destructive shell commands in any string argument. */
    shell: boolean;
    /** Extra argument patterns (regular expressions) matched against every string argument. */
    arguments: RegExp[];
    timeoutMs: number;
  };
  validate: boolean;
  sanitize: boolean;
  pin: boolean;
}

// Under the 60 s most MCP clients (the SDK's default) wait for a request: a person who approves at 59 s should
// still find the host waiting. Longer timeouts need a host configured to wait longer.
export const DEFAULT_APPROVAL_TIMEOUT_MS = 55_000;

export function defaultPolicyConfig(): ServerPolicyConfig {
  return {
    allow: new GlobList([]),
    deny: new GlobList([]),
    rateLimits: [],
    approve: { tools: new GlobList([]), notReadOnly: false, shell: false, arguments: [], timeoutMs: DEFAULT_APPROVAL_TIMEOUT_MS },
    validate: true,
    sanitize: true,
    pin: true,
  };
}

const KNOWN = new Set(['allow', 'deny', 'rateLimit', 'approve', 'validate', 'sanitize', 'pin']);
const APPROVE_KNOWN = new Set(['tools', 'unannotated', 'notReadOnly', 'shell', 'arguments', 'timeoutSeconds']);

export function parsePolicyConfig(raw: unknown, where: string): { config: ServerPolicyConfig } | { errors: string[] } {
  const config = defaultPolicyConfig();
  if (raw === undefined || raw === null) return { config };
  const errors: string[] = [];
  const err = (at: string, msg: string): void => void errors.push(`${where}.${at}: ${msg}`);
  if (!isObject(raw)) return { errors: [`${where}: expected a mapping (allow, deny, rateLimit, approve, validate, sanitize, pin)`] };
  for (const k of Object.keys(raw)) if (!KNOWN.has(k)) err(k, 'unknown key');
  config.allow = new GlobList(strings(raw.allow, 'allow', err));
  config.deny = new GlobList(strings(raw.deny, 'deny', err));
  if (raw.rateLimit !== undefined) {
    if (!isObject(raw.rateLimit)) err('rateLimit', 'expected a mapping of tool glob → rate such as `10/m`');
    else {
      for (const [glob, text] of Object.entries(raw.rateLimit)) {
        const rate = typeof text === 'string' ? parseRate(text) : undefined;
        if (!rate) err(`rateLimit.${glob}`, 'expected a rate such as `10/s`, `30/m`, `500/h`');
        else config.rateLimits.push({ glob: new GlobList([glob]), rate });
      }
    }
  }
  if (raw.approve !== undefined) {
    const a = raw.approve;
    if (Array.isArray(a)) config.approve.tools = new GlobList(strings(a, 'approve', err));
    else if (!isObject(a)) err('approve', 'expected a list of tool globs or a mapping (tools, notReadOnly, shell, arguments, timeoutSeconds)');
    else {
      for (const k of Object.keys(a)) if (!APPROVE_KNOWN.has(k)) err(`approve.${k}`, 'unknown key');
      config.approve.tools = new GlobList(strings(a.tools, 'approve.tools', err));
      config.approve.notReadOnly = bool(a.notReadOnly ?? a.unannotated, 'approve.notReadOnly', err);
      config.approve.shell = bool(a.shell, 'approve.shell', err);
      for (const p of strings(a.arguments, 'approve.arguments', err)) {
        try {
          config.approve.arguments.push(new RegExp(p, 'i'));
        } catch (e) {
          err('approve.arguments', `not a valid regular expression: ${p} (${(e as Error).message})`);
        }
      }
      if (a.timeoutSeconds !== undefined) {
        if (typeof a.timeoutSeconds !== 'number' || !(a.timeoutSeconds > 0)) err('approve.timeoutSeconds', 'expected a positive number');
        else config.approve.timeoutMs = a.timeoutSeconds * 1000;
      }
    }
  }
  config.validate = raw.validate === undefined ? true : bool(raw.validate, 'validate', err);
  config.sanitize = raw.sanitize === undefined ? true : bool(raw.sanitize, 'sanitize', err);
  config.pin = raw.pin === undefined ? true : bool(raw.pin, 'pin', err);
  return errors.length ? { errors } : { config };
}

type Err = (at: string, msg: string) => void;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown, at: string, err: Err): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    err(at, 'expected a list of strings');
    return [];
  }
  return v as string[];
}

function bool(v: unknown, at: string, err: Err): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') err(at, 'expected true or false');
  return v === true;
}

/** Destructive or remote-code shell idioms; matched case-insensitively against every string argument. */
export const SHELL_PATTERNS: { name: string; re: RegExp }[] = [
  // Command position only (start, after ; & | ( ` $( or a wrapper such as xargs), so `grep -r rm src` is fine.
  { name: 'rm', re: /(?:^\s*|[;&|(`]\s*|\$\(\s*|\b(?:xargs|sudo|doas|exec|then|do|nohup|env)\s+(?:-\S+\s+)*)(?:\/bin\/|\/usr\/bin\/)?(?:rm|rmdir|shred|unlink)(?:\s|$)/i },
  { name: 'sudo', re: /(?:^\s*|[;&|(`]\s*|\$\(\s*)(?:sudo|doas|su\s+-|pkexec)(?:\s|$)/i },
  { name: 'pipe to shell', re: /\b(?:curl|wget|fetch)\b[^|\n]*\|\s*(?:sudo\s+)?(?:ba|z|da|k|fi)?sh\b/i },
  { name: 'pipe to interpreter', re: /\b(?:curl|wget)\b[^|\n]*\|\s*(?:sudo\s+)?(?:python3?|node|perl|ruby)\b/i },
  { name: 'mkfs/dd', re: /\b(?:mkfs(?:\.\w+)?|dd\s+if=)/i },
  { name: 'chmod 777', re: /\bchmod\s+(?:-R\s+)?0?777\b/i },
  { name: 'raw device write', re: />\s*\/dev\/(?:sd|nvme|disk|hd)/i },
  { name: 'fork bomb', re: /:\(\)\s*\{\s*:\|:&\s*\};:/ },
  { name: 'git force push', re: /\bgit\s+push\b[^\n]*\s(?:-f|--force)\b/i },
];
