import { createReadStream, createWriteStream } from 'node:fs';
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
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { FileSinkConfig } from '../config.js';
import { eventFacets } from '../event.js';
import { takeLock } from '../lockfile.js';
import { encodeLines } from '../ocsf.js';
import { SinkFailure, type ExportBatch, type SinkDriver } from './driver.js';
import { frameLines } from '../lines.js';

/**
 * What a file holds, kept beside it (`<file>.meta.json`) so retention and
 * legal holds can judge a rotated file without reading it. Sets stop
 * growing at `FACET_LIMIT` names; `many` then says some were not listed
 * (a hold on any connection or subject then keeps the file).
 */
export interface FileFacets {
  opened_at: number;
  first_time: string | null;
  last_time: string | null;
  events: number;
  kinds: string[];
  connections: string[];
  subjects: string[];
  many: boolean;
}

export interface RotatedFile {
  path: string;
  meta: FileFacets | null;
  /** When it was rotated (from its name). */
  rotatedAt: number;
}

const FACET_LIMIT = 1000;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : NaN;
}

export interface FileSinkOptions {
  /** The clock (tests move it to cross rotation and retention boundaries). @defaultValue Date.now */
  now?: () => number;
}

/**
 * JSON lines to `<dir>/<name>.jsonl`, synced before a batch counts as
 * delivered. Rotated by size and age to `<name>-<UTC stamp>.jsonl`,
 * gzipped in the background, the rotated files kept by count and age.
 * One process writes a sink's directory (a lock file); another worker
 * configured with the same sink stands by until the lock is free.
 */
export class FileSink implements SinkDriver {
  private readonly now: () => number;
  private readonly current: string;
  private handle?: FileHandle;
  private size = 0;
  private facets = this.emptyFacets(0);
  private serial: Promise<unknown> = Promise.resolve();
  private background: Promise<void> = Promise.resolve();
  private release?: () => void;
  private timer?: NodeJS.Timeout;
  private written = 0;
  private rotations = 0;

  constructor(
    private readonly config: FileSinkConfig,
    options: FileSinkOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.current = join(config.dir, `${config.name}.jsonl`);
  }

  private emptyFacets(openedAt: number): FileFacets {
    return {
      opened_at: openedAt,
      first_time: null,
      last_time: null,
      events: 0,
      kinds: [],
      connections: [],
      subjects: [],
      many: false,
    };
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.serial.then(work, work);
    this.serial = next.catch(() => undefined);
    return next;
  }

  async start(): Promise<void> {
    await mkdir(this.config.dir, { recursive: true });
    const lock = takeLock(join(this.config.dir, `${this.config.name}.lock`));
    if ('owner' in lock) {
      throw new SinkFailure(
        'retry',
        `${this.config.dir}: file sink ${this.config.name} is written by process ${lock.owner}`,
      );
    }
    this.release = lock.release;
    await this.openCurrent();
    // Rotated files a crash left uncompressed.
    if (this.config.rotate.compress) {
      for (const file of await this.rotatedFiles()) {
        if (!file.path.endsWith('.gz')) this.compressLater(file.path);
      }
    }
    const everyMs = Math.min(this.config.rotate.intervalSeconds * 1000, 60_000);
    this.timer = setInterval(() => void this.rotateIfDue().catch(() => undefined), everyMs);
    this.timer.unref();
  }

  private async openCurrent(): Promise<void> {
    await this.cutTornLine();
    this.handle = await open(this.current, 'a');
    this.size = (await this.handle.stat()).size;
    const meta = await readFile(`${this.current}.meta.json`, 'utf8').catch(() => undefined);
    this.facets = this.emptyFacets(this.now());
    if (meta !== undefined && this.size > 0) {
      try {
        this.facets = JSON.parse(meta) as FileFacets;
      } catch {
        this.facets.many = true;
      }
    }
  }

  /**
   * A process killed mid-write can leave a last line without its newline:
   * that batch was never acknowledged (it will come again), so the torn
   * part is cut off rather than glued to the next line.
   */
  private async cutTornLine(): Promise<void> {
    const handle = await open(this.current, 'a+').catch(() => undefined);
    if (!handle) return;
    try {
      const { size } = await handle.stat();
      if (size === 0) return;
      const tail = Buffer.alloc(Math.min(size, 64 * 1024));
      let end = size;
      for (;;) {
        const start = Math.max(0, end - tail.length);
        const { bytesRead } = await handle.read(tail, 0, end - start, start);
        const at = tail.subarray(0, bytesRead).lastIndexOf(10);
        if (at >= 0) {
          const keep = start + at + 1;
          if (keep < size) await handle.truncate(keep);
          return;
        }
        if (start === 0) {
          await handle.truncate(0);
          return;
        }
        end = start;
      }
    } finally {
      await handle.close();
    }
  }

