// Parses structured files (JSON, JSONC, YAML, TOML) into string leaves with key paths and offsets, so a
// finding can say where in a config it sits (`mcpServers.github.env.GITHUB_TOKEN`).
import type * as JsoncParser from 'jsonc-parser';
import { lazyModule } from './lazy-module.js';
import { isMarkdownPath, markdownBlocks } from './formats/markdown.js';
import { parseToml } from './formats/toml.js';
import { parseYaml } from './formats/yaml.js';
import type { StructuredDocument, StructuredFormat, StructuredLeaf } from './types.js';

const jsonc = lazyModule<typeof JsoncParser>('jsonc-parser');

export type ParseOutcome = { doc: StructuredDocument } | { error: string };

const JSONC_NAMES = /(?:^|\/)(?:settings\.json|mcp\.json|\.mcp\.json|tsconfig[^/]*\.json|devcontainer\.json|\.vscode\/[^/]+\.json|[^/]+\.jsonc|[^/]+\.json5)$/i;

/** Which structured format a path holds, from its name alone. */
export function detectFormat(path: string): StructuredFormat | undefined {
  const p = path.replace(/\\/g, '/');
  if (JSONC_NAMES.test(p)) return 'jsonc';
  if (/\.json$/i.test(p)) return 'json';
  if (/\.ya?ml$/i.test(p)) return 'yaml';
  if (/\.toml$/i.test(p)) return 'toml';
  return undefined;
}

/**
 * Parsers by format. YAML and TOML live in formats/ (they import nothing from here, so loading this module
 * always registers them: every path into the engine sees all four formats).
 */
const parsers: Partial<Record<StructuredFormat, (text: string) => ParseOutcome>> = {
  json: parseJsonLike,
  jsonc: parseJsonLike,
  yaml: parseYaml,
  toml: parseToml,
};

export function registerParser(format: StructuredFormat, parser: (text: string) => ParseOutcome): void {
  parsers[format] = parser;
}

export function parseStructured(text: string, format: StructuredFormat): ParseOutcome {
  const parser = parsers[format];
  if (!parser) return { error: `no parser for ${format}` };
  try {
    return parser(text);
  } catch (e) {
    return { error: `could not parse ${format}: ${(e as Error).message}` };
  }
}

/**
 * JSON and JSONC share one tolerant parser: comments and trailing commas are what real host configs hold.
 * One visitor pass builds both the leaves and the value (several times faster than building a node tree
 * and walking it: parsing is the cost of every structured rule, and `key` opens most JSON files).
 */
function parseJsonLike(text: string): ParseOutcome {
  const leaves: StructuredLeaf[] = [];
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const keys: (string | number)[] = [];
  let property = '';
  let root: unknown;
  let errors = 0;
  const slot = (): string | number => {
    const top = containers[containers.length - 1];
    return Array.isArray(top) ? top.length : property;
  };
  const add = (value: unknown): void => {
    const top = containers[containers.length - 1];
    if (!top) root = value;
    else if (Array.isArray(top)) top.push(value);
    else top[property] = value;
  };
  const open = (value: Record<string, unknown> | unknown[]): void => {
    if (containers.length) keys.push(slot());
    add(value);
    containers.push(value);
  };
  const close = (): void => {
    containers.pop();
    if (containers.length) keys.pop();
  };
  jsonc().visit(
    text,
    {
      onObjectBegin: () => open({}),
      onObjectEnd: close,
      onArrayBegin: () => open([]),
      onArrayEnd: close,
      onObjectProperty: (name) => {
        property = name;
      },
      onLiteralValue: (value, offset, length) => {
        // Offsets point inside the quotes; escapes make raw length differ, the engine re-finds the secret.
        if (typeof value === 'string') leaves.push({ path: [...keys, slot()], value, start: offset + 1, end: offset + length - 1 });
        add(value);
      },
      onError: () => {
        errors++;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  if (errors && leaves.length === 0) return { error: 'not valid JSON' };
  if (root === undefined) return { error: 'not valid JSON' };
  return { doc: { format: 'json', leaves, root } };
}

/** A key that reads unambiguously after a dot; anything else (dots, slashes, spaces) is quoted. */
const PLAIN_KEY = /^[\w$@-]+$/;

/**
 * `mcpServers.github.env.GITHUB_TOKEN`, `servers.x.args[2]`; keys holding dots or slashes are quoted so the
 * path stays unambiguous: `projects["/home/dev/shop"].mcpServers.db`, `["amp.mcpServers"].linear.env.KEY`.
 */
export function formatKeyPath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (PLAIN_KEY.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** The leaf whose text holds `offset`, if any. */
export function leafAt(doc: StructuredDocument, offset: number): StructuredLeaf | undefined {
  // Leaves come in document order for every parser, so a binary search would do; configs are small.
  for (const leaf of doc.leaves) {
    if (leaf.start >= 0 && offset >= leaf.start && offset < Math.max(leaf.end, leaf.start + 1)) return leaf;
  }
  return undefined;
}

/** A region of a text that holds one structured document: the whole file, or a fenced block in Markdown. */
export interface StructuredView {
  format: StructuredFormat;
  start: number;
  end: number;
  /** True for blocks inside another file (a README fence): their parse errors are not worth a warning. */
  embedded: boolean;
}

/** The structured documents inside `text`: one for a config file, one per config fence in Markdown. */
export function structuredViews(text: string, path: string): StructuredView[] {
  const p = path.replace(/\\/g, '/');
  // Lockfiles hold no config worth a key path, and are the largest structured files in a tree; raw rules
  // still scan them.
  if (LOCKFILE.test(p)) return [];
  const format = detectFormat(p);
  if (format) return text.length <= MAX_PARSE[format] ? [{ format, start: 0, end: text.length, embedded: false }] : [];
  if (isMarkdownPath(p))
    return markdownBlocks(text)
      .filter((b) => b.end - b.start <= MAX_PARSE[b.format])
      .map((b) => ({ ...b, embedded: true }));
  return [];
}

/** Whether the whole file is one document (a config file, not a lockfile): a change anywhere may move its keys. */
export function isWholeDocument(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return !LOCKFILE.test(p) && detectFormat(p) !== undefined;
}

const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|composer\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|bun\.lock|uv\.lock|Gemfile\.lock|flake\.lock|deno\.lock)$/;

/**
 * Largest text parsed as a structure, by format (characters). YAML parses at well under 1 MB/s, so a large
 * OpenAPI spec would cost seconds for context alone; above the cap the file is scanned as plain text.
 */
const MAX_PARSE: Record<StructuredFormat, number> = { json: 8_000_000, jsonc: 8_000_000, yaml: 400_000, toml: 1_000_000 };

/** Moves a document parsed from a slice back to the offsets of the whole text. */
export function shiftDocument(doc: StructuredDocument, by: number): StructuredDocument {
  if (by === 0) return doc;
  return {
    ...doc,
    leaves: doc.leaves.map((l) => (l.start < 0 ? l : { ...l, start: l.start + by, end: l.end + by })),
  };
}

/** One document whose leaves are all of `docs`' leaves, for locating raw findings (context paths). */
export function mergeDocuments(docs: StructuredDocument[]): StructuredDocument | undefined {
  if (docs.length <= 1) return docs[0];
  return { format: docs[0].format, leaves: docs.flatMap((d) => d.leaves), root: docs.map((d) => d.root) };
}
