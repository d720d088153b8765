// Shortest decimal digits of an f64 that read back as the same f64, choosing the closest such digits
// (as Go's strconv and JavaScript do). Uses exact big-integer arithmetic: the AS standard library's
// Grisu2 is not always the closest (0.1 + 0.2 gives ...07 instead of ...04).

/** Little-endian u32 limbs; 2^1024 * 5^1075 needs fewer than 100. */
const LIMBS: i32 = 100;
const BIG: usize = memory.data(LIMBS * 4);
/** Exact digits of the value, and of the low and high ends of its rounding interval. */
const EXACT: usize = memory.data(800);
const LOW: usize = memory.data(800);
const HIGH: usize = memory.data(800);
const ROUNDED: usize = memory.data(24);
const SHORTEST: usize = memory.data(24);

let bigLen: i32 = 0;

function bigSet(m: u64): void {
  store<u32>(BIG, <u32>m);
  store<u32>(BIG + 4, <u32>(m >> 32));
  bigLen = m >> 32 != 0 ? 2 : m != 0 ? 1 : 0;
}

function bigMulSmall(k: u32): void {
  let carry: u64 = 0;
  for (let i = 0; i < bigLen; i++) {
    const p = (<usize>i) << 2;
    const t = <u64>load<u32>(BIG + p) * <u64>k + carry;
    store<u32>(BIG + p, <u32>t);
    carry = t >> 32;
  }
  if (carry != 0) {
    store<u32>(BIG + ((<usize>bigLen) << 2), <u32>carry);
    bigLen++;
  }
}

/** Divides in place by d, returning the remainder. */
function bigDivSmall(d: u32): u32 {
  let rem: u64 = 0;
  for (let i = bigLen - 1; i >= 0; i--) {
    const p = (<usize>i) << 2;
    const t = (rem << 32) | (<u64>load<u32>(BIG + p));
    store<u32>(BIG + p, <u32>(t / d));
    rem = t % d;
  }
  while (bigLen > 0 && load<u32>(BIG + ((<usize>(bigLen - 1)) << 2)) == 0) bigLen--;
  return <u32>rem;
}

/** Exponent (value = 0.D * 10^exp) of the last exactDigits call. */
let digitsExp: i32 = 0;

/** The exact decimal digits of m * 2^e into out (no leading or trailing zeros); returns their count. */
function exactDigits(m: u64, e: i32, out: usize): i32 {
  bigSet(m);
  // Multiply in the largest steps a u32 holds: 2^31 and 5^13.
  if (e >= 0) {
    let k = e;
    for (; k >= 31; k -= 31) bigMulSmall(0x80000000);
    if (k > 0) bigMulSmall((<u32>1) << (<u32>k));
  } else {
    let k = -e;
    for (; k >= 13; k -= 13) bigMulSmall(1220703125);
    let rest: u32 = 1;
    for (; k > 0; k--) rest *= 5;
    bigMulSmall(rest);
  }
  // Decimal digits come out least significant first, in chunks of nine.
  let n: i32 = 0;
  while (bigLen > 0) {
    let chunk = bigDivSmall(1000000000);
    const last = bigLen == 0;
    for (let j = 0; j < 9 && (!last || chunk != 0); j++) {
      store<u8>(out + <usize>n, <u8>(0x30 + (chunk % 10)));
      n++;
      chunk /= 10;
    }
  }
  // Reverse into most-significant-first order.
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = load<u8>(out + <usize>i);
    store<u8>(out + <usize>i, load<u8>(out + <usize>j));
    store<u8>(out + <usize>j, t);
  }
  digitsExp = n - (e < 0 ? -e : 0);
  while (n > 0 && load<u8>(out + <usize>(n - 1)) == 0x30) n--;
  return n;
}

function compareMagnitudes(an: i32, aExp: i32, a: usize, bn: i32, bExp: i32, b: usize): i32 {
  if (an == 0 || bn == 0) return an == bn ? 0 : an == 0 ? -1 : 1;
  if (aExp != bExp) return aExp < bExp ? -1 : 1;
  const m = an < bn ? an : bn;
  for (let i = 0; i < m; i++) {
    const x = load<u8>(a + <usize>i);
    const y = load<u8>(b + <usize>i);
    if (x != y) return x < y ? -1 : 1;
  }
  return an == bn ? 0 : an < bn ? -1 : 1;
}

export let shortestExp: i32 = 0;

