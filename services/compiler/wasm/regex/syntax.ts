/**
 * A parser for the part of Go's regexp syntax (RE2, `regexp.Compile`'s Perl
 * flags) that the in-module matcher handles. Anything outside that part
 * throws `UnsupportedRegex`, and the call falls back to the host builtin:
 * the parser only has to be right about what it accepts, never complete.
 *
 * Accepted: literals, `.`, classes with ranges and negation, `\d \s \w`
 * (and negations, ASCII as in Go), escaped punctuation, `\t \n \r \f \v \a`,
 * `\xHH`, `\x{H…}`, `^ $ \A \z \b \B`, groups (capturing, `(?:`, named),
 * alternation, `* + ? {n} {n,} {n,m}` (lazy or not), and the flags `i`
 * (letters and ranges within ASCII only), `m`, `s`, `U`.
 */

/** A set of code points as sorted, disjoint, inclusive ranges. */
export type Ranges = Array<[number, number]>;

export type AssertKind = 'begin_text' | 'end_text' | 'begin_line' | 'end_line' | 'word' | 'not_word';

export type RegexNode =
  | { t: 'empty' }
  | { t: 'set'; ranges: Ranges }
  | { t: 'cat'; items: RegexNode[] }
  | { t: 'alt'; items: RegexNode[] }
  | { t: 'rep'; node: RegexNode; min: number; max: number /* -1: unbounded */ }
  | { t: 'assert'; kind: AssertKind };

export class UnsupportedRegex extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedRegex';
  }
}

export const MAX_CODE_POINT = 0x10ffff;
const MAX_REPEAT = 1000;

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const DIGIT: Ranges = [[0x30, 0x39]];
const SPACE: Ranges = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];

export function normalise(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function negate(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/**
 * Go's case folding of a set, for sets within ASCII: each letter gains its
 * other case, and k and s also the Kelvin sign and the long s (their
 * orbits in Unicode's simple folding). Sets reaching past ASCII throw.
 */
function foldAscii(ranges: Ranges): Ranges {
  const out: Ranges = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi > 0x7f) throw new UnsupportedRegex('case folding outside ASCII');
    for (let c = lo; c <= hi; c++) {
      const lower = c | 0x20;
      if (lower < 0x61 || lower > 0x7a) continue;
      out.push([lower, lower], [lower - 0x20, lower - 0x20]);
      if (lower === 0x6b) out.push([0x212a, 0x212a]);
      if (lower === 0x73) out.push([0x17f, 0x17f]);
    }
  }
  return normalise(out);
}

class Parser {
  private readonly cps: number[];
  private pos = 0;
  private flags: Flags = { i: false, m: false, s: false };

