// Object and array builtins: object.get/keys/remove/filter/union, array.concat/slice/reverse.
import { opa_value_get, opa_value_shallow_copy } from '../access';
import { opa_array_append } from '../array';
import { numberTryInt, tryIntResult } from '../number';
import { objectNew, opa_set, tableFind, tableInsert, tableLen, tableNodeAt, tableRemove } from '../table';
import {
  NODE_KEY,
  NODE_VALUE,
  OPA_ARRAY,
  OPA_NUMBER,
  OPA_OBJECT,
  OPA_SET,
  arrAt,
  arrLen,
  opa_array_with_cap,
  typeOf,
} from '../value';

export function opa_builtin_object_get(obj: usize, key: usize, fallback: usize): usize {
  if (typeOf(obj) != OPA_OBJECT) return 0;
  if (typeOf(key) != OPA_ARRAY) {
    const v = opa_value_get(obj, key);
    return v != 0 ? v : fallback;
  }
  // An array key is a path into nested objects and arrays.
  let node = obj;
  const n = arrLen(key);
  for (let i: u32 = 0; i < n && node != 0; i++) node = opa_value_get(node, arrAt(key, i));
  return node != 0 ? node : fallback;
}

export function opa_builtin_object_keys(obj: usize): usize {
  if (typeOf(obj) != OPA_OBJECT) return 0;
  const out = opa_set();
  const n = tableLen(obj);
  for (let i: u32 = 0; i < n; i++) tableInsert(out, load<u32>(tableNodeAt(obj, i), NODE_KEY), 0);
  return out;
}

export function opa_builtin_object_remove(obj: usize, keys: usize): usize {
  if (typeOf(obj) != OPA_OBJECT) return 0;
  const t = typeOf(keys);
  if (t != OPA_ARRAY && t != OPA_SET && t != OPA_OBJECT) return 0;
  const out = opa_value_shallow_copy(obj);
  if (t == OPA_ARRAY) {
    const n = arrLen(keys);
    for (let i: u32 = 0; i < n; i++) tableRemove(out, arrAt(keys, i));
  } else {
    const n = tableLen(keys);
    for (let i: u32 = 0; i < n; i++) tableRemove(out, load<u32>(tableNodeAt(keys, i), NODE_KEY));
  }
  return out;
}

/** The entries of `obj` whose keys are in `keys` (an array, a set, or an object's keys). Keys keep any type. */
export function opa_builtin_object_filter(obj: usize, keys: usize): usize {
  if (typeOf(obj) != OPA_OBJECT) return 0;
  const t = typeOf(keys);
  if (t != OPA_ARRAY && t != OPA_SET && t != OPA_OBJECT) return 0;
  const out = objectNew(0);
  const n = t == OPA_ARRAY ? arrLen(keys) : tableLen(keys);
  for (let i: u32 = 0; i < n; i++) {
    const key = t == OPA_ARRAY ? arrAt(keys, i) : <usize>load<u32>(tableNodeAt(keys, i), NODE_KEY);
    const node = tableFind(obj, key);
    if (node != 0) tableInsert(out, <usize>load<u32>(node, NODE_KEY), <usize>load<u32>(node, NODE_VALUE));
  }
  return out;
}

/** Recursive merge where b wins, as object.union. */
function unionObjects(a: usize, b: usize): usize {
  const out = objectNew(0);
  const an = tableLen(a);
  for (let i: u32 = 0; i < an; i++) {
    const node = tableNodeAt(a, i);
    tableInsert(out, load<u32>(node, NODE_KEY), load<u32>(node, NODE_VALUE));
  }
  const bn = tableLen(b);
  for (let i: u32 = 0; i < bn; i++) {
    const node = tableNodeAt(b, i);
    const key = <usize>load<u32>(node, NODE_KEY);
    const bv = <usize>load<u32>(node, NODE_VALUE);
    const existing = tableFind(a, key);
    const av = existing != 0 ? <usize>load<u32>(existing, NODE_VALUE) : 0;
    if (av != 0 && typeOf(av) == OPA_OBJECT && typeOf(bv) == OPA_OBJECT)
      tableInsert(out, key, unionObjects(av, bv));
    else tableInsert(out, key, bv);
  }
  return out;
}

export function opa_builtin_object_union(a: usize, b: usize): usize {
  if (typeOf(a) != OPA_OBJECT || typeOf(b) != OPA_OBJECT) return 0;
  return unionObjects(a, b);
}

export function opa_array_concat(a: usize, b: usize): usize {
  if (typeOf(a) != OPA_ARRAY || typeOf(b) != OPA_ARRAY) return 0;
  const an = arrLen(a);
  const bn = arrLen(b);
  const out = opa_array_with_cap(an + bn);
  for (let i: u32 = 0; i < an; i++) opa_array_append(out, arrAt(a, i));
  for (let i: u32 = 0; i < bn; i++) opa_array_append(out, arrAt(b, i));
  return out;
}

export function opa_array_slice(arr: usize, start: usize, stop: usize): usize {
  if (typeOf(arr) != OPA_ARRAY || typeOf(start) != OPA_NUMBER || typeOf(stop) != OPA_NUMBER) return 0;
  if (!numberTryInt(start)) return 0;
  let from = tryIntResult;
  if (!numberTryInt(stop)) return 0;
  let to = tryIntResult;
  const n = <i64>arrLen(arr);
  if (from < 0) from = 0;
  if (to > n) to = n;
  const out = opa_array_with_cap(from < to ? <usize>(to - from) : 0);
  for (let i = from; i < to; i++) opa_array_append(out, arrAt(arr, <u32>i));
  return out;
}

export function opa_array_reverse(arr: usize): usize {
  if (typeOf(arr) != OPA_ARRAY) return 0;
  const n = arrLen(arr);
  const out = opa_array_with_cap(n);
  for (let i = n; i > 0; i--) opa_array_append(out, arrAt(arr, i - 1));
  return out;
}
