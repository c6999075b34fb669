// Logical edits between an old and a new server object, applied to the config text by a format-specific
// editor that keeps everything else (comments, order, spacing) as it was. After editing, the text is parsed
// again and must equal the intended document, or the file is left alone.
import { isDeepStrictEqual } from 'node:util';
import type { ConfigFormat } from '../hosts/types.js';
import { parseConfigText } from '../hosts/load.js';
import { applyJsonEdits } from './edit-json.js';
import { applyYamlEdits } from './edit-yaml.js';
import { applyTomlEdits } from './edit-toml.js';
import type { Edit, EditOutcome, FormatEditor, KeyPath } from './edit-types.js';

export type { Edit, EditOutcome, KeyPath };

const EDITORS: Record<ConfigFormat, FormatEditor> = {
  json: applyJsonEdits,
  jsonc: applyJsonEdits,
  yaml: applyYamlEdits,
  toml: applyTomlEdits,
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Smallest edits turning `before` into `after`: objects are compared key by key, anything else replaced whole. */
export function diffValues(path: KeyPath, before: unknown, after: unknown): Edit[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const edits: Edit[] = [];
    for (const k of Object.keys(before)) if (!(k in after)) edits.push({ op: 'delete', path: [...path, k] });
    for (const k of Object.keys(after)) {
      if (k in before) edits.push(...diffValues([...path, k], before[k], after[k]));
      else edits.push({ op: 'set', path: [...path, k], value: after[k] });
    }
    return edits;
  }
  return [{ op: 'set', path, value: after }];
}

/** Applies edits to a parsed value (the expected result the edited text must parse to). */
export function applyToValue(root: unknown, edits: Edit[]): unknown {
  const out = structuredClone(root);
  for (const e of edits) {
    const parent = e.path.slice(0, -1).reduce<unknown>((cur, k) => (cur as Record<string | number, unknown>)[k], out) as Record<string | number, unknown>;
    const last = e.path[e.path.length - 1];
    if (e.op === 'delete') delete parent[last];
    else parent[last] = structuredClone(e.value);
  }
  return out;
}

export function applyEdits(text: string, format: ConfigFormat, root: unknown, edits: Edit[]): EditOutcome {
  let edited: EditOutcome;
  try {
    edited = EDITORS[format](text, edits);
  } catch (e) {
    return { ok: false, error: `could not edit the ${format.toUpperCase()} text: ${(e as Error).message}` };
  }
  if (!edited.ok) return edited;
  const reparsed = parseConfigText(edited.text, format);
  if (!reparsed.ok) return { ok: false, error: `the edited file would not parse (${reparsed.error}); left unchanged` };
  if (!isDeepStrictEqual(normalise(reparsed.root), normalise(applyToValue(root, edits)))) {
    return { ok: false, error: 'the edited file would not hold what was intended; left unchanged' };
  }
  return edited;
}

/** TOML dates and YAML/JSON round trips differ in object prototypes only; compare plain data. */
function normalise(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null));
}
