// Objects and sets: hash tables with an order list. Values (parsed JSON, builtin results, sets) iterate in
// key order, as OPA's interpreter iterates values: their order list is sorted lazily, in place. Objects built
// by the policy's code, and the result set, iterate in insertion order, the order in which rules define their
// keys (OPA's interpreter yields a virtual document's entries rule by rule); their key order, needed by
// comparison and dumps, is a sorted copy of the order list.
import { compareBytes, opa_value_compare, stringHash, valueHash } from './compare';
import { opa_free, opa_malloc, opa_realloc } from './malloc';
import { copySmall } from './memory';
import { sortAddresses } from './sort';
import {
  NODE_HASH,
  NODE_KEY,
  NODE_NEXT,
  NODE_SIZE,
  NODE_VALUE,
  OPA_OBJECT,
  OPA_SET,
  OPA_STRING,
  STR_LEN,
  STR_PTR,
  TAB_BUCKETS,
  TAB_KEEP_ORDER,
  TAB_LEN,
  TAB_NBUCKETS,
  TAB_ORDER,
  TAB_ORDER_CAP,
  TAB_SIZE,
  TAB_SORTED,
  strLen,
  strPtr,
  typeOf,
} from './value';

const INITIAL_BUCKETS: u32 = 8;
/**
 * A small table (the usual case: parsed objects, rule results) is one block:
 * the header, then its first buckets and order list, which move out to their
 * own blocks when they grow.
 */
const INLINE_ORDER_CAP: u32 = 4;
const INLINE_BUCKETS_AT: usize = TAB_SIZE;
const INLINE_ORDER_AT: usize = INLINE_BUCKETS_AT + ((<usize>INITIAL_BUCKETS) << 2);
const INLINE_TABLE_SIZE: usize = INLINE_ORDER_AT + ((<usize>INLINE_ORDER_CAP) << 2);

/** Zeroes `n` (even, at least 8) words: inline stores beat memory.fill, a call into the engine, at this size. */
function zeroWords(p: usize, n: u32): void {
  if (n > 64) {
    memory.fill(p, 0, (<usize>n) << 2);
    return;
  }
  const stop = p + ((<usize>n) << 2);
  for (let q = p; q < stop; q += 8) store<u64>(q, 0);
}

export function tableNew(type: u8, cap: u32, keepOrder: bool = false): usize {
  let nb = INITIAL_BUCKETS;
  while (nb * 3 < cap * 4) nb <<= 1;
  const inline = nb == INITIAL_BUCKETS && cap <= INLINE_ORDER_CAP;
  const t = opa_malloc(inline ? INLINE_TABLE_SIZE : TAB_SIZE);
  store<u8>(t, type);
  store<u8>(t, 1, TAB_SORTED);
  store<u8>(t, keepOrder ? 1 : 0, TAB_KEEP_ORDER);
  store<u32>(t, 0, TAB_LEN);
  const buckets = inline ? t + INLINE_BUCKETS_AT : opa_malloc((<usize>nb) << 2);
  zeroWords(buckets, nb);
  store<u32>(t, <u32>buckets, TAB_BUCKETS);
  store<u32>(t, nb, TAB_NBUCKETS);
  if (inline) {
    store<u32>(t, <u32>(t + INLINE_ORDER_AT), TAB_ORDER);
    store<u32>(t, INLINE_ORDER_CAP, TAB_ORDER_CAP);
  } else {
    store<u32>(t, cap > 0 ? <u32>opa_malloc((<usize>cap) << 2) : 0, TAB_ORDER);
    store<u32>(t, cap, TAB_ORDER_CAP);
  }
  return t;
}

/** Frees the buckets and order list when they are blocks of their own (not the table's inline ones). */
export function tableFreeParts(t: usize): void {
  const order = <usize>load<u32>(t, TAB_ORDER);
  if (order != t + INLINE_ORDER_AT) opa_free(order);
  const buckets = <usize>load<u32>(t, TAB_BUCKETS);
  if (buckets != t + INLINE_BUCKETS_AT) opa_free(buckets);
}

/** An object as the policy's code builds it (MakeObjectStmt): it iterates in insertion order. */
export function opa_object(): usize {
  return tableNew(OPA_OBJECT, 0, true);
}

/** An object value (parsed, or a builtin's result): it iterates in key order. */
export function objectNew(cap: u32): usize {
  return tableNew(OPA_OBJECT, cap, false);
}

export function opa_set(): usize {
  return tableNew(OPA_SET, 0);
}

/** A set iterated and dumped in insertion order: a plan's result set, whose entries come in evaluation order. */
export function opa_set_insertion_ordered(): usize {
  return tableNew(OPA_SET, 0, true);
}

