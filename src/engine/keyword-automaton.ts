// One-pass keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over bytes, ASCII
// case-insensitive. A many-way regex alternation makes V8 try every alternative at each position; this
// does one table load per character, on strings or on raw bytes (so files with no keyword are never decoded).

const ALPHABET = 128;

const NO_POSITIONS: (number[] | null | undefined)[] = [];

/** Keyword start offsets from KeywordAutomaton.locate. */
export interface KeywordPositions {
  positions: (number[] | null | undefined)[];
  /** True when the offsets are valid in the text (a string, or bytes that were all ASCII). */
  ascii: boolean;
}
const WIDE = 256;
const HIT = -0x80000000;

export class KeywordAutomaton {
  private constructor(
    readonly keywords: readonly string[],
    /** Row offset of the next state per (state, byte class); sign bit set when that state ends a keyword. */
    private readonly table: Int32Array,
    /** Keyword indexes ending at each state (including through failure links). */
    private readonly outputs: readonly number[][],
    /** Byte → alphabet class (0: in no keyword). */
    private readonly classOf: Uint8Array,
    /** Classes per state row. */
    private readonly width: number,
  ) {}

  /** Undefined when a keyword is not ASCII: callers fall back to a regex. */
  static build(keywords: readonly string[]): KeywordAutomaton | undefined {
    if (keywords.some((k) => k.length === 0 || !/^[\x00-\x7f]+$/.test(k))) return undefined;
    // Trie with a dense transition table, then completed into a DFA along failure links (BFS order).
    let delta = new Int32Array(ALPHABET * 64).fill(-1);
    const outputs: number[][] = [[]];
    let states = 1;
    keywords.forEach((keyword, k) => {
      let s = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = lower(keyword.charCodeAt(i));
        if (delta[s * ALPHABET + c] < 0) {
          if ((states + 1) * ALPHABET > delta.length) {
            const grown = new Int32Array(delta.length * 2).fill(-1);
            grown.set(delta);
            delta = grown;
          }
          delta[s * ALPHABET + c] = states++;
          outputs.push([]);
        }
        s = delta[s * ALPHABET + c];
      }
      outputs[s].push(k);
    });
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const t = delta[c];
      if (t < 0) delta[c] = 0;
      else queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      if (outputs[fail[s]].length) outputs[s] = [...outputs[s], ...outputs[fail[s]]];
      for (let c = 0; c < ALPHABET; c++) {
        const t = delta[s * ALPHABET + c];
        if (t < 0) delta[s * ALPHABET + c] = delta[fail[s] * ALPHABET + c];
        else {
          fail[t] = delta[fail[s] * ALPHABET + c];
          queue.push(t);
        }
      }
    }
    // Compress the alphabet: every byte that occurs in no keyword (and every non-ASCII byte) is one class, each
    // keyword character (upper and lower case together) its own. The table shrinks ~5×, enough to stay in cache.
    const classOf = new Uint8Array(WIDE);
    const representative = [0];
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i++) {
        const c = lower(keyword.charCodeAt(i));
        if (classOf[c] === 0) {
          classOf[c] = representative.length;
          representative.push(c);
        }
      }
    }
    for (let b = 65; b <= 90; b++) classOf[b] = classOf[b + 32];
    const width = representative.length;
    // Class 0 stands for bytes in no keyword: from any state they lead where delta leads for such a byte (NUL,
    // never in a keyword, is one of them).
    representative[0] = 0;
    const table = new Int32Array(states * width);
    for (let st = 0; st < states; st++) {
      for (let k = 0; k < width; k++) {
        const next = delta[st * ALPHABET + representative[k]];
        table[st * width + k] = (next * width) | (outputs[next].length ? HIT : 0);
      }
    }
    return new KeywordAutomaton(keywords, table, outputs, classOf, width);
  }

  /** Indexes of the distinct keywords occurring in `bytes`. */
  scanBytes(bytes: Uint8Array, stopAtFirst = false): number[] {
    const { table, classOf, width } = this;
    const hits = new Hits(this);
    let row = 0;
    for (let i = 0, n = bytes.length; i < n; i++) {
      const t = table[row + classOf[bytes[i]]];
      row = t & 0x7fffffff;
      if (t < 0 && hits.enter(row / width) && stopAtFirst) break;
    }
    return hits.found;
  }

  /** Same as scanBytes, on a string (characters above 255 reset the match like non-ASCII bytes). */
  scanString(text: string, stopAtFirst = false): number[] {
    const { table, classOf, width } = this;
    const hits = new Hits(this);
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      const t = table[row + (c < WIDE ? classOf[c] : 0)];
      row = t & 0x7fffffff;
      if (t < 0 && hits.enter(row / width) && stopAtFirst) break;
    }
    return hits.found;
  }

  /**
   * Where each keyword starts: per keyword index, its start offsets (up to `cap` of them; `null` once there
   * are more, meaning "everywhere"), undefined for keywords that do not occur. On bytes, `ascii` says whether
   * every byte was ASCII, i.e. whether the offsets are also those of the decoded string.
   */
  locate(input: string | Uint8Array, cap: number): KeywordPositions {
    const { table, classOf, width, outputs, keywords } = this;
    // Allocated on the first hit: most short strings (gateway traffic) have none.
    let positions: (number[] | null | undefined)[] = NO_POSITIONS;
    const record = (state: number, end: number) => {
      if (positions === NO_POSITIONS) positions = new Array(keywords.length);
      for (const k of outputs[state]) {
        const list = positions[k];
        if (list === null) continue;
        if (list === undefined) positions[k] = [end + 1 - keywords[k].length];
        else if (list.length >= cap) positions[k] = null;
        else list.push(end + 1 - keywords[k].length);
      }
    };
    let row = 0;
    let high = 0;
    if (typeof input === 'string') {
      for (let i = 0, n = input.length; i < n; i++) {
        const c = input.charCodeAt(i);
        const t = table[row + (c < WIDE ? classOf[c] : 0)];
        row = t & 0x7fffffff;
        if (t < 0) record(row / width, i);
      }
      return { positions, ascii: true };
    }
    for (let i = 0, n = input.length; i < n; i++) {
      const b = input[i];
      high |= b;
      const t = table[row + classOf[b]];
      row = t & 0x7fffffff;
      if (t < 0) record(row / width, i);
    }
    return { positions, ascii: high < 0x80 };
  }

  /** @internal */
  outputsOf(state: number): readonly number[] {
    return this.outputs[state];
  }

  /** @internal */
  get stateCount(): number {
    return this.outputs.length;
  }
}

