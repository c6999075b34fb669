// goose (Block): `config.yaml` `extensions:` map (`cmd`, `args`, `envs`, `env_keys` kept in goose's keyring,
// `uri` for SSE); `GOOSE_MODE: auto` runs every tool without asking. `secrets.yaml` beside it is goose's
// file-based secret store when no keyring is available.
import { appData, join, xdgConfig } from './paths.js';
import { isObject, location, mapServers } from './shape.js';
import type { HostAdapter, HostEnvironment } from './types.js';

function configDir(env: HostEnvironment): string {
  return env.platform === 'win32' ? join(env, appData(env), 'Block', 'goose', 'config') : join(env, xdgConfig(env), 'goose');
}

export const goose: HostAdapter = {
  id: 'goose',
  title: 'goose',
  locations: (env) => [location('goose', 'user', join(env, configDir(env), 'config.yaml'), 'yaml', [['extensions']])],
  servers: mapServers,
  documentBypasses: (root) =>
    isObject(root) && typeof root.GOOSE_MODE === 'string' && root.GOOSE_MODE.toLowerCase() === 'auto'
      ? [{ keyPath: ['GOOSE_MODE'], message: 'GOOSE_MODE: auto runs every extension tool without asking' }]
      : [],
  sideFiles: (env) => [
    { host: 'goose', path: join(env, configDir(env), 'secrets.yaml'), kind: 'file', description: 'goose file secret store' },
  ],
};
