// JSON/JSONC edits through jsonc-parser `modify` + `applyEdits`: only the touched values change, comments and
// the file's own indentation stay.
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { Edit, EditOutcome } from './edit-types.js';

export function applyJsonEdits(text: string, edits: Edit[]): EditOutcome {
  const formattingOptions = detectFormatting(text);
  let out = text;
  for (const e of edits) {
    const changes = modify(out, e.path, e.op === 'delete' ? undefined : e.value, { formattingOptions });
    out = applyEdits(out, changes);
  }
  return { ok: true, text: out };
}

function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const insertSpaces = !indented.startsWith('\t');
  return { insertSpaces, tabSize: insertSpaces ? Math.min(indented.length, 8) || 2 : 1, eol };
}
