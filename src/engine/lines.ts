// Offset → 1-based line/column, built lazily because most texts have no finding.

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private build(): number[] {
    const starts = [0];
    let i = this.text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = this.text.indexOf('\n', i + 1);
    }
    return starts;
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= this.build());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** Text of the line holding `offset`, without its newline. */
  lineText(offset: number): string {
    const start = this.text.lastIndexOf('\n', offset - 1) + 1;
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    return this.text.slice(start, end);
  }
}
