// Generic access to values: lookup, iteration, length, copies and freeing.
import { opa_array_append } from './array';
import { opa_free } from './malloc';
import { numberTryInt, tryIntResult } from './number';
import {
  opa_set_with_cap,
  sortedNodeAt,
  tableEnsureSorted,
  tableFind,
  tableFindString,
  tableNextNode,
  tableFreeParts,
  tableInsert,
  tableIterIndex,
  tableIterRemember,
  tableKeepsOrder,
  tableLen,
  tableNew,
  tableNodeAt,
  tableSortedNodes,
  tableSortedRelease,
  tableVisited,
} from './table';
import {
  ARR_ELEMS,
  NODE_KEY,
  NODE_VALUE,
  OPA_ARRAY,
  OPA_NUMBER,
  OPA_OBJECT,
  OPA_SET,
  OPA_STRING,
  NUM_REF_LEN,
  NUM_REPR,
  NUM_VALUE,
  REPR_FLOAT,
  REPR_INT,
  arrAt,
  arrLen,
  opa_array_with_cap,
  opa_number_int,
  strLen,
  typeOf,
} from './value';

/** Index of a number key into an array of length n, or -1. */
export function arrayIndex(key: usize, n: u32): i32 {
  if (typeOf(key) != OPA_NUMBER || !numberTryInt(key)) return -1;
  const i = tryIntResult;
  return i >= 0 && i < <i64>n ? <i32>i : -1;
}

export function opa_value_get(v: usize, key: usize): usize {
  if (v == 0 || key == 0) return 0;
  switch (typeOf(v)) {
    case OPA_ARRAY: {
      const i = arrayIndex(key, arrLen(v));
      return i < 0 ? 0 : arrAt(v, <u32>i);
    }
    case OPA_OBJECT: {
      const node = tableFind(v, key);
      return node == 0 ? 0 : load<u32>(node, NODE_VALUE);
    }
    case OPA_SET: {
      const node = tableFind(v, key);
      return node == 0 ? 0 : load<u32>(node, NODE_KEY);
    }
  }
  return 0;
}

/** opa_value_get with a string key: the code generator's member access by a constant name. */
export function opa_value_get_string(v: usize, key: usize): usize {
  if (v == 0) return 0;
  const t = typeOf(v);
  if (t == OPA_OBJECT) {
    const node = tableFindString(v, key);
    return node == 0 ? 0 : load<u32>(node, NODE_VALUE);
  }
  if (t == OPA_SET) {
    const node = tableFindString(v, key);
    return node == 0 ? 0 : load<u32>(node, NODE_KEY);
  }
  return 0;
}

/** Where opa_scan_next leaves the key and the value of the element it reached. */
const SCAN_OUT: usize = memory.data(8, 4);

export function opa_scan_out(): usize {
  return SCAN_OUT;
}

/** opa_scan_next flags: tables in key order; no key wanted (an array's index number is then not made). */
const SCAN_ORDERED: u32 = 1;
const SCAN_WITHOUT_KEY: u32 = 2;

/**
 * One step of a scan by the generated code: from `cursor` (0 to start) to
 * the next element, whose key and value it leaves at opa_scan_out(); the
 * cursor to pass next, or 0 at the end. Arrays, and sets and objects in key
 * order (flag SCAN_ORDERED), step by index; otherwise sets and objects step
 * through their hash buckets, node by node, without a sort. With
 * SCAN_WITHOUT_KEY the key of an array element is left unset.
 */
export function opa_scan_next(v: usize, cursor: usize, flags: u32): usize {
  if (v == 0) return 0;
  const t = typeOf(v);
  if (t == OPA_ARRAY) {
    if (cursor >= <usize>arrLen(v)) return 0;
    if ((flags & SCAN_WITHOUT_KEY) == 0) store<u32>(SCAN_OUT, <u32>opa_number_int(<i64>cursor));
    store<u32>(SCAN_OUT, <u32>arrAt(v, <u32>cursor), 4);
    return cursor + 1;
  }
  if (t != OPA_OBJECT && t != OPA_SET) return 0;
  let node: usize;
  let next: usize;
  if ((flags & SCAN_ORDERED) != 0) {
    if (cursor == 0) tableEnsureSorted(v);
    if (cursor >= <usize>tableLen(v)) return 0;
    node = tableNodeAt(v, <u32>cursor);
    next = cursor + 1;
  } else {
    node = tableNextNode(v, cursor);
    if (node == 0) return 0;
    next = node;
  }
  const key = load<u32>(node, NODE_KEY);
  store<u32>(SCAN_OUT, key);
  store<u32>(SCAN_OUT, t == OPA_SET ? key : load<u32>(node, NODE_VALUE), 4);
  return next;
}

export function opa_value_iter(v: usize, prev: usize): usize {
  if (v == 0) return 0;
  switch (typeOf(v)) {
    case OPA_ARRAY: {
      const n = arrLen(v);
      if (prev == 0) return n > 0 ? opa_number_int(0) : 0;
      const i = arrayIndex(prev, n);
      return i < 0 || <u32>(i + 1) >= n ? 0 : opa_number_int(i + 1);
    }
    case OPA_OBJECT:
    case OPA_SET: {
      const n = tableLen(v);
      if (n == 0) return 0;
      tableEnsureSorted(v);
      let next: i32 = 0;
      if (prev != 0) {
        const i = tableIterIndex(v, prev);
        if (i < 0) return 0;
        next = i + 1;
      }
      if (<u32>next >= n) return 0;
      const node = tableNodeAt(v, <u32>next);
      const key = <usize>load<u32>(node, NODE_KEY);
      tableIterRemember(v, key, <u32>next);
      tableVisited(v, node);
      return key;
    }
  }
  return 0;
}

