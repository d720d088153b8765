import { gunzipSync, gzipSync } from 'node:zlib';
import { BundleError } from './errors.js';
import { DEFAULT_MAX_BUNDLE_BYTES, tooLarge } from './limits.js';
import type { BundleFile } from './types.js';

/*
 * A small in-memory tar (ustar + pax) codec. Bundles are a few files held in
 * memory anyway, and a synchronous codec over bytes keeps reading a bundle
 * from a file, a directory or an HTTP body the same code path.
 */

const BLOCK = 512;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

function field(header: Uint8Array, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return decoder.decode(end === -1 ? raw : raw.subarray(0, end));
}

function octal(header: Uint8Array, offset: number, length: number): number {
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOf(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum;
}

function paxPath(body: Uint8Array): string | undefined {
  // Records are "<len> key=value\n".
  const text = decoder.decode(body);
  let at = 0;
  let path: string | undefined;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    if (space === -1) break;
    const length = Number(text.slice(at, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    at += length;
  }
  return path;
}

/** Normalises an archive member name to an absolute bundle path (`/a/b.json`). */
export function normalisePath(name: string): string {
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  return '/' + parts.join('/');
}

export interface TarGzLimits {
  /** Largest inflated tar; inflation stops once it is passed. @defaultValue 128 MiB */
  maxBundleBytes?: number;
}

function isOutputTooLarge(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/** Decodes a gzipped tarball into its regular files, in archive order. */
export function readTarGz(bytes: Uint8Array, location: string, limits: TarGzLimits = {}): BundleFile[] {
  const maxBundleBytes = limits.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: maxBundleBytes });
  } catch (err) {
    if (isOutputTooLarge(err)) throw tooLarge('the uncompressed archive', maxBundleBytes, location);
    throw new BundleError('bundle_archive_invalid', `not a gzip archive: ${(err as Error).message}`, {
      location,
    });
  }
  const files: BundleFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (octal(header, 148, 8) !== checksumOf(header)) {
      throw new BundleError('bundle_archive_invalid', `tar header checksum mismatch at byte ${offset}`, {
        location,
      });
    }
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const bodyStart = offset + BLOCK;
    if (bodyStart + size > tar.length) {
      throw new BundleError('bundle_archive_invalid', `tar entry at byte ${offset} is truncated`, {
        location,
      });
    }
    const body = tar.subarray(bodyStart, bodyStart + size);
    offset = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(body) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = field(body, 0, body.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '7') continue;
    files.push({ path: normalisePath(name), bytes: new Uint8Array(body) });
  }
  return files;
}

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  header.set(encoder.encode(text).subarray(0, length), offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeField(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function headerBlock(name: string, size: number, type: string, mtime: number): Uint8Array {
  const header = new Uint8Array(BLOCK);
  writeField(header, 0, 100, name);
  writeOctal(header, 100, 8, 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, mtime);
  header[156] = type.charCodeAt(0);
  writeField(header, 257, 6, 'ustar\0');
  writeField(header, 263, 2, '00');
  writeField(header, 148, 8, checksumOf(header).toString(8).padStart(6, '0') + '\0 ');
  return header;
}

function padded(body: Uint8Array): Uint8Array[] {
  const rest = body.length % BLOCK;
  return rest === 0 ? [body] : [body, new Uint8Array(BLOCK - rest)];
}

/** Encodes files (in the given order) as a gzipped tarball; names longer than ustar allows use a pax record. */
export function writeTarGz(files: BundleFile[], mtime = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const file of files) {
    const name = file.path;
    if (encoder.encode(name).length > 99) {
      const record = ` path=${name}\n`;
      let length = encoder.encode(record).length;
      length += String(length).length;
      if (String(length).length !== String(length - String(length).length).length) length += 1;
      const pax = encoder.encode(`${length}${record}`);
      chunks.push(headerBlock('PaxHeader', pax.length, 'x', mtime), ...padded(pax));
    }
    chunks.push(headerBlock(name.slice(0, 99), file.bytes.length, '0', mtime), ...padded(file.bytes));
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  return new Uint8Array(gzipSync(Buffer.concat(chunks)));
}
