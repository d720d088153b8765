// Copies of a few bytes inline. memory.copy is a call out of the engine's compiled code that costs
// more than a short loop, and runtime values (keys, order lists, small strings) are mostly short.

/** Above this many bytes memory.copy wins. */
const INLINE_COPY_LIMIT: usize = 64;

export function copySmall(dst: usize, src: usize, n: usize): void {
  if (n > INLINE_COPY_LIMIT || (dst > src && dst < src + n)) {
    // Long, or overlapping the wrong way for a forward copy.
    memory.copy(dst, src, n);
    return;
  }
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) store<u64>(dst + i, load<u64>(src + i));
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i));
}
