// Binds a ProxySession to an SDK server transport (stdio, streamable HTTP, legacy SSE): messages in go to the
// session, messages out carry the related request id so HTTP transports put them on the right stream.
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { FrontChannel, ProxySession } from '../session.js';

/** Wires `transport` to the session `make` builds; resolves once the transport has started. */
export async function attachFront(
  transport: Transport,
  make: (channel: FrontChannel) => ProxySession,
  onClosed?: (session: ProxySession) => void,
): Promise<ProxySession> {
  const channel: FrontChannel = {
    send: (message, relatedRequestId) =>
      transport.send(message, relatedRequestId === undefined ? undefined : { relatedRequestId }),
  };
  const session = make(channel);
  transport.onmessage = (message: JSONRPCMessage) => session.handle(message);
  transport.onclose = () => {
    void session.close();
    onClosed?.(session);
  };
  transport.onerror = () => undefined;
  await transport.start();
  return session;
}

export function stdioFrontTransport(stdin: Readable, stdout: Writable): Transport {
  return new StdioServerTransport(stdin, stdout);
}
