// One-pass keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over bytes, ASCII
// case-insensitive. A many-way regex alternation makes V8 try every alternative at each position; this
// does one table load per character, on strings or on raw bytes (so files with no keyword are never decoded).

const ALPHABET = 128;

const NO_POSITIONS: (number[] | null | undefined)[] = [];

/** Keyword start offsets from KeywordAutomaton.locate. */
export interface KeywordPositions {
  positions: (number[] | null | undefined)[];
  /** Indexes of the keywords that occur (those with positions), ascending: most texts hold few of them. */
  present: number[];
  /** True when the offsets are valid in the text (a string, or bytes that were all ASCII). */
  ascii: boolean;
}
const WIDE = 256;
const HIT = -0x80000000;

/**
 * Bytes from which `locate` runs four lanes at once. Each step of the automaton waits on the load of the
 * step before; four independent lanes over four quarters of the input let the CPU overlap those loads
 * (with the hits logged: 360 -> 510 MB/s on real source). Below this the set-up costs more than it saves.
 */
const LANES_MIN_BYTES = 4096;

export class KeywordAutomaton {
  private constructor(
    readonly keywords: readonly string[],
    /** Row offset of the next state per (state, byte class); sign bit set when that state ends a keyword. */
    private readonly table: Int32Array,
    /** Byte → alphabet class (0: in no keyword). */
    private readonly classOf: Uint8Array,
    /** Classes per state row. */
    private readonly width: number,
    /** Length of the longest keyword. */
    private readonly longest: number,
    /** Keywords ending at state s (through failure links too): outputKeyword[outputStart[s] .. outputStart[s + 1]). */
    private readonly outputStart: Int32Array,
    private readonly outputKeyword: Int32Array,
    private readonly keywordLength: Int32Array,
  ) {
    this.counts = new Uint32Array(keywords.length);
  }