export function tableKeepsOrder(t: usize): bool {
  return load<u8>(t, TAB_KEEP_ORDER) != 0;
}

export function opa_set_with_cap(cap: u32): usize {
  return tableNew(OPA_SET, cap);
}

export function tableLen(t: usize): u32 {
  return load<u32>(t, TAB_LEN);
}

/** The i-th node in iteration order (for a table that does not keep insertion order, after tableEnsureSorted). */
export function tableNodeAt(t: usize, i: u32): usize {
  return load<u32>(load<u32>(t, TAB_ORDER) + ((<usize>i) << 2));
}

/** Puts the order list of a table that does not keep insertion order in key order. */
export function tableEnsureSorted(t: usize): void {
  if (load<u8>(t, TAB_SORTED) != 0 || load<u8>(t, TAB_KEEP_ORDER) != 0) return;
  sortAddresses(load<u32>(t, TAB_ORDER), tableLen(t), true);
  store<u8>(t, 1, TAB_SORTED);
}

/**
 * The table's nodes in key order, as a list of node addresses: the order list
 * itself when it is (or may be put) in key order, otherwise a sorted copy.
 * Hand it back with tableSortedRelease.
 */
export function tableSortedNodes(t: usize): usize {
  const order = <usize>load<u32>(t, TAB_ORDER);
  if (load<u8>(t, TAB_SORTED) != 0) return order;
  const n = tableLen(t);
  if (load<u8>(t, TAB_KEEP_ORDER) == 0) {
    sortAddresses(order, n, true);
    store<u8>(t, 1, TAB_SORTED);
    return order;
  }
  const copy = opa_malloc((<usize>n) << 2);
  memory.copy(copy, order, (<usize>n) << 2);
  sortAddresses(copy, n, true);
  return copy;
}

export function tableSortedRelease(t: usize, nodes: usize): void {
  if (nodes != <usize>load<u32>(t, TAB_ORDER)) opa_free(nodes);
}

/** The i-th node of a list from tableSortedNodes. */
export function sortedNodeAt(nodes: usize, i: u32): usize {
  return load<u32>(nodes + ((<usize>i) << 2));
}

/** Equal strings, 8 bytes at a time: lookups with string keys are most of what a policy does. */
function stringsEqual(a: usize, b: usize): bool {
  const n = <usize>load<u32>(a, STR_LEN);
  if (n != <usize>load<u32>(b, STR_LEN)) return false;
  const pa = <usize>load<u32>(a, STR_PTR);
  const pb = <usize>load<u32>(b, STR_PTR);
  if (pa == pb) return true;
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) if (load<u64>(pa + i) != load<u64>(pb + i)) return false;
  for (; i < n; i++) if (load<u8>(pa + i) != load<u8>(pb + i)) return false;
  return true;
}

function findHashed(t: usize, key: usize, h: u32): usize {
  const nb = load<u32>(t, TAB_NBUCKETS);
  let node = <usize>load<u32>(load<u32>(t, TAB_BUCKETS) + ((<usize>(h & (nb - 1))) << 2));
  const isString = typeOf(key) == OPA_STRING;
  while (node != 0) {
    if (load<u32>(node, NODE_HASH) == h) {
      const k = <usize>load<u32>(node, NODE_KEY);
      if (k == key) return node;
      if (isString) {
        if (typeOf(k) == OPA_STRING && stringsEqual(k, key)) return node;
      } else if (opa_value_compare(k, key) == 0) return node;
    }
    node = load<u32>(node, NODE_NEXT);
  }
  return 0;
}

function grow(t: usize): void {
  const oldN = load<u32>(t, TAB_NBUCKETS);
  const oldB = <usize>load<u32>(t, TAB_BUCKETS);
  const nb = oldN << 1;
  const buckets = opa_malloc((<usize>nb) << 2);
  zeroWords(buckets, nb);
  for (let i: u32 = 0; i < oldN; i++) {
    let node = <usize>load<u32>(oldB + ((<usize>i) << 2));
    while (node != 0) {
      const next = load<u32>(node, NODE_NEXT);
      const slot = buckets + ((<usize>(load<u32>(node, NODE_HASH) & (nb - 1))) << 2);
      store<u32>(node, load<u32>(slot), NODE_NEXT);
      store<u32>(slot, <u32>node);
      node = next;
    }
  }
  if (oldB != t + INLINE_BUCKETS_AT) opa_free(oldB);
  store<u32>(t, <u32>buckets, TAB_BUCKETS);
  store<u32>(t, nb, TAB_NBUCKETS);
}

