// UTF-8 encoding and decoding of code points.

/** Writes code point cp at q; returns the address after it. */
export function encodeUtf8(q: usize, cp: u32): usize {
  if (cp < 0x80) {
    store<u8>(q, <u8>cp);
    return q + 1;
  }
  if (cp < 0x800) {
    store<u8>(q, <u8>(0xc0 | (cp >> 6)));
    store<u8>(q + 1, <u8>(0x80 | (cp & 0x3f)));
    return q + 2;
  }
  if (cp < 0x10000) {
    store<u8>(q, <u8>(0xe0 | (cp >> 12)));
    store<u8>(q + 1, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    store<u8>(q + 2, <u8>(0x80 | (cp & 0x3f)));
    return q + 3;
  }
  store<u8>(q, <u8>(0xf0 | (cp >> 18)));
  store<u8>(q + 1, <u8>(0x80 | ((cp >> 12) & 0x3f)));
  store<u8>(q + 2, <u8>(0x80 | ((cp >> 6) & 0x3f)));
  store<u8>(q + 3, <u8>(0x80 | (cp & 0x3f)));
  return q + 4;
}

/** Set by decodeUtf8: the byte length of the code point just decoded. */
export let decodedWidth: usize = 1;

/** Decodes the code point at p (at most `avail` bytes); invalid bytes decode as U+FFFD of width 1, as in Go. */
export function decodeUtf8(p: usize, avail: usize): u32 {
  const c = <u32>load<u8>(p);
  if (c < 0x80) {
    decodedWidth = 1;
    return c;
  }
  let width: usize = 0;
  let cp: u32 = 0;
  if ((c & 0xe0) == 0xc0) {
    width = 2;
    cp = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    width = 3;
    cp = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    width = 4;
    cp = c & 0x07;
  }
  if (width == 0 || width > avail) {
    decodedWidth = 1;
    return 0xfffd;
  }
  for (let i: usize = 1; i < width; i++) {
    const b = <u32>load<u8>(p + i);
    if ((b & 0xc0) != 0x80) {
      decodedWidth = 1;
      return 0xfffd;
    }
    cp = (cp << 6) | (b & 0x3f);
  }
  decodedWidth = width;
  return cp;
}

/** Number of code points in n bytes at p. */
export function countCodePoints(p: usize, n: usize): u32 {
  let count: u32 = 0;
  let i: usize = 0;
  while (i < n) {
    decodeUtf8(p + i, n - i);
    i += decodedWidth;
    count++;
  }
  return count;
}
