import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { AuditError } from './errors.js';
import { takeLock, type LockResult } from './lockfile.js';

/**
 * A bounded, append-only on-disk queue of event texts, for when Redis is
 * away. Segment files (`<n>.spool`) hold one record per line,
 * `<crc32 hex> <json>\n`; JSON text never holds a raw newline, so a line
 * is a record. Each `append` is one write and one fdatasync (callers batch).
 * A torn or corrupt line (crash mid-write, bit rot) is skipped and counted.
 * Reading keeps a cursor (segment, offset) in `cursor` so a restart does
 * not replay what Redis already has (a crash between the Redis write and
 * the cursor write replays a batch: duplicates carry the same event_id).
 * One process per directory: a `lock` file holds the owner's pid.
 */
export interface SpoolOptions {
  dir: string;
  /** Bytes of unreplayed records kept; past it new records are refused (counted as dropped). @defaultValue 256 MiB */
  maxBytes?: number;
  /** A segment is closed and a new one started past this size. @defaultValue 8 MiB */
  segmentBytes?: number;
}

export interface SpoolStats {
  /** Bytes waiting to be replayed. */
  bytes: number;
  /** Records appended since start. */
  appended: number;
  /** Records refused because the spool was full. */
  dropped: number;
  /** Corrupt or torn lines skipped on reading. */
  corrupt: number;
}

interface Segment {
  n: number;
  size: number;
}

const NAME = /^(\d{12})\.spool$/;

function segmentName(n: number): string {
  return `${String(n).padStart(12, '0')}.spool`;
}

function frame(line: string): string {
  return `${crc32(line).toString(16).padStart(8, '0')} ${line}\n`;
}

export class AuditSpool {
  private readonly maxBytes: number;
  private readonly segmentBytes: number;
  private segments: Segment[] = [];
  /** Read position in the first segment. */
  private readOffset = 0;
  private writer?: { n: number; handle: FileHandle };
  private chain: Promise<unknown> = Promise.resolve();
  private counts = { appended: 0, dropped: 0, corrupt: 0 };
  private lockRelease?: () => void;

