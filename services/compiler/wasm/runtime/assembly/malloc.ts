// The heap: a bump allocator with free lists, reset by the host through opa_heap_ptr_set (as OPA's malloc.c).
import { abortWith } from './abort';

/** Bytes below each payload holding its size. */
const HEADER: usize = 8;
/** Payloads up to this size are recycled through exact-size lists; larger ones through one first-fit list. */
const SMALL_LIMIT: usize = 256;
const SMALL_CLASSES: usize = SMALL_LIMIT / 8 + 1;
const LARGE_SEARCH_LIMIT = 32;
/** Heads of the free lists (index = size / 8), then the large list. Zeroed static memory. */
const FREE_HEADS: usize = memory.data(<i32>((SMALL_CLASSES + 1) * 4));
/** Free lists set aside by opa_heap_blocks_stash, so that a heap reset does not lose them (ABI 1.3). */
const STASH_HEADS: usize = memory.data(<i32>((SMALL_CLASSES + 1) * 4));
const LIST_BYTES: usize = (SMALL_CLASSES + 1) * 4;
/** Grow by at least this many pages, so that parsing a big document does not grow page by page. */
const MIN_GROW_PAGES: i32 = 16;
/** Larger requests cannot fit the 4 GiB address space (and would overflow the address arithmetic). */
const MAX_BLOCK: usize = 0x7fff0000;

// 0 until first use: the runtime has no start function, so the code generator can add its own.
let heapPtr: usize = 0;

function heapStart(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

function ptr(): usize {
  if (heapPtr == 0) heapPtr = heapStart();
  return heapPtr;
}

function clearFreeLists(): void {
  // Inline stores: memory.fill is a call out of compiled code, and this runs on every heap reset.
  for (let p: usize = 0; p + 8 <= LIST_BYTES; p += 8) store<u64>(FREE_HEADS + p, 0);
  if (LIST_BYTES & 7) store<u32>(FREE_HEADS + LIST_BYTES - 4, 0);
}

function listsEmpty(heads: usize): bool {
  for (let p: usize = 0; p < LIST_BYTES; p += 4) if (load<u32>(heads + p) != 0) return false;
  return true;
}

/** Moves the free lists into the stash (which must be empty), leaving the free lists empty. */
export function opa_heap_blocks_stash(): void {
  if (!listsEmpty(STASH_HEADS)) abortWith('opa_heap_blocks_stash() consistency check failed');
  memory.copy(STASH_HEADS, FREE_HEADS, LIST_BYTES);
  clearFreeLists();
}

/** Moves the stash back into the free lists (which must be empty), leaving the stash empty. */
export function opa_heap_blocks_restore(): void {
  if (!listsEmpty(FREE_HEADS)) abortWith('opa_heap_blocks_restore() consistency check failed');
  memory.copy(FREE_HEADS, STASH_HEADS, LIST_BYTES);
  memory.fill(STASH_HEADS, 0, LIST_BYTES);
}

export function opa_heap_stash_clear(): void {
  memory.fill(STASH_HEADS, 0, LIST_BYTES);
}

function ensureMemory(end: usize): void {
  if (end > (<usize>memory.size()) << 16) growMemory(end);
}

function growMemory(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  let pages = <i32>((end - have + 0xffff) >> 16);
  const wanted = pages < MIN_GROW_PAGES ? MIN_GROW_PAGES : pages;
  if (memory.grow(wanted) < 0 && memory.grow(pages) < 0) abortWith('out of memory');
}

export function opa_runtime_heap_base(): usize {
  return heapStart();
}

export function opa_heap_ptr_get(): usize {
  return ptr();
}

export function opa_heap_ptr_set(p: usize): void {
  heapPtr = p;
  clearFreeLists();
}

export function opa_malloc(size: usize): usize {
  if (size > MAX_BLOCK) abortWith('out of memory');
  const sz: usize = size <= 8 ? 8 : (size + 7) & ~(<usize>7);
  if (sz <= SMALL_LIMIT) {
    const head = FREE_HEADS + (sz >> 3) * 4;
    const block = load<u32>(head);
    if (block != 0) {
      store<u32>(head, load<u32>(block));
      return block;
    }
  } else {
    let prevLink = FREE_HEADS + SMALL_CLASSES * 4;
    let block = <usize>load<u32>(prevLink);
    for (let i = 0; block != 0 && i < LARGE_SEARCH_LIMIT; i++) {
      if (<usize>load<u32>(block - HEADER) >= sz) {
        store<u32>(prevLink, load<u32>(block));
        return block;
      }
      prevLink = block;
      block = load<u32>(block);
    }
  }
  // The host may set any heap pointer (the SDK puts it right after the input text): realign.
  const p = ((ptr() + 7) & ~(<usize>7)) + HEADER;
  ensureMemory(p + sz);
  store<u32>(p - HEADER, <u32>sz);
  heapPtr = p + sz;
  return p;
}

export function opa_free(p: usize): void {
  // Below the heap lie the runtime's shared static values (booleans, small integers).
  if (p < heapStart()) return;
  const sz = <usize>load<u32>(p - HEADER);
  if (p + sz == heapPtr) {
    heapPtr = p - HEADER;
    return;
  }
  const head = sz <= SMALL_LIMIT ? FREE_HEADS + (sz >> 3) * 4 : FREE_HEADS + SMALL_CLASSES * 4;
  store<u32>(p, load<u32>(head));
  store<u32>(head, <u32>p);
}

export function opa_realloc(p: usize, size: usize): usize {
  if (p == 0) return opa_malloc(size);
  const old = <usize>load<u32>(p - HEADER);
  if (size <= old) return p;
  if (size > MAX_BLOCK) abortWith('out of memory');
  const sz: usize = (size + 7) & ~(<usize>7);
  if (p + old == heapPtr) {
    ensureMemory(p + sz);
    store<u32>(p - HEADER, <u32>sz);
    heapPtr = p + sz;
    return p;
  }
  const q = opa_malloc(sz);
  memory.copy(q, p, old);
  opa_free(p);
  return q;
}
