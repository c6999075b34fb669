// YAML edits through the `yaml` Document API, which keeps comments, key order and scalar styles of every node
// it does not touch.
import { parseDocument } from 'yaml';
import type { Edit, EditOutcome } from './edit-types.js';

export function applyYamlEdits(text: string, edits: Edit[]): EditOutcome {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) throw new Error(doc.errors[0].message.split('\n')[0]);
  for (const e of edits) {
    if (e.op === 'delete') doc.deleteIn(e.path);
    else doc.setIn(e.path, doc.createNode(e.value));
  }
  // lineWidth 0: never fold long lines (a launcher path must not be re-wrapped). Flow collections keep the
  // file's own inner padding (`[a]` vs `[ a ]`), which the library would otherwise normalise everywhere.
  const padded = /[[{] [^\s\]}]/.test(text);
  return { ok: true, text: doc.toString({ lineWidth: 0, flowCollectionPadding: padded }) };
}
