// Where keyward keeps its own data (encrypted store, backups): $KEYWARD_HOME, else the OS data folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DataDirInput {
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

export function keywardDataDir({ env, platform = process.platform, home = homedir() }: DataDirInput): string {
  if (env.KEYWARD_HOME) return env.KEYWARD_HOME;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'keyward');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'keyward');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'keyward');
}

export function secretsFilePath(dataDir: string): string {
  return join(dataDir, 'secrets.enc');
}
