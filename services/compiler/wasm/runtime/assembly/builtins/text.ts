// Shared helpers of the string builtins: byte search, new strings, case mapping.
import { opa_malloc } from '../malloc';
import { OPA_STRING, opa_string, typeOf } from '../value';
import { LOWER_RANGES, UPPER_RANGES } from './unicode-case';

export function isString(v: usize): bool {
  return typeOf(v) == OPA_STRING;
}

/** A new string value holding a copy of n bytes at p. */
export function copyString(p: usize, n: usize): usize {
  const q = opa_malloc(n);
  memory.copy(q, p, n);
  return opa_string(q, n);
}

/** Byte offset of needle in hay at or after `from`, or -1. */
export function findBytes(hay: usize, hn: usize, needle: usize, nn: usize, from: usize): isize {
  if (nn == 0) return from <= hn ? <isize>from : -1;
  if (nn > hn) return -1;
  const first = load<u8>(needle);
  for (let i = from; i + nn <= hn; i++) {
    if (load<u8>(hay + i) == first && memory.compare(hay + i, needle, nn) == 0) return <isize>i;
  }
  return -1;
}

export function hasPrefix(p: usize, n: usize, q: usize, m: usize): bool {
  return m <= n && memory.compare(p, q, m) == 0;
}

export function hasSuffix(p: usize, n: usize, q: usize, m: usize): bool {
  return m <= n && memory.compare(p + n - m, q, m) == 0;
}

/** Applies the first row of `table` covering cp (rows of interleaved strides may overlap, so look back a few). */
function mapCase(table: StaticArray<u32>, cp: u32): u32 {
  const rows = table.length >> 2;
  let lo = 0;
  let hi = rows - 1;
  // Last row whose first code point is <= cp.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (unchecked(table[mid << 2]) <= cp) lo = mid;
    else hi = mid - 1;
  }
  for (let r = lo; r >= 0 && r > lo - 4; r--) {
    const first = unchecked(table[r << 2]);
    const last = unchecked(table[(r << 2) + 1]);
    const stride = unchecked(table[(r << 2) + 2]);
    if (cp >= first && cp <= last && (cp - first) % stride == 0) return cp + unchecked(table[(r << 2) + 3]);
  }
  return cp;
}

// Simple (one code point to one) case mappings, as Go's unicode.ToLower/ToUpper.
export function toLower(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  return mapCase(LOWER_RANGES, cp);
}

export function toUpper(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a ? cp - 32 : cp;
  return mapCase(UPPER_RANGES, cp);
}

/** Unicode White_Space, as Go's unicode.IsSpace. */
export function isSpace(cp: u32): bool {
  if (cp <= 0xff) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0;
  return (
    cp == 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp == 0x2028 ||
    cp == 0x2029 ||
    cp == 0x202f ||
    cp == 0x205f ||
    cp == 0x3000
  );
}
