// The secret store as the gateway opens it: the store module's own backend choice, with no passphrase prompt
// (in stdio mode stdin is the MCP protocol, so the file store needs KEYWARD_STORE_KEY or _PASSPHRASE).
import { openStore } from '../store/index.js';
import type { SecretStore } from '../store/types.js';

export async function openGatewayStore(env: NodeJS.ProcessEnv, notice: (line: string) => void = () => undefined): Promise<SecretStore> {
  return openStore({ env, notice });
}