/** Inserts key (with value, 0 for sets); an existing key keeps its node and gets the new value. */
export function tableInsert(t: usize, key: usize, value: usize): void {
  const h = valueHash(key);
  const existing = findHashed(t, key, h);
  if (existing != 0) {
    store<u32>(existing, <u32>value, NODE_VALUE);
    return;
  }
  const len = tableLen(t);
  if ((len + 1) * 4 > load<u32>(t, TAB_NBUCKETS) * 3) grow(t);
  const node = opa_malloc(NODE_SIZE);
  store<u32>(node, <u32>key, NODE_KEY);
  store<u32>(node, <u32>value, NODE_VALUE);
  store<u32>(node, h, NODE_HASH);
  const nb = load<u32>(t, TAB_NBUCKETS);
  const slot = <usize>load<u32>(t, TAB_BUCKETS) + ((<usize>(h & (nb - 1))) << 2);
  store<u32>(node, load<u32>(slot), NODE_NEXT);
  store<u32>(slot, <u32>node);

  let cap = load<u32>(t, TAB_ORDER_CAP);
  if (len >= cap) {
    cap = cap < 4 ? 4 : cap * 2;
    const order = <usize>load<u32>(t, TAB_ORDER);
    let moved: usize;
    if (order == t + INLINE_ORDER_AT) {
      moved = opa_malloc((<usize>cap) << 2);
      copySmall(moved, order, (<usize>len) << 2);
    } else {
      moved = opa_realloc(order, (<usize>cap) << 2);
    }
    store<u32>(t, <u32>moved, TAB_ORDER);
    store<u32>(t, cap, TAB_ORDER_CAP);
  }
  // Appending a string key greater than the last keeps the list sorted (the common case for parsed JSON);
  // other keys (objects in a set, say) are left for a sort when one is needed, which an unordered scan never is.
  if (len > 0 && load<u8>(t, TAB_SORTED) != 0) {
    const last = <usize>load<u32>(tableNodeAt(t, len - 1), NODE_KEY);
    if (
      typeOf(key) != OPA_STRING ||
      typeOf(last) != OPA_STRING ||
      compareBytes(strPtr(last), strLen(last), strPtr(key), strLen(key)) > 0
    )
      store<u8>(t, 0, TAB_SORTED);
  }
  store<u32>(load<u32>(t, TAB_ORDER) + ((<usize>len) << 2), <u32>node);
  store<u32>(t, len + 1, TAB_LEN);
}

export function tableRemove(t: usize, key: usize): void {
  const node = tableFind(t, key);
  if (node == 0) return;
  const nb = load<u32>(t, TAB_NBUCKETS);
  let link = <usize>load<u32>(t, TAB_BUCKETS) + ((<usize>(load<u32>(node, NODE_HASH) & (nb - 1))) << 2);
  while (<usize>load<u32>(link) != node) link = <usize>load<u32>(link) + NODE_NEXT;
  store<u32>(link, load<u32>(node, NODE_NEXT));
  const order = <usize>load<u32>(t, TAB_ORDER);
  const len = tableLen(t);
  let i: u32 = 0;
  while (<usize>load<u32>(order + ((<usize>i) << 2)) != node) i++;
  memory.copy(order + ((<usize>i) << 2), order + ((<usize>(i + 1)) << 2), (<usize>(len - i - 1)) << 2);
  store<u32>(t, len - 1, TAB_LEN);
}

