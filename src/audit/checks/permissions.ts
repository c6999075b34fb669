// A file holding plaintext secrets that other users on the machine can read (mode & 0o077): offer chmod 600.
// Windows ACLs are not POSIX modes, so the check does not apply there.
import type { Platform } from '../../hosts/types.js';
import type { FindingDraft } from '../types.js';

export function permissionFinding(input: {
  path: string;
  mode: number | undefined;
  holdsSecrets: boolean;
  platform: Platform;
  what: 'config' | 'side file';
}): FindingDraft | undefined {
  const { mode } = input;
  if (!input.holdsSecrets || mode === undefined || input.platform === 'win32' || (mode & 0o077) === 0) return undefined;
  const who = [mode & 0o070 ? 'group' : '', mode & 0o007 ? 'others' : ''].filter(Boolean).join(' and ');
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return {
    id: 'world-readable-config',
    severity: 'medium',
    message: `${input.what} holding secrets is readable by ${who} (mode ${octal})`,
    fix: `chmod 600 '${input.path.replace(/'/g, `'\\''`)}' (or run keyward audit --fix-permissions)`,
    value: octal,
  };
}
