/**
 * Subset construction of an unanchored search DFA from the NFA: does the
 * pattern match anywhere in the text (Go's `MatchString`)? Bytes are read
 * one at a time; empty-width assertions are resolved when the next byte is
 * known, so a DFA state is a set of NFA states waiting for a byte plus what
 * the assertions need of the past: whether the previous byte was a word
 * byte or a newline, and whether nothing was read yet. The NFA's start is
 * added back at every position (the search is unanchored).
 *
 * A transition either goes to a state, finds a match (the search stops
 * there) or is dead (no match can follow: also stops). One more column per
 * state answers at the end of the text.
 */
import type { Nfa } from './nfa.js';
import { UnsupportedRegex, type AssertKind } from './syntax.js';

export const MATCH = -1;
export const DEAD = -2;

export interface Dfa {
  /** Byte → class (0 … classCount - 1). */
  classOf: Uint8Array;
  classCount: number;
  /** `transitions[state][class]`, and at index `classCount` the answer at the end of the text (MATCH or DEAD). */
  transitions: number[][];
  start: number;
}

/** Past this many states a pattern is left to the host. */
export const MAX_DFA_STATES = 2_000;

/**
 * Past this many steps (NFA states visited in closures, byte states tried
 * per class, kernel states sorted and keyed) a pattern is left to the
 * host: bounds the compile time (a few hundred ms of CPU at most) a
 * policy constant can cost (a large counted repetition under a wide class).
 */
const MAX_WORK = 4_000_000;
/** Steps charged per kernel state of a new transition: a set entry, sorting, a key's digits, hashing. */
const KERNEL_STEP = 16;

interface Context {
  begin: boolean;
  end: boolean;
  prevWord: boolean;
  nextWord: boolean;
  prevNewline: boolean;
  nextNewline: boolean;
}

const isWordByte = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || (b >= 0x61 && b <= 0x7a);

function holds(kind: AssertKind, c: Context): boolean {
  switch (kind) {
    case 'begin_text':
      return c.begin;
    case 'end_text':
      return c.end;
    case 'begin_line':
      return c.begin || c.prevNewline;
    case 'end_line':
      return c.end || c.nextNewline;
    case 'word':
      return c.prevWord !== c.nextWord;
    case 'not_word':
      return c.prevWord === c.nextWord;
  }
}

/** Byte classes: bytes that every byte range, word test and newline test treats alike. */
function byteClasses(nfa: Nfa): { classOf: Uint8Array; representatives: number[] } {
  const signatures: string[] = [];
  const distinct = new Set(nfa.states.flatMap((s) => (s.k === 'byte' ? [s.lo * 256 + s.hi] : [])));
  const ranges = [...distinct].map((r) => [r >> 8, r & 0xff]);
  for (let b = 0; b < 256; b++) {
    let sig = `${isWordByte(b) ? 1 : 0}${b === 0x0a ? 1 : 0}`;
    for (const [lo, hi] of ranges) sig += lo <= b && b <= hi ? '1' : '0';
    signatures.push(sig);
  }
  const ids = new Map<string, number>();
  const classOf = new Uint8Array(256);
  const representatives: number[] = [];
  for (let b = 0; b < 256; b++) {
    let id = ids.get(signatures[b]);
    if (id === undefined) {
      id = representatives.length;
      ids.set(signatures[b], id);
      representatives.push(b);
    }
    classOf[b] = id;
  }
  return { classOf, representatives };
}

