// The scanner's prefilter: one Aho-Corasick pass over the raw bytes finds every rule keyword (ASCII,
// case-insensitive) without decoding the file or running a many-way regex alternation, which V8 tries
// alternative by alternative at each position. Files with no keyword never get decoded.
import type { CompiledRule, RuleSet } from '../engine/ruleset.js';

const ALPHABET = 128;

export interface KeywordIndex {
  /** Candidate rules for these bytes, and whether a structured rule's keyword occurred. */
  scan(bytes: Uint8Array): { rules: CompiledRule[]; structured: boolean };
}

/** Builds the automaton; returns undefined when a keyword is not ASCII (callers fall back to the regex). */
export function buildKeywordIndex(set: RuleSet): KeywordIndex | undefined {
  const structuredKeywords = new Set(set.structuredRules.flatMap((r) => r.keywords));
  const keywords = [...new Set([...set.byKeyword.keys(), ...structuredKeywords])];
  if (keywords.some((k) => !/^[\x00-\x7f]+$/.test(k))) return undefined;

  // Trie with a dense transition table, later completed into a DFA using failure links.
  let delta = new Int32Array(ALPHABET * 64).fill(-1);
  const outputs: number[][] = [[]];
  let states = 1;
  for (let k = 0; k < keywords.length; k++) {
    let s = 0;
    for (const ch of keywords[k]) {
      const c = ch.charCodeAt(0);
      if (delta[s * ALPHABET + c] < 0) {
        if ((states + 1) * ALPHABET > delta.length) {
          const grown = new Int32Array(delta.length * 2).fill(-1);
          grown.set(delta);
          delta = grown;
        }
        delta[s * ALPHABET + c] = states;
        outputs.push([]);
        states++;
      }
      s = delta[s * ALPHABET + c];
    }
    outputs[s].push(k);
  }
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const t = delta[c];
    if (t < 0) delta[c] = 0;
    else {
      fail[t] = 0;
      queue.push(t);
    }
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
  // Final table over byte classes: every byte that occurs in some keyword (upper case folded onto lower)
  // gets its own class, all others share class 0, which always leads back to the root. With ~50 classes the
  // table stays small enough for the CPU caches. Entries are the next state's row offset, with the sign bit
  // set when that state ends a keyword, so the hot loop is two loads, an add and a sign test per byte.
  const classOf = new Uint8Array(256);
  const classChar: number[] = [-1];
  for (const k of keywords) {
    for (const ch of k) {
      const c = ch.charCodeAt(0);
      if (classOf[c] === 0) {
        classOf[c] = classChar.length;
        classChar.push(c);
      }
    }
  }
  for (let b = 65; b <= 90; b++) if (classOf[b + 32]) classOf[b] = classOf[b + 32];
  const width = classChar.length;
  const HIT = -0x80000000;
  const table = new Int32Array(states * width);
  for (let st = 0; st < states; st++) {
    for (let k = 0; k < width; k++) {
      const next = k === 0 ? 0 : delta[st * ALPHABET + classChar[k]];
      table[st * width + k] = (next * width) | (outputs[next].length ? HIT : 0);
    }
  }
  const rulesOf = keywords.map((k) => set.byKeyword.get(k) ?? []);
  const isStructured = keywords.map((k) => structuredKeywords.has(k));

  return {
    scan(bytes) {
      const seen = new Uint8Array(keywords.length);
      let structured = false;
      const found = new Set<CompiledRule>(set.alwaysOn);
      let row = 0;
      for (let i = 0, n = bytes.length; i < n; i++) {
        const t = table[row + classOf[bytes[i]]];
        row = t & 0x7fffffff;
        if (t < 0) {
          for (const k of outputs[row / width]) {
            if (seen[k]) continue;
            seen[k] = 1;
            if (isStructured[k]) structured = true;
            for (const r of rulesOf[k]) found.add(r);
          }
        }
      }
      return { rules: [...found], structured };
    },
  };
}
