// Updates along paths (data patches and `with`) and OPA's object merge.
import { opa_value_get, opa_value_shallow_copy } from './access';
import {
  objectNew,
  tableInsert,
  tableKeepsOrder,
  tableLen,
  tableNew,
  tableNodeAt,
  tableRemove,
} from './table';
import { NODE_KEY, NODE_VALUE, OPA_ARRAY, OPA_OBJECT, arrAt, arrLen, typeOf } from './value';

export const ERR_OK: i32 = 0;
export const ERR_INVALID_TYPE: i32 = 2;
export const ERR_INVALID_PATH: i32 = 3;

export function opa_value_add_path(data: usize, path: usize, v: usize): i32 {
  if (path == 0 || typeOf(path) != OPA_ARRAY || arrLen(path) == 0) return ERR_INVALID_PATH;
  let node = data;
  const last = arrLen(path) - 1;
  for (let i: u32 = 0; i < last; i++) {
    if (typeOf(node) != OPA_OBJECT) return ERR_INVALID_TYPE;
    const key = arrAt(path, i);
    let next = opa_value_get(node, key);
    if (next == 0) {
      next = objectNew(0);
      tableInsert(node, key, next);
    }
    node = next;
  }
  if (typeOf(node) != OPA_OBJECT) return ERR_INVALID_TYPE;
  tableInsert(node, arrAt(path, last), v);
  return ERR_OK;
}

export function opa_value_remove_path(data: usize, path: usize): i32 {
  if (path == 0 || typeOf(path) != OPA_ARRAY || arrLen(path) == 0) return ERR_INVALID_PATH;
  let node = data;
  const last = arrLen(path) - 1;
  for (let i: u32 = 0; i < last; i++) {
    node = opa_value_get(node, arrAt(path, i));
    if (node == 0) return ERR_OK;
  }
  if (typeOf(node) != OPA_OBJECT) return ERR_INVALID_TYPE;
  tableRemove(node, arrAt(path, last));
  return ERR_OK;
}

function upsertFrom(root: usize, path: usize, i: u32, v: usize): usize {
  if (i >= arrLen(path)) return v;
  const key = arrAt(path, i);
  const isObject = root != 0 && typeOf(root) == OPA_OBJECT;
  const copy = isObject ? opa_value_shallow_copy(root) : objectNew(0);
  const child = isObject ? opa_value_get(root, key) : 0;
  tableInsert(copy, key, upsertFrom(child, path, i + 1, v));
  return copy;
}

/** A new root equal to `root` with `v` at `path`; containers on the path are copied, the rest shared. */
export function opa_value_upsert_path(root: usize, path: usize, v: usize): usize {
  if (path == 0 || typeOf(path) != OPA_ARRAY) return 0;
  return upsertFrom(root, path, 0, v);
}

export function opa_value_merge(a: usize, b: usize): usize {
  if (a == 0) return b;
  if (b == 0 || typeOf(a) != OPA_OBJECT || typeOf(b) != OPA_OBJECT) return a;
  const result = tableNew(OPA_OBJECT, 0, tableKeepsOrder(a));
  const an = tableLen(a);
  for (let i: u32 = 0; i < an; i++) {
    const node = tableNodeAt(a, i);
    const key = load<u32>(node, NODE_KEY);
    const other = opa_value_get(b, key);
    const mine = load<u32>(node, NODE_VALUE);
    tableInsert(result, key, other == 0 ? mine : opa_value_merge(mine, other));
  }
  const bn = tableLen(b);
  for (let i: u32 = 0; i < bn; i++) {
    const node = tableNodeAt(b, i);
    const key = load<u32>(node, NODE_KEY);
    if (opa_value_get(a, key) == 0) tableInsert(result, key, load<u32>(node, NODE_VALUE));
  }
  return result;
}
