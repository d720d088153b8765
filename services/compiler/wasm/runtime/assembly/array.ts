// Arrays: a growable vector of value addresses.
import { opa_realloc } from './malloc';
import { ARR_CAP, ARR_ELEMS, ARR_LEN, arrAt, arrLen } from './value';

export function opa_array_append(arr: usize, v: usize): void {
  const len = arrLen(arr);
  let cap = load<u32>(arr, ARR_CAP);
  if (len >= cap) {
    cap = cap < 4 ? 4 : cap * 2;
    store<u32>(arr, <u32>opa_realloc(load<u32>(arr, ARR_ELEMS), (<usize>cap) << 2), ARR_ELEMS);
    store<u32>(arr, cap, ARR_CAP);
  }
  store<u32>(load<u32>(arr, ARR_ELEMS) + ((<usize>len) << 2), <u32>v);
  store<u32>(arr, len + 1, ARR_LEN);
}

export function opa_array_get(arr: usize, i: i32): usize {
  if (i < 0 || <u32>i >= arrLen(arr)) return 0;
  return arrAt(arr, <u32>i);
}
