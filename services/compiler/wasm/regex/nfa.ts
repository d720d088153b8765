/**
 * A parsed pattern as a Thompson NFA over bytes: byte-range states,
 * epsilon splits, empty-width assertions and one match state. Code point
 * sets become their UTF-8 byte sequences.
 */
import { UnsupportedRegex, type AssertKind, type RegexNode } from './syntax.js';
import { utf8Sequences } from './utf8-ranges.js';

export type NfaState =
  | { k: 'byte'; lo: number; hi: number; next: number }
  | { k: 'split'; next: number[] }
  | { k: 'assert'; kind: AssertKind; next: number }
  | { k: 'match' };

export interface Nfa {
  states: NfaState[];
  start: number;
}

/** Past this many states a pattern is left to the host (counted repetitions multiply). */
const MAX_STATES = 20_000;

/** A fragment: its entry state and the holes (state, slot) still to be patched to what follows. */
interface Frag {
  start: number;
  holes: Array<[number, number]>;
}

class Builder {
  readonly states: NfaState[] = [];

  add(state: NfaState): number {
    if (this.states.length >= MAX_STATES) throw new UnsupportedRegex('pattern too large');
    this.states.push(state);
    return this.states.length - 1;
  }

  patch(holes: Array<[number, number]>, target: number): void {
    for (const [id, slot] of holes) {
      const s = this.states[id];
      if (s.k === 'split') s.next[slot] = target;
      else if (s.k !== 'match') s.next = target;
    }
  }

  build(node: RegexNode): Frag {
    switch (node.t) {
      case 'empty': {
        const id = this.add({ k: 'split', next: [-1] });
        return { start: id, holes: [[id, 0]] };
      }
      case 'assert': {
        const id = this.add({ k: 'assert', kind: node.kind, next: -1 });
        return { start: id, holes: [[id, 0]] };
      }
      case 'set': {
        const seqs = utf8Sequences(node.ranges);
        const entries: number[] = [];
        const holes: Array<[number, number]> = [];
        for (const seq of seqs) {
          const ids = seq.map(([lo, hi]) => this.add({ k: 'byte', lo, hi, next: -1 }));
          ids.slice(0, -1).forEach((id, i) => this.patch([[id, 0]], ids[i + 1]));
          entries.push(ids[0]);
          holes.push([ids[ids.length - 1], 0]);
        }
        if (entries.length === 1) return { start: entries[0], holes };
        // An empty set (e.g. only surrogates) has no way through: a split with no exits.
        return { start: this.add({ k: 'split', next: entries }), holes };
      }
      case 'cat': {
        const frags = node.items.map((item) => this.build(item));
        for (let i = 0; i + 1 < frags.length; i++) this.patch(frags[i].holes, frags[i + 1].start);
        return { start: frags[0].start, holes: frags[frags.length - 1].holes };
      }
      case 'alt': {
        const frags = node.items.map((item) => this.build(item));
        const id = this.add({ k: 'split', next: frags.map((f) => f.start) });
        return { start: id, holes: frags.flatMap((f) => f.holes) };
      }
      case 'rep':
        return this.repeat(node.node, node.min, node.max);
    }
  }

  private repeat(node: RegexNode, min: number, max: number): Frag {
    const parts: Frag[] = [];
    for (let i = 0; i < min; i++) parts.push(this.build(node));
    if (max < 0) {
      // x*: a loop back to a split before x.
      const body = this.build(node);
      const loop = this.add({ k: 'split', next: [body.start, -1] });
      this.patch(body.holes, loop);
      parts.push({ start: loop, holes: [[loop, 1]] });
    } else {
      for (let i = min; i < max; i++) {
        const body = this.build(node);
        const opt = this.add({ k: 'split', next: [body.start, -1] });
        parts.push({ start: opt, holes: [...body.holes, [opt, 1]] });
      }
    }
    if (parts.length === 0) return this.build({ t: 'empty' });
    for (let i = 0; i + 1 < parts.length; i++) this.patch(parts[i].holes, parts[i + 1].start);
    return { start: parts[0].start, holes: parts[parts.length - 1].holes };
  }
}

export function buildNfa(node: RegexNode): Nfa {
  const b = new Builder();
  const frag = b.build(node);
  const match = b.add({ k: 'match' });
  b.patch(frag.holes, match);
  return { states: b.states, start: frag.start };
}
