// Runs a glob program (glob-program.ts) over a string as a Thompson NFA: every live state advances
// together, one code point at a time, so the work is at most (states x code points) whatever the
// pattern (`*a*a*a*b` does not backtrack).
import {
  CLASS_NEGATED,
  INSTR_SIZE,
  OP_ANY,
  OP_CLASS,
  OP_JMP,
  OP_LIT,
  OP_MATCH,
  OP_NOT_DELIM,
  OP_SPLIT,
  OP_STAR_ANY,
  OP_STAR_NOT_DELIM,
  decodeStrict,
  strictWidth,
} from './glob-program';

/** Bytes of working memory runGlob needs for a program of `length` instructions. */
export function vmBytes(length: usize): usize {
  // mark, two state lists each after its count, and a stack of at most two entries per instruction.
  return length * 4 * 3 + 8 + (length * 2 + 2) * 4;
}

/** runGlob's answers. */
export const GLOB_NO_MATCH: i32 = 0;
export const GLOB_MATCH: i32 = 1;
/** The string is not well-formed UTF-8: the host, which sees U+FFFD there, must answer. */
export const GLOB_UNDECIDED: i32 = 2;

let prog: usize = 0;
let ranges: usize = 0;
let delims: usize = 0;
let ndelims: i32 = 0;
/** Per instruction: the generation in which it last joined a list. */
let mark: usize = 0;
let stack: usize = 0;
let generation: i32 = 0;

function op(pc: i32): i32 {
  return load<i32>(prog + <usize>pc * INSTR_SIZE);
}

function argX(pc: i32): i32 {
  return load<i32>(prog + <usize>pc * INSTR_SIZE, 4);
}

function argY(pc: i32): i32 {
  return load<i32>(prog + <usize>pc * INSTR_SIZE, 8);
}

function isDelimiter(c: i32): bool {
  for (let i: i32 = 0; i < ndelims; i++) if (load<i32>(delims + ((<usize>i) << 2)) == c) return true;
  return false;
}

function inClass(pc: i32, c: i32): bool {
  const y = argY(pc);
  const count = y & ~CLASS_NEGATED;
  let at = ranges + ((<usize>argX(pc)) << 3);
  let hit = false;
  for (let i: i32 = 0; i < count; i++, at += 8) {
    if (c >= load<i32>(at) && c <= load<i32>(at, 4)) {
      hit = true;
      break;
    }
  }
  return (y & CLASS_NEGATED) != 0 ? !hit : hit;
}

/** Whether the consuming instruction at pc takes code point c. */
function takes(pc: i32, c: i32): bool {
  switch (op(pc)) {
    case OP_LIT:
      return argX(pc) == c;
    case OP_ANY:
    case OP_STAR_ANY:
      return true;
    case OP_NOT_DELIM:
    case OP_STAR_NOT_DELIM:
      return !isDelimiter(c);
    case OP_CLASS:
      return inClass(pc, c);
    default:
      return false;
  }
}

/** Adds pc and every state reachable from it without input to the list at `list` (count at list - 4). */
function addState(list: usize, start: i32): void {
  let sp: usize = 0;
  store<i32>(stack, start);
  sp = 1;
  while (sp > 0) {
    sp--;
    const pc = load<i32>(stack + (sp << 2));
    const markAt = mark + ((<usize>pc) << 2);
    if (load<i32>(markAt) == generation) continue;
    store<i32>(markAt, generation);
    const o = op(pc);
    if (o == OP_JMP) {
      store<i32>(stack + (sp << 2), argX(pc));
      sp++;
    } else if (o == OP_SPLIT) {
      store<i32>(stack + (sp << 2), argY(pc));
      store<i32>(stack + ((sp + 1) << 2), argX(pc));
      sp += 2;
    } else {
      const n = load<i32>(list - 4);
      store<i32>(list + ((<usize>n) << 2), pc);
      store<i32>(list - 4, n + 1);
      // A star may also match nothing more: what follows it is live too.
      if (o == OP_STAR_ANY || o == OP_STAR_NOT_DELIM) {
        store<i32>(stack + (sp << 2), pc + 1);
        sp++;
      }
    }
  }
}

/**
 * Whether the whole of the n bytes at s match the program of `length` instructions at `program`
 * (ranges at `rangeBuffer`; `delimiterCount` code points at `delimiterBuffer`), using `work`
 * (vmBytes(length) bytes).
 */
export function runGlob(
  program: usize,
  length: i32,
  rangeBuffer: usize,
  delimiterBuffer: usize,
  delimiterCount: i32,
  s: usize,
  n: usize,
  work: usize,
): i32 {
  prog = program;
  ranges = rangeBuffer;
  delims = delimiterBuffer;
  ndelims = delimiterCount;
  const len = <usize>length;
  mark = work;
  // Each list is preceded by its count.
  let current = work + len * 4 + 4;
  let next = current + len * 4 + 4;
  stack = next + len * 4;
  memory.fill(mark, 0, len * 4);
  generation = 1;
  store<i32>(current - 4, 0);
  addState(current, 0);
  let i: usize = 0;
  while (i < n) {
    const count = load<i32>(current - 4);
    if (count == 0) return GLOB_NO_MATCH;
    const c = decodeStrict(s + i, n - i);
    if (c < 0) return GLOB_UNDECIDED;
    i += strictWidth;
    generation++;
    store<i32>(next - 4, 0);
    for (let k: i32 = 0; k < count; k++) {
      const pc = load<i32>(current + ((<usize>k) << 2));
      if (!takes(pc, c)) continue;
      const o = op(pc);
      addState(next, o == OP_STAR_ANY || o == OP_STAR_NOT_DELIM ? pc : pc + 1);
    }
    const swap = current;
    current = next;
    next = swap;
  }
  const count = load<i32>(current - 4);
  for (let k: i32 = 0; k < count; k++) {
    if (op(load<i32>(current + ((<usize>k) << 2))) == OP_MATCH) return GLOB_MATCH;
  }
  return GLOB_NO_MATCH;
}
