// The shapes edits.ts and the format editors share: a logical edit on a key path, and what an editor returns.
// A leaf module, so the editors depend on it rather than on edits.ts (which picks among them).
export type KeyPath = (string | number)[];
export type Edit = { op: 'set'; path: KeyPath; value: unknown } | { op: 'delete'; path: KeyPath };
export type EditOutcome = { ok: true; text: string } | { ok: false; error: string };

/** Applies edits to one format's text, keeping everything else as it was. May throw; edits.ts turns that into an outcome. */
export type FormatEditor = (text: string, edits: Edit[]) => EditOutcome;
