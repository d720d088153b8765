import { createRedis, type RedisClient } from '../common/redis.js';
import { AuditError } from './errors.js';
import { Fifo } from './fifo.js';
import { packedLines } from './lines.js';
import type { AuditEvent, AuditSource } from './event.js';
import { AuditSpool, type SpoolOptions, type SpoolStats } from './spool.js';
import { auditStreamKeys, EVENT_FIELD } from './stream.js';

/** Structured logger the producer reports losses to (pino fits). */
export interface AuditLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AuditProducerOptions {
  /** Redis holding the audit stream; without it events only reach `onEvent` and the spool. */
  redisUrl?: string;
  /** Key prefix of this deployment. @defaultValue portcullis */
  prefix?: string;
  /** Which process produces (stamped on every event by the callers that build events). */
  source: AuditSource;
  /**
   * On-disk spool for when Redis is away. Without it, events wait in memory
   * (`bufferSize`) and the oldest are dropped past that, counted.
   */
  spool?: SpoolOptions;
  /** Events held in memory between batches. @defaultValue 10000 */
  bufferSize?: number;
  /** Events per Redis round trip or spool write. @defaultValue 256 */
  batchSize?: number;
  /**
   * Longest an event waits for company when fewer than `batchSize` are
   * waiting, also after a batch was sent (else batches under load are as
   * small as a round trip is short, and each costs the client some 100 µs
   * however few events it carries). Events for `recordDurable` and `flush`
   * do not wait. @defaultValue 20
   */
  lingerMs?: number;
  /** A batch not acknowledged by Redis within this counts as failed (and goes to the spool). @defaultValue 5000 */
  commandTimeoutMs?: number;
  /** Wait after a failed send before trying Redis again, doubling up to `retryMaxMs`. @defaultValue 100 / 5000 */
  retryMinMs?: number;
  retryMaxMs?: number;
  /**
   * Backstop on the stream's length when no worker trims it (the workers
   * trim at `transport.maxLength`, counting what each sink lost; producers
   * trim approximately at 5/4 of it). @defaultValue 1000000
   */
  maxStreamLength?: number;
  logger?: AuditLogger;
  /** Called with every event recorded (in-process consumers, tests). */
  onEvent?: (event: AuditEvent) => void;
}

export interface AuditProducerStats {
  redis_connected: boolean;
  /** Events in memory. */
  buffered: number;
  /** Events written to Redis (directly or replayed from the spool). */
  sent: number;
  /** Of those, replayed from the spool. */
  replayed: number;
  /** Events written to the spool. */
  spooled: number;
  spool: SpoolStats | null;
  /** Events lost: the memory buffer or the spool was full. Never silent: logged too. */
  dropped: number;
  send_failures: number;
  last_error?: string;
}

interface Pending {
  line: string;
  done?: (err?: Error) => void;
}

const LOSS_LOG_INTERVAL_MS = 10_000;

/**
 * XADDs each line to KEYS[1], field `e`, in order, with the approximate
 * length cap ARGV[1]; the lines are ARGV[3] back to back, their byte
 * lengths ARGV[2] (comma separated). Returns how many. Atomic: the batch
 * is in or not.
 */
const XADD_BATCH = `local at, n = 1, 0
for len in string.gmatch(ARGV[2], '%d+') do
  local stop = at + tonumber(len)
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', '${EVENT_FIELD}', string.sub(ARGV[3], at, stop - 1))
  at, n = stop, n + 1
end
return n`;

interface XaddBatch {
  portcullisAuditXadd(key: string, cap: number, lengths: string, lines: Buffer): Promise<number>;
}

/**
 * Puts audit events on the Redis stream without making a request wait:
 * `record` serialises the event and appends it to a bounded buffer; one
 * sender drains it in pipelined XADD batches. When Redis fails or is away,
 * batches go to the on-disk spool (synced), and every later event follows
 * them there until the spool has been replayed to Redis in order. Only
 * past the spool's bound are events dropped, and each loss is counted and
 * logged. `recordDurable` resolves once the event is in Redis or synced to
 * the spool (the proxy's `audit.mode: sync`).
 */