  /** Scratch hit counts for `locate` (see KeywordHits); an automaton belongs to one thread. */
  private readonly counts: Uint32Array;

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
    const outputStart = new Int32Array(states + 1);
    for (let st = 0; st < states; st++) outputStart[st + 1] = outputStart[st] + outputs[st].length;
    const outputKeyword = Int32Array.from(outputs.flat());
    const longest = Math.max(...keywords.map((k) => k.length));
    const keywordLength = Int32Array.from(keywords, (k) => k.length);
    return new KeywordAutomaton(keywords, table, classOf, width, longest, outputStart, outputKeyword, keywordLength);
  }

  /**
   * Where each keyword starts: per keyword index, its start offsets (up to `cap` of them; `null` once there
   * are more, meaning "everywhere"), undefined for keywords that do not occur. On bytes, `ascii` says whether
   * every byte was ASCII, i.e. whether the offsets are also those of the decoded string.
   */
  locate(input: string | Uint8Array, cap: number): KeywordPositions {
    const hits = new KeywordHits(this.keywordLength, this.outputStart, this.outputKeyword, cap, this.counts);
    if (typeof input !== 'string' && input.length >= LANES_MIN_BYTES) return this.locateInLanes(input, hits);
    const { table, classOf, width } = this;
    const log: number[] = [];
    let row = 0;
    let high = 0;
    if (typeof input === 'string') {
      for (let i = 0, n = input.length; i < n; i++) {
        const c = input.charCodeAt(i);
        const t = table[row + (c < WIDE ? classOf[c] : 0)];
        row = t & 0x7fffffff;
        if (t < 0) hits.record(log, row / width, i, Infinity);
      }
      return hits.result([log], true);
    }
    for (let i = 0, n = input.length; i < n; i++) {
      const b = input[i];
      high |= b;
      const t = table[row + classOf[b]];
      row = t & 0x7fffffff;
      if (t < 0) hits.record(log, row / width, i, Infinity);
    }
    return hits.result([log], high < 0x80);
  }

  /**
   * `locate` over four quarters of the bytes at once. A lane starts in the root state at its quarter's
   * start, so it finds exactly the keywords starting there or later; each lane but the last then reads on
   * past its quarter's end, far enough to finish the keywords that started inside it, and keeps only those.
   */
  private locateInLanes(bytes: Uint8Array, hits: KeywordHits): KeywordPositions {
    const { table, classOf, width } = this;
    const n = bytes.length;
    const q = n >> 2;
    const l0: number[] = [];
    const l1: number[] = [];
    const l2: number[] = [];
    const l3: number[] = [];
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let high = 0;
    for (let i = 0; i < q; i++) {
      const b0 = bytes[i];
      const b1 = bytes[i + q];
      const b2 = bytes[i + 2 * q];
      const b3 = bytes[i + 3 * q];
      high |= b0 | b1 | b2 | b3;
      const t0 = table[r0 + classOf[b0]];
      const t1 = table[r1 + classOf[b1]];
      const t2 = table[r2 + classOf[b2]];
      const t3 = table[r3 + classOf[b3]];
      r0 = t0 & 0x7fffffff;
      r1 = t1 & 0x7fffffff;
      r2 = t2 & 0x7fffffff;
      r3 = t3 & 0x7fffffff;
      if ((t0 | t1 | t2 | t3) < 0) {
        if (t0 < 0) hits.record(l0, r0 / width, i, Infinity);
        if (t1 < 0) hits.record(l1, r1 / width, i + q, Infinity);
        if (t2 < 0) hits.record(l2, r2 / width, i + 2 * q, Infinity);
        if (t3 < 0) hits.record(l3, r3 / width, i + 3 * q, Infinity);
      }
    }
    // The last lane runs to the end (it alone reads the bytes past 4q); the others finish their keywords.
    for (let i = 4 * q; i < n; i++) high |= bytes[i];
    this.finishLane(bytes, 4 * q, n, r3, hits, l3, Infinity);
    this.finishLane(bytes, q, Math.min(n, q + this.longest - 1), r0, hits, l0, q);
    this.finishLane(bytes, 2 * q, Math.min(n, 2 * q + this.longest - 1), r1, hits, l1, 2 * q);
    this.finishLane(bytes, 3 * q, Math.min(n, 3 * q + this.longest - 1), r2, hits, l2, 3 * q);
    return hits.result([l0, l1, l2, l3], high < 0x80);
  }

  /**
   * Runs one lane over [from, to) from `row`, keeping keywords that start before `before`. Apart from
   * the four-lane loop: these few bytes would leave it without type feedback, and V8 deoptimises it each time.
   */
  private finishLane(bytes: Uint8Array, from: number, to: number, row: number, hits: KeywordHits, log: number[], before: number): void {
    const { table, classOf, width } = this;
    for (let i = from; i < to && (row !== 0 || before === Infinity); i++) {
      const t = table[row + classOf[bytes[i]]];
      row = t & 0x7fffffff;
      if (t < 0) hits.record(log, row / width, i, before);
    }
  }
}

/**
 * Keyword offsets being found by one `locate`: each lane logs (keyword, start) pairs in the order it meets
 * them, and one count per keyword, shared by the lanes, says when a keyword is past the cap ("everywhere").
 * Common keywords ("key", "://") end thousands of times in a file: past the cap a hit costs one compare.
 */
class KeywordHits {
  private readonly touched: number[] = [];

  constructor(
    private readonly keywordLength: Int32Array,
    private readonly outputStart: Int32Array,
    private readonly outputKeyword: Int32Array,
    private readonly cap: number,
    /** All zero; `result` leaves it so again, so one array serves every `locate` of an automaton. */
    private readonly counts: Uint32Array,
  ) {}

  /** Logs the keywords ending at `end` in `state`; with `before`, only those starting before it. */
  record(log: number[], state: number, end: number, before: number): void {
    const { counts, cap } = this;
    for (let o = this.outputStart[state], last = this.outputStart[state + 1]; o < last; o++) {
      const k = this.outputKeyword[o];
      const c = counts[k];
      if (c > cap) continue;
      const start = end + 1 - this.keywordLength[k];
      if (start >= before) continue;
      if (c === 0) this.touched.push(k);
      counts[k] = c + 1;
      if (c < cap) log.push(k, start);
    }
  }

