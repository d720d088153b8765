/**
 * A range of code points as UTF-8 byte sequences: each sequence is a list
 * of byte ranges, one per byte, and a string's code point lies in the
 * range exactly when its bytes match one sequence. Surrogates (never in
 * UTF-8 text) are left out.
 */
import type { Ranges } from './syntax.js';

export type ByteRange = [number, number];
export type ByteSequence = ByteRange[];

const LENGTH_LIMITS = [0x7f, 0x7ff, 0xffff, 0x10ffff];

function encode(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

/** Sequences for [lo, hi] where both encode to the same number of bytes. */
function sameLength(lo: number, hi: number, out: ByteSequence[]): void {
  const n = encode(lo).length;
  if (n === 1) {
    out.push([[lo, hi]]);
    return;
  }
  // Split until every byte but the first spans a whole continuation range or lo/hi share it.
  for (let i = 1; i < n; i++) {
    const bits = 6 * (n - i);
    const mask = (1 << bits) - 1;
    if ((lo & ~mask) !== (hi & ~mask)) {
      if ((lo & mask) !== 0) {
        sameLength(lo, lo | mask, out);
        sameLength((lo | mask) + 1, hi, out);
        return;
      }
      if ((hi & mask) !== mask) {
        sameLength(lo, (hi & ~mask) - 1, out);
        sameLength(hi & ~mask, hi, out);
        return;
      }
    }
  }
  const a = encode(lo);
  const b = encode(hi);
  out.push(a.map((byte, i) => [byte, b[i]]));
}

export function utf8Sequences(ranges: Ranges): ByteSequence[] {
  const out: ByteSequence[] = [];
  for (const [from, to] of ranges) {
    // Cut out the surrogates, then cut at each encoded length.
    const pieces: Array<[number, number]> = [];
    if (from <= 0xd7ff) pieces.push([from, Math.min(to, 0xd7ff)]);
    if (to >= 0xe000) pieces.push([Math.max(from, 0xe000), to]);
    for (const [lo0, hi] of pieces) {
      let lo = lo0;
      for (const limit of LENGTH_LIMITS) {
        if (lo > hi) break;
        if (lo > limit) continue;
        const end = Math.min(hi, limit);
        sameLength(lo, end, out);
        lo = end + 1;
      }
    }
  }
  return out;
}