export function buildDfa(nfa: Nfa): Dfa {
  const usesWord = nfa.states.some((s) => s.k === 'assert' && (s.kind === 'word' || s.kind === 'not_word'));
  const usesLine = nfa.states.some(
    (s) => s.k === 'assert' && (s.kind === 'begin_line' || s.kind === 'end_line'),
  );
  const { classOf, representatives } = byteClasses(nfa);

  interface State {
    kernel: number[];
    begin: boolean;
    prevWord: boolean;
    prevNewline: boolean;
  }
  const states: State[] = [];
  const index = new Map<string, number>();
  const intern = (s: State): number => {
    const key = `${s.begin ? 1 : 0}${s.prevWord ? 1 : 0}${s.prevNewline ? 1 : 0}:${s.kernel.join(',')}`;
    let id = index.get(key);
    if (id === undefined) {
      if (states.length >= MAX_DFA_STATES) throw new UnsupportedRegex('DFA too large');
      id = states.length;
      states.push(s);
      index.set(key, id);
    }
    return id;
  };

  let work = 0;
  const spend = (steps: number): void => {
    work += steps;
    if (work > MAX_WORK) throw new UnsupportedRegex('DFA too costly to build');
  };

  /** The byte states reachable from the kernel under `c`, and whether the match state is. */
  const closure = (kernel: number[], c: Context): { bytes: number[]; matched: boolean } => {
    const seen = new Uint8Array(nfa.states.length);
    const stack = [...kernel];
    const bytes: number[] = [];
    let matched = false;
    let visited = 0;
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (id < 0 || seen[id]) continue;
      seen[id] = 1;
      visited++;
      const s = nfa.states[id];
      if (s.k === 'byte') bytes.push(id);
      else if (s.k === 'match') matched = true;
      else if (s.k === 'split') stack.push(...s.next);
      else if (holds(s.kind, c)) stack.push(s.next);
    }
    spend(nfa.states.length / 8 + visited);
    return { bytes, matched };
  };

  const start = intern({ kernel: [nfa.start], begin: true, prevWord: false, prevNewline: false });
  const transitions: number[][] = [];
  for (let id = 0; id < states.length; id++) {
    const s = states[id];
    const row: number[] = [];
    // The closure depends on the next byte only through the assertions: one per (word, newline).
    const closures = new Map<number, { bytes: number[]; matched: boolean }>();
    for (const b of representatives) {
      const nextWord = isWordByte(b);
      const nextNewline = b === 0x0a;
      const key = (nextWord ? 1 : 0) | (nextNewline ? 2 : 0);
      let reached = closures.get(key);
      if (reached === undefined) {
        reached = closure(s.kernel, {
          begin: s.begin,
          end: false,
          prevWord: s.prevWord,
          nextWord,
          prevNewline: s.prevNewline,
          nextNewline,
        });
        closures.set(key, reached);
      }
      if (reached.matched) {
        row.push(MATCH);
        continue;
      }
      const targets = new Set<number>([nfa.start]);
      spend(reached.bytes.length);
      for (const bid of reached.bytes) {
        const bs = nfa.states[bid];
        if (bs.k === 'byte' && bs.lo <= b && b <= bs.hi) targets.add(bs.next);
      }
      spend(KERNEL_STEP * targets.size);
      row.push(
        intern({
          kernel: [...targets].sort((x, y) => x - y),
          begin: false,
          prevWord: usesWord && nextWord,
          prevNewline: usesLine && nextNewline,
        }),
      );
    }
    const atEnd = closure(s.kernel, {
      begin: s.begin,
      end: true,
      prevWord: s.prevWord,
      nextWord: false,
      prevNewline: s.prevNewline,
      nextNewline: false,
    });
    row.push(atEnd.matched ? MATCH : DEAD);
    transitions.push(row);
  }
  return { classOf, classCount: representatives.length, transitions: pruneDead(transitions), start };
}

/** Transitions into states from which no match can be reached become DEAD. */
function pruneDead(transitions: number[][]): number[][] {
  const live = new Uint8Array(transitions.length);
  let changed = true;
  while (changed) {
    changed = false;
    transitions.forEach((row, id) => {
      if (live[id]) return;
      if (row.some((t) => t === MATCH || (t >= 0 && live[t]))) {
        live[id] = 1;
        changed = true;
      }
    });
  }
  return transitions.map((row) => row.map((t) => (t >= 0 && !live[t] ? DEAD : t)));
}