  /** Per keyword its offsets (logs in input order), null past the cap, undefined when absent. */
  result(logs: readonly number[][], ascii: boolean): KeywordPositions {
    const { touched, counts } = this;
    if (!touched.length) return { positions: NO_POSITIONS, present: [], ascii };
    const positions: (number[] | null | undefined)[] = new Array(counts.length);
    for (const k of touched) {
      positions[k] = counts[k] > this.cap ? null : [];
      counts[k] = 0;
    }
    for (const log of logs) {
      for (let i = 0; i < log.length; i += 2) positions[log[i]]?.push(log[i + 1]);
    }
    return { positions, present: touched.sort((a, b) => a - b), ascii };
  }
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The automaton's answer without the automaton, for the few small texts of a pre-commit run: building the
 * automaton for some 800 keywords costs tens of milliseconds, which such a run never earns back. Keywords
 * are found through their first two characters: at each position one table load names the few keywords
 * starting with that pair, each then compared in full (about 17 MB/s of source text before the JIT has
 * warmed up, where one `indexOf` sweep per keyword managed 3). Same positions, same cap, same `ascii` flag.
 */
export function locateBySearch(keywords: readonly string[], input: string | Uint8Array, cap: number): KeywordPositions {
  let index = pairIndexes.get(keywords);
  if (!index) pairIndexes.set(keywords, (index = pairIndex(keywords)));
  // A one-character keyword (a user rule's) has no pair: the automaton answers instead.
  if (!index.first) return (index.automaton ??= KeywordAutomaton.build(keywords)!).locate(input, cap);
  const { first, next, lowered } = index;
  const codes = typeof input === 'string' ? input : undefined;
  const bytes = typeof input === 'string' ? undefined : input;
  const code = (i: number) => (codes !== undefined ? codes.charCodeAt(i) : bytes![i]);
  let positions: (number[] | null | undefined)[] = NO_POSITIONS;
  const present: number[] = [];
  let high = 0;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c0 = code(i);
    high |= c0;
    if (i + 1 >= n) break;
    const c1 = code(i + 1);
    if (c0 >= 0x80 || c1 >= 0x80) continue;
    for (let k = first[(lower(c0) << 7) | lower(c1)]; k >= 0; k = next[k]) {
      const keyword = lowered[k];
      let j = 2;
      while (j < keyword.length && i + j < n && lower(code(i + j)) === keyword.charCodeAt(j)) j++;
      if (j < keyword.length) continue;
      if (positions === NO_POSITIONS) positions = new Array(keywords.length);
      const list = positions[k];
      if (list === null) continue;
      if (list === undefined) {
        positions[k] = [i];
        present.push(k);
      } else if (list.length >= cap) positions[k] = null;
      else list.push(i);
    }
  }
  return { positions, present: present.sort((a, b) => a - b), ascii: codes !== undefined || high < 0x80 };
}

/** Per pair of leading characters (7 bits each), the first keyword starting so; then each keyword's next. */
interface PairIndex {
  first?: Int32Array;
  next: Int32Array;
  lowered: string[];
  automaton?: KeywordAutomaton;
}

const pairIndexes = new WeakMap<readonly string[], PairIndex>();

/** Over ASCII keywords (as the automaton; upper and lower case alike); `first` unset when one is too short. */
function pairIndex(keywords: readonly string[]): PairIndex {
  const lowered = keywords.map((k) => k.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
  const next = new Int32Array(keywords.length).fill(-1);
  if (lowered.some((k) => k.length < 2)) return { next, lowered };
  const first = new Int32Array(1 << 14).fill(-1);
  for (let k = keywords.length - 1; k >= 0; k--) {
    const pair = (lowered[k].charCodeAt(0) << 7) | lowered[k].charCodeAt(1);
    next[k] = first[pair];
    first[pair] = k;
  }
  return { first, next, lowered };
}
