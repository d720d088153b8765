/**
 * Tar archives built byte by byte, so tests can write any header form a
 * hostile archive might use (ustar prefix, PAX records, GNU long names, any
 * type flag, a wrong checksum) independently of the reader under test.
 */
import { gzipSync } from 'node:zlib';

export const BLOCK = 512;

export interface HeaderFields {
  /** The 100-byte name field. */
  name: string;
  /** The 155-byte ustar prefix field. @defaultValue '' */
  prefix?: string;
  /** One character: '0' file, '1' hard link, '2' symlink, '3'/'4' devices, '5' directory, '6' FIFO, 'x' PAX, 'g' global PAX, 'L' GNU long name. @defaultValue '0' */
  type?: string;
  /** The 100-byte link name field. @defaultValue '' */
  linkname?: string;
  /** The size field; the body written after the header is separate. */
  size: number;
  /** Added to the computed checksum, to forge a wrong one. @defaultValue 0 */
  checksumDelta?: number;
}

function put(block: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  block.set(bytes.subarray(0, length), offset);
}

function octal(block: Uint8Array, offset: number, length: number, value: number): void {
  put(block, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

/** One 512-byte ustar header. */
export function header(fields: HeaderFields): Uint8Array {
  const block = new Uint8Array(BLOCK);
  put(block, 0, 100, fields.name);
  octal(block, 100, 8, 0o644);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, fields.size);
  octal(block, 136, 12, 0);
  block[156] = (fields.type ?? '0').charCodeAt(0);
  put(block, 157, 100, fields.linkname ?? '');
  put(block, 257, 6, 'ustar\0');
  put(block, 263, 2, '00');
  put(block, 345, 155, fields.prefix ?? '');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  put(block, 148, 8, (sum + (fields.checksumDelta ?? 0)).toString(8).padStart(6, '0') + '\0 ');
  return block;
}

/** A body padded to whole blocks. */
export function body(content: Uint8Array | string): Uint8Array {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const padded = new Uint8Array(Math.ceil(bytes.length / BLOCK) * BLOCK);
  padded.set(bytes);
  return padded;
}

/** A regular file: header and body. */
export function fileEntry(name: string, content: string, extra: Partial<HeaderFields> = {}): Uint8Array[] {
  const bytes = Buffer.from(content, 'utf8');
  return [header({ name, size: bytes.length, ...extra }), body(bytes)];
}

/** PAX records: `<length> <key>=<value>\n`, the length counting itself. */
export function paxRecords(records: Record<string, string>): string {
  let out = '';
  for (const [key, value] of Object.entries(records)) {
    const rest = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(rest);
    while (String(length).length + Buffer.byteLength(rest) !== length) {
      length = String(length).length + Buffer.byteLength(rest);
    }
    out += `${length}${rest}`;
  }
  return out;
}

/** A PAX extended header ('x', or 'g' for global) for the next entry. */
export function paxEntry(records: Record<string, string>, type: 'x' | 'g' = 'x'): Uint8Array[] {
  const text = paxRecords(records);
  return [header({ name: 'PaxHeader', type, size: Buffer.byteLength(text) }), body(text)];
}

/** A GNU long-name entry ('L') naming the next entry. */
export function gnuLongName(name: string): Uint8Array[] {
  const bytes = Buffer.from(`${name}\0`, 'utf8');
  return [header({ name: '././@LongLink', type: 'L', size: bytes.length }), body(bytes)];
}

/** Two zero blocks. */
export function endOfArchive(): Uint8Array {
  return new Uint8Array(2 * BLOCK);
}

/** The blocks as one tar, with end blocks appended. */
export function tar(...parts: (Uint8Array | Uint8Array[])[]): Uint8Array {
  return new Uint8Array(Buffer.concat([...parts.flat(), endOfArchive()]));
}

/** The blocks as a gzipped tar. */
export function tarGz(...parts: (Uint8Array | Uint8Array[])[]): Uint8Array {
  return new Uint8Array(gzipSync(tar(...parts)));
}
