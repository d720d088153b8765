import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BoundedBuffer } from './buffer.js';
import type { DecisionEvent } from './event.js';

export interface DecisionLogQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix. @defaultValue 'portcullis' */
  prefix?: string;
  /** Queue the audit exporter consumes. @defaultValue 'decision-logs' */
  queueName?: string;
  /** Events held in memory while Redis is slow or down. @defaultValue 10000 */
  bufferSize?: number;
  /** Events sent per Redis round trip. @defaultValue 200 */
  batchSize?: number;
  /**
   * Longest an event waits for others to share its round trip when fewer
   * than `batchSize` are buffered and no send is under way. @defaultValue 5
   */
  lingerMs?: number;
  /** A Redis command slower than this counts as failed and is retried. @defaultValue 5000 */
  commandTimeoutMs?: number;
  /** First and largest wait between failed sends. @defaultValue 100 / 5000 */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface DecisionLogQueueStats {
  redis_connected: boolean;
  buffered: number;
  sent: number;
  /** Successful sends to Redis (each one round trip carrying up to `batchSize` events). */
  round_trips: number;
  /** Events dropped because the buffer was full. */
  dropped: number;
  send_failures: number;
  last_error?: string;
}

export const DECISION_LOG_JOB = 'decision';

/**
 * Hands decision events to BullMQ without ever making a request wait:
 * `enqueue` only appends to a bounded buffer, and one sender drains it in
 * batches. Job ids are the decision ids, so a batch retried after a slow
 * or failed send never duplicates an event.
 */
export class DecisionLogQueue {
  private readonly buffer: BoundedBuffer<DecisionEvent>;
  private readonly client: Redis;
  private readonly queue: Queue;
  private sending = false;
  private retryTimer?: NodeJS.Timeout;
  private lingerTimer?: NodeJS.Timeout;
  private failuresInRow = 0;
  private sent = 0;
  private roundTrips = 0;
  private failures = 0;
  private lastError?: string;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: DecisionLogQueueOptions) {
    this.buffer = new BoundedBuffer(options.bufferSize ?? 10_000);
    this.client = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 5000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      lazyConnect: false,
    });
    this.client.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    this.client.on('ready', () => this.pump());
    this.queue = new Queue(options.queueName ?? 'decision-logs', {
      connection: this.client,
      prefix: options.prefix ?? 'portcullis',
    });
    this.queue.on('error', (err: Error) => {
      this.lastError = err.message;
    });
  }

  get queueName(): string {
    return this.queue.name;
  }

  enqueue(event: DecisionEvent): void {
    if (this.closed) return;
    this.buffer.push(event);
    if (this.buffer.size >= (this.options.batchSize ?? 200)) this.pump();
    else this.lingerTimer ??= setTimeout(() => this.pump(), this.options.lingerMs ?? 5).unref();
  }

  private pump(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.sending || this.retryTimer || this.closed || this.buffer.size === 0) {
      this.notifyIdle();
      return;
    }
    // While disconnected, BullMQ would wait for the connection; the 'ready' event pumps again.
    if (this.client.status !== 'ready') return;
    this.sending = true;
    const batch = this.buffer.take(this.options.batchSize ?? 200);
    const limitMs = (this.options.commandTimeoutMs ?? 5000) + 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not accept the batch within ${limitMs} ms`)),
        limitMs,
      );
    });
    Promise.race([
      this.queue.addBulk(
        batch.map((event) => ({ name: DECISION_LOG_JOB, data: event, opts: { jobId: event.decision_id } })),
      ),
      timeout,
    ])
      .then(
        () => {
          this.sent += batch.length;
          this.roundTrips++;
          this.failuresInRow = 0;
        },
        (err: Error) => {
          this.failures++;
          this.failuresInRow++;
          this.lastError = err.message;
          this.buffer.restore(batch);
          const min = this.options.retryMinMs ?? 100;
          const wait = Math.min(this.options.retryMaxMs ?? 5000, min * 2 ** (this.failuresInRow - 1));
          this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.pump();
          }, wait);
          this.retryTimer.unref();
        },
      )
      .finally(() => {
        clearTimeout(timer);
        this.sending = false;
        this.pump();
      });
  }

  private notifyIdle(): void {
    if (this.sending || this.buffer.size > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves once every buffered event reached Redis, or false after `timeoutMs`. */
  flush(timeoutMs = 5000): Promise<boolean> {
    if (!this.sending && this.buffer.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.pump();
    });
  }

  stats(): DecisionLogQueueStats {
    const stats: DecisionLogQueueStats = {
      redis_connected: this.client.status === 'ready',
      buffered: this.buffer.size,
      sent: this.sent,
      round_trips: this.roundTrips,
      dropped: this.buffer.dropped,
      send_failures: this.failures,
    };
    if (this.lastError) stats.last_error = this.lastError;
    return stats;
  }

  /** Tries to send what is buffered (bounded by `flushTimeoutMs`), then disconnects. */
  async close(flushTimeoutMs = 2000): Promise<void> {
    if (this.client.status === 'ready') await this.flush(flushTimeoutMs);
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.lingerTimer);
    await this.queue.close().catch(() => undefined);
    this.client.disconnect();
  }
}
