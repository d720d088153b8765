// Exact integer arithmetic on decimal digits, for integral operands whose result does not fit an i64
// (OPA computes with arbitrary precision, so 9223372036854775807 + 1 must be exact).
import { opa_free, opa_malloc } from './malloc';
import { decExp, decNeg, decimalCapacity, decimalOf } from './number';
import { opa_number_int, opa_number_ref } from './value';

/** Integers longer than this many digits are left to floating point. */
const MAX_DIGITS: i32 = 1000;

let intNeg = false;
let intLen: i32 = 0;

/** The digits of integral |v| (most significant first, no exponent) in a new buffer, or 0. Sets intNeg, intLen. */
function integerDigits(v: usize): usize {
  const d = opa_malloc(decimalCapacity(v));
  const n = decimalOf(v, d);
  const exp = decExp;
  if (n > exp || exp > MAX_DIGITS) {
    opa_free(d);
    return 0;
  }
  intNeg = decNeg;
  intLen = exp > 0 ? exp : 1;
  const out = opa_malloc(<usize>(exp > 0 ? exp : 1));
  memory.copy(out, d, <usize>n);
  memory.fill(out + <usize>n, 0x30, <usize>(exp - n));
  if (exp == 0) store<u8>(out, 0x30);
  opa_free(d);
  return out;
}

function compareMagnitude(a: usize, an: i32, b: usize, bn: i32): i32 {
  if (an != bn) return an < bn ? -1 : 1;
  const c = memory.compare(a, b, <usize>an);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** Digits of a + b into out (an + bn + 1 bytes, right-aligned); returns the start within out. */
function addMagnitude(a: usize, an: i32, b: usize, bn: i32, out: usize, outLen: i32): usize {
  let carry: i32 = 0;
  let k = outLen - 1;
  for (let i = an - 1, j = bn - 1; i >= 0 || j >= 0 || carry != 0; i--, j--, k--) {
    const s =
      (i >= 0 ? <i32>load<u8>(a + <usize>i) - 0x30 : 0) +
      (j >= 0 ? <i32>load<u8>(b + <usize>j) - 0x30 : 0) +
      carry;
    store<u8>(out + <usize>k, <u8>(0x30 + (s % 10)));
    carry = s / 10;
  }
  return out + <usize>(k + 1);
}

/** Digits of a - b (a >= b) into out, right-aligned; returns the start within out. */
function subMagnitude(a: usize, an: i32, b: usize, bn: i32, out: usize, outLen: i32): usize {
  let borrow: i32 = 0;
  let k = outLen - 1;
  for (let i = an - 1, j = bn - 1; i >= 0; i--, j--, k--) {
    let s = <i32>load<u8>(a + <usize>i) - 0x30 - (j >= 0 ? <i32>load<u8>(b + <usize>j) - 0x30 : 0) - borrow;
    borrow = s < 0 ? 1 : 0;
    if (s < 0) s += 10;
    store<u8>(out + <usize>k, <u8>(0x30 + s));
  }
  return out + <usize>(k + 1);
}

function mulMagnitude(a: usize, an: i32, b: usize, bn: i32, out: usize): void {
  const n = an + bn;
  const acc = opa_malloc((<usize>n) << 2);
  memory.fill(acc, 0, (<usize>n) << 2);
  for (let i = an - 1; i >= 0; i--) {
    const x = <u32>load<u8>(a + <usize>i) - 0x30;
    for (let j = bn - 1; j >= 0; j--) {
      const p = acc + ((<usize>(i + j + 1)) << 2);
      store<u32>(p, load<u32>(p) + x * (<u32>load<u8>(b + <usize>j) - 0x30));
    }
    // Normalise each row so the u32 cells cannot overflow.
    for (let k = n - 1; k > 0; k--) {
      const p = acc + ((<usize>k) << 2);
      const v = load<u32>(p);
      if (v >= 10) {
        store<u32>(p, v % 10);
        store<u32>(p - 4, load<u32>(p - 4) + v / 10);
      }
    }
  }
  for (let k = 0; k < n; k++) store<u8>(out + <usize>k, <u8>(0x30 + load<u32>(acc + ((<usize>k) << 2))));
  opa_free(acc);
}

/** A number value from digits (may have leading zeros): an int when it fits, else a ref to the text. */
function numberFromDigits(neg: bool, p: usize, n: i32): usize {
  while (n > 1 && load<u8>(p) == 0x30) {
    p++;
    n--;
  }
  if (n <= 18) {
    let m: i64 = 0;
    for (let i = 0; i < n; i++) m = m * 10 + <i64>(load<u8>(p + <usize>i) - 0x30);
    return opa_number_int(neg ? -m : m);
  }
  const text = opa_malloc(<usize>n + 1);
  let q = text;
  if (neg) store<u8>(q++, 0x2d);
  memory.copy(q, p, <usize>n);
  return opa_number_ref(text, <usize>n + (neg ? 1 : 0));
}

/** a + b (or a - b when negateB) exactly, or 0 when an operand is not an integer of reasonable size. */
export function bigAdd(a: usize, b: usize, negateB: bool): usize {
  const ad = integerDigits(a);
  if (ad == 0) return 0;
  const aNeg = intNeg;
  const an = intLen;
  const bd = integerDigits(b);
  if (bd == 0) {
    opa_free(ad);
    return 0;
  }
  const result = addSigned(ad, an, aNeg, bd, intLen, intNeg != negateB);
  opa_free(bd);
  opa_free(ad);
  return result;
}

function addSigned(ad: usize, an: i32, aNeg: bool, bd: usize, bn: i32, bNeg: bool): usize {
  const outLen = (an > bn ? an : bn) + 1;
  const out = opa_malloc(<usize>outLen);
  let start: usize;
  let neg: bool;
  if (aNeg == bNeg) {
    start = addMagnitude(ad, an, bd, bn, out, outLen);
    neg = aNeg;
  } else if (compareMagnitude(ad, an, bd, bn) >= 0) {
    start = subMagnitude(ad, an, bd, bn, out, outLen);
    neg = aNeg;
  } else {
    start = subMagnitude(bd, bn, ad, an, out, outLen);
    neg = bNeg;
  }
  const n = <i32>(out + <usize>outLen - start);
  let allZero = true;
  for (let i = 0; i < n && allZero; i++) if (load<u8>(start + <usize>i) != 0x30) allZero = false;
  const result = numberFromDigits(neg && !allZero, start, n);
  opa_free(out);
  return result;
}

export function bigMul(a: usize, b: usize): usize {
  const ad = integerDigits(a);
  if (ad == 0) return 0;
  const aNeg = intNeg;
  const an = intLen;
  const bd = integerDigits(b);
  if (bd == 0) {
    opa_free(ad);
    return 0;
  }
  const bNeg = intNeg;
  const bn = intLen;
  const out = opa_malloc(<usize>(an + bn));
  mulMagnitude(ad, an, bd, bn, out);
  let allZero = true;
  for (let i = 0; i < an + bn && allZero; i++) if (load<u8>(out + <usize>i) != 0x30) allZero = false;
  const result = numberFromDigits(aNeg != bNeg && !allZero, out, an + bn);
  opa_free(out);
  opa_free(bd);
  opa_free(ad);
  return result;
}
