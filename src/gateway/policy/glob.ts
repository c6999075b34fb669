// Tool-name globs for allow/deny/approve lists: `*` any run of characters, `?` one character, nothing else.
// Tool names are plain identifiers, so no path semantics (`**`, `/`) are needed.

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export class GlobList {
  private readonly res: RegExp[];
  constructor(readonly globs: string[]) {
    this.res = globs.map(globToRegExp);
  }
  get empty(): boolean {
    return this.res.length === 0;
  }
  /** The first glob that matches, or undefined. */
  match(name: string): string | undefined {
    const i = this.res.findIndex((r) => r.test(name));
    return i < 0 ? undefined : this.globs[i];
  }
}
