// A stable sort (insertion for short lists, merge otherwise) over lists of value addresses (or of table nodes, ordered by key).
import { opa_value_compare } from './compare';
import { opa_free, opa_malloc } from './malloc';
import { NODE_KEY } from './value';

function item(p: usize, i: u32, byNodeKey: bool): usize {
  const a = <usize>load<u32>(p + ((<usize>i) << 2));
  return byNodeKey ? <usize>load<u32>(a, NODE_KEY) : a;
}

function copyAt(dst: usize, k: u32, src: usize, i: u32): void {
  store<u32>(dst + ((<usize>k) << 2), load<u32>(src + ((<usize>i) << 2)));
}

/** Lists this short are insertion-sorted in place: no buffer, and few comparisons when nearly sorted. */
const INSERTION_SORT_MAX: u32 = 16;

function insertionSort(p: usize, n: u32, byNodeKey: bool): void {
  for (let i: u32 = 1; i < n; i++) {
    const moving = load<u32>(p + ((<usize>i) << 2));
    const key = byNodeKey ? <usize>load<u32>(moving, NODE_KEY) : <usize>moving;
    let j = i;
    // strictly greater moves right, so equal elements keep their order (stable)
    while (j > 0 && opa_value_compare(item(p, j - 1, byNodeKey), key) > 0) {
      copyAt(p, j, p, j - 1);
      j--;
    }
    store<u32>(p + ((<usize>j) << 2), moving);
  }
}

export function sortAddresses(p: usize, n: u32, byNodeKey: bool): void {
  if (n < 2) return;
  if (n <= INSERTION_SORT_MAX) {
    insertionSort(p, n, byNodeKey);
    return;
  }
  const tmp = opa_malloc((<usize>n) << 2);
  let src = p;
  let dst = tmp;
  for (let width: u32 = 1; width < n; width <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += width << 1) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + (width << 1) < n ? lo + (width << 1) : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const takeRight = opa_value_compare(item(src, j, byNodeKey), item(src, i, byNodeKey)) < 0;
        copyAt(dst, k, src, takeRight ? j : i);
        if (takeRight) j++;
        else i++;
        k++;
      }
      for (; i < mid; i++, k++) copyAt(dst, k, src, i);
      for (; j < hi; j++, k++) copyAt(dst, k, src, j);
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src != p) memory.copy(p, src, (<usize>n) << 2);
  opa_free(tmp);
}