/** Shortest closest digits of |f| (finite, non-zero) into out (at least 17 bytes); returns the count. */
export function shortestDigits(f: f64, out: usize): i32 {
  const bits = reinterpret<u64>(f);
  const biased = <i32>((bits >> 52) & 0x7ff);
  const frac = bits & 0xfffffffffffff;
  const m: u64 = biased == 0 ? frac : frac | 0x10000000000000;
  const e: i32 = (biased == 0 ? 1 : biased) - 1075;
  const n = exactDigits(m, e, EXACT);
  const exp = digitsExp;
  // The rounding interval: halfway to each neighbour (closer below at a power of two).
  const lowerCloser = frac == 0 && biased > 1;
  const ln = lowerCloser ? exactDigits(4 * m - 1, e - 2, LOW) : exactDigits(2 * m - 1, e - 1, LOW);
  const lExp = digitsExp;
  const hn = exactDigits(2 * m + 1, e - 1, HIGH);
  const hExp = digitsExp;
  // Round-half-even on read-back accepts the interval ends when m is even.
  const inclusive = (m & 1) == 0;
  for (let p = 1; p <= 17; p++) {
    let rn = p < n ? p : n;
    let rExp = exp;
    memory.copy(ROUNDED, EXACT, <usize>rn);
    if (p < n) {
      const next = load<u8>(EXACT + <usize>p);
      let up = next > 0x35;
      if (next == 0x35) up = p + 1 < n || (load<u8>(EXACT + <usize>(p - 1)) & 1) == 1;
      if (up) {
        let i = rn - 1;
        while (i >= 0 && load<u8>(ROUNDED + <usize>i) == 0x39) i--;
        if (i < 0) {
          store<u8>(ROUNDED, 0x31);
          rn = 1;
          rExp++;
        } else {
          store<u8>(ROUNDED + <usize>i, load<u8>(ROUNDED + <usize>i) + 1);
          rn = i + 1;
        }
      }
      while (rn > 0 && load<u8>(ROUNDED + <usize>(rn - 1)) == 0x30) rn--;
    }
    const cl = compareMagnitudes(rn, rExp, ROUNDED, ln, lExp, LOW);
    const ch = compareMagnitudes(rn, rExp, ROUNDED, hn, hExp, HIGH);
    if ((cl > 0 || (inclusive && cl == 0)) && (ch < 0 || (inclusive && ch == 0))) {
      memory.copy(out, ROUNDED, <usize>rn);
      shortestExp = rExp;
      return rn;
    }
  }
  memory.copy(out, EXACT, 17);
  shortestExp = exp;
  return 17;
}

/** Writes f as JavaScript and Go's JSON encoder do (exponent form below 1e-6 and from 1e21). */
export function writeFloat(f: f64, out: usize): usize {
  let q = out;
  if (f == 0) {
    store<u8>(q, 0x30);
    return 1;
  }
  if (f < 0) {
    store<u8>(q++, 0x2d);
    f = -f;
  }
  const digits = SHORTEST;
  const k = shortestDigits(f, digits);
  const point = shortestExp;
  if (k <= point && point <= 21) {
    memory.copy(q, digits, <usize>k);
    q += <usize>k;
    for (let i = k; i < point; i++) store<u8>(q++, 0x30);
  } else if (0 < point && point <= 21) {
    memory.copy(q, digits, <usize>point);
    q += <usize>point;
    store<u8>(q++, 0x2e);
    memory.copy(q, digits + <usize>point, <usize>(k - point));
    q += <usize>(k - point);
  } else if (-6 < point && point <= 0) {
    store<u8>(q++, 0x30);
    store<u8>(q++, 0x2e);
    for (let i = point; i < 0; i++) store<u8>(q++, 0x30);
    memory.copy(q, digits, <usize>k);
    q += <usize>k;
  } else {
    store<u8>(q++, load<u8>(digits));
    if (k > 1) {
      store<u8>(q++, 0x2e);
      memory.copy(q, digits + 1, <usize>(k - 1));
      q += <usize>(k - 1);
    }
    store<u8>(q++, 0x65);
    let e = point - 1;
    store<u8>(q++, e < 0 ? 0x2d : 0x2b);
    if (e < 0) e = -e;
    if (e >= 100) store<u8>(q++, <u8>(0x30 + e / 100));
    if (e >= 10) store<u8>(q++, <u8>(0x30 + ((e / 10) % 10)));
    store<u8>(q++, <u8>(0x30 + (e % 10)));
  }
  return q - out;
}
