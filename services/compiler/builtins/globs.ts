/**
 * `regex.globs_match` (OPA `regex.go`, glob-intersection): whether two
 * simplified patterns — literals, `.`, `[...]` / `[^...]` classes, `\`
 * escapes, each optionally followed by `*`, `+` or `?` — can match a common
 * string. Decided by walking the product of the two patterns' automata.
 */
import { BuiltinFailure } from './errors.js';
import { stringOperand } from './operands.js';
import { register } from './registry.js';

interface CharSet {
  any?: boolean;
  negated?: boolean;
  ranges: [number, number][];
}

interface Token {
  set: CharSet;
  kind: 'one' | 'star' | 'plus' | 'optional';
}

function invalid(input: string, pos: number, what: string): BuiltinFailure {
  return new BuiltinFailure(`input:${input}, pos:${pos}, ${what}: the input provided is invalid`);
}

function tokenize(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    let set: CharSet;
    if (c === '.') {
      set = { any: true, ranges: [] };
      i++;
    } else if (c === '\\') {
      if (i + 1 >= chars.length) throw invalid(pattern, i + 1, "escape '\\' at end of input");
      const cp = chars[i + 1].codePointAt(0) as number;
      set = { ranges: [[cp, cp]] };
      i += 2;
    } else if (c === '[') {
      const start = i;
      i++;
      const negated = chars[i] === '^';
      if (negated) i++;
      const ranges: [number, number][] = [];
      while (i < chars.length && chars[i] !== ']') {
        let lo = chars[i];
        if (lo === '\\' && i + 1 < chars.length) lo = chars[++i];
        if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
          let hi = chars[i + 2];
          i += 2;
          if (hi === '\\' && i + 1 < chars.length) hi = chars[++i];
          ranges.push([lo.codePointAt(0) as number, hi.codePointAt(0) as number]);
        } else ranges.push([lo.codePointAt(0) as number, lo.codePointAt(0) as number]);
        i++;
      }
      if (i >= chars.length) throw invalid(pattern, start + 1, "set-open '[' with no closing ']'");
      i++;
      set = { negated, ranges };
    } else if (c === ']') {
      throw invalid(pattern, i + 1, "set-close ']' with no preceding '['");
    } else if (c === '*' || c === '+' || c === '?') {
      throw invalid(pattern, i + 1, `quantifier '${c}' with nothing to repeat`);
    } else {
      const cp = c.codePointAt(0) as number;
      set = { ranges: [[cp, cp]] };
      i++;
    }
    const q = chars[i];
    const kind = q === '*' ? 'star' : q === '+' ? 'plus' : q === '?' ? 'optional' : 'one';
    if (kind !== 'one') i++;
    tokens.push({ set, kind });
  }
  return tokens;
}

function inSet(set: CharSet, cp: number): boolean {
  if (set.any) return true;
  const hit = set.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  return set.negated ? !hit : hit;
}

/** Unions of intervals (or their complements) meet, if at all, at an interval edge or next to one. */
function intersects(a: CharSet, b: CharSet): boolean {
  const candidates = new Set<number>([0, 0x61, 0x30, 0x7f, 0xffff, 0x10ffff]);
  for (const [lo, hi] of [...a.ranges, ...b.ranges]) {
    for (const cp of [lo - 1, lo, hi, hi + 1]) if (cp >= 0 && cp <= 0x10ffff) candidates.add(cp);
  }
  for (const cp of candidates) if (inSet(a, cp) && inSet(b, cp)) return true;
  return false;
}

/** Token states: `2 * i` is "before token i"; `2 * i + 1` is "inside a `+` token after its first match". */
function epsilonClosure(tokens: Token[], state: number): number[] {
  const out = [state];
  let i = state >> 1;
  if (state % 2 === 1) return out;
  while (i < tokens.length && (tokens[i].kind === 'star' || tokens[i].kind === 'optional')) {
    i++;
    out.push(2 * i);
  }
  return out;
}

/** The token a state consumes with, and the states it moves to. */
function steps(tokens: Token[], state: number): { set: CharSet; next: number[] }[] {
  const i = state >> 1;
  if (state % 2 === 1) {
    return [{ set: tokens[i].set, next: [state, 2 * (i + 1)] }];
  }
  if (i >= tokens.length) return [];
  const t = tokens[i];
  switch (t.kind) {
    case 'one':
    case 'optional':
      return [{ set: t.set, next: [2 * (i + 1)] }];
    case 'star':
      return [{ set: t.set, next: [state, 2 * (i + 1)] }];
    case 'plus':
      return [{ set: t.set, next: [2 * i + 1, 2 * (i + 1)] }];
  }
}

function closureOf(tokens: Token[], states: number[]): number[] {
  const plusDone = (s: number) => (s % 2 === 1 ? [s, ...epsilonClosure(tokens, 2 * ((s >> 1) + 1))] : [s]);
  return [...new Set(states.flatMap((s) => epsilonClosure(tokens, s)).flatMap(plusDone))];
}

export function globsIntersect(a: string, b: string): boolean {
  const ta = tokenize(a);
  const tb = tokenize(b);
  const endA = 2 * ta.length;
  const endB = 2 * tb.length;
  const seen = new Set<string>();
  const queue: [number, number][] = [];
  const push = (sa: number, sb: number) => {
    const key = `${sa},${sb}`;
    if (!seen.has(key)) {
      seen.add(key);
      queue.push([sa, sb]);
    }
  };
  for (const sa of closureOf(ta, [0])) for (const sb of closureOf(tb, [0])) push(sa, sb);
  while (queue.length > 0) {
    const [sa, sb] = queue.shift() as [number, number];
    if (sa === endA && sb === endB) return true;
    for (const x of steps(ta, sa)) {
      for (const y of steps(tb, sb)) {
        if (!intersects(x.set, y.set)) continue;
        for (const na of closureOf(ta, x.next)) for (const nb of closureOf(tb, y.next)) push(na, nb);
      }
    }
  }
  return false;
}

register('globs', {
  'regex.globs_match': (a, b) => globsIntersect(stringOperand(a, 1), stringOperand(b, 2)),
});
