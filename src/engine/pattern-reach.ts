// How far a regex can reach, from its source: the longest text a match can span, and how many characters
// its lookbehinds and lookaheads can read before and after it, so a rule can run in windows around its
// keywords instead of over the whole text (see scan-text.ts). An open repetition (`*`, `+`, `{n,}`) counts
// as `openRepeat` repetitions; the caller catches a match that runs into the end of its window and rescans.

export interface PatternReach {
  /** Longest match, in UTF-16 code units. */
  length: number;
  /** Characters a lookbehind (or `\b`) may read before the match start. */
  behind: number;
  /** Characters a lookahead (or `\b`) may read after the match end. */
  ahead: number;
}

/** Undefined when the source is beyond this parser. */
export function patternReach(re: RegExp, openRepeat = 256): PatternReach | undefined {
  try {
    const parser = new ReachParser(re.source, re.flags.includes('u') || re.flags.includes('v'), openRepeat);
    const r = parser.parseAlternation();
    if (parser.pos !== re.source.length || !Number.isFinite(r.length) || !Number.isFinite(r.look)) return undefined;
    // Lookarounds nest inside the match, so each may read its whole length past either end of it.
    return { length: r.length, behind: r.look + 1, ahead: r.look + 1 };
  } catch {
    return undefined;
  }
}

interface Span {
  /** Longest text consumed. */
  length: number;
  /** Sum of the longest lookaround contents inside (a generous bound on how far they read). */
  look: number;
}

class ReachParser {
  pos = 0;
  private readonly groupLengths: number[] = [];
  private readonly namedGroups = new Map<string, number>();
  private groupCount = 0;

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
    private readonly openRepeat: number,
  ) {}

  parseAlternation(): Span {
    let best: Span = this.parseSequence();
    while (this.src[this.pos] === '|') {
      this.pos++;
      const next = this.parseSequence();
      best = { length: Math.max(best.length, next.length), look: Math.max(best.look, next.look) };
    }
    return best;
  }

  private parseSequence(): Span {
    let length = 0;
    let look = 0;
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.parseAtom();
      const max = this.parseQuantifier();
      if (atom.length) length += atom.length * max;
      if (atom.look) look += atom.look * max;
    }
    return { length, look };
  }

  /** The most repetitions the quantifier after an atom allows (1 without one). */
  private parseQuantifier(): number {
    const c = this.src[this.pos];
    let max: number;
    if (c === '?') max = 1;
    else if (c === '*' || c === '+') max = this.openRepeat;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return 1; // a literal brace
      max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Math.max(this.openRepeat, Number(m[1])) : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return 1;
    this.pos++;
    if (this.src[this.pos] === '?') this.pos++; // lazy
    return max;
  }

  private parseAtom(): Span {
    const src = this.src;
    const c = src[this.pos];
    const char = this.unicode ? 2 : 1;
    if (c === '(') {
      this.pos++;
      let kind: 'capture' | 'plain' | 'look' = 'capture';
      let name: string | undefined;
      if (src.startsWith('?:', this.pos)) {
        kind = 'plain';
        this.pos += 2;
      } else if (src.startsWith('?=', this.pos) || src.startsWith('?!', this.pos)) {
        kind = 'look';
        this.pos += 2;
      } else if (src.startsWith('?<=', this.pos) || src.startsWith('?<!', this.pos)) {
        kind = 'look';
        this.pos += 3;
      } else if (src.startsWith('?<', this.pos)) {
        const end = src.indexOf('>', this.pos);
        name = src.slice(this.pos + 2, end);
        this.pos = end + 1;
      } else if (src[this.pos] === '?') {
        throw new Error('unknown group');
      }
      const index = kind === 'capture' ? ++this.groupCount : 0;
      const inner = this.parseAlternation();
      if (src[this.pos] !== ')') throw new Error('unclosed group');
      this.pos++;
      if (kind === 'look') return { length: 0, look: inner.length + inner.look };
      if (kind === 'capture') {
        this.groupLengths[index] = inner.length;
        if (name) this.namedGroups.set(name, index);
      }
      return inner;
    }
    if (c === '[') {
      this.pos++;
      if (src[this.pos] === '^') this.pos++;
      if (src[this.pos] === ']') this.pos++;
      while (this.pos < src.length && src[this.pos] !== ']') this.pos += src[this.pos] === '\\' ? 2 : 1;
      if (src[this.pos] !== ']') throw new Error('unclosed class');
      this.pos++;
      return { length: char, look: 0 };
    }
    if (c === '\\') {
      const e = src[this.pos + 1];
      this.pos += 2;
      if (e === 'b' || e === 'B') return { length: 0, look: 1 };
      if (e === 'k') {
        const end = src.indexOf('>', this.pos);
        const name = src.slice(this.pos + 1, end);
        this.pos = end + 1;
        const index = this.namedGroups.get(name);
        if (index === undefined) throw new Error('forward reference');
        return { length: this.groupLengths[index] ?? Infinity, look: 0 };
      }
      if (e >= '1' && e <= '9') {
        const m = /^\d*/.exec(src.slice(this.pos))!;
        this.pos += m[0].length;
        return { length: this.groupLengths[Number(e + m[0])] ?? Infinity, look: 0 };
      }
      if (e === 'x') this.pos += 2;
      else if (e === 'u') this.pos += src[this.pos] === '{' ? src.indexOf('}', this.pos) - this.pos + 1 : 4;
      else if (e === 'c') this.pos += 1;
      else if (e === 'p' || e === 'P') this.pos = src.indexOf('}', this.pos) + 1;
      return { length: char, look: 0 };
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return { length: 0, look: 1 };
    }
    this.pos++;
    return { length: c === '.' ? char : 1, look: 0 };
  }
}
