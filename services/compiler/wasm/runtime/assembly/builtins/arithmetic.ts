// Arithmetic builtins. Ints stay exact while they fit an i64; everything else goes through f64.
// A type error or a builtin error (division by zero...) makes the result undefined (0).
import { bigAdd, bigMul } from '../bigint';
import { numberToF64, numberTryInt, tryIntResult } from '../number';
import { opa_array_append } from '../array';
import { opa_set, tableFind, tableInsert, tableLen, tableNodeAt } from '../table';
import {
  NODE_KEY,
  OPA_NUMBER,
  OPA_SET,
  opa_array_with_cap,
  opa_number_float,
  opa_number_int,
  typeOf,
} from '../value';

export function isNumber(v: usize): bool {
  return typeOf(v) == OPA_NUMBER;
}

/** A number from an f64 result; NaN and infinities have no Rego value. */
export function numberResult(f: f64): usize {
  if (!isFinite(f)) return 0;
  return opa_number_float(f);
}

// Both operands as ints, when they are integral (left in intA/intB).
let intA: i64 = 0;
let intB: i64 = 0;

function bothInts(a: usize, b: usize): bool {
  if (!numberTryInt(a)) return false;
  intA = tryIntResult;
  if (!numberTryInt(b)) return false;
  intB = tryIntResult;
  return true;
}

export function opa_arith_plus(a: usize, b: usize): usize {
  if (!isNumber(a) || !isNumber(b)) return 0;
  if (bothInts(a, b)) {
    const r = intA + intB;
    // Overflow iff both operands have the same sign and the result's differs.
    if (((intA ^ r) & (intB ^ r)) >= 0) return opa_number_int(r);
  }
  const exact = bigAdd(a, b, false);
  return exact != 0 ? exact : numberResult(numberToF64(a) + numberToF64(b));
}

function setDifference(a: usize, b: usize): usize {
  const out = opa_set();
  const n = tableLen(a);
  for (let i: u32 = 0; i < n; i++) {
    const e = load<u32>(tableNodeAt(a, i), NODE_KEY);
    if (tableFind(b, e) == 0) tableInsert(out, e, 0);
  }
  return out;
}

export function opa_arith_minus(a: usize, b: usize): usize {
  if (typeOf(a) == OPA_SET && typeOf(b) == OPA_SET) return setDifference(a, b);
  if (!isNumber(a) || !isNumber(b)) return 0;
  if (bothInts(a, b)) {
    const r = intA - intB;
    if (((intA ^ intB) & (intA ^ r)) >= 0) return opa_number_int(r);
  }
  const exact = bigAdd(a, b, true);
  return exact != 0 ? exact : numberResult(numberToF64(a) - numberToF64(b));
}

function fitsI32(x: i64): bool {
  return x > -2147483648 && x < 2147483648;
}

export function opa_arith_multiply(a: usize, b: usize): usize {
  if (!isNumber(a) || !isNumber(b)) return 0;
  if (bothInts(a, b)) {
    if (fitsI32(intA) && fitsI32(intB)) return opa_number_int(intA * intB);
  }
  const exact = bigMul(a, b);
  return exact != 0 ? exact : numberResult(numberToF64(a) * numberToF64(b));
}

export function opa_arith_divide(a: usize, b: usize): usize {
  if (!isNumber(a) || !isNumber(b)) return 0;
  const y = numberToF64(b);
  if (y == 0) return 0;
  if (bothInts(a, b) && intB != 0 && !(intA == i64.MIN_VALUE && intB == -1) && intA % intB == 0) {
    return opa_number_int(intA / intB);
  }
  return numberResult(numberToF64(a) / y);
}

export function opa_arith_rem(a: usize, b: usize): usize {
  if (!isNumber(a) || !isNumber(b)) return 0;
  if (!bothInts(a, b) || intB == 0) return 0;
  if (intB == -1) return opa_number_int(0);
  return opa_number_int(intA % intB);
}

export function opa_arith_abs(a: usize): usize {
  if (!isNumber(a)) return 0;
  if (numberTryInt(a) && tryIntResult != i64.MIN_VALUE) {
    return opa_number_int(tryIntResult < 0 ? -tryIntResult : tryIntResult);
  }
  return numberResult(Math.abs(numberToF64(a)));
}

export function opa_arith_round(a: usize): usize {
  if (!isNumber(a)) return 0;
  if (numberTryInt(a)) return opa_number_int(tryIntResult);
  const f = numberToF64(a);
  // Half away from zero, as Go's math.Round.
  const r = f < 0 ? -Math.floor(-f + 0.5) : Math.floor(f + 0.5);
  return numberResult(r);
}

export function opa_arith_ceil(a: usize): usize {
  if (!isNumber(a)) return 0;
  if (numberTryInt(a)) return opa_number_int(tryIntResult);
  return numberResult(Math.ceil(numberToF64(a)));
}

export function opa_arith_floor(a: usize): usize {
  if (!isNumber(a)) return 0;
  if (numberTryInt(a)) return opa_number_int(tryIntResult);
  return numberResult(Math.floor(numberToF64(a)));
}

export function opa_numbers_range(a: usize, b: usize): usize {
  if (!isNumber(a) || !isNumber(b) || !bothInts(a, b)) return 0;
  const n = intA <= intB ? intB - intA + 1 : intA - intB + 1;
  const arr = opa_array_with_cap(n > 0 && n < 0x1000000 ? <usize>n : 0);
  const step: i64 = intA <= intB ? 1 : -1;
  for (let i = intA; ; i += step) {
    opa_array_append(arr, opa_number_int(i));
    if (i == intB) break;
  }
  return arr;
}
