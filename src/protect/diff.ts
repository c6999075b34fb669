// A unified diff of a config before and after protect, for the user to approve. Secrets in it are masked
// with the one redact() every surface uses: the diff is shown on a terminal and may be pasted anywhere.
import { redact } from '../engine/redact.js';

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(path: string, before: string, after: string, secrets: string[], context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // Edits are local: strip the common head and tail, then LCS on the middle only.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: Op[] = [
    ...a.slice(0, head).map((line): Op => ({ kind: ' ', line })),
    ...lcsOps(midA, midB),
    ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })),
  ];
  if (!ops.some((o) => o.kind !== ' ')) return '';

  const mask = (s: string): string => {
    let out = s;
    for (const secret of [...secrets].sort((x, y) => y.length - x.length)) if (secret) out = out.split(secret).join(redact(secret));
    return out;
  };
  const lines = [`--- ${path}`, `+++ ${path} (protected)`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // One hunk: from `context` lines before this change to `context` lines after the last change near it.
    const start = Math.max(0, i - context);
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (ops[j].kind !== ' ') end = j;
      else if (j - end > context * 2) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const chunk = ops.slice(start, stop);
    const oldStart = ops.slice(0, start).filter((o) => o.kind !== '+').length + 1;
    const newStart = ops.slice(0, start).filter((o) => o.kind !== '-').length + 1;
    const oldLen = chunk.filter((o) => o.kind !== '+').length;
    const newLen = chunk.filter((o) => o.kind !== '-').length;
    lines.push(`@@ -${oldStart},${oldLen} +${newStart},${newLen} @@`);
    for (const o of chunk) lines.push(`${o.kind}${mask(o.line)}`);
    i = stop;
  }
  return `${lines.join('\n')}\n`;
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = a[i] === b[j] ? table[at(i + 1, j + 1)] + 1 : Math.max(table[at(i + 1, j)], table[at(i, j + 1)]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (table[at(i + 1, j)] >= table[at(i, j + 1)]) ops.push({ kind: '-', line: a[i++] });
    else ops.push({ kind: '+', line: b[j++] });
  }
  while (i < n) ops.push({ kind: '-', line: a[i++] });
  while (j < m) ops.push({ kind: '+', line: b[j++] });
  return ops;
}
