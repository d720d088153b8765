// Value layout (see INTERFACE.md) and the constructors of every type.
import { opa_malloc } from './malloc';

export const OPA_NULL: u8 = 1;
export const OPA_BOOLEAN: u8 = 2;
export const OPA_NUMBER: u8 = 3;
export const OPA_STRING: u8 = 4;
export const OPA_ARRAY: u8 = 5;
export const OPA_OBJECT: u8 = 6;
export const OPA_SET: u8 = 7;

export const REPR_INT: u8 = 1;
export const REPR_FLOAT: u8 = 2;
export const REPR_REF: u8 = 3;

// Field offsets.
export const BOOL_V: usize = 1;
export const NUM_REPR: usize = 1;
export const NUM_VALUE: usize = 8;
export const NUM_REF_LEN: usize = 12;
export const STR_LEN: usize = 4;
export const STR_PTR: usize = 8;
/** Cached hash of the bytes, 0 until first hashed (the block is 16 bytes anyway). */
export const STR_HASH: usize = 12;
export const ARR_LEN: usize = 4;
export const ARR_CAP: usize = 8;
export const ARR_ELEMS: usize = 12;
/** 1 when the order list is in key order. */
export const TAB_SORTED: usize = 1;
/** 1 when iteration follows insertion order, so the order list is never sorted in place. */
export const TAB_KEEP_ORDER: usize = 2;
export const TAB_LEN: usize = 4;
export const TAB_BUCKETS: usize = 8;
export const TAB_NBUCKETS: usize = 12;
export const TAB_ORDER: usize = 16;
export const TAB_ORDER_CAP: usize = 20;
export const TAB_SIZE: usize = 24;
export const NODE_KEY: usize = 0;
export const NODE_VALUE: usize = 4;
export const NODE_NEXT: usize = 8;
export const NODE_HASH: usize = 12;
export const NODE_SIZE: usize = 16;

export function typeOf(v: usize): u8 {
  return load<u8>(v);
}

export function opa_value_type(v: usize): i32 {
  return load<u8>(v);
}

export function opa_null(): usize {
  const v = opa_malloc(8);
  store<u8>(v, OPA_NULL);
  return v;
}

/**
 * Values never change once built, so the booleans and small integers (array
 * indices, counts) are shared static values instead of fresh blocks per call;
 * opa_free ignores addresses below the heap.
 */
const BOOLEANS: usize = memory.data<u8>([2, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0], 8);
const SMALL_INT_COUNT: i64 = 64;
/** Filled on first use (a zero type byte means not yet). */
const SMALL_INTS: usize = memory.data(<i32>(SMALL_INT_COUNT * 16), 8);

export function opa_boolean(b: bool): usize {
  return b ? BOOLEANS + 8 : BOOLEANS;
}

export function opa_value_boolean(v: usize): bool {
  return v != 0 && load<u8>(v) == OPA_BOOLEAN && load<u8>(v, BOOL_V) != 0;
}

export function opa_number_int(i: i64): usize {
  if (i >= 0 && i < SMALL_INT_COUNT) {
    const shared = SMALL_INTS + ((<usize>i) << 4);
    if (load<u8>(shared) == 0) {
      store<u8>(shared, REPR_INT, NUM_REPR);
      store<i64>(shared, i, NUM_VALUE);
      store<u8>(shared, OPA_NUMBER);
    }
    return shared;
  }
  const v = opa_malloc(16);
  store<u8>(v, OPA_NUMBER);
  store<u8>(v, REPR_INT, NUM_REPR);
  store<i64>(v, i, NUM_VALUE);
  return v;
}

export function opa_number_size(n: i32): usize {
  return opa_number_int(<i64>n);
}

/** Integral floats that ints hold exactly become ints, so arithmetic results print as OPA prints them. */
export function opa_number_float(f: f64): usize {
  if (Math.abs(f) < 9007199254740992.0 && Math.floor(f) == f) return opa_number_int(<i64>f);
  const v = opa_malloc(16);
  store<u8>(v, OPA_NUMBER);
  store<u8>(v, REPR_FLOAT, NUM_REPR);
  store<f64>(v, f, NUM_VALUE);
  return v;
}

export function opa_number_ref(p: usize, len: usize): usize {
  const v = opa_malloc(16);
  store<u8>(v, OPA_NUMBER);
  store<u8>(v, REPR_REF, NUM_REPR);
  store<u32>(v, <u32>p, NUM_VALUE);
  store<u32>(v, <u32>len, NUM_REF_LEN);
  return v;
}

export const STRING_VALUE_SIZE: usize = 16;

/** Fills in a string value at `v` (a block of at least STRING_VALUE_SIZE bytes). */
export function stringAt(v: usize, p: usize, len: usize): usize {
  store<u8>(v, OPA_STRING);
  store<u32>(v, <u32>len, STR_LEN);
  store<u32>(v, <u32>p, STR_PTR);
  store<u32>(v, 0, STR_HASH);
  return v;
}

export function opa_string(p: usize, len: usize): usize {
  return stringAt(opa_malloc(STRING_VALUE_SIZE), p, len);
}

export function opa_string_allocated(p: usize, len: usize): usize {
  return opa_string(p, len);
}

export function opa_string_terminated(p: usize): usize {
  let n: usize = 0;
  while (load<u8>(p + n) != 0) n++;
  return opa_string(p, n);
}

export function strLen(v: usize): usize {
  return load<u32>(v, STR_LEN);
}

export function strPtr(v: usize): usize {
  return load<u32>(v, STR_PTR);
}

/** A string value holding a copy of a static ASCII literal. */
export function stringOf(s: string): usize {
  const n = s.length;
  const p = opa_malloc(<usize>n);
  for (let i = 0; i < n; i++) store<u8>(p + <usize>i, <u8>s.charCodeAt(i));
  return opa_string(p, n);
}

export function opa_array_with_cap(cap: usize): usize {
  const v = opa_malloc(16);
  store<u8>(v, OPA_ARRAY);
  store<u32>(v, 0, ARR_LEN);
  store<u32>(v, <u32>cap, ARR_CAP);
  store<u32>(v, cap > 0 ? <u32>opa_malloc(cap * 4) : 0, ARR_ELEMS);
  return v;
}

export function opa_array(): usize {
  return opa_array_with_cap(0);
}

export function arrLen(v: usize): u32 {
  return load<u32>(v, ARR_LEN);
}

export function arrAt(v: usize, i: u32): usize {
  return load<u32>(load<u32>(v, ARR_ELEMS) + ((<usize>i) << 2));
}