export class AuditProducer {
  private readonly buffer = new Fifo<Pending>();
  private readonly client?: RedisClient;
  private readonly spool?: AuditSpool;
  private readonly streamKey: string;
  private readonly batchSize: number;
  private readonly capacity: number;
  private readonly backstop: number;
  private busy = false;
  private current?: Promise<void>;
  private lingerTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private failuresInRow = 0;
  private everReady = false;
  private closed = false;
  private opened: Promise<void>;
  private openError?: Error;
  private counts = { sent: 0, replayed: 0, spooled: 0, dropped: 0, send_failures: 0 };
  private lastError?: string;
  private lastLossLog = 0;
  private lossesSinceLog = 0;
  private idleWaiters: (() => void)[] = [];
  /** An event recorded durably is waiting: send without lingering. */
  private urgent = false;
  private readonly lingerMs: number;

  constructor(private readonly options: AuditProducerOptions) {
    this.capacity = options.bufferSize ?? 10_000;
    this.batchSize = options.batchSize ?? 256;
    this.lingerMs = options.lingerMs ?? 20;
    this.backstop = Math.ceil(((options.maxStreamLength ?? 1_000_000) * 5) / 4);
    this.streamKey = auditStreamKeys(options.prefix ?? 'portcullis').events;
    if (options.spool) this.spool = new AuditSpool(options.spool);
    if (options.redisUrl) {
      this.client = createRedis(options.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: options.commandTimeoutMs ?? 5000,
        retryStrategy: (times) => Math.min(times * 100, 1000),
        // A socket that never connected never closes: do not keep the process for the default 2 s.
        disconnectTimeout: 100,
      });
      this.client.defineCommand('portcullisAuditXadd', { numberOfKeys: 1, lua: XADD_BATCH });
      this.client.on('error', (err: Error) => {
        this.lastError = err.message;
      });
      this.client.on('ready', () => {
        this.everReady = true;
        this.pump();
      });
    }
    this.opened = (this.spool?.open() ?? Promise.resolve()).then(
      () => this.pump(),
      (err: unknown) => {
        this.openError = err as Error;
        this.options.logger?.error({ err: (err as Error).message }, 'audit spool unavailable');
      },
    );
  }

  /** Resolves once the spool is open (rejects when it cannot be: locked, unwritable). */
  async ready(): Promise<void> {
    await this.opened;
    if (this.openError) throw this.openError;
  }

  get source(): AuditSource {
    return this.options.source;
  }

  /** Records an event without waiting; `line` is its JSON when the caller has serialised it already. */
  record(event: AuditEvent, line: string = JSON.stringify(event)): void {
    this.add({ line }, event);
  }

  /** Records an event and resolves once it is in Redis or synced to the spool; rejects with `audit_unavailable`. */
  recordDurable(
    event: AuditEvent,
    timeoutMs = this.options.commandTimeoutMs ?? 5000,
    line: string = JSON.stringify(event),
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const pending: Pending = {
        line,
        done: (err) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        },
      };
      // Not kept by then (Redis away, no spool): taken back, so the record never contradicts the answer given.
      const timer = setTimeout(() => {
        this.buffer.remove(pending);
        pending.done?.(
          new AuditError('audit_unavailable', `the audit event was not recorded within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.urgent = true;
      this.add(pending, event);
      this.pump();
    });
  }

  /**
   * Whether an event recorded now can be kept: Redis answers (or is still
   * making its first connection), or the spool has room.
   */
  canRecord(): boolean {
    if (this.closed) return false;
    const status = this.client?.status;
    if (
      this.failuresInRow === 0 &&
      (status === 'ready' || (!this.everReady && (status === 'connecting' || status === 'connect')))
    )
      return true;
    return this.spool !== undefined && !this.openError && this.spool.hasRoom(64 * 1024);
  }

  private add(pending: Pending, event: AuditEvent): void {
    if (this.closed) {
      this.lose([pending], 'the audit producer is closed');
      return;
    }
    this.options.onEvent?.(event);
    if (!this.client && !this.spool) {
      pending.done?.();
      return;
    }
    this.buffer.push(pending);
    // With a spool, a backlog past the capacity goes to disk (step()); memory is lost only past twice it.
    const bound = this.spoolUsable() ? 2 * this.capacity : this.capacity;
    if (this.buffer.length > bound) {
      this.lose(this.buffer.take(this.buffer.length - bound), 'the in-memory audit buffer is full');
    }
    if (this.buffer.length >= this.batchSize) this.pump();
    else if (!this.busy) this.linger();
  }

  private linger(): void {
    this.lingerTimer ??= setTimeout(() => this.pump(), this.lingerMs).unref();
  }

  /** After a unit of work: the next now when a batch is full or someone waits, else after lingering for company. */
  private next(): void {
    const waiting = this.buffer.length;
    const now =
      waiting === 0 ||
      waiting >= this.batchSize ||
      this.urgent ||
      this.closed ||
      this.idleWaiters.length > 0 ||
      (this.spool !== undefined && !this.spool.empty);
    if (now) this.pump();
    else this.linger();
  }

  private lose(items: Pending[], why: string): void {
    if (items.length === 0) return;
    this.counts.dropped += items.length;
    this.lossesSinceLog += items.length;
    let error: AuditError | undefined;
    for (const item of items) {
      if (!item.done) continue;
      error ??= new AuditError('audit_unavailable', `the audit event could not be recorded: ${why}`);
      item.done(error);
    }
    const now = Date.now();
    if (now - this.lastLossLog >= LOSS_LOG_INTERVAL_MS) {
      this.options.logger?.error(
        { dropped: this.lossesSinceLog, total_dropped: this.counts.dropped, reason: why },
        'audit events dropped',
      );
      this.lastLossLog = now;
      this.lossesSinceLog = 0;
    }
  }

  private redisUsable(): boolean {
    return this.client?.status === 'ready' && this.retryTimer === undefined;
  }

  private spoolUsable(): boolean {
    return this.spool !== undefined && this.openError === undefined;
  }

  private pump(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.busy) return;
    const replay = this.redisUsable() && this.spoolUsable() && !this.spool!.empty;
    const send = this.buffer.length > 0 && (this.redisUsable() || this.spoolUsable());
    if (this.closed || (!replay && !send)) {
      this.notifyIdle();
      return;
    }
    this.busy = true;
    this.urgent = false;
    this.current = this.step(replay)
      .catch((err: unknown) => {
        this.lastError = (err as Error).message;
        this.backOff();
      })
      .finally(() => {
        this.busy = false;
        this.current = undefined;
        this.next();
      });
  }

  /** No Redis attempt until the wait (doubling per failure in a row) is over. */
  private backOff(): void {
    this.failuresInRow++;
    const min = this.options.retryMinMs ?? 100;
    const wait = Math.min(this.options.retryMaxMs ?? 5000, min * 2 ** (this.failuresInRow - 1));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, wait).unref();
  }

  /** One unit of work: replay a spool batch, or move a buffer batch to Redis or the spool. */
  private async step(replay: boolean): Promise<void> {
    if (replay) {
      const { lines, commit } = await this.spool!.read(this.batchSize);
      if (lines.length === 0) {
        await commit();
        return;
      }
      if (await this.xadd(lines)) {
        await commit();
        this.counts.replayed += lines.length;
      }
      return;
    }
    // Redis keeping up: straight there. Redis away, or a backlog past the buffer's capacity: the spool
    // (in order: once the spool holds events, later ones follow them there until it is replayed).
    const backlog = this.spoolUsable() && this.buffer.length > this.capacity;
    const batch = this.buffer.take(this.batchSize);
    const direct = this.redisUsable() && !backlog && (!this.spoolUsable() || this.spool!.empty);
    if (direct && (await this.xadd(batch.map((p) => p.line)))) {
      for (const item of batch) item.done?.();
      return;
    }
    if (this.spoolUsable()) {
      await this.toSpool(batch);
      return;
    }
    // No spool: keep the batch in memory (at the front) until Redis returns.
    this.buffer.unshift(batch);
    if (this.buffer.length > this.capacity) {
      this.lose(
        this.buffer.take(this.buffer.length - this.capacity),
        'Redis is unreachable and the in-memory audit buffer is full',
      );
    }
  }

  private async toSpool(batch: Pending[]): Promise<void> {
    let written = 0;
    try {
      written = await this.spool!.append(batch.map((p) => p.line));
    } catch (err) {
      this.lastError = (err as Error).message;
    }
    this.counts.spooled += written;
    for (const item of batch.slice(0, written)) item.done?.();
    this.lose(batch.slice(written), 'Redis is unreachable and the audit spool is full');
  }

  /**
   * The whole batch in one command (a script XADDing each line, in order):
   * a pipeline of XADDs cost about three times the client CPU per event.
   * False (and a retry later) when Redis did not take it.
   */
  private async xadd(lines: string[]): Promise<boolean> {
    const client = this.client! as RedisClient & XaddBatch;
    const limitMs = (this.options.commandTimeoutMs ?? 5000) + 1000;
    let timer: NodeJS.Timeout | undefined;
    const packed = packedLines(lines);
    try {
      await Promise.race([
        // One Buffer for the batch: given strings, ioredis concatenates the whole command into one
        // string, then flattens and encodes it; given a Buffer per line, it frames and copies each.
        client.portcullisAuditXadd(this.streamKey, this.backstop, packed.lengths, packed.bytes),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis did not take the batch within ${limitMs} ms`)),
            limitMs,
          );
        }),
      ]);
      this.counts.sent += lines.length;
      this.failuresInRow = 0;
      return true;
    } catch (err) {
      // Some entries may have reached Redis: replaying them later duplicates them, same event_id.
      this.counts.send_failures++;
      this.lastError = (err as Error).message;
      this.backOff();
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private notifyIdle(): void {
    if (this.busy || this.buffer.length > 0) return;
    if (this.spool && !this.spool.empty && this.client) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Resolves true once every event recorded so far is in Redis (or, with
   * no Redis, in the spool), false after `timeoutMs`.
   */
  flush(timeoutMs = 5000): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(done);
      this.pump();
    });
  }

  stats(): AuditProducerStats {
    const stats: AuditProducerStats = {
      redis_connected: this.client?.status === 'ready',
      buffered: this.buffer.length,
      ...this.counts,
      spool: this.spool?.stats() ?? null,
    };
    if (this.lastError) stats.last_error = this.lastError;
    return stats;
  }

  /**
   * Sends or spools what is buffered (waiting at most `flushTimeoutMs` for
   * Redis), then disconnects. Whatever is still in memory then goes to the
   * spool, so a clean shutdown loses nothing the spool can hold.
   */
  async close(flushTimeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    await this.opened;
    if (this.client?.status === 'ready') await this.flush(flushTimeoutMs);
    clearTimeout(this.lingerTimer);
    clearTimeout(this.retryTimer);
    this.closed = true;
    await this.current;
    if (this.buffer.length > 0) {
      const rest = this.buffer.take(this.buffer.length);
      if (this.spoolUsable()) await this.toSpool(rest);
      else this.lose(rest, 'shutting down with Redis unreachable');
    }
    await this.spool?.close();
    this.client?.disconnect();
  }
}
