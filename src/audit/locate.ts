// The line a key path sits on, so findings can point at `file:line` (and SARIF can carry a region).
// JSON and YAML through their parsers' node offsets; TOML by finding the table header, then the key.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { isNode, parseDocument } from 'yaml';
import type { ConfigFormat } from '../hosts/types.js';

type Key = string | number;

export class KeyLocator {
  private jsonTree?: ReturnType<typeof parseTree>;
  private yamlDoc?: ReturnType<typeof parseDocument>;
  private lineStarts?: number[];

  constructor(
    private readonly text: string,
    private readonly format: ConfigFormat,
  ) {}

  /** 1-based line of the value at `path`, or undefined. */
  line(path: Key[]): number | undefined {
    const offset = this.offset(path);
    return offset === undefined ? undefined : this.lineOf(offset);
  }

  private offset(path: Key[]): number | undefined {
    try {
      if (this.format === 'json' || this.format === 'jsonc') {
        this.jsonTree ??= parseTree(this.text, [], { allowTrailingComma: true });
        if (!this.jsonTree) return undefined;
        return findNodeAtLocation(this.jsonTree, path)?.offset;
      }
      if (this.format === 'yaml') {
        this.yamlDoc ??= parseDocument(this.text);
        const node = this.yamlDoc.getIn(path, true);
        return isNode(node) && node.range ? node.range[0] : undefined;
      }
      return this.tomlOffset(path);
    } catch {
      return undefined;
    }
  }

  /** `[a.b]` header then `c =` below it; or a dotted/inline key on one line. Best effort. */
  private tomlOffset(path: Key[]): number | undefined {
    const names = path.filter((k): k is string => typeof k === 'string');
    const quote = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : `"${k}"`);
    for (let split = names.length - 1; split >= 0; split--) {
      const header = names.slice(0, split).map(quote).join('.');
      const start = split === 0 ? 0 : this.text.search(new RegExp(`^\\[${escape(header)}\\]\\s*$`, 'm'));
      if (start < 0) continue;
      const key = names[split];
      const re = new RegExp(`^\\s*${escape(quote(key))}\\s*=|[{,]\\s*${escape(quote(key))}\\s*=`, 'm');
      const m = re.exec(this.text.slice(start));
      if (m) return start + m.index + m[0].search(/\S/);
    }
    return undefined;
  }

  private lineOf(offset: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text[i] === '\n') this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