  constructor(pattern: string) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0) ?? 0);
  }

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.cps.length) throw new UnsupportedRegex(`unexpected ${this.char()} at ${this.pos}`);
    return node;
  }

  private peek(offset = 0): number | undefined {
    return this.cps[this.pos + offset];
  }

  /** The current character, consumed. */
  private take(): string {
    const c = this.char();
    this.pos++;
    return c;
  }

  private char(offset = 0): string {
    const cp = this.peek(offset);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private alternation(): RegexNode {
    const items = [this.concatenation()];
    while (this.char() === '|') {
      this.pos++;
      items.push(this.concatenation());
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  private concatenation(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.cps.length && this.char() !== '|' && this.char() !== ')') {
      const atom = this.atom();
      if (atom === undefined) continue; // a flag group such as (?i)
      items.push(this.repetitions(atom));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }

  private repetitions(atom: RegexNode): RegexNode {
    let node = atom;
    let repeated = false;
    for (;;) {
      const c = this.char();
      let min: number;
      let max: number;
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1];
      } else if (c === '{') {
        const counted = this.counted();
        if (counted === undefined) throw new UnsupportedRegex('a brace that is not a repetition');
        [min, max] = counted;
      } else {
        return node;
      }
      // Go rejects a repetition of a repetition (`a**`); leave such patterns to it.
      if (repeated) throw new UnsupportedRegex('nested repetition');
      repeated = true;
      if (this.char() === '?') this.pos++; // lazy: the same strings match
      node = { t: 'rep', node, min, max };
    }
  }

  /** `{n}`, `{n,}`, `{n,m}` at the brace; undefined (position unchanged) when not one. */
  private counted(): [number, number] | undefined {
    const start = this.pos;
    this.pos++;
    const min = this.number();
    let max = min;
    if (min !== undefined && this.char() === ',') {
      this.pos++;
      max = this.char() === '}' ? -1 : this.number();
    }
    if (min === undefined || max === undefined || this.char() !== '}') {
      this.pos = start;
      return undefined;
    }
    this.pos++;
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min))
      throw new UnsupportedRegex('bad repetition count');
    return [min, max];
  }

  private number(): number | undefined {
    let text = '';
    while (/[0-9]/.test(this.char())) {
      text += this.char();
      this.pos++;
    }
    if (text === '' || text.length > 4) return undefined;
    return Number(text);
  }

  private atom(): RegexNode | undefined {
    const c = this.char();
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.set(this.classRanges());
      case '.':
        this.pos++;
        return this.set(this.flags.s ? [[0, MAX_CODE_POINT]] : negate([[0x0a, 0x0a]]), false);
      case '^':
        this.pos++;
        return { t: 'assert', kind: this.flags.m ? 'begin_line' : 'begin_text' };
      case '$':
        this.pos++;
        return { t: 'assert', kind: this.flags.m ? 'end_line' : 'end_text' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
      case ')':
        throw new UnsupportedRegex(`${c} out of place`);
      default:
        this.pos++;
        return this.set([[this.peek(-1) ?? 0, this.peek(-1) ?? 0]]);
    }
  }

  /** A set node, case-folded under (?i). */
  private set(ranges: Ranges, fold = true): RegexNode {
    return { t: 'set', ranges: fold && this.flags.i ? foldAscii(ranges) : normalise(ranges) };
  }

  private group(): RegexNode | undefined {
    this.pos++; // (
    const outer = { ...this.flags };
    if (this.char() === '?') {
      this.pos++;
      if (this.char() === 'P' || this.char() === '<') {
        if (this.char() === 'P') this.pos++;
        if (this.char() !== '<') throw new UnsupportedRegex('group syntax');
        this.pos++;
        let name = '';
        while (/[A-Za-z0-9_]/.test(this.char())) name += this.take();
        if (name === '' || this.char() !== '>') throw new UnsupportedRegex('group name');
        this.pos++;
      } else {
        let on = true;
        let any = false;
        for (;;) {
          const f = this.char();
          if (f === 'i' || f === 'm' || f === 's') this.flags[f] = on;
          else if (f === 'U') {
            // ungreedy: the same strings match
          } else if (f === '-' && on) on = false;
          else break;
          any = true;
          this.pos++;
        }
        if (!any && this.char() !== ':') throw new UnsupportedRegex('empty flags');
        if (this.char() === ')') {
          this.pos++;
          return undefined; // the flags hold to the end of the enclosing group
        }
        if (this.char() !== ':') throw new UnsupportedRegex('flag syntax');
        this.pos++;
      }
    }
    const inner = this.alternation();
    if (this.char() !== ')') throw new UnsupportedRegex('unclosed group');
    this.pos++;
    this.flags = outer;
    return inner;
  }

  private escape(): RegexNode {
    this.pos++; // backslash
    const c = this.char();
    const perl = this.perlClass(c);
    if (perl) {
      this.pos++;
      return { t: 'set', ranges: perl };
    }
    const assertion: Record<string, AssertKind> = {
      A: 'begin_text',
      z: 'end_text',
      b: 'word',
      B: 'not_word',
    };
    if (Object.hasOwn(assertion, c)) {
      this.pos++;
      return { t: 'assert', kind: assertion[c] };
    }
    const cp = this.escapedChar();
    return this.set([[cp, cp]]);
  }

  /**
   * `\d \D \s \S \w \W` at the letter (not consumed); undefined otherwise.
   * Under (?i) Go folds the positive class before negating it: `(?i)\w`
   * takes in the Kelvin sign and the long s, `(?i)\W` leaves them out.
   */
  private perlClass(c: string): Ranges | undefined {
    const positive: Record<string, Ranges> = { d: DIGIT, s: SPACE, w: WORD };
    const lower = c.toLowerCase();
    if (c === '' || !Object.hasOwn(positive, lower)) return undefined;
    const ranges = this.flags.i ? foldAscii(positive[lower]) : positive[lower];
    return c === lower ? ranges : negate(ranges);
  }

  /** The code point of a one-character escape at the character after the backslash (consumed). */
  private escapedChar(): number {
    const c = this.char();
    this.pos++;
    const cp = c.codePointAt(0) ?? -1;
    if (cp >= 0 && cp < 0x80 && PUNCTUATION.has(c)) return cp;
    const controls: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, a: 7 };
    if (Object.hasOwn(controls, c)) return controls[c];
    if (c === 'x') return this.hex();
    throw new UnsupportedRegex(`escape \\${c}`);
  }

  private hex(): number {
    let digits = '';
    if (this.char() === '{') {
      this.pos++;
      while (/[0-9A-Fa-f]/.test(this.char())) digits += this.take();
      if (this.char() !== '}' || digits === '' || digits.length > 8) throw new UnsupportedRegex('hex escape');
      this.pos++;
    } else {
      for (let k = 0; k < 2; k++) {
        if (!/[0-9A-Fa-f]/.test(this.char())) throw new UnsupportedRegex('hex escape');
        digits += this.take();
      }
    }
    const cp = parseInt(digits, 16);
    if (cp > MAX_CODE_POINT) throw new UnsupportedRegex('hex escape out of range');
    return cp;
  }

  /** A bracketed class at `[`, folded under (?i) before any negation, as Go does. */
  private classRanges(): Ranges {
    this.pos++; // [
    let negated = false;
    if (this.char() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    const final: Ranges = []; // Perl classes, already folded
    let first = true;
    while (this.char() !== ']' || first) {
      if (this.pos >= this.cps.length) throw new UnsupportedRegex('unclosed class');
      first = false;
      if (this.char() === '[' && this.char(1) === ':') throw new UnsupportedRegex('POSIX class');
      if (this.char() === '\\') {
        const perl = this.perlClass(this.char(1));
        if (perl) {
          this.pos += 2;
          final.push(...perl);
          continue;
        }
      }
      const lo = this.classChar();
      let hi = lo;
      if (this.char() === '-' && this.char(1) !== ']' && this.pos + 1 < this.cps.length) {
        this.pos++;
        hi = this.classChar();
        if (hi < lo) throw new UnsupportedRegex('bad class range');
      }
      ranges.push([lo, hi]);
    }
    this.pos++; // ]
    const folded = normalise([...(this.flags.i ? foldAscii(ranges) : ranges), ...final]);
    return negated ? negate(folded) : folded;
  }

  private classChar(): number {
    if (this.char() === '\\') {
      this.pos++;
      return this.escapedChar();
    }
    const cp = this.peek();
    if (cp === undefined) throw new UnsupportedRegex('unclosed class');
    this.pos++;
    return cp;
  }
}

/** Parses `pattern`; throws `UnsupportedRegex` for anything outside the supported part. */
export function parseRegex(pattern: string): RegexNode {
  return new Parser(pattern).parse();
}
