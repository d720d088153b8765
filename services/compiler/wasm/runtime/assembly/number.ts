// Numbers: ints, floats and refs (decimal text kept as written) compared, hashed and converted by value.
import { shortestDigits, shortestExp, writeFloat } from './float-format';
import { opa_malloc, opa_free } from './malloc';
import { NUM_REF_LEN, NUM_REPR, NUM_VALUE, REPR_FLOAT, REPR_INT, REPR_REF } from './value';

// A number's decimal view: value = sign * 0.D1..Dn * 10^exp, digits without leading or trailing zeros.
// Zero has no digits. The digits are ASCII bytes in a caller-provided buffer.
export let decNeg: bool = false;
export let decExp: i32 = 0;

/** Scratch for the decimal views of ints and floats (two, so that compare can hold both sides). */
const SCRATCH_A: usize = memory.data(64);
const SCRATCH_B: usize = memory.data(64);

export function numRepr(v: usize): u8 {
  return load<u8>(v, NUM_REPR);
}

/** Reads a decimal literal (optionally signed, with fraction and exponent). */
function decimalFromText(src: usize, len: usize, out: usize): i32 {
  let i: usize = 0;
  let neg = false;
  const end = len;
  let c = end > 0 ? load<u8>(src) : 0;
  if (c == 0x2d || c == 0x2b) {
    neg = c == 0x2d;
    i++;
  }
  let n: i32 = 0;
  let intDigits: i32 = 0;
  let leadingFracZeros: i32 = 0;
  let afterPoint = false;
  let exp: i64 = 0;
  while (i < end) {
    c = load<u8>(src + i);
    if (c >= 0x30 && c <= 0x39) {
      if (n == 0 && c == 0x30) {
        if (afterPoint) leadingFracZeros++;
      } else {
        store<u8>(out + <usize>n, c);
        n++;
        if (!afterPoint) intDigits++;
      }
    } else if (c == 0x2e) {
      afterPoint = true;
    } else if (c == 0x65 || c == 0x45) {
      i++;
      let eneg = false;
      if (i < end) {
        const s = load<u8>(src + i);
        if (s == 0x2d || s == 0x2b) {
          eneg = s == 0x2d;
          i++;
        }
      }
      while (i < end) {
        const d = load<u8>(src + i);
        if (d < 0x30 || d > 0x39) break;
        if (exp < 1000000000) exp = exp * 10 + <i64>(d - 0x30);
        i++;
      }
      if (eneg) exp = -exp;
      break;
    } else {
      break;
    }
    i++;
  }
  while (n > 0 && load<u8>(out + <usize>(n - 1)) == 0x30) n--;
  if (n == 0) {
    decNeg = false;
    decExp = 0;
    return 0;
  }
  decNeg = neg;
  decExp = <i32>((intDigits > 0 ? <i64>intDigits : -(<i64>leadingFracZeros)) + exp);
  return n;
}

function decimalFromInt(i: i64, out: usize): i32 {
  if (i == 0) {
    decNeg = false;
    decExp = 0;
    return 0;
  }
  decNeg = i < 0;
  let u: u64 = i < 0 ? <u64>-(i + 1) + 1 : <u64>i;
  let digits: i32 = 0;
  for (let t = u; t > 0; t /= 10) digits++;
  for (let k = digits - 1; k >= 0; k--) {
    store<u8>(out + <usize>k, <u8>(0x30 + <i32>(u % 10)));
    u /= 10;
  }
  decExp = digits;
  let n = digits;
  while (load<u8>(out + <usize>(n - 1)) == 0x30) n--;
  return n;
}

function decimalFromFloat(f: f64, out: usize): i32 {
  if (f == 0 || !isFinite(f)) {
    decNeg = false;
    decExp = 0;
    return 0;
  }
  const n = shortestDigits(Math.abs(f), out);
  decNeg = f < 0;
  decExp = shortestExp;
  return n;
}

/** Bytes a decimal view of `v` may need. */
export function decimalCapacity(v: usize): usize {
  return numRepr(v) == REPR_REF ? <usize>load<u32>(v, NUM_REF_LEN) + 1 : 64;
}

/** The decimal view of `v` into `out` (which has decimalCapacity(v) bytes); returns the digit count. */
export function decimalOf(v: usize, out: usize): i32 {
  const r = numRepr(v);
  if (r == REPR_INT) return decimalFromInt(load<i64>(v, NUM_VALUE), out);
  if (r == REPR_FLOAT) return decimalFromFloat(load<f64>(v, NUM_VALUE), out);
  return decimalFromText(load<u32>(v, NUM_VALUE), load<u32>(v, NUM_REF_LEN), out);
}

function compareDecimals(
  an: i32,
  aNeg: bool,
  aExp: i32,
  ad: usize,
  bn: i32,
  bNeg: bool,
  bExp: i32,
  bd: usize,
): i32 {
  const sa = an == 0 ? 0 : aNeg ? -1 : 1;
  const sb = bn == 0 ? 0 : bNeg ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  let mag: i32 = 0;
  if (aExp != bExp) {
    mag = aExp < bExp ? -1 : 1;
  } else {
    const m = an < bn ? an : bn;
    for (let i = 0; i < m && mag == 0; i++) {
      const x = load<u8>(ad + <usize>i);
      const y = load<u8>(bd + <usize>i);
      if (x != y) mag = x < y ? -1 : 1;
    }
    if (mag == 0 && an != bn) mag = an < bn ? -1 : 1;
  }
  return sa < 0 ? -mag : mag;
}

