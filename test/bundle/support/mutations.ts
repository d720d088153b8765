/**
 * Mutations of a tar archive as plain data, so a failing case prints (and a
 * regression test replays) exactly what was done to which archive.
 * `applyMutations` works on the uncompressed tar and returns gzip bytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { BLOCK } from './tar-bytes.js';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; bits: [number, number][] }
  | { kind: 'field'; entry: number; field: number; value: string; fixChecksum: boolean }
  | { kind: 'size'; entry: number; size: number }
  | { kind: 'splice'; at: number; from: number; block: number[] | null }
  | {
      kind: 'gzip';
      how: 'flip' | 'truncate' | 'crc' | 'isize' | 'append' | 'header';
      at: number;
      byte: number;
      extra: number[];
    };

/** Header fields a mutation may overwrite: offset and length in the 512-byte header. */
export const FIELDS = [
  { at: 0, length: 100 }, // name
  { at: 100, length: 8 }, // mode
  { at: 124, length: 12 }, // size
  { at: 148, length: 8 }, // checksum
  { at: 156, length: 1 }, // type flag
  { at: 157, length: 100 }, // link name
  { at: 257, length: 8 }, // magic and version
  { at: 345, length: 155 }, // prefix
];

/** Offsets of the headers of a tar, walked by their size fields. */
export function headerOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at + BLOCK <= bytes.length;) {
    const block = bytes.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) break;
    out.push(at);
    const size =
      parseInt(Buffer.from(block.subarray(124, 136)).toString('latin1').replace(/\0.*$/s, ''), 8) || 0;
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}

function setChecksum(tar: Uint8Array, at: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : tar[at + i];
  tar.set(Buffer.from(sum.toString(8).padStart(6, '0') + '\0 ', 'latin1'), at + 148);
}

/** One mutation; the result is gzip bytes. */
export function applyMutation(tar: Uint8Array, m: Mutation): Uint8Array {
  const copy = new Uint8Array(tar);
  const offsets = headerOffsets(copy);
  switch (m.kind) {
    case 'truncate':
      return gzipSync(copy.subarray(0, m.at % (copy.length + 1)));
    case 'flip':
      for (const [at, bit] of m.bits) copy[at % copy.length] ^= 1 << bit;
      return gzipSync(copy);
    case 'field': {
      if (offsets.length === 0) return gzipSync(copy);
      const at = offsets[m.entry % offsets.length];
      const { at: fieldAt, length } = FIELDS[m.field % FIELDS.length];
      copy.fill(0, at + fieldAt, at + fieldAt + length);
      copy.set(Buffer.from(m.value, 'latin1').subarray(0, length), at + fieldAt);
      if (m.fixChecksum) setChecksum(copy, at);
      return gzipSync(copy);
    }
    case 'size': {
      if (offsets.length === 0) return gzipSync(copy);
      const at = offsets[m.entry % offsets.length];
      const text = m.size.toString(8);
      if (text.length <= 11) copy.set(Buffer.from(text.padStart(11, '0') + '\0', 'latin1'), at + 124);
      else {
        // GNU base-256: the high bit of the first byte set, the number big-endian in the rest.
        const field = Buffer.alloc(12);
        field.writeBigUInt64BE(BigInt(m.size), 4);
        field[0] = 0x80;
        copy.set(field, at + 124);
      }
      setChecksum(copy, at);
      return gzipSync(copy);
    }
    case 'splice': {
      const blocks = Math.max(1, copy.length / BLOCK);
      const where = (m.at % (blocks + 1)) * BLOCK;
      const source = (m.from % blocks) * BLOCK;
      const inserted = m.block ? Uint8Array.from(m.block) : copy.subarray(source, source + BLOCK);
      return gzipSync(Buffer.concat([copy.subarray(0, where), inserted, copy.subarray(where)]));
    }
    case 'gzip': {
      const gz = new Uint8Array(gzipSync(copy));
      switch (m.how) {
        case 'flip':
          gz[m.at % gz.length] ^= m.byte || 1;
          return gz;
        case 'truncate':
          return gz.subarray(0, m.at % gz.length);
        case 'crc':
          gz[gz.length - 8 + (m.at % 4)] ^= m.byte || 1;
          return gz;
        case 'isize':
          gz[gz.length - 4 + (m.at % 4)] ^= m.byte || 1;
          return gz;
        case 'append':
          return Buffer.concat([gz, Uint8Array.from(m.extra)]);
        case 'header':
          gz[m.at % 10] = m.byte;
          return gz;
      }
    }
  }
}

/** Applies the mutations in turn, each to the tar the previous one produced (while it still inflates to whole blocks). */
export function applyMutations(seed: Uint8Array, mutations: Mutation[], maxInflated: number): Uint8Array {
  let tar = seed;
  let gz: Uint8Array = gzipSync(seed);
  for (const m of mutations) {
    gz = applyMutation(tar, m);
    try {
      const inflated = gunzipSync(gz, { maxOutputLength: maxInflated });
      if (inflated.length % BLOCK !== 0) break;
      tar = new Uint8Array(inflated);
    } catch {
      break;
    }
  }
  return gz;
}
