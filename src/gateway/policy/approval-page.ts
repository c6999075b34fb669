// HTML for the local approval page: what is asked (server, tool, why, arguments with secrets masked) and a
// CSRF-protected form with the three answers. No scripts; the page's CSP forbids them.

export interface PageRequest {
  id: string;
  server: string;
  tool: string;
  reason: string;
  /** Already masked, pretty-printed JSON. */
  argumentsJson: string;
  expiresInSeconds: number;
}

export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on the form post, which the
  // origin check must refuse. The link token never leaves the page either way.
  'Referrer-Policy': 'same-origin',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font:15px system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111}
pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap;word-break:break-all}
button{font-size:15px;padding:.5rem 1rem;margin-right:.5rem;cursor:pointer}.deny{background:#fdd}.ok{background:#dfd}
dt{font-weight:600}dd{margin:0 0 .5rem 0}`;

export function renderApprovalPage(req: PageRequest, csrf: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>keyward: approve ${escapeHtml(req.tool)}?</title>
<style>${STYLE}</style></head><body>
<h1>Approve a tool call?</h1>
<dl><dt>Server</dt><dd id="server">${escapeHtml(req.server)}</dd>
<dt>Tool</dt><dd id="tool">${escapeHtml(req.tool)}</dd>
<dt>Why you are asked</dt><dd id="reason">${escapeHtml(req.reason)}</dd></dl>
<p>Arguments (secrets masked):</p><pre id="arguments">${escapeHtml(req.argumentsJson)}</pre>
<p>No answer within ${req.expiresInSeconds} s means deny.</p>
<form method="post" action="/a/${encodeURIComponent(req.id)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<button class="ok" name="decision" value="once" id="approve-once">Approve once</button>
<button class="ok" name="decision" value="session" id="approve-session">Always for this session</button>
<button class="deny" name="decision" value="deny" id="deny">Deny</button>
</form></body></html>`;
}

export function renderMessagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>keyward: ${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1 id="result">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}
