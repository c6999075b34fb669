// Fenced code blocks in Markdown that hold a config (```json, ```yaml, ```toml …), so a README snippet
// pasted with a real key is parsed like the config file it shows.
import type { StructuredFormat } from '../types.js';

export interface EmbeddedBlock {
  format: StructuredFormat;
  /** Offsets of the block's body (between the fence lines) in the Markdown text. */
  start: number;
  end: number;
}

const MARKDOWN_PATH = /\.(?:md|mdx|markdown|mdc)$/i;
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*$/gm;

const LANGUAGES: Record<string, StructuredFormat> = {
  json: 'jsonc',
  jsonc: 'jsonc',
  json5: 'jsonc',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
};

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_PATH.test(path);
}

/** Fenced blocks tagged json/jsonc/yaml/toml, plus untagged ones whose body starts with `{`. */
export function markdownBlocks(text: string): EmbeddedBlock[] {
  const out: EmbeddedBlock[] = [];
  FENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FENCE.exec(text)) !== null) {
    const fence = m[2];
    const lang = m[3].toLowerCase();
    const bodyStart = m.index + m[0].length + 1;
    // The closing fence: same character, at least as long, alone on its line.
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'gm');
    close.lastIndex = bodyStart;
    const c = close.exec(text);
    const bodyEnd = c ? c.index : text.length;
    FENCE.lastIndex = c ? c.index + c[0].length : text.length;
    if (bodyStart >= bodyEnd) continue;
    let format = LANGUAGES[lang];
    if (!format && lang === '' && /^\s*\{/.test(text.slice(bodyStart, bodyStart + 200))) format = 'jsonc';
    if (format) out.push({ format, start: bodyStart, end: bodyEnd });
  }
  return out;
}
