// A quick test of which entries a set of .gitignore patterns could match at all, so the walker asks
// `ignore` (one regex per pattern: about 25 µs a file against a 150-line template) only about the few
// entries that might match. It holds for a walk from the top down that never enters a folder these rules
// ignore: a pattern then decides an entry only by matching the entry itself, never a folder above it, and a
// match needs the pattern's last segment to match the entry's name. A pattern with a folder in front
// (`docs/*.md`) is relative to the rules' folder, so the entry's path must also start with that folder.
// The test may say "maybe" too often, never "no" where `ignore` would match.

/**
 * Whether any pattern could match this entry: its name, and its path from the rules' folder (no trailing
 * slash). The answer may be a false "yes".
 */
export type NameFilter = (name: string, local: string) => boolean;

/** A last segment that matches any name (`*`, `**`, or one the filter does not read). */
const ANY_NAME = Symbol('any name');

/**
 * What a name must look like to match a last segment: a regex source (looser than the segment where that
 * is simpler), null when it must equal the segment, or ANY_NAME.
 */
type Shape = string | null | typeof ANY_NAME;

/**
 * What one pattern needs of an entry: its name's shape, and for a pattern relative to the rules' folder,
 * the plain folders its path must start with (lower-cased, joined by `/`).
 */
type Need = { folder: undefined; shape: string | null; segment: string } | { folder: string; shape: Shape; segment: string } | 'any' | 'nothing';

/**
 * The filter for these patterns (a .gitignore's text, or one pattern per entry), or undefined when it
 * would say "maybe" to every entry: a pattern like `*` or `**`, or one the filter cannot read safely
 * (escapes, white space, non-ASCII, bracket classes it does not know).
 */
export function nameFilter(patterns: string | readonly string[]): NameFilter | undefined {
  // Split as `ignore` splits a text: at LF, one CR before it dropped.
  const lines = typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns;
  const names = new Set<string>();
  const shapes: string[] = [];
  /** Patterns under named folders (`docs/api/*.md`): those folders, and their last segments. */
  const under = new Map<string, { any: boolean; names: Set<string>; shapes: string[] }>();
  for (const line of lines) {
    const need = needOf(line);
    if (need === 'nothing') continue;
    if (need === 'any') return undefined;
    if (need.folder === undefined) {
      if (need.shape === null) names.add(need.segment.toLowerCase());
      else shapes.push(need.shape);
      continue;
    }
    const group = under.get(need.folder) ?? { any: false, names: new Set<string>(), shapes: [] };
    under.set(need.folder, group);
    if (need.shape === null) group.names.add(need.segment.toLowerCase());
    else if (need.shape === ANY_NAME) group.any = true;
    else group.shapes.push(need.shape);
  }
  const byName = matcher(names, shapes);
  const byFolder = [...under].map(([folder, g]) => ({ prefix: `${folder}/`, matches: g.any ? () => true : matcher(g.names, g.shapes) }));
  return (name, local) => {
    const lower = name.toLowerCase();
    if (byName(lower)) return true;
    if (!byFolder.length) return false;
    const path = local.toLowerCase();
    return byFolder.some((f) => path.startsWith(f.prefix) && f.matches(lower));
  };
}

/**
 * `ignore` matches without regard to case by default, and so does this: patterns are ASCII only, so
 * lower-casing a name can only make more names match, never fewer.
 */
function matcher(names: Set<string>, shapes: string[]): (lower: string) => boolean {
  const wild = shapes.length ? new RegExp(`^(?:${shapes.join('|')})$`, 'i') : undefined;
  return (lower) => names.has(lower) || (wild !== undefined && wild.test(lower));
}

function needOf(raw: string): Need {
  if (raw.startsWith('#')) return 'nothing';
  if (raw.includes('\\')) return 'any'; // escapes: `\!`, `\#`, `\ ` and friends
  // git trims trailing spaces (an escaped one has a backslash, handled above); other white space is literal.
  let line = raw.replace(/ +$/, '');
  if (!line) return raw ? 'any' : 'nothing';
  // A negation decides by matching an entry just as any other pattern does.
  if (line.startsWith('!')) line = line.slice(1);
  // Spaces, tabs and other control characters inside a pattern are literal (macOS's `Icon\r`); non-ASCII (a
  // byte-order mark among them: whether it is stripped is left to `ignore`) is not read here.
  if (/[\0\n\x7f-\uffff]/.test(line)) return 'any';
  // A bracket class holding a slash would be cut in two below.
  if (/\[[^\]]*\//.test(line)) return 'any';
  if (line.endsWith('/')) line = line.slice(0, -1);
  const anchored = line.startsWith('/');
  const segments = (anchored ? line.slice(1) : line).split('/');
  const segment = segments[segments.length - 1];
  if (segments.some((s) => !s)) return 'any'; // `a//b`, a lone `/`
  const shape = segment.includes('**') ? ANY_NAME : segmentShape(segment);
  // A pattern with a slash before its end is relative to the rules' folder: its leading plain folders
  // (up to the first wildcard) must lead the entry's path.
  const plain = segments.slice(0, -1);
  const wild = plain.findIndex((s) => /[*?[]/.test(s));
  const folders = wild < 0 ? plain : plain.slice(0, wild);
  if (folders.length) return { folder: folders.join('/').toLowerCase(), shape, segment };
  return shape === ANY_NAME ? 'any' : { folder: undefined, shape, segment };
}

/** The shape of a last segment; a bracket class stands for any one character. */
function segmentShape(segment: string): Shape {
  if (!/[*?[]/.test(segment)) return null;
  let source = '';
  let literal = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      const first = segment[i + 1] === '!' || segment[i + 1] === '^' ? i + 2 : i + 1;
      // `[]…]`, `[!]…]` (where the first `]` is literal) and POSIX classes (`[[:alpha:]]`) are where
      // readings differ: leave them to `ignore`.
      if (close < 0 || segment[first] === ']' || segment.slice(i + 1, close).includes('[')) return ANY_NAME;
      source += '[^/]';
      i = close;
    } else {
      source += /[\w-]/.test(c) ? c : `\\${c}`;
      literal++;
    }
  }
  return literal ? source : ANY_NAME;
}
