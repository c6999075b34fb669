// The `sandbox:` section of a stdio server: which isolation to use and what the server may touch.
//   sandbox: bwrap | sandbox-exec | docker | podman | auto | optional
//   sandbox: {type, writable: [paths], readable: [paths], network: false | true | [hosts], optional: bool, image: …}
import { isAbsolute } from 'node:path';
import { parseAllowList } from './egress.js';

export type SandboxType = 'bwrap' | 'sandbox-exec' | 'docker' | 'podman' | 'auto';

export interface SandboxConfig {
  type: SandboxType;
  writable: string[];
  readable: string[];
  network: boolean;
  /** Hosts reachable through the egress proxy (bwrap only); the sandbox itself has no network. */
  allowHosts?: string[];
  /** Start the server unsandboxed (with a loud warning) when the sandbox is unavailable. */
  optional: boolean;
  /** Container image for docker/podman. */
  image?: string;
}

const TYPES: SandboxType[] = ['bwrap', 'sandbox-exec', 'docker', 'podman', 'auto'];
const KNOWN = new Set(['type', 'writable', 'readable', 'network', 'optional', 'image']);

export function parseSandboxConfig(raw: unknown, where: string): { config?: SandboxConfig } | { errors: string[] } {
  if (raw === undefined || raw === null || raw === false) return {};
  const base: SandboxConfig = { type: 'auto', writable: [], readable: [], network: false, optional: false };
  if (raw === true) return { config: base };
  if (raw === 'optional') return { config: { ...base, optional: true } };
  if (typeof raw === 'string') {
    if (!TYPES.includes(raw as SandboxType)) return { errors: [`${where}: expected one of ${TYPES.join(', ')}, optional, or a mapping`] };
    return { config: { ...base, type: raw as SandboxType } };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) return { errors: [`${where}: expected a sandbox type or a mapping`] };
  const r = raw as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of Object.keys(r)) if (!KNOWN.has(k)) errors.push(`${where}.${k}: unknown key`);
  const config = { ...base };
  if (r.type !== undefined) {
    if (TYPES.includes(r.type as SandboxType)) config.type = r.type as SandboxType;
    else errors.push(`${where}.type: expected one of ${TYPES.join(', ')}`);
  }
  for (const key of ['writable', 'readable'] as const) {
    const v = r[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((p) => typeof p !== 'string' || !isAbsolute(p))) errors.push(`${where}.${key}: expected a list of absolute paths`);
    else config[key] = v as string[];
  }
  if (r.network !== undefined) {
    if (typeof r.network === 'boolean') config.network = r.network;
    else if (Array.isArray(r.network) && r.network.every((h) => typeof h === 'string')) {
      const parsed = parseAllowList(r.network as string[]);
      if ('errors' in parsed) errors.push(...parsed.errors.map((e) => `${where}.network: ${e}`));
      else config.allowHosts = r.network as string[];
    } else errors.push(`${where}.network: expected true or false`);
  }
  if (r.optional !== undefined) {
    if (typeof r.optional === 'boolean') config.optional = r.optional;
    else errors.push(`${where}.optional: expected true or false`);
  }
  if (r.image !== undefined) {
    if (typeof r.image === 'string' && r.image) config.image = r.image;
    else errors.push(`${where}.image: expected a container image name`);
  }
  if (config.allowHosts && (config.type === 'sandbox-exec' || config.type === 'docker' || config.type === 'podman')) {
    errors.push(`${where}.network: host allow-lists are enforced with bwrap only (its egress proxy); use network: false or true with ${config.type}`);
  }
  if ((config.type === 'docker' || config.type === 'podman') && !config.image) errors.push(`${where}.image: ${config.type} needs an image (e.g. node:20-slim)`);
  return errors.length ? { errors } : { config };
}
