/**
 * A content-addressed directory of compiled modules, as Go's build cache:
 * each entry is named by the hash of everything its compile read (the
 * compiler itself included, see compiler-id.ts), so an entry is never
 * stale, only unused. Entries are written whole and renamed into place, so
 * concurrent commands never read half an entry; a damaged entry reads as a
 * miss. The cache only ever saves time: every failure to read or write it
 * is a miss, never an error of the command.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** What one entry holds: plain data about the compile, and the module's bytes. */
export interface CacheEntry<Meta> {
  meta: Meta;
  wasm: Uint8Array;
}

export interface CompileCacheOptions {
  /** The directory (created on first write). */
  dir: string;
  /**
   * Entries not used for this long are removed when the cache is trimmed.
   * @defaultValue 7 days
   */
  maxAgeMs?: number;
  /**
   * Past this many bytes, the least recently used entries are removed when
   * the cache is trimmed.
   * @defaultValue 256 MiB
   */
  maxBytes?: number;
  /** The clock (tests pass their own). @defaultValue `Date.now` */
  now?: () => number;
}

const MAGIC = Buffer.from('PCC2');
/** Trims run at most this often, after a write (a marker file's time says when the last one ran). */
const TRIM_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A cache key: the SHA-256 of the parts, in order. */
export function cacheKey(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    // Length-prefixed, so ["ab", "c"] and ["a", "bc"] differ.
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

export class CompileCache {
  readonly dir: string;
  private readonly maxAgeMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: CompileCacheOptions) {
    this.dir = options.dir;
    this.maxAgeMs = options.maxAgeMs ?? 7 * DAY_MS;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  private path(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache key: ${key}`);
    return join(this.dir, key.slice(0, 2), key);
  }

  /** The entry under `key`, or undefined (absent, unreadable or damaged). */
  get<Meta>(key: string): CacheEntry<Meta> | undefined {
    const file = this.path(key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    const entry = decode<Meta>(bytes);
    if (!entry) {
      removeQuietly(file);
      return undefined;
    }
    try {
      this.touch(file);
    } catch {
      // A read-only cache still answers.
    }
    return entry;
  }

  /** Stores an entry under `key`; false when it could not be written. */
  put<Meta>(key: string, entry: CacheEntry<Meta>): boolean {
    const file = this.path(key);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      writeFileSync(tmp, encode(entry));
      this.touch(tmp);
      renameSync(tmp, file);
    } catch {
      removeQuietly(tmp);
      return false;
    }
    this.trimIfDue();
    return true;
  }

  /** Sets a file's times to now: an entry's time is its last use, which trimming reads. */
  private touch(file: string): void {
    const at = this.now() / 1000;
    utimesSync(file, at, at);
  }

  private trimIfDue(): void {
    const marker = join(this.dir, 'trim.txt');
    try {
      if (this.now() - statSync(marker).mtimeMs < TRIM_INTERVAL_MS) return;
    } catch {
      // No marker yet: trim now.
    }
    try {
      writeFileSync(marker, `${new Date(this.now()).toISOString()}\n`);
      this.touch(marker);
      this.trim();
    } catch {
      // Trimming is housekeeping; a failure leaves the entries in place.
    }
  }

  /** Removes entries unused for `maxAgeMs`, then the least recently used past `maxBytes`. */
  trim(): void {
    const entries: { file: string; usedMs: number; size: number }[] = [];
    for (const shard of readdirSync(this.dir, { withFileTypes: true })) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for (const name of readdirSync(join(this.dir, shard.name))) {
        const file = join(this.dir, shard.name, name);
        try {
          const stat = statSync(file);
          // A temporary file older than a day belongs to a writer that died.
          if (name.endsWith('.tmp')) {
            if (this.now() - stat.mtimeMs > DAY_MS) removeQuietly(file);
            continue;
          }
          entries.push({ file, usedMs: stat.mtimeMs, size: stat.size });
        } catch {
          // Removed meanwhile by another trim.
        }
      }
    }
    entries.sort((a, b) => b.usedMs - a.usedMs);
    let total = 0;
    for (const entry of entries) {
      total += entry.size;
      if (this.now() - entry.usedMs > this.maxAgeMs || total > this.maxBytes) {
        removeQuietly(entry.file);
      }
    }
  }
}

/** Removes a file if it can; the cache never fails a command over housekeeping. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Not there, or not ours to remove.
  }
}

/**
 * `PCC2`, the SHA-256 of everything after it (32 bytes), the header's
 * length (u32, big-endian), the header (JSON meta), the module. The hash
 * covers the meta as well as the module: a damaged header that still reads
 * as JSON must not answer wrong tests or warnings.
 */
function encode<Meta>(entry: CacheEntry<Meta>): Buffer {
  const header = Buffer.from(JSON.stringify({ meta: entry.meta }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const body = Buffer.concat([length, header, entry.wasm]);
  return Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body]);
}

function decode<Meta>(bytes: Buffer): CacheEntry<Meta> | undefined {
  const bodyAt = MAGIC.length + 32;
  if (bytes.length < bodyAt + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const body = bytes.subarray(bodyAt);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(MAGIC.length, bodyAt))) {
    return undefined;
  }
  const length = body.readUInt32BE(0);
  if (4 + length > body.length) return undefined;
  try {
    const header = JSON.parse(body.subarray(4, 4 + length).toString()) as { meta: Meta };
    return { meta: header.meta, wasm: new Uint8Array(body.subarray(4 + length)) };
  } catch {
    return undefined;
  }
}
