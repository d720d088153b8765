// Shared helpers of the string builtins: byte search, new strings, case mapping.
import { opa_malloc } from '../malloc';
import { OPA_STRING, opa_string, typeOf } from '../value';

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

// Case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (what policies meet in practice).
export function toLower(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  if ((cp >= 0xc0 && cp <= 0xde && cp != 0xd7) || (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2)) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42f) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40f) return cp + 80;
  if (cp >= 0x100 && cp <= 0x17f && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17f) {
    const oddPairs = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
    if (oddPairs) return (cp & 1) == 1 ? cp + 1 : cp;
    if (cp == 0x178) return 0xff;
    return (cp & 1) == 0 ? cp + 1 : cp;
  }
  return cp;
}

export function toUpper(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a ? cp - 32 : cp;
  if ((cp >= 0xe0 && cp <= 0xfe && cp != 0xf7) || (cp >= 0x3b1 && cp <= 0x3cb && cp != 0x3c2)) return cp - 32;
  if (cp == 0xff) return 0x178;
  if (cp == 0x3c2) return 0x3a3;
  if (cp >= 0x430 && cp <= 0x44f) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45f) return cp - 80;
  if (cp >= 0x100 && cp <= 0x17f && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x178) {
    if (cp == 0x17f) return 0x53;
    const oddPairs = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
    if (oddPairs) return (cp & 1) == 0 ? cp - 1 : cp;
    return (cp & 1) == 1 ? cp - 1 : cp;
  }
  if (cp == 0x131) return 0x49;
  return cp;
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
