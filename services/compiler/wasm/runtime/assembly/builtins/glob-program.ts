// glob.match patterns compiled to a small NFA program, read exactly as the host's globToRegex
// (services/compiler/builtins/glob.ts) reads them. Patterns the host would turn into a regular
// expression that RE2 rejects or reads differently (empty classes, `[:`, reversed ranges, unclosed
// constructs, deep nesting) are not compiled: the caller then asks the host, so errors stay the host's.

/** Instructions are three i32 words: op, x, y. */
export const INSTR_SIZE: usize = 12;

/** One code point equal to x. */
export const OP_LIT: i32 = 1;
/** Any one code point. */
export const OP_ANY: i32 = 2;
/** One code point that is not a delimiter. */
export const OP_NOT_DELIM: i32 = 3;
/** One code point in (or, when y's top bit is set, not in) the y & 0x7fffffff ranges from range x. */
export const OP_CLASS: i32 = 4;
/** `**`: any code points, looping on itself; the next instruction follows without input. */
export const OP_STAR_ANY: i32 = 5;
/** `*`: code points that are not delimiters, looping on itself. */
export const OP_STAR_NOT_DELIM: i32 = 6;
/** Continue at x and at y without input. */
export const OP_SPLIT: i32 = 7;
/** Continue at x without input. */
export const OP_JMP: i32 = 8;
export const OP_MATCH: i32 = 9;

export const CLASS_NEGATED: i32 = 0x80000000;

/** Alternatives nest at most this deep natively (RE2 limits the nesting of groups). */
const MAX_DEPTH: i32 = 64;

/** Instructions a pattern of n code points may need: at most three per code point, and MATCH. */
export function programCapacity(codePoints: usize): usize {
  return codePoints * 3 + 2;
}

/**
 * Decodes well-formed UTF-8 as Go and TextDecoder agree on it; -1 for anything else (overlong forms,
 * surrogates, truncated sequences), where the host would see U+FFFD instead of what the bytes say.
 * Sets `strictWidth` to the bytes read.
 */
export let strictWidth: usize = 1;

