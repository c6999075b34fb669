// Tool results are shown to people in terminals and read by models: terminal escape sequences (colours, cursor
// moves, OSC 8 links, title changes) and invisible control or bidi-override characters can hide or rewrite what
// is displayed. They are stripped from text content; newlines and tabs stay.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC strings, then any other two-byte ESC sequence.
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]?/g;
// C0 except \t \n (a lone \r can overwrite a line on a terminal), DEL, C1, bidi overrides and isolates.
const CONTROLS = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripControls(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** Sanitises text content items (and embedded text resources) of a tools/call result; returns a copy. */
export function sanitizeToolResult(result: Record<string, unknown>): { result: Record<string, unknown>; stripped: number } {
  let stripped = 0;
  const clean = (s: string): string => {
    const out = stripControls(s);
    stripped += s.length - out.length;
    return out;
  };
  const content = Array.isArray(result.content)
    ? (result.content as unknown[]).map((item) => {
        if (!item || typeof item !== 'object') return item;
        const c = item as Record<string, unknown>;
        if (c.type === 'text' && typeof c.text === 'string') return { ...c, text: clean(c.text) };
        const res = c.resource as Record<string, unknown> | undefined;
        if (c.type === 'resource' && res && typeof res.text === 'string') return { ...c, resource: { ...res, text: clean(res.text) } };
        return item;
      })
    : result.content;
  const structured = result.structuredContent === undefined ? undefined : cleanStrings(result.structuredContent, clean, 0);
  const out: Record<string, unknown> = { ...result, content };
  if (result.content === undefined) delete out.content;
  if (structured !== undefined) out.structuredContent = structured;
  return { result: out, stripped };
}

function cleanStrings(v: unknown, clean: (s: string) => string, depth: number): unknown {
  if (depth > 100) return v;
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return v.map((x) => cleanStrings(x, clean, depth + 1));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleanStrings(x, clean, depth + 1)]));
  }
  return v;
}