function scratchFor(v: usize, fallback: usize): usize {
  return numRepr(v) == REPR_REF ? opa_malloc(decimalCapacity(v)) : fallback;
}

export function numberCompare(a: usize, b: usize): i32 {
  const ra = numRepr(a);
  const rb = numRepr(b);
  if (ra == REPR_INT && rb == REPR_INT) {
    const x = load<i64>(a, NUM_VALUE);
    const y = load<i64>(b, NUM_VALUE);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra != REPR_REF && rb != REPR_REF) {
    const x = numberToF64(a);
    const y = numberToF64(b);
    const exact =
      (ra == REPR_FLOAT || Math.abs(x) < 9007199254740992.0) &&
      (rb == REPR_FLOAT || Math.abs(y) < 9007199254740992.0);
    if (exact) return x < y ? -1 : x > y ? 1 : 0;
  }
  const da = scratchFor(a, SCRATCH_A);
  const db = scratchFor(b, SCRATCH_B);
  const an = decimalOf(a, da);
  const aNeg = decNeg;
  const aExp = decExp;
  const bn = decimalOf(b, db);
  const r = compareDecimals(an, aNeg, aExp, da, bn, decNeg, decExp, db);
  if (da != SCRATCH_A) opa_free(da);
  if (db != SCRATCH_B) opa_free(db);
  return r;
}

export function numberHash(v: usize): u32 {
  const d = scratchFor(v, SCRATCH_A);
  const n = decimalOf(v, d);
  let h: u32 = 2166136261 ^ (decNeg ? 0x55 : 0x33);
  h = (h ^ (<u32>decExp)) * 16777619;
  for (let i = 0; i < n; i++) h = (h ^ load<u8>(d + <usize>i)) * 16777619;
  if (d != SCRATCH_A) opa_free(d);
  return h;
}

const POW10: StaticArray<f64> = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

function scale10(m: f64, e: i32): f64 {
  if (e >= 0 && e <= 22) return m * POW10[e];
  if (e < 0 && e >= -22) return m / POW10[-e];
  if (e > 0) return m * Math.pow(10, <f64>e);
  // Two steps keep subnormal results from underflowing early.
  return e < -300 ? m / 1e300 / Math.pow(10, <f64>(-e - 300)) : m / Math.pow(10, <f64>-e);
}

export function numberToF64(v: usize): f64 {
  const r = numRepr(v);
  if (r == REPR_INT) return <f64>load<i64>(v, NUM_VALUE);
  if (r == REPR_FLOAT) return load<f64>(v, NUM_VALUE);
  const d = opa_malloc(decimalCapacity(v));
  const n = decimalOf(v, d);
  const used = n < 19 ? n : 19;
  let m: u64 = 0;
  for (let i = 0; i < used; i++) m = m * 10 + <u64>(load<u8>(d + <usize>i) - 0x30);
  opa_free(d);
  const f = scale10(<f64>m, decExp - used);
  return decNeg ? -f : f;
}

/** Set by numberTryInt. */
export let tryIntResult: i64 = 0;

/** True when `v` is an integral number that fits an i64 (its value then in tryIntResult). */
export function numberTryInt(v: usize): bool {
  const r = numRepr(v);
  if (r == REPR_INT) {
    tryIntResult = load<i64>(v, NUM_VALUE);
    return true;
  }
  if (r == REPR_FLOAT) {
    const f = load<f64>(v, NUM_VALUE);
    if (Math.floor(f) != f || Math.abs(f) >= 9.223372036854775807e18) return false;
    tryIntResult = <i64>f;
    return true;
  }
  const d = opa_malloc(decimalCapacity(v));
  const n = decimalOf(v, d);
  let ok = n == 0 || (decExp >= n && decExp <= 19);
  let m: u64 = 0;
  for (let i = 0; ok && i < decExp; i++) {
    const digit = i < n ? <u64>(load<u8>(d + <usize>i) - 0x30) : 0;
    if (m > (0xffffffffffffffff - digit) / 10) ok = false;
    else m = m * 10 + digit;
  }
  opa_free(d);
  if (!ok) return false;
  if (decNeg) {
    if (m > 0x8000000000000000) return false;
    tryIntResult = <i64>(0 - m);
  } else {
    if (m > 0x7fffffffffffffff) return false;
    tryIntResult = <i64>m;
  }
  return true;
}

export function opa_number_try_int(v: usize): bool {
  return numberTryInt(v);
}

export function opa_number_try_int_result(): i64 {
  return tryIntResult;
}

/** Writes the shortest text of a float that reads back as the same float, as Go's JSON encoder does. */
export function formatFloat(f: f64, out: usize): usize {
  return writeFloat(f, out);
}

/** Writes an i64 in decimal; returns the byte count (at most 20). */
export function formatInt(i: i64, out: usize): usize {
  let p = out;
  let u: u64;
  if (i < 0) {
    store<u8>(p++, 0x2d);
    u = <u64>-(i + 1) + 1;
  } else {
    u = <u64>i;
  }
  let digits: usize = 1;
  for (let t = u; t >= 10; t /= 10) digits++;
  for (let k = digits; k > 0; k--) {
    store<u8>(p + k - 1, <u8>(0x30 + <i32>(u % 10)));
    u /= 10;
  }
  return p + digits - out;
}
