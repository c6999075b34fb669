// What the servers offer, merged into one list for the host: tools (redacted, filtered by the policy, cached
// per server until it says its list changed), prompts, resources and templates, each page by page.
import type { GatewayPolicy, ToolDescriptor } from '../hooks.js';
import type { RedactionStats } from '../redactor.js';
import type { Upstream } from '../upstream.js';
import type { Naming } from './naming.js';

const MAX_PAGES = 100;

export class Catalog {
  /** Filtered tool descriptors per server, by upstream tool name. */
  private readonly tools = new Map<string, Map<string, ToolDescriptor>>();

  constructor(
    private readonly policy: GatewayPolicy,
    private readonly naming: Naming,
    private readonly report: (line: string) => void,
  ) {}

  /** The server's tools as last listed, or undefined when they must be listed again. */
  cachedTools(server: string): Map<string, ToolDescriptor> | undefined {
    return this.tools.get(server);
  }

  forgetTools(server: string): void {
    this.tools.delete(server);
  }

  async toolsOf(up: Upstream, stats: RedactionStats): Promise<Map<string, ToolDescriptor>> {
    const raw = (await this.pages(up, 'tools/list', 'tools')) as unknown as ToolDescriptor[];
    const redacted = up.redactor.redactValue(raw, stats);
    const kept = await this.policy.filterTools(up.name, redacted, up.info?.instructions);
    const byName = new Map<string, ToolDescriptor>();
    for (const t of kept) {
      if (byName.has(t.name)) this.report(`keyward gateway: server ${up.name} lists tool ${t.name} twice; keeping the first`);
      else byName.set(t.name, t);
    }
    this.tools.set(up.name, byName);
    return byName;
  }

  async listTools(ready: Upstream[], stats: RedactionStats): Promise<ToolDescriptor[]> {
    const ups = ready.filter((u) => u.info?.capabilities.tools !== undefined);
    const lists = await Promise.allSettled(ups.map((u) => this.toolsOf(u, stats)));
    const out: ToolDescriptor[] = [];
    const seen = new Set<string>();
    lists.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.report(`keyward gateway: tools/list from ${ups[i].name} failed: ${(r.reason as Error).message}`);
        return;
      }
      for (const t of r.value.values()) {
        const exposed = this.naming.expose(ups[i].name, t.name);
        // Clashes cannot be resolved safely (which server would a call reach?): both are dropped.
        if (seen.has(exposed)) {
          this.report(`keyward gateway: tool name ${exposed} clashes; it is not offered`);
          const idx = out.findIndex((x) => x.name === exposed);
          if (idx >= 0) out.splice(idx, 1);
          continue;
        }
        seen.add(exposed);
        out.push({ ...t, name: exposed });
      }
    });
    return out;
  }

  /** Every item of one list method across the servers with `capability`, redacted and renamed. */
  async listAll(
    ready: Upstream[],
    capability: string,
    method: string,
    key: string,
    stats: RedactionStats,
    rename: (server: string, item: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<Record<string, unknown>[]> {
    const ups = ready.filter((u) => u.info?.capabilities[capability] !== undefined);
    const lists = await Promise.allSettled(ups.map((u) => this.pages(u, method, key)));
    const out: Record<string, unknown>[] = [];
    lists.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.report(`keyward gateway: ${method} from ${ups[i].name} failed: ${(r.reason as Error).message}`);
        return;
      }
      for (const item of ups[i].redactor.redactValue(r.value, stats)) out.push(rename(ups[i].name, item));
    });
    return out;
  }

  private async pages(up: Upstream, method: string, key: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await up.request(method, cursor ? { cursor } : undefined);
      const list = page[key];
      if (Array.isArray(list)) items.push(...(list as Record<string, unknown>[]));
      cursor = typeof page.nextCursor === 'string' ? page.nextCursor : undefined;
      if (!cursor) break;
    }
    return items;
  }
}
