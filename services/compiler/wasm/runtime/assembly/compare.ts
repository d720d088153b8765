// OPA's total order over values, and a hash consistent with it.
import { numberCompare, numberHash } from './number';
import { sortedNodeAt, tableLen, tableNodeAt, tableSortedNodes, tableSortedRelease } from './table';
import {
  BOOL_V,
  NODE_HASH,
  NODE_KEY,
  NODE_VALUE,
  OPA_ARRAY,
  OPA_BOOLEAN,
  OPA_NULL,
  OPA_NUMBER,
  OPA_OBJECT,
  OPA_SET,
  OPA_STRING,
  STR_HASH,
  arrAt,
  arrLen,
  strLen,
  strPtr,
  typeOf,
} from './value';

export function compareBytes(ap: usize, an: usize, bp: usize, bn: usize): i32 {
  if (ap == bp && an == bn) return 0;
  const m = an < bn ? an : bn;
  // Inline rather than memory.compare: the strings compared (keys, short values) are mostly short.
  let i: usize = 0;
  while (i + 8 <= m && load<u64>(ap + i) == load<u64>(bp + i)) i += 8;
  for (; i < m; i++) {
    const x = load<u8>(ap + i);
    const y = load<u8>(bp + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return an < bn ? -1 : an > bn ? 1 : 0;
}

export function opa_value_compare(a: usize, b: usize): i32 {
  if (a == b) return 0;
  if (a == 0) return -1;
  if (b == 0) return 1;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case OPA_NULL:
      return 0;
    case OPA_BOOLEAN: {
      const x = load<u8>(a, BOOL_V);
      const y = load<u8>(b, BOOL_V);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case OPA_NUMBER:
      return numberCompare(a, b);
    case OPA_STRING:
      return compareBytes(strPtr(a), strLen(a), strPtr(b), strLen(b));
    case OPA_ARRAY: {
      const an = arrLen(a);
      const bn = arrLen(b);
      const m = an < bn ? an : bn;
      for (let i: u32 = 0; i < m; i++) {
        const c = opa_value_compare(arrAt(a, i), arrAt(b, i));
        if (c != 0) return c;
      }
      return an < bn ? -1 : an > bn ? 1 : 0;
    }
    case OPA_OBJECT:
    case OPA_SET:
      return compareTables(a, b, ta == OPA_OBJECT);
  }
  return 0;
}

/**
 * 1 when a and b are equal values (opa_value_compare == 0), else 0. Cheaper
 * than ordering them for the usual operands: two strings of different
 * lengths, or whose cached hashes differ, are unequal without reading them.
 */
export function opa_value_equal(a: usize, b: usize): bool {
  if (a == b) return true;
  if (a == 0 || b == 0) return false;
  const ta = typeOf(a);
  if (ta != typeOf(b)) return false;
  if (ta == OPA_STRING) {
    const n = strLen(a);
    if (n != strLen(b)) return false;
    const ha = load<u32>(a, STR_HASH);
    const hb = load<u32>(b, STR_HASH);
    if (ha != 0 && hb != 0 && ha != hb) return false;
    return compareBytes(strPtr(a), n, strPtr(b), n) == 0;
  }
  return opa_value_compare(a, b) == 0;
}

/** Objects and sets compare as their entries in key order. */
function compareTables(a: usize, b: usize, withValues: bool): i32 {
  const an = tableLen(a);
  const bn = tableLen(b);
  const pa = tableSortedNodes(a);
  const pb = tableSortedNodes(b);
  const m = an < bn ? an : bn;
  let c: i32 = an < bn ? -1 : an > bn ? 1 : 0;
  for (let i: u32 = 0; i < m; i++) {
    const na = sortedNodeAt(pa, i);
    const nb = sortedNodeAt(pb, i);
    let d = opa_value_compare(load<u32>(na, NODE_KEY), load<u32>(nb, NODE_KEY));
    if (d == 0 && withValues) d = opa_value_compare(load<u32>(na, NODE_VALUE), load<u32>(nb, NODE_VALUE));
    if (d != 0) {
      c = d;
      break;
    }
  }
  tableSortedRelease(b, pb);
  tableSortedRelease(a, pa);
  return c;
}

/** FNV-1a over bytes; the JSON parser computes the same hash as it reads a string. */
export const FNV_OFFSET: u32 = 2166136261;
export const FNV_PRIME: u32 = 16777619;
/** A string's cached hash when hashBytes gives 0, which marks "not computed yet". */
export const ZERO_HASH: u32 = 0x6b43a9b5;

export function hashBytes(p: usize, n: usize): u32 {
  let h: u32 = FNV_OFFSET;
  for (let i: usize = 0; i < n; i++) h = (h ^ load<u8>(p + i)) * FNV_PRIME;
  return h;
}

/** The hash of a string value, cached in it: strings never change, and the same ones are looked up on every evaluation. */
export function stringHash(v: usize): u32 {
  let h = load<u32>(v, STR_HASH);
  if (h == 0) {
    h = hashBytes(strPtr(v), strLen(v));
    if (h == 0) h = ZERO_HASH;
    store<u32>(v, h, STR_HASH);
  }
  return h;
}

function mix(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  return h;
}

export function valueHash(v: usize): u32 {
  switch (typeOf(v)) {
    case OPA_NULL:
      return 0x9e3779b9;
    case OPA_BOOLEAN:
      return load<u8>(v, BOOL_V) != 0 ? 0x51ed270b : 0x2545f491;
    case OPA_NUMBER:
      return numberHash(v);
    case OPA_STRING:
      return stringHash(v);
    case OPA_ARRAY: {
      let h: u32 = 0x12345;
      const n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) h = h * 31 + valueHash(arrAt(v, i));
      return mix(h);
    }
    case OPA_OBJECT:
    case OPA_SET: {
      // Order-independent, so that insertion order does not matter.
      let h: u32 = typeOf(v) == OPA_SET ? 0x7777 : 0x6666;
      const n = tableLen(v);
      for (let i: u32 = 0; i < n; i++) {
        const node = tableNodeAt(v, i);
        let e = load<u32>(node, NODE_HASH);
        if (typeOf(v) == OPA_OBJECT) e = mix(e * 31 + valueHash(load<u32>(node, NODE_VALUE)));
        h += e;
      }
      return mix(h);
    }
  }
  return 0;
}

export function opa_value_hash(v: usize): u32 {
  return valueHash(v);
}