export function decodeStrict(p: usize, avail: usize): i32 {
  const c = <i32>load<u8>(p);
  if (c < 0x80) {
    strictWidth = 1;
    return c;
  }
  let width: usize;
  let cp: i32;
  let min: i32;
  if ((c & 0xe0) == 0xc0) {
    width = 2;
    cp = c & 0x1f;
    min = 0x80;
  } else if ((c & 0xf0) == 0xe0) {
    width = 3;
    cp = c & 0x0f;
    min = 0x800;
  } else if ((c & 0xf8) == 0xf0) {
    width = 4;
    cp = c & 0x07;
    min = 0x10000;
  } else return -1;
  if (width > avail) return -1;
  for (let i: usize = 1; i < width; i++) {
    const b = <i32>load<u8>(p + i);
    if ((b & 0xc0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  strictWidth = width;
  return cp;
}

/** Decodes n bytes at p into i32 code points at out; the count, or -1 when the bytes are not well-formed. */
export function decodeAll(p: usize, n: usize, out: usize): i32 {
  let i: usize = 0;
  let count: i32 = 0;
  while (i < n) {
    const cp = decodeStrict(p + i, n - i);
    if (cp < 0) return -1;
    store<i32>(out + ((<usize>count) << 2), cp);
    count++;
    i += strictWidth;
  }
  return count;
}

// The pattern being compiled (no recursion into another compile can happen, so plain globals do).
let cps: usize = 0;
let ncp: i32 = 0;
let pos: i32 = 0;
let prog: usize = 0;
let pc: i32 = 0;
let ranges: usize = 0;
let nranges: i32 = 0;
let delimited: bool = false;
let failed: bool = false;
/** Whether every code point so far was a literal of its own (no metacharacter at all). */
let plain: bool = true;

function cpAt(i: i32): i32 {
  return load<i32>(cps + ((<usize>i) << 2));
}

function emit(op: i32, x: i32, y: i32): i32 {
  const at = prog + <usize>pc * INSTR_SIZE;
  store<i32>(at, op);
  store<i32>(at, x, 4);
  store<i32>(at, y, 8);
  return pc++;
}

function patchY(at: i32, y: i32): void {
  store<i32>(prog + <usize>at * INSTR_SIZE, y, 8);
}

function patchX(at: i32, x: i32): void {
  store<i32>(prog + <usize>at * INSTR_SIZE, x, 4);
}

function instrX(at: i32): i32 {
  return load<i32>(prog + <usize>at * INSTR_SIZE, 4);
}

function addRange(lo: i32, hi: i32): void {
  const at = ranges + ((<usize>nranges) << 3);
  store<i32>(at, lo);
  store<i32>(at, hi, 4);
  nranges++;
}

const BACKSLASH: i32 = 0x5c;
const STAR: i32 = 0x2a;
const QUESTION: i32 = 0x3f;
const LBRACKET: i32 = 0x5b;
const RBRACKET: i32 = 0x5d;
const BANG: i32 = 0x21;
const DASH: i32 = 0x2d;
const COLON: i32 = 0x3a;
const LBRACE: i32 = 0x7b;
const RBRACE: i32 = 0x7d;
const COMMA: i32 = 0x2c;

/** `[...]` after its `[`: the host's character class, or a failure where RE2 would read it otherwise. */
function parseClass(): void {
  const negated = pos < ncp && cpAt(pos) == BANG;
  if (negated) pos++;
  const first = nranges;
  while (pos < ncp && cpAt(pos) != RBRACKET) {
    const c = cpAt(pos);
    // RE2 reads `[:` inside a class as the start of a POSIX class name.
    if (c == LBRACKET && pos + 1 < ncp && cpAt(pos + 1) == COLON) {
      failed = true;
      return;
    }
    if (pos + 2 < ncp && cpAt(pos + 1) == DASH && cpAt(pos + 2) != RBRACKET) {
      const hi = cpAt(pos + 2);
      // RE2: invalid character class range.
      if (hi < c) {
        failed = true;
        return;
      }
      addRange(c, hi);
      pos += 3;
    } else {
      addRange(c, c);
      pos++;
    }
  }
  // Unclosed (the host's "unexpected end of input"), or empty, which RE2 reads as a class holding `]`.
  if (pos >= ncp || nranges == first) {
    failed = true;
    return;
  }
  pos++;
  emit(OP_CLASS, first, (nranges - first) | (negated ? CLASS_NEGATED : 0));
}

/**
 * `{a,b,...}` after its `{`: each alternative but the last is `SPLIT(alt, next)` and ends with a jump
 * to the end; the jumps are chained through their x until the end is known.
 */
function parseAlternatives(depth: i32): void {
  if (depth > MAX_DEPTH) {
    failed = true;
    return;
  }
  let jumps: i32 = -1;
  for (;;) {
    const split = emit(OP_SPLIT, pc + 1, 0);
    parseSequence(true, depth);
    if (failed) return;
    if (pos >= ncp) {
      failed = true;
      return;
    }
    if (cpAt(pos++) == RBRACE) {
      // The last alternative: its split has nowhere else to go.
      patchY(split, split + 1);
      break;
    }
    jumps = emit(OP_JMP, jumps, 0);
    patchY(split, pc);
  }
  while (jumps >= 0) {
    const next = instrX(jumps);
    patchX(jumps, pc);
    jumps = next;
  }
}

/** The host's parse(inTerms): a sequence up to the end, or up to `,`/`}` inside alternatives. */
function parseSequence(inTerms: bool, depth: i32): void {
  while (pos < ncp) {
    const c = cpAt(pos);
    if (inTerms && (c == COMMA || c == RBRACE)) return;
    pos++;
    if (c == BACKSLASH) {
      plain = false;
      // The host's "unexpected end of input".
      if (pos >= ncp) {
        failed = true;
        return;
      }
      emit(OP_LIT, cpAt(pos++), 0);
    } else if (c == STAR) {
      plain = false;
      if (pos < ncp && cpAt(pos) == STAR) {
        pos++;
        emit(OP_STAR_ANY, 0, 0);
      } else emit(delimited ? OP_STAR_NOT_DELIM : OP_STAR_ANY, 0, 0);
    } else if (c == QUESTION) {
      plain = false;
      emit(delimited ? OP_NOT_DELIM : OP_ANY, 0, 0);
    } else if (c == LBRACKET) {
      plain = false;
      parseClass();
    } else if (c == LBRACE) {
      plain = false;
      parseAlternatives(depth + 1);
    } else emit(OP_LIT, c, 0);
    if (failed) return;
  }
}

/** What compileGlob left: the program's instruction count, and whether the pattern is one literal. */
export let programLength: i32 = 0;
export let programIsPlain: bool = false;

/**
 * Compiles `count` code points at `codePoints` into instructions at `program` (programCapacity(count)
 * of them) and ranges at `rangeBuffer` (two i32 each, at most `count`). `withDelimiters`: `*` and `?`
 * stop at delimiters. False when the host must answer (see the file comment).
 */
export function compileGlob(
  codePoints: usize,
  count: i32,
  withDelimiters: bool,
  program: usize,
  rangeBuffer: usize,
): bool {
  cps = codePoints;
  ncp = count;
  pos = 0;
  prog = program;
  pc = 0;
  ranges = rangeBuffer;
  nranges = 0;
  delimited = withDelimiters;
  failed = false;
  plain = true;
  parseSequence(false, 0);
  if (failed) return false;
  emit(OP_MATCH, 0, 0);
  programLength = pc;
  programIsPlain = plain;
  return true;
}
