// How N servers share one namespace: with `namespace` on, tools and prompts are exposed as <server>__<name> and
// resource URIs as <server>+<uri>; calls are routed back by the same prefix. With one server and namespacing
// off, names pass through unchanged.
import { GatewayErrorCode, type Upstream, UpstreamError } from '../upstream.js';

export const SEP = '__';

export class Naming {
  constructor(
    private readonly namespace: boolean,
    private readonly upstreams: ReadonlyMap<string, Upstream>,
  ) {}

  /** The only server, when there is exactly one (the gateway is then transparent). */
  single(): Upstream | undefined {
    return this.upstreams.size === 1 ? [...this.upstreams.values()][0] : undefined;
  }

  expose(server: string, name: string): string {
    return this.namespace ? `${server}${SEP}${name}` : name;
  }

  exposeUri(server: string, uri: string): string {
    return this.namespace ? `${server}+${uri}` : uri;
  }

  routeName(exposed: unknown): { up: Upstream; name: string } {
    if (typeof exposed !== 'string' || !exposed) throw new UpstreamError('missing name', GatewayErrorCode.UnknownTarget);
    if (!this.namespace) {
      const only = this.single();
      if (only) return { up: only, name: exposed };
    }
    const i = exposed.indexOf(SEP);
    const up = i > 0 ? this.upstreams.get(exposed.slice(0, i)) : undefined;
    if (!up) throw new UpstreamError(`unknown name ${exposed}: expected <server>${SEP}<name>`, GatewayErrorCode.UnknownTarget);
    return { up, name: exposed.slice(i + SEP.length) };
  }

  routeUri(exposed: unknown): { up: Upstream; uri: string } {
    if (typeof exposed !== 'string' || !exposed) throw new UpstreamError('missing uri', GatewayErrorCode.UnknownTarget);
    if (!this.namespace) {
      const only = this.single();
      if (only) return { up: only, uri: exposed };
    }
    const i = exposed.indexOf('+');
    const up = i > 0 ? this.upstreams.get(exposed.slice(0, i)) : undefined;
    if (!up) throw new UpstreamError(`unknown resource ${exposed}: expected <server>+<uri>`, GatewayErrorCode.UnknownTarget);
    return { up, uri: exposed.slice(i + 1) };
  }

  /** Resource URIs inside results (links, embedded resources, read contents) get the server's prefix too. */
  exposeContent(server: string, result: Record<string, unknown>): Record<string, unknown> {
    if (!this.namespace) return result;
    const fixItem = (c: unknown): unknown => {
      if (!c || typeof c !== 'object') return c;
      const item = c as Record<string, unknown>;
      if (item.type === 'resource_link' && typeof item.uri === 'string') return { ...item, uri: this.exposeUri(server, item.uri) };
      if (item.type === 'resource' && item.resource && typeof (item.resource as { uri?: unknown }).uri === 'string') {
        const res = item.resource as Record<string, unknown>;
        return { ...item, resource: { ...res, uri: this.exposeUri(server, String(res.uri)) } };
      }
      return c;
    };
    let out = result;
    if (Array.isArray(result.content)) out = { ...out, content: result.content.map(fixItem) };
    if (Array.isArray(result.contents)) {
      out = {
        ...out,
        contents: (result.contents as Record<string, unknown>[]).map((c) =>
          typeof c?.uri === 'string' ? { ...c, uri: this.exposeUri(server, c.uri) } : c,
        ),
      };
    }
    if (Array.isArray(result.messages)) {
      out = {
        ...out,
        messages: (result.messages as Record<string, unknown>[]).map((msg) => ({ ...msg, content: fixItem(msg.content) })),
      };
    }
    return out;
  }
}
