// Requests the gateway sends the host (elicitation for the policy, sampling/elicitation/roots relayed from
// servers): our own ids, the answers matched back to them, cancellation passed on to the host.
import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import { GatewayErrorCode, UpstreamError } from '../upstream.js';
import type { FrontChannel } from './front-channel.js';

interface HostPending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (e: UpstreamError) => void;
}

export class HostRequests {
  /** Requests we sent to the host, by our id. */
  private readonly pending = new Map<string, HostPending>();
  private nextId = 1;

  constructor(private readonly front: FrontChannel) {}

  send(method: string, params: Record<string, unknown>, related: RequestId | undefined, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const id = `keyward-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        void this.front
          .send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'cancelled' } }, related)
          .catch(() => undefined);
        reject(new UpstreamError('cancelled', GatewayErrorCode.UpstreamUnavailable));
      };
      this.pending.set(id, {
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.front.send({ jsonrpc: '2.0', id, method, params }, related).catch(() => {
        this.pending.delete(id);
        reject(new UpstreamError('could not reach the host', GatewayErrorCode.UpstreamUnavailable));
      });
    });
  }

  /** A response from the host: settles the request it answers (unknown ids are ignored). */
  settle(m: Record<string, unknown>): void {
    const pending = this.pending.get(String(m.id));
    if (!pending) return;
    this.pending.delete(String(m.id));
    if (m.error && typeof m.error === 'object') {
      const e = m.error as { code?: number; message?: string; data?: unknown };
      pending.reject(new UpstreamError(e.message ?? 'host error', e.code ?? GatewayErrorCode.UpstreamProtocol, e.data));
    } else pending.resolve((m.result as Record<string, unknown>) ?? {});
  }

  /** The session closed: every open request fails. */
  rejectAll(): void {
    for (const p of this.pending.values()) p.reject(new UpstreamError('session closed', GatewayErrorCode.UpstreamUnavailable));
    this.pending.clear();
  }
}
