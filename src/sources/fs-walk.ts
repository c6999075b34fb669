// Walks a folder the way a developer expects a secret scanner to: honours every .gitignore on the way
// down (and .git/info/exclude), never enters .git, never follows a symlinked folder unless asked (and
// then tracks real paths so a loop ends), and skips special files (FIFOs would block a read forever).
import { lstatSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { nameFilter, type NameFilter } from './ignore-names.js';
import type { FileEntry, SourceEvents } from './types.js';

export interface WalkOptions {
  /** Files larger than this are skipped without being read. */
  maxFileSize: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Follow symbolic links to files and folders, tracking real paths to stop loops (default false). */
  followSymlinks?: boolean;
  /** Extra ignore patterns in .gitignore syntax, relative to the root (config `allowlist.paths`). */
  excludes?: string[];
  /** The root's path from the folder `excludes` are relative to (a config above the root), with a trailing `/`. */
  excludesBase?: string;
}

interface IgnoreLayer {
  /** Folder the rules belong to, relative to the root ('' for the root and above). */
  base: string;
  /** For rules from above the root (a scan of a repository's subfolder): the root's path from there, with `/`. */
  prefix: string;
  ig: Ignore;
  /** Which entries its rules could match; undefined: ask `ig` about every entry. */
  names: NameFilter | undefined;
}

/** Config `allowlist.paths`: one set of rules over the whole walk, relative to the config's folder. */
type Excludes = Pick<IgnoreLayer, 'ig' | 'names'>;

/**
 * When the root is inside a git work tree, the .gitignore files between the work tree's top and the root
 * (and .git/info/exclude) apply too, exactly as they would for git.
 */
async function ancestorLayers(root: string): Promise<IgnoreLayer[]> {
  const chain: string[] = [];
  let dir = root;
  for (;;) {
    chain.unshift(dir);
    if (await exists(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) return []; // not in a work tree: the root's own .gitignore is read by walkDir
    dir = up;
  }
  const top = chain[0];
  const layers: IgnoreLayer[] = [];
  const exclude = await readText(join(top, '.git', 'info', 'exclude'));
  const prefixOf = (d: string) => {
    const r = toPosix(relative(d, root));
    return r ? `${r}/` : '';
  };
  // A folder named explicitly is scanned even when it is ignored itself (`keyward scan node_modules`): a
  // layer whose rules ignore the root, or a folder on the way to it, is left out as a whole.
  const add = (d: string, rules: string) => {
    const prefix = prefixOf(d);
    const ig = ignore().add(rules);
    if (!ignoresFolderOnWay(ig, prefix)) layers.push({ base: '', prefix, ig, names: nameFilter(rules) });
  };
  if (exclude) add(top, exclude);
  // The root's own .gitignore is read by walkDir; here only the folders above it.
  for (const d of chain.slice(0, -1)) {
    const rules = await readText(join(d, '.gitignore'));
    if (rules) add(d, rules);
  }
  return layers;
}

/** The top of the git work tree holding `dir` (the nearest folder with a `.git`), if any. */
export async function workTreeTop(dir: string): Promise<string | undefined> {
  for (let d = dir; ; ) {
    if (await exists(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Extensions whose bytes never hold a credential as plain text: images, audio and video, fonts, compressed
 * archives, PDF, disk images. Skipped before reading, counted as binary. Executables, libraries, object
 * files, bytecode and databases are not listed: they keep their strings in the clear (a token compiled into
 * a `.node` addon, a key in a SQLite page), so they are read and scanned as printable runs.
 */
const OPAQUE_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp avif tiff psd zip gz tgz bz2 xz zst 7z rar jar war ear pdf woff woff2 ' +
    'ttf otf eot mp3 mp4 m4a mov avi mkv webm wav flac ogg iso dmg img'
  ).split(' '),
);

export function isOpaqueExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return false;
  return OPAQUE_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Yields every file to scan under `root`, in sorted order; or `root` itself when it is not a folder, with a
 * skip (and a warning) when it cannot be read, since the caller then has nothing else to show.
 */
export async function* walkFiles(root: string, options: WalkOptions, events: SourceEvents): AsyncGenerator<FileEntry> {
  const name = root.split(sep).pop() ?? root;
  let rootStat: Stats;
  try {
    rootStat = await stat(root);
  } catch (e) {
    skipUnfollowable(events, name, e, 'not scanned');
    return;
  }
  if (!rootStat.isDirectory()) {
    if (!rootStat.isFile()) events.skip('special', name, `${name}: not a regular file (FIFO, socket or device); not scanned`);
    else if (rootStat.size > options.maxFileSize) events.skip('too-large', name, tooLargeWarning(name, rootStat.size, options.maxFileSize));
    else yield { path: name, absPath: root, size: rootStat.size };
    return;
  }
  const layers: IgnoreLayer[] = [];
  if (options.gitignore !== false) layers.push(...(await ancestorLayers(root)));
  // Config `allowlist.paths` always win: no .gitignore negation can bring those paths back.
  const forced = options.excludes?.length ? excludesOf(options.excludes, options.excludesBase ?? '') : undefined;
  const visited = new Set<string>();
  if (options.followSymlinks) visited.add(await realpath(root));
  yield* walkDir(root, layers, visited, options, events, forced);
}

/**
 * The name filters assume every folder above an entry was tested and kept; the folders between the config
 * and the root never are, so rules that ignore one of them are asked about every entry.
 */
function excludesOf(patterns: string[], base: string): Excludes {
  const ig = ignore().add(patterns);
  return { ig, names: ignoresFolderOnWay(ig, base) ? undefined : nameFilter(patterns) };
}

/** Whether `ig` ignores one of the folders of `way` (a path to the root with a trailing `/`), the root included. */
function ignoresFolderOnWay(ig: Ignore, way: string): boolean {
  const parts = way.split('/').filter(Boolean);
  return parts.some((_, i) => ig.ignores(`${parts.slice(0, i + 1).join('/')}/`));
}

/** One folder being walked: its sorted entries and the ignore layers that apply inside it. */
interface Frame {
  rel: string;
  abs: string;
  layers: IgnoreLayer[];
  /**
   * Whether the layers' name filters hold here. Not below a folder one layer un-ignored (`!dir/`) while
   * another ignores it: `ignore` still ignores that folder's entries through the other layer.
   */
  filtered: boolean;
  dirents: Dirent[];
  next: number;
}

/**
 * Depth first, entries in sorted order, with an explicit stack: nested `yield*` generators would pass every
 * file up through one async hop per level, which in a deep node_modules costs more than reading the file.
 */
async function* walkDir(
  root: string,
  parentLayers: IgnoreLayer[],
  visited: Set<string>,
  options: WalkOptions,
  events: SourceEvents,
  forced: Excludes | undefined,
): AsyncGenerator<FileEntry> {
  const stack: Frame[] = [];
  const enter = (rel: string, layers: IgnoreLayer[], filtered: boolean): void => {
    const frame = openFolder(root, rel, layers, filtered, options, events);
    if (frame) stack.push(frame);
  };
  enter('', parentLayers, true);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.dirents.length) {
      stack.pop();
      continue;
    }
    const dirent = frame.dirents[frame.next++];
    const { rel, abs, layers, filtered } = frame;
    const name = dirent.name;
    if (name === '.git') continue;
    const childRel = rel ? `${rel}/${name}` : name;
    const childAbs = join(abs, name);
    let st: Pick<Stats, 'isDirectory' | 'isFile'> & { size?: number } = dirent;
    if (dirent.isSymbolicLink() || (!dirent.isFile() && !dirent.isDirectory())) {
      try {
        st = lstatSync(childAbs);
      } catch (e) {
        events.skip('unreadable', childRel, `${childRel}: cannot stat (${errorCode(e)}); skipped`);
        continue;
      }
    }
    if (dirent.isSymbolicLink()) {
      if (!options.followSymlinks) {
        // Not followed either way; a link that resolves to itself (a -> b -> a) is still named for what it is.
        if (isLoop(childAbs)) events.skip('symlink-loop', childRel, `${childRel}: symlink loop (ELOOP); skipped`);
        else events.skip('symlink', childRel);
        continue;
      }
      try {
        const real = await realpath(childAbs);
        st = await stat(real);
        if (st.isDirectory()) {
          if (visited.has(real)) {
            events.skip('symlink-loop', childRel, `${childRel}: symlink loop (points back to ${toPosix(relative(root, real)) || '.'}); not followed`);
            continue;
          }
        }
      } catch (e) {
        skipUnfollowable(events, childRel, e, 'skipped');
        continue;
      }
    }
    const isDir = st.isDirectory();
    const excluded = forced !== undefined && isExcluded(forced, `${options.excludesBase ?? ''}${childRel}`, name, isDir, filtered);
    const verdict = excluded ? 'ignored' : ignoreVerdict(layers, childRel, name, isDir, filtered);
    if (verdict === 'ignored') {
      events.skip('ignored', childRel);
      continue;
    }
    if (isDir) {
      if (options.followSymlinks) {
        const real = await realpath(childAbs).catch(() => childAbs);
        if (visited.has(real)) {
          events.skip('symlink-loop', childRel, `${childRel}: symlink loop; not followed`);
          continue;
        }
        visited.add(real);
      }
      enter(childRel, layers, filtered && verdict !== 'unignored');
    } else if (!st.isFile()) {
      events.skip('special', childRel, `${childRel}: not a regular file (FIFO, socket or device); skipped`);
    } else if (isOpaqueExtension(name)) {
      events.skip('binary', childRel);
    } else if (st.size !== undefined && st.size > options.maxFileSize) {
      events.skip('too-large', childRel, tooLargeWarning(childRel, st.size, options.maxFileSize));
    } else {
      yield { path: toPosix(childRel), absPath: childAbs, size: st.size };
    }
  }
}

/**
 * Lists a folder (one syscall with file types instead of an lstat per file; sizes are checked when a file
 * is opened, see scanFile) and adds its .gitignore when it has one: reading only listed files spares
 * a failed open per folder, thousands of them in a node_modules tree.
 */
function openFolder(root: string, rel: string, parentLayers: IgnoreLayer[], filtered: boolean, options: WalkOptions, events: SourceEvents): Frame | undefined {
  const abs = rel ? join(root, rel) : root;
  let dirents: Dirent[];
  try {
    dirents = readdirSync(abs, { withFileTypes: true });
  } catch (e) {
    events.skip('unreadable', rel || '.', `${rel || '.'}: cannot read folder (${errorCode(e)}); skipped`);
    return undefined;
  }
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let layers = parentLayers;
  if (options.gitignore !== false && dirents.some((d) => d.name === '.gitignore' && !d.isDirectory())) {
    const rules = readTextSync(join(abs, '.gitignore'));
    if (rules) layers = [...parentLayers, { base: rel, prefix: '', ig: ignore().add(rules), names: nameFilter(rules) }];
  }
  return { rel, abs, layers, filtered, dirents, next: 0 };
}

/** A link stat could not follow: a loop is named as one, anything else is a broken link. */
function skipUnfollowable(events: SourceEvents, rel: string, e: unknown, outcome: string): void {
  const code = errorCode(e);
  if (code === 'ELOOP') events.skip('symlink-loop', rel, `${rel}: symlink loop (ELOOP); ${outcome}`);
  else events.skip('unreadable', rel, `${rel}: broken symlink (${code}); ${outcome}`);
}

function isLoop(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (e) {
    return errorCode(e) === 'ELOOP';
  }
}

function isExcluded(excludes: Excludes, path: string, name: string, isDir: boolean, filtered: boolean): boolean {
  if (filtered && excludes.names && !excludes.names(name, path)) return false;
  return excludes.ig.ignores(isDir ? `${path}/` : path);
}

/**
 * The deepest .gitignore with an opinion wins, as in git: a nested `!pattern` re-includes. A layer whose
 * rules could not match this name has none, and is not asked.
 */
function ignoreVerdict(layers: IgnoreLayer[], rel: string, name: string, isDir: boolean, filtered: boolean): 'ignored' | 'unignored' | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const { base, prefix, ig, names } = layers[i];
    const local = prefix + (base ? rel.slice(base.length + 1) : rel);
    if (filtered && names && !names(name, local)) continue;
    const result = ig.test(isDir ? `${local}/` : local);
    if (result.ignored) return 'ignored';
    if (result.unignored) return 'unignored';
  }
  return undefined;
}

function readTextSync(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
}

export function tooLargeWarning(path: string, size: number, cap: number): string {
  return `${path}: skipped, ${formatBytes(size)} is over the ${formatBytes(cap)} cap (--max-file-size)`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}
