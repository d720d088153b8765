import { gunzipSync, gzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { BundleError } from './errors.js';
import { DEFAULT_MAX_BUNDLE_BYTES, tooLarge } from './limits.js';
import type { BundleFile } from './types.js';

/*
 * Bundles are a few files held in memory. Reading uses the `tar` package's
 * Parser (ustar, PAX, GNU long names, checksums, truncation), fed the
 * inflated archive from memory; it calls back synchronously, so reading a
 * bundle from a file, a directory or an HTTP body stays one code path.
 * Inflating stays with node:zlib so the uncompressed size is capped while
 * inflating. Writing stays a small hand-written ustar + PAX encoder: bundles
 * must come out byte for byte the same for the same files (signatures, ETags),
 * and tar's Pack reads entries from the file system and stamps modes, owners
 * and times from it.
 */

const BLOCK = 512;
const encoder = new TextEncoder();

/** Normalises an archive member name to an absolute bundle path (`/a/b.json`). */
export function normalisePath(name: string): string {
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  return '/' + parts.join('/');
}

/**
 * Why an archive member's name cannot name a bundle file, or `undefined`.
 * Names are read from the bundle root: OPA writes `/data.json`, so a leading
 * `/` is the root, not the host's. Anything that could name a place outside
 * the root, or a different file to another reader, is refused.
 */
export function unsafeMemberName(name: string): string | undefined {
  if (name.includes('\0')) return 'contains a NUL byte';
  // A newline in a name breaks PAX records as tar reads them back, and no bundle file needs one.
  if ([...name].some((c) => c < ' ' || c === '\u007f')) return 'has a control character';
  if (name.split(/[\\/]/).includes('..')) return 'has a ".." segment';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (/^[\\/]{2}/.test(name)) return 'is a network path';
  return undefined;
}

/** Whether `text` is whole PAX records: `<length> <key>=<value>\n`, each length counting its own bytes. */
function wellFormedPaxRecords(text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    const digits = space < 0 ? '' : bytes.toString('latin1', at, space);
    if (!/^[1-9]\d*$/.test(digits)) return false;
    const end = at + Number(digits);
    if (end > bytes.length || bytes[end - 1] !== 0x0a) return false;
    const record = bytes.toString('utf8', space + 1, end - 1);
    if (record.indexOf('=') < 1 || record.includes('\n')) return false;
    at = end;
  }
  return true;
}

export interface TarGzLimits {
  /** Largest inflated tar; inflation stops once it is passed. @defaultValue 128 MiB */
  maxBundleBytes?: number;
}

function isOutputTooLarge(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/** Entry types (tar's names) that hold a regular file's bytes. */
const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile']);

/** What a refused entry is, for the message. */
const REFUSED_KINDS: Record<string, string> = {
  Link: 'a hard link',
  SymbolicLink: 'a symbolic link',
  CharacterDevice: 'a character device',
  BlockDevice: 'a block device',
  FIFO: 'a FIFO',
};

function describeEntry(entry: ReadEntry): string {
  const flag = entry.header.typeKey;
  const kind =
    REFUSED_KINDS[entry.type] ??
    (flag && flag !== 'Unsupported'
      ? `an unsupported entry (type ${JSON.stringify(flag)})`
      : 'an entry of a type tar does not know');
  return entry.linkpath ? `${kind} to ${JSON.stringify(entry.linkpath)}` : kind;
}

function inflate(bytes: Uint8Array, location: string, maxBundleBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBundleBytes });
  } catch (err) {
    if (isOutputTooLarge(err)) throw tooLarge('the uncompressed archive', maxBundleBytes, location);
    throw new BundleError('bundle_archive_invalid', `not a gzip archive: ${(err as Error).message}`, {
      location,
    });
  }
}

/**
 * Decodes a gzipped tarball into its regular files, in archive order. The
 * whole archive is refused (`bundle_archive_invalid`, naming the entry) when
 * any entry is unsafe: a name outside the bundle root (see
 * `unsafeMemberName`, checked after PAX, GNU long-name and ustar-prefix
 * forms are applied), a link, a device or FIFO, an entry type tar does not
 * know, or a damaged or truncated archive. Directories are skipped.
 */
export function readTarGz(bytes: Uint8Array, location: string, limits: TarGzLimits = {}): BundleFile[] {
  const maxBundleBytes = limits.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  const tar = inflate(bytes, location, maxBundleBytes);
  const invalid = (message: string) => new BundleError('bundle_archive_invalid', message, { location });
  // The Parser would inflate a second layer itself; a bundle is exactly one gzip around one tar.
  if (
    (tar[0] === 0x1f && tar[1] === 0x8b) ||
    tar.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))
  ) {
    throw invalid('the gzip stream holds another compressed stream, not a tar archive');
  }
  // An archive of end blocks only holds no files (tar's Parser calls that unrecognised).
  if (tar.every((b) => b === 0)) return [];
  const files: BundleFile[] = [];
  let failure: BundleError | undefined;
  const refuse = (err: BundleError) => {
    failure ??= err;
  };
  const parser = new Parser({
    strict: true,
    brotli: false,
    zstd: false,
    onReadEntry: (entry) => {
      const reason = unsafeMemberName(entry.path);
      if (reason) {
        refuse(invalid(`entry ${JSON.stringify(entry.path)} ${reason}`));
      } else if (entry.type === 'Directory') {
        // Directories carry nothing a bundle reads.
      } else if (!REGULAR.has(entry.type)) {
        refuse(
          invalid(
            `entry ${JSON.stringify(entry.path)} is ${describeEntry(entry)}; bundles hold regular files only`,
          ),
        );
      } else if (normalisePath(entry.path) === '/') {
        refuse(invalid(`entry ${JSON.stringify(entry.path)} is a file without a name`));
      } else {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () =>
          files.push({ path: normalisePath(entry.path), bytes: new Uint8Array(Buffer.concat(chunks)) }),
        );
        return;
      }
      entry.resume();
    },
  });
  // tar sets aside entries it cannot represent (unknown types, oversized extended headers).
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    const what = entry.meta
      ? 'an extended header larger than tar reads'
      : `${describeEntry(entry)}; bundles hold regular files only`;
    refuse(invalid(`entry ${JSON.stringify(entry.path)} is ${what}`));
  });
  // tar cuts a PAX value or GNU long name at a NUL, and drops a PAX record whose length does not
  // match (a value holding a newline); Go's reader refuses the first and reads the second. Both
  // are refused here, so no reader sees a different name than this one.
  parser.on('meta', (text: string) => {
    if (/\0[^\0]/.test(text))
      refuse(invalid('an extended header (PAX or GNU long name) has a NUL byte inside a value'));
    else if (/^\d+ /.test(text) && !wellFormedPaxRecords(text))
      refuse(invalid('a PAX extended header has a malformed record'));
  });
  parser.on('error', (err: Error) => refuse(invalid(`not a valid tar archive: ${err.message}`)));
  let ended = false;
  parser.on('end', () => {
    ended = true;
  });
  parser.end(tar);
  if (failure) throw failure;
  if (!ended) throw invalid('the tar archive did not end');
  return files;
}

function checksumOf(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum;
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