/** Integers JSON's doubles hold exactly: within ±2^53. */
const MAX_EXACT_INT: i64 = 9007199254740992;

/**
 * Whether a number written as text reads back the same from a double: no
 * exponent and at most 15 significant digits (2.5, -0.125, 1234.5678).
 */
function numberTextFitsDouble(p: usize, n: usize): bool {
  let digits = 0;
  let leading = true;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c == 0x2d || c == 0x2e) continue;
    if (c < 0x30 || c > 0x39) return false;
    if (leading && c == 0x30) continue;
    leading = false;
    digits++;
  }
  return digits <= 15;
}

/**
 * Whether JSON carries `v` exactly: no sets, no non-string object keys, and
 * every number a double holds (the text of a number written out of range is
 * not). A host call whose arguments all pass can go in plain JSON.
 */
export function opa_value_json_exact(v: usize): bool {
  switch (typeOf(v)) {
    case OPA_NUMBER: {
      const repr = load<u8>(v, NUM_REPR);
      if (repr == REPR_FLOAT) return true;
      if (repr == REPR_INT) {
        const i = load<i64>(v, NUM_VALUE);
        return i <= MAX_EXACT_INT && i >= -MAX_EXACT_INT;
      }
      return numberTextFitsDouble(load<u32>(v, NUM_VALUE), load<u32>(v, NUM_REF_LEN));
    }
    case OPA_ARRAY: {
      const n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) if (!opa_value_json_exact(arrAt(v, i))) return false;
      return true;
    }
    case OPA_OBJECT: {
      const n = tableLen(v);
      for (let i: u32 = 0; i < n; i++) {
        const node = tableNodeAt(v, i);
        if (typeOf(load<u32>(node, NODE_KEY)) != OPA_STRING) return false;
        if (!opa_value_json_exact(load<u32>(node, NODE_VALUE))) return false;
      }
      return true;
    }
    case OPA_SET:
      return false;
  }
  return true;
}

export function opa_value_length(v: usize): u32 {
  switch (typeOf(v)) {
    case OPA_ARRAY:
      return arrLen(v);
    case OPA_OBJECT:
    case OPA_SET:
      return tableLen(v);
    case OPA_STRING:
      return <u32>strLen(v);
  }
  return 0;
}

/** Sorted keys of an object (or elements of a set) as an array. */
export function opa_object_keys(obj: usize): usize {
  const n = tableLen(obj);
  const nodes = tableSortedNodes(obj);
  const arr = opa_array_with_cap(n);
  for (let i: u32 = 0; i < n; i++) opa_array_append(arr, load<u32>(sortedNodeAt(nodes, i), NODE_KEY));
  tableSortedRelease(obj, nodes);
  return arr;
}

export function opa_value_shallow_copy(v: usize): usize {
  switch (typeOf(v)) {
    case OPA_ARRAY: {
      const n = arrLen(v);
      const arr = opa_array_with_cap(n);
      for (let i: u32 = 0; i < n; i++) opa_array_append(arr, arrAt(v, i));
      return arr;
    }
    case OPA_OBJECT:
    case OPA_SET: {
      const n = tableLen(v);
      const t = tableNew(typeOf(v), n, tableKeepsOrder(v));
      for (let i: u32 = 0; i < n; i++) {
        const node = tableNodeAt(v, i);
        tableInsert(t, load<u32>(node, NODE_KEY), load<u32>(node, NODE_VALUE));
      }
      return t;
    }
  }
  return v;
}

/** Frees the value's own storage, not the values it holds. */
export function opa_value_free(v: usize): void {
  if (v == 0) return;
  switch (typeOf(v)) {
    case OPA_ARRAY:
      opa_free(load<u32>(v, ARR_ELEMS));
      break;
    case OPA_OBJECT:
    case OPA_SET: {
      const n = tableLen(v);
      for (let i: u32 = 0; i < n; i++) opa_free(tableNodeAt(v, i));
      tableFreeParts(v);
      break;
    }
  }
  opa_free(v);
}

/**
 * A set of the elements of an array (a set is returned as is). For host builtins whose Rego result is a
 * set: JSON has no sets, so the host answers with an array that the generated code converts back.
 */
export function opa_value_as_set(v: usize): usize {
  if (v == 0 || typeOf(v) != OPA_ARRAY) return v;
  const n = arrLen(v);
  const set = opa_set_with_cap(n);
  for (let i: u32 = 0; i < n; i++) {
    const e = arrAt(v, i);
    tableInsert(set, e, 0);
  }
  return set;
}

/**
 * 0 when v is an object with a key that is not a string, else 1. Host
 * builtins see their arguments as JSON, where such a key turns into a
 * string, so the generated code checks the objects a builtin declares with
 * string keys before calling it.
 */
export function opa_value_string_keyed(v: usize): bool {
  if (typeOf(v) != OPA_OBJECT) return true;
  const n = tableLen(v);
  for (let i: u32 = 0; i < n; i++)
    if (typeOf(load<u32>(tableNodeAt(v, i), NODE_KEY)) != OPA_STRING) return false;
  return true;
}
