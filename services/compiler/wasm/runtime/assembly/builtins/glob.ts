// glob.match(pattern, delimiters, match) natively, with the host builtin's semantics (gobwas/glob as
// OPA uses it: `*` within a segment, `**` across delimiters, `?`, classes, `{a,b}`, `\` escapes).
// Whatever the host would answer with an error, or might read differently (see glob-program.ts),
// is left to it: the function then returns HOST_FALLBACK and the generated code calls the host.
import { opa_free, opa_malloc } from '../malloc';
import { HOST_FALLBACK } from '../host-fallback';
import { OPA_ARRAY, OPA_NULL, arrAt, arrLen, opa_boolean, strLen, strPtr, typeOf } from '../value';
import {
  INSTR_SIZE,
  compileGlob,
  decodeAll,
  decodeStrict,
  programCapacity,
  programIsPlain,
  programLength,
  strictWidth,
} from './glob-program';
import { GLOB_MATCH, GLOB_UNDECIDED, runGlob, vmBytes } from './glob-vm';
import { isString } from './text';

/** Longer patterns go to the host: RE2 bounds the size of what it compiles. */
const MAX_PATTERN_BYTES: usize = 16384;

/** Working memory for patterns of a few dozen bytes, so a call allocates nothing (calls never nest). */
const SCRATCH_BYTES: usize = 8192;
const SCRATCH: usize = memory.data(<i32>SCRATCH_BYTES, 8);

const DOT: i32 = 0x2e;
const LBRACKET: i32 = 0x5b;
const COLON: i32 = 0x3a;

// The delimiters of the current call, as code points at `delimiterBuffer`.
let delimiterCount: i32 = 0;

/**
 * Reads the delimiters operand into `out` (room for arrLen code points, at least one): null is none,
 * [] is ["."]. False when the host must answer: not null or an array of one-code-point strings
 * (its type errors), or a list RE2 would read as a POSIX class name in `[^...]`.
 */
function readDelimiters(delimiters: usize, out: usize): bool {
  const t = typeOf(delimiters);
  if (t == OPA_NULL) {
    delimiterCount = 0;
    return true;
  }
  if (t != OPA_ARRAY) return false;
  const n = arrLen(delimiters);
  if (n == 0) {
    store<i32>(out, DOT);
    delimiterCount = 1;
    return true;
  }
  let previous: i32 = -1;
  for (let i: u32 = 0; i < n; i++) {
    const d = arrAt(delimiters, i);
    if (!isString(d)) return false;
    const len = strLen(d);
    if (len == 0) return false;
    const cp = decodeStrict(strPtr(d), len);
    if (cp < 0 || strictWidth != len) return false;
    if (previous == LBRACKET && cp == COLON) return false;
    store<i32>(out + ((<usize>i) << 2), cp);
    previous = cp;
  }
  delimiterCount = <i32>n;
  return true;
}

/** Whether n bytes at p are well-formed UTF-8. */
function wellFormed(p: usize, n: usize): bool {
  let i: usize = 0;
  while (i < n) {
    if (load<u8>(p + i) < 0x80) {
      i++;
      continue;
    }
    if (decodeStrict(p + i, n - i) < 0) return false;
    i += strictWidth;
  }
  return true;
}

export function opa_glob_match(pattern: usize, delimiters: usize, value: usize): usize {
  if (!isString(pattern) || !isString(value)) return HOST_FALLBACK;
  const t = typeOf(delimiters);
  if (t != OPA_NULL && t != OPA_ARRAY) return HOST_FALLBACK;
  const pn = strLen(pattern);
  if (pn > MAX_PATTERN_BYTES) return HOST_FALLBACK;
  const maxDelimiters: usize = t == OPA_ARRAY && arrLen(delimiters) > 1 ? arrLen(delimiters) : 1;

  // Layout: pattern code points, program, class ranges, delimiters, then the NFA's working memory.
  const cap = programCapacity(pn);
  const cpsBytes = (pn << 2) + 4;
  const progBytes = cap * INSTR_SIZE;
  const rangeBytes = (pn << 3) + 8;
  const delimiterBytes = maxDelimiters << 2;
  const total = cpsBytes + progBytes + rangeBytes + delimiterBytes + vmBytes(cap);
  const base = total <= SCRATCH_BYTES ? SCRATCH : opa_malloc(total);
  const cps = base;
  const prog = cps + cpsBytes;
  const ranges = prog + progBytes;
  const delimiterBuffer = ranges + rangeBytes;
  const work = delimiterBuffer + delimiterBytes;

  let result: usize = HOST_FALLBACK;
  const count = decodeAll(strPtr(pattern), pn, cps);
  if (count >= 0 && readDelimiters(delimiters, delimiterBuffer)) {
    if (compileGlob(cps, count, delimiterCount > 0, prog, ranges)) {
      const s = strPtr(value);
      const n = strLen(value);
      if (programIsPlain) {
        // A pattern without metacharacters is its own literal: equal bytes are equal code points.
        const equal = n == pn && memory.compare(s, strPtr(pattern), n) == 0;
        if (equal || wellFormed(s, n)) result = opa_boolean(equal);
      } else {
        const answer = runGlob(prog, programLength, ranges, delimiterBuffer, delimiterCount, s, n, work);
        if (answer != GLOB_UNDECIDED) result = opa_boolean(answer == GLOB_MATCH);
      }
    }
  }
  if (base != SCRATCH) opa_free(base);
  return result;
}