  deliver(batch: ExportBatch): Promise<void> {
    return this.run(async () => {
      if (!this.handle) throw new SinkFailure('retry', 'the file sink is not open');
      if (this.due()) await this.rotate();
      const data = frameLines(encodeLines(batch, this.config.encoding.format), '\n', '', '\n');
      await this.handle.write(data);
      await this.handle.datasync();
      this.size += data.length;
      this.written += batch.events.length;
      this.note(batch);
      await writeFile(`${this.current}.meta.json`, JSON.stringify(this.facets));
    });
  }

  private note(batch: ExportBatch): void {
    const f = this.facets;
    const add = (list: string[], value: string | null) => {
      if (value === null || list.includes(value)) return;
      if (list.length >= FACET_LIMIT) f.many = true;
      else list.push(value);
    };
    for (const event of batch.events) {
      f.events++;
      f.first_time ??= event.time;
      f.last_time = event.time;
      add(f.kinds, event.kind);
      const facets = eventFacets(event);
      add(f.connections, facets.connection);
      add(f.subjects, facets.subject);
    }
  }

  private due(): boolean {
    if (this.size === 0) return false;
    const { maxBytes, intervalSeconds } = this.config.rotate;
    return this.size >= maxBytes || this.now() - this.facets.opened_at >= intervalSeconds * 1000;
  }

  /** Rotates when the current file is too large or too old (checked on every batch and every minute). */
  rotateIfDue(): Promise<boolean> {
    return this.run(async () => {
      if (!this.due()) return false;
      await this.rotate();
      return true;
    });
  }

  /** Closes the current file, renames it with the time, and starts a new one. */
  private async rotate(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    let target = join(this.config.dir, `${this.config.name}-${stamp(this.now())}.jsonl`);
    for (let n = 1; await exists(target); n++) {
      target = join(this.config.dir, `${this.config.name}-${stamp(this.now())}-${n}.jsonl`);
    }
    await writeFile(`${target}.meta.json`, JSON.stringify(this.facets));
    await rename(this.current, target);
    await rm(`${this.current}.meta.json`, { force: true });
    this.rotations++;
    await this.openCurrent();
    if (this.config.rotate.compress) this.compressLater(target);
    else this.background = this.background.then(async () => void (await this.enforceKeep()));
  }

  private compressLater(path: string): void {
    this.background = this.background
      .then(async () => {
        const gz = `${path}.gz`;
        await pipeline(createReadStream(path), createGzip(), createWriteStream(gz));
        const handle = await open(gz, 'r+');
        await handle.datasync();
        await handle.close();
        await rename(`${path}.meta.json`, `${gz}.meta.json`).catch(() => undefined);
        await rm(path, { force: true });
        await this.enforceKeep();
      })
      .catch(() => undefined);
  }

  /** Resolves once rotated files have been compressed and pruned (tests, shutdown). */
  settled(): Promise<void> {
    return this.run(() => this.background);
  }

  /** Rotated files, oldest first. */
  async rotatedFiles(): Promise<RotatedFile[]> {
    const pattern = new RegExp(
      `^${this.config.name.replace(/[-]/g, '\\-')}-(\\d{8}T\\d{9}Z)(?:-\\d+)?\\.jsonl(?:\\.gz)?$`,
    );
    const files: RotatedFile[] = [];
    for (const name of await readdir(this.config.dir)) {
      const m = pattern.exec(name);
      if (!m) continue;
      const path = join(this.config.dir, name);
      const meta = await readFile(`${path}.meta.json`, 'utf8')
        .then((t) => JSON.parse(t) as FileFacets)
        .catch(() => null);
      files.push({ path, meta, rotatedAt: parseStamp(m[1]) });
    }
    return files.sort((a, b) => a.rotatedAt - b.rotatedAt || a.path.localeCompare(b.path));
  }

  /** Removes rotated files past `keep.count` and older than `keep.days`. */
  async enforceKeep(): Promise<number> {
    const files = await this.rotatedFiles();
    const { count, days } = this.config.keep;
    const doomed = new Set(files.slice(0, Math.max(0, files.length - count)));
    if (days !== undefined) {
      const cutoff = this.now() - days * 86_400_000;
      for (const file of files) if (file.rotatedAt < cutoff) doomed.add(file);
    }
    for (const file of doomed) await removeRotated(file.path);
    return doomed.size;
  }

  health(): Record<string, unknown> {
    return { file: this.current, bytes: this.size, written: this.written, rotations: this.rotations };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.run(async () => {
      await this.background;
      await this.handle?.close();
      this.handle = undefined;
    });
    this.release?.();
    this.release = undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Removes a rotated file and its facets. */
export async function removeRotated(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.meta.json`, { force: true });
}
