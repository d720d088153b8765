/**
 * Arithmetic, rounding, ranges and aggregates (OPA `arithmetic.go`,
 * `numbers.go`, `aggregates.go`). Integers stay exact through bigint; a
 * result that fits a safe JS integer is handed back as a number.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { evaluationContext } from './context.js';
import { BuiltinFailure } from './errors.js';
import {
  collectionOperand,
  intOperand,
  numberOperand,
  operandError,
  operandTypeError,
  stringOperand,
} from './operands.js';
import { register } from './registry.js';
import { compareValues, isObject, toSet, typeName } from './values.js';
import type { Value } from './values.js';

export function normalizeInt(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function isInt(n: number | bigint): boolean {
  return typeof n === 'bigint' || Number.isInteger(n);
}

function exactInt(n: number | bigint): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

/** Rejects results OPA cannot represent (OPA keeps arbitrary precision; JS floats overflow). */
function finite(n: number): number {
  if (!Number.isFinite(n)) throw new BuiltinFailure('number too big');
  return Object.is(n, -0) ? 0 : n;
}

function numberArg(value: unknown, pos: number): number | bigint {
  if (typeof value === 'bigint') return value;
  return numberOperand(value, pos);
}

type IntOp = (x: bigint, y: bigint) => bigint;
type FloatOp = (x: number, y: number) => number;

function arith(intOp: IntOp | undefined, floatOp: FloatOp) {
  return (a: unknown, b: unknown): number | bigint => {
    const x = numberArg(a, 1);
    const y = numberArg(b, 2);
    if (intOp && isInt(x) && isInt(y)) return normalizeInt(intOp(exactInt(x), exactInt(y)));
    return finite(floatOp(Number(x), Number(y)));
  };
}

function divide(a: unknown, b: unknown): number | bigint {
  const x = numberArg(a, 1);
  const y = numberArg(b, 2);
  if (Number(y) === 0) throw new BuiltinFailure('divide by zero');
  if (isInt(x) && isInt(y)) {
    const bx = exactInt(x);
    const by = exactInt(y);
    if (bx !== 0n && bx % by === 0n) return normalizeInt(bx / by);
  }
  return finite(Number(x) / Number(y));
}

function remainder(a: unknown, b: unknown): number | bigint {
  const x = numberArg(a, 1);
  const y = numberArg(b, 2);
  if (!isInt(x) || !isInt(y)) throw new BuiltinFailure('modulo on floating-point number');
  if (exactInt(y) === 0n) throw new BuiltinFailure('modulo by zero');
  return normalizeInt(exactInt(x) % exactInt(y));
}

function minus(a: unknown, b: unknown): unknown {
  const aNum = typeof a === 'number' || typeof a === 'bigint';
  const bNum = typeof b === 'number' || typeof b === 'bigint';
  if (aNum && bNum)
    return arith(
      (x, y) => x - y,
      (x, y) => x - y,
    )(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const right = b as Value[];
    return toSet((a as Value[]).filter((x) => !right.some((y) => compareValues(x, y) === 0)));
  }
  if (!aNum && !Array.isArray(a)) throw operandTypeError(1, a, 'number', 'set');
  if (Array.isArray(b)) throw operandTypeError(2, b, 'number');
  throw operandTypeError(2, b, 'set');
}

function roundHalfAway(n: number): number {
  return Math.sign(n) * Math.floor(Math.abs(n) + 0.5);
}

function unary(op: (n: number) => number) {
  return (value: unknown): number | bigint => {
    const n = numberArg(value, 1);
    if (typeof n === 'bigint') return n;
    return finite(op(n));
  };
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i <= to; i += step) out.push(i);
  else for (let i = from; i >= to; i -= step) out.push(i);
  return out;
}

/** Upper bound on generated ranges, so a policy cannot exhaust host memory. */
const MAX_RANGE = 10_000_000;

function checkRangeSize(from: number, to: number, step: number): void {
  if (Math.abs(to - from) / step > MAX_RANGE) throw new BuiltinFailure('range too large');
}

function numbersOf(value: unknown, pos: number, kind: string): (number | bigint)[] {
  const items = collectionOperand(value, pos);
  return items.map((item) => {
    if (typeof item !== 'number' && typeof item !== 'bigint') {
      throw operandError(pos, `must be ${kind} of numbers but got ${kind} containing ${typeName(item)}`);
    }
    return item;
  });
}

function count(value: unknown): number {
  if (typeof value === 'string') return Array.from(value).length;
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  throw operandTypeError(1, value, 'array', 'object', 'set', 'string');
}

function sortOperand(value: unknown): Value[] {
  if (!Array.isArray(value)) throw operandTypeError(1, value, 'set', 'array');
  return [...(value as Value[])].sort(compareValues);
}

const plus = arith(
  (x, y) => x + y,
  (x, y) => x + y,
);
const mul = arith(
  (x, y) => x * y,
  (x, y) => x * y,
);

/**
 * A uniform integer in [0, limit). Not `Math.floor(Math.random() * limit)`:
 * past 2^48 that product can round up to `limit` itself.
 */
function uniformBelow(limit: number): number {
  if (limit < 2 ** 48) return randomInt(limit);
  const bound = BigInt(limit);
  const span = 1n << 64n;
  const accept = span - (span % bound);
  for (;;) {
    const draw = randomBytes(8).readBigUInt64BE();
    // As a double, a draw just under a limit past 2^53 can round up to it: drawn again.
    const value = Number(draw % bound);
    if (draw < accept && value < limit) return value;
  }
}

register('numbers', {
  plus,
  minus,
  mul,
  div: divide,
  rem: remainder,
  abs: unary(Math.abs),
  round: unary(roundHalfAway),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  'numbers.range'(a, b) {
    const from = intOperand(a, 1);
    const to = intOperand(b, 2);
    checkRangeSize(from, to, 1);
    return range(from, to, 1);
  },
  'numbers.range_step'(a, b, c) {
    const from = intOperand(a, 1);
    const to = intOperand(b, 2);
    const step = intOperand(c, 3);
    if (step <= 0) throw new BuiltinFailure('step must be a positive number above zero');
    checkRangeSize(from, to, step);
    return range(from, to, step);
  },
  'rand.intn'(seed, n) {
    const key = stringOperand(seed, 1);
    const limit = Math.abs(intOperand(n, 2));
    if (limit === 0) return 0;
    // OPA caches the result for the evaluation by the string and |n| ("%s-%d"): the same call,
    // or one with -n, gives the same number.
    const memo = evaluationContext().memo;
    const memoKey = `rand.intn:${key}-${limit}`;
    if (!memo.has(memoKey)) memo.set(memoKey, uniformBelow(limit));
    return memo.get(memoKey);
  },
  count,
  sum(value) {
    const nums = numbersOf(value, 1, 'array');
    return nums.reduce<number | bigint>((acc, n) => plus(acc, n), 0);
  },
  product(value) {
    const nums = numbersOf(value, 1, 'array');
    return nums.reduce<number | bigint>((acc, n) => mul(acc, n), 1);
  },
  max(value) {
    const items = collectionOperand(value, 1);
    if (items.length === 0) return undefined;
    return items.reduce((m, v) => (compareValues(v, m) > 0 ? v : m));
  },
  min(value) {
    const items = collectionOperand(value, 1);
    if (items.length === 0) return undefined;
    return items.reduce((m, v) => (compareValues(v, m) < 0 ? v : m));
  },
  sort: sortOperand,
  all(value) {
    return collectionOperand(value, 1).every((v) => v === true);
  },
  any(value) {
    return collectionOperand(value, 1).some((v) => v === true);
  },
});
