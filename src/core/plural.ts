// Counted nouns for human output (`1 file`, `2 files`): every surface prints counts, and each hand-rolled
// `s` was a chance to print `1 symlinks`.

export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
