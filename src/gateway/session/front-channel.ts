// The session's one dependency on the host side; implemented over an SDK server transport in transports/front.ts.
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** How the session talks to its host. */
export interface FrontChannel {
  send(message: JSONRPCMessage, relatedRequestId?: RequestId): Promise<void>;
}