/** Index of the node whose key is `key` in the sorted order list, or -1. */
function sortedIndex(t: usize, key: usize): i32 {
  let lo: i32 = 0;
  let hi: i32 = <i32>tableLen(t) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = opa_value_compare(load<u32>(tableNodeAt(t, <u32>mid), NODE_KEY), key);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of the node whose key is `key` in the order list, or -1. */
function orderIndex(t: usize, key: usize): i32 {
  if (load<u8>(t, TAB_SORTED) != 0) return sortedIndex(t, key);
  const node = tableFind(t, key);
  if (node == 0) return -1;
  const order = <usize>load<u32>(t, TAB_ORDER);
  const n = tableLen(t);
  for (let i: u32 = 0; i < n; i++) if (<usize>load<u32>(order + ((<usize>i) << 2)) == node) return <i32>i;
  return -1;
}

/**
 * Where recent iterations stood: (table, index) pairs, direct-mapped by
 * table and key address, so that nested iterations over one table keep
 * their places.
 */
const ITER_SLOTS: usize = 32;
const ITER_CACHE: usize = memory.data(<i32>(ITER_SLOTS * 8));

function iterSlot(t: usize, key: usize): usize {
  return ITER_CACHE + ((((t ^ (key >> 1)) >> 3) & (ITER_SLOTS - 1)) << 3);
}

/**
 * Index of `key` in the order list of `t` (in iteration order), or -1.
 * Iteration hands back the key it returned last, so checking the remembered
 * node by address makes each step O(1) instead of a search. The check reads
 * the table itself, so a stale entry (a reset heap, a re-sorted table) only
 * falls back to the search.
 */
export function tableIterIndex(t: usize, key: usize): i32 {
  const slot = iterSlot(t, key);
  if (<usize>load<u32>(slot) == t) {
    const i = load<u32>(slot, 4);
    if (i < tableLen(t) && <usize>load<u32>(tableNodeAt(t, i), NODE_KEY) == key) return <i32>i;
  }
  return orderIndex(t, key);
}

/** Remembers that `key` stands at index `i` of the order list of `t`. */
export function tableIterRemember(t: usize, key: usize, i: u32): void {
  const slot = iterSlot(t, key);
  store<u32>(slot, <u32>t);
  store<u32>(slot, i, 4);
}

/**
 * The node opa_value_iter returned last, and its table: a host iterating with
 * opa_value_iter reads the value of the key it was just given, which this
 * answers without a lookup (for a set of objects, a lookup hashes the whole
 * element). Generated scans get key and value at once from opa_scan_next.
 */
let lastTable: usize = 0;
let lastNode: usize = 0;

export function tableVisited(t: usize, node: usize): void {
  lastTable = t;
  lastNode = node;
}

/** The node holding `key` in `t`. */
export function tableFind(t: usize, key: usize): usize {
  if (t == lastTable && <usize>load<u32>(lastNode, NODE_KEY) == key && holdsNode(t, lastNode))
    return lastNode;
  return findHashed(t, key, valueHash(key));
}

/**
 * The node holding the string `key` in `t`: member access by a constant
 * string, most of a policy's lookups. Needs no type dispatch to hash the key.
 */
export function tableFindString(t: usize, key: usize): usize {
  const h = stringHash(key);
  const nb = load<u32>(t, TAB_NBUCKETS);
  let node = <usize>load<u32>(load<u32>(t, TAB_BUCKETS) + ((<usize>(h & (nb - 1))) << 2));
  while (node != 0) {
    if (load<u32>(node, NODE_HASH) == h) {
      const k = <usize>load<u32>(node, NODE_KEY);
      if (k == key) return node;
      if (typeOf(k) == OPA_STRING && stringsEqual(k, key)) {
        // `key` is one of the policy's constants, which outlive every value: holding it in place of
        // its equal makes the next lookup by that constant (data is looked up on every evaluation)
        // an address comparison.
        store<u32>(node, <u32>key, NODE_KEY);
        return node;
      }
    }
    node = load<u32>(node, NODE_NEXT);
  }
  return 0;
}

/** The node after `node` in bucket order (the first node when `node` is 0), or 0 at the end. */
export function tableNextNode(t: usize, node: usize): usize {
  if (node == 0) return firstNodeFrom(t, 0);
  const next = <usize>load<u32>(node, NODE_NEXT);
  return next != 0
    ? next
    : firstNodeFrom(t, (load<u32>(node, NODE_HASH) & (load<u32>(t, TAB_NBUCKETS) - 1)) + 1);
}

/** The first node of the first non-empty bucket from bucket `i` on, or 0. */
function firstNodeFrom(t: usize, i: u32): usize {
  const nb = load<u32>(t, TAB_NBUCKETS);
  const buckets = <usize>load<u32>(t, TAB_BUCKETS);
  for (; i < nb; i++) {
    const n = <usize>load<u32>(buckets + ((<usize>i) << 2));
    if (n != 0) return n;
  }
  return 0;
}

/** Whether `node` is in `t`: its bucket's chain holds it. */
function holdsNode(t: usize, node: usize): bool {
  const nb = load<u32>(t, TAB_NBUCKETS);
  let n = <usize>(
    load<u32>(load<u32>(t, TAB_BUCKETS) + ((<usize>(load<u32>(node, NODE_HASH) & (nb - 1))) << 2))
  );
  while (n != 0 && n != node) n = load<u32>(n, NODE_NEXT);
  return n == node;
}

export function opa_object_insert(obj: usize, key: usize, value: usize): void {
  tableInsert(obj, key, value);
}

export function opa_object_get(obj: usize, key: usize): usize {
  const node = tableFind(obj, key);
  return node == 0 ? 0 : load<u32>(node, NODE_VALUE);
}

export function opa_object_remove(obj: usize, key: usize): void {
  tableRemove(obj, key);
}

/** An element already present keeps its node (and address); its value stays 0. */
export function opa_set_add(set: usize, v: usize): void {
  tableInsert(set, v, 0);
}

export function opa_set_get(set: usize, v: usize): usize {
  const node = tableFind(set, v);
  return node == 0 ? 0 : load<u32>(node, NODE_KEY);
}