/**
 * Keywords found in one scan. Common keywords ("key", "://") end thousands of times in a file; a state's
 * outputs are recorded on its first visit only, so repeats cost one byte load.
 */
class Hits {
  readonly found: number[] = [];
  // Allocated on the first hit: most short strings (gateway traffic) have none.
  private visited: Uint8Array | undefined;
  private seen: Uint8Array | undefined;

  constructor(private readonly automaton: KeywordAutomaton) {}

  /** Records the keywords ending at `state`; true when this visit found a new one. */
  enter(state: number): boolean {
    const visited = (this.visited ??= new Uint8Array(this.automaton.stateCount));
    const seen = (this.seen ??= new Uint8Array(this.automaton.keywords.length));
    if (visited[state]) return false;
    visited[state] = 1;
    let fresh = false;
    for (const k of this.automaton.outputsOf(state)) {
      if (seen[k]) continue;
      seen[k] = 1;
      this.found.push(k);
      fresh = true;
    }
    return fresh;
  }
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The automaton's answer without the automaton: one `indexOf` sweep per keyword. Building the automaton
 * for some 800 keywords costs tens of milliseconds, which a pre-commit run over a few small files never
 * earns back; this costs about 0.1 ms per kilobyte. Same positions, same cap, same `ascii` flag.
 */
export function locateBySearch(keywords: readonly string[], input: string | Uint8Array, cap: number): KeywordPositions {
  // latin1 keeps one character per byte, so offsets stay byte offsets; lowering A-Z only keeps lengths.
  const raw = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  const text = raw.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  let positions: (number[] | null | undefined)[] = NO_POSITIONS;
  for (let k = 0; k < keywords.length; k++) {
    let at = text.indexOf(keywords[k]);
    if (at < 0) continue;
    if (positions === NO_POSITIONS) positions = new Array(keywords.length);
    const list: number[] = [];
    while (at >= 0 && list.length <= cap) {
      list.push(at);
      at = text.indexOf(keywords[k], at + 1);
    }
    positions[k] = list.length > cap ? null : list;
  }
  return { positions, ascii: typeof input === 'string' || !/[\x80-\xff]/.test(raw) };
}