  constructor(private readonly options: SpoolOptions) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.segmentBytes = options.segmentBytes ?? 8 * 1024 * 1024;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Creates the directory, takes the lock and finds what an earlier run left to replay. */
  async open(): Promise<void> {
    const { dir } = this.options;
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw new AuditError('audit_spool_failed', `${dir}: cannot create the spool directory`, { cause: err });
    }
    this.lock(join(dir, 'lock'));
    const names = (await readdir(dir)).filter((name) => NAME.test(name)).sort();
    for (const name of names) {
      const { size } = await stat(join(dir, name));
      this.segments.push({ n: Number(NAME.exec(name)![1]), size });
    }
    const cursor = await readFile(join(dir, 'cursor'), 'utf8').catch(() => '');
    const match = /^(\d+) (\d+)$/.exec(cursor.trim());
    if (match) {
      const n = Number(match[1]);
      this.segments = this.segments.filter((s) => s.n >= n);
      if (this.segments[0]?.n === n) this.readOffset = Math.min(Number(match[2]), this.segments[0].size);
    }
  }

  private lock(path: string): void {
    let result: LockResult;
    try {
      result = takeLock(path);
    } catch (err) {
      throw new AuditError('audit_spool_failed', `${path}: cannot take the spool lock`, { cause: err });
    }
    if ('owner' in result) {
      throw new AuditError(
        'audit_spool_locked',
        `${this.options.dir}: the spool is in use by process ${result.owner}; give each process its own spool directory`,
      );
    }
    this.lockRelease = result.release;
  }

  /** Bytes waiting to be replayed. */
  get bytes(): number {
    let total = -this.readOffset;
    for (const s of this.segments) total += s.size;
    return Math.max(0, total);
  }

  get empty(): boolean {
    return this.bytes === 0;
  }

  /** Whether `bytes` more would still fit. */
  hasRoom(bytes = 1): boolean {
    return this.bytes + bytes <= this.maxBytes;
  }

  stats(): SpoolStats {
    return { bytes: this.bytes, ...this.counts };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Appends records (event JSON texts) and syncs them to disk. Returns how
   * many were written; the rest (past the bound) were refused and counted.
   */
  append(lines: readonly string[]): Promise<number> {
    return this.serial(async () => {
      let text = '';
      let written = 0;
      let room = this.maxBytes - this.bytes;
      for (const line of lines) {
        const framed = frame(line);
        const size = Buffer.byteLength(framed);
        if (size > room) break;
        room -= size;
        text += framed;
        written++;
      }
      this.counts.dropped += lines.length - written;
      if (written === 0) return 0;
      const writer = await this.writable();
      const data = Buffer.from(text);
      try {
        await writer.handle.write(data);
        await writer.handle.datasync();
      } catch (err) {
        throw new AuditError('audit_spool_failed', `${this.options.dir}: cannot write the spool`, {
          cause: err,
        });
      }
      this.segments[this.segments.length - 1].size += data.length;
      this.counts.appended += written;
      return written;
    });
  }

  private async writable(): Promise<{ n: number; handle: FileHandle }> {
    const last = this.segments[this.segments.length - 1];
    if (this.writer && last?.n === this.writer.n && last.size < this.segmentBytes) return this.writer;
    await this.writer?.handle.close();
    this.writer = undefined;
    const n = (last?.n ?? 0) + 1;
    const handle = await open(join(this.options.dir, segmentName(n)), 'a');
    this.segments.push({ n, size: 0 });
    this.writer = { n, handle };
    return this.writer;
  }

  /**
   * The oldest records, up to `max`, and a `commit` that moves the cursor
   * past them once they are safe elsewhere. Nothing is removed until then.
   */
  read(max: number): Promise<{ lines: string[]; commit(): Promise<void> }> {
    return this.serial(async () => {
      const first = this.segments[0];
      if (!first || this.bytes === 0) return { lines: [], commit: async () => undefined };
      const handle = await open(join(this.options.dir, segmentName(first.n)), 'r');
      const lines: string[] = [];
      let offset = this.readOffset;
      try {
        let carry = Buffer.alloc(0);
        let position = offset;
        while (lines.length < max && position < first.size) {
          const buf = Buffer.alloc(Math.min(1024 * 1024, first.size - position));
          const { bytesRead } = await handle.read(buf, 0, buf.length, position);
          if (bytesRead === 0) break;
          position += bytesRead;
          const data = carry.length
            ? Buffer.concat([carry, buf.subarray(0, bytesRead)])
            : buf.subarray(0, bytesRead);
          let at = 0;
          while (lines.length < max) {
            const nl = data.indexOf(10, at);
            if (nl < 0) break;
            const line = this.check(data.subarray(at, nl).toString('utf8'));
            if (line !== undefined) lines.push(line);
            offset += nl + 1 - at;
            at = nl + 1;
          }
          carry = Buffer.from(data.subarray(at));
        }
        if (lines.length < max && position >= first.size && carry.length > 0 && this.writer?.n !== first.n) {
          // A torn last line in a closed segment: a crash mid-write.
          this.counts.corrupt++;
          offset = first.size;
        }
      } finally {
        await handle.close();
      }
      const end = offset;
      const n = first.n;
      return { lines, commit: () => this.serial(() => this.advance(n, end)) };
    });
  }

  private check(record: string): string | undefined {
    const space = record.indexOf(' ');
    if (space !== 8) {
      this.counts.corrupt++;
      return undefined;
    }
    const line = record.slice(9);
    if (parseInt(record.slice(0, 8), 16) !== crc32(line)) {
      this.counts.corrupt++;
      return undefined;
    }
    return line;
  }

  private async advance(n: number, offset: number): Promise<void> {
    const first = this.segments[0];
    if (!first || first.n !== n) return;
    this.readOffset = offset;
    if (offset >= first.size) {
      if (this.writer?.n === n) {
        // Everything written was replayed: start over in a new segment.
        await this.writer.handle.close();
        this.writer = undefined;
      }
      this.segments.shift();
      this.readOffset = 0;
      await rm(join(this.options.dir, segmentName(n)), { force: true });
    }
    const next = this.segments[0];
    const cursor = next ? `${next.n} ${this.readOffset}` : `${n + 1} 0`;
    const tmp = join(this.options.dir, 'cursor.tmp');
    await writeFile(tmp, cursor);
    await rename(tmp, join(this.options.dir, 'cursor'));
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.writer?.handle.close();
      this.writer = undefined;
    });
    this.lockRelease?.();
    this.lockRelease = undefined;
  }
}
