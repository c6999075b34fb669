// The VS Code family's per-user folders (`…/Code/User`, Insiders, VSCodium, Cursor, Windsurf, and the remote
// `~/.vscode-server/data/User`): VS Code keeps its own mcp.json there, and extensions (Cline, Roo, Kilo) keep
// their MCP settings under `globalStorage/<extension id>/`.
import { electronUserData, homePath, join } from './paths.js';
import type { HostEnvironment } from './types.js';

export interface EditorUserDir {
  /** Product label for listings: "VS Code", "VS Code Insiders", "Cursor"… */
  product: string;
  dir: string;
}

const VSCODE_APPS: Array<[product: string, app: string]> = [
  ['VS Code', 'Code'],
  ['VS Code Insiders', 'Code - Insiders'],
  ['VSCodium', 'VSCodium'],
];

const FORKS: Array<[product: string, app: string]> = [
  ['Cursor', 'Cursor'],
  ['Windsurf', 'Windsurf'],
];

/** User folders of VS Code itself (stable, Insiders, VSCodium) plus the remote server's. */
export function vscodeUserDirs(env: HostEnvironment): EditorUserDir[] {
  const local = VSCODE_APPS.map(([product, app]) => ({ product, dir: join(env, electronUserData(env, app), 'User') }));
  const remote = [
    { product: 'VS Code remote', dir: homePath(env, '.vscode-server', 'data', 'User') },
    { product: 'VS Code Insiders remote', dir: homePath(env, '.vscode-server-insiders', 'data', 'User') },
  ];
  return [...local, ...remote];
}

/** Every editor in the family an extension like Cline can be installed in. */
export function editorUserDirs(env: HostEnvironment): EditorUserDir[] {
  const forks = FORKS.map(([product, app]) => ({ product, dir: join(env, electronUserData(env, app), 'User') }));
  return [...vscodeUserDirs(env), ...forks];
}

/** `<user dir>/globalStorage/<extension>/<...rest>` for every editor of the family. */
export function extensionStorage(env: HostEnvironment, extension: string, ...rest: string[]): EditorUserDir[] {
  return editorUserDirs(env).map(({ product, dir }) => ({ product, dir: join(env, dir, 'globalStorage', extension, ...rest) }));
}
