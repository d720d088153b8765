import { duplicateRedis, type RedisClient } from '../../common/redis.js';
import type { SinkConfig } from '../config.js';
import type { AuditEvent } from '../event.js';
import type { AuditLogger } from '../producer.js';
import { SinkFailure, type ExportBatch, type SinkDriver } from '../sinks/driver.js';
import { EVENT_FIELD, type AuditStreamKeys } from '../stream.js';
import { tracedDelivery } from './trace.js';

type StreamEntry = [id: string, fields: string[] | null];

/** Counters every worker adds to in Redis (a hash per sink), so `/health` shows the deployment's totals. */
export const SINK_COUNTERS = ['delivered', 'retried', 'dead_lettered', 'dropped', 'skipped'] as const;
export type SinkCounter = (typeof SINK_COUNTERS)[number];

export interface SinkConsumerOptions {
  /** A connection the consumer duplicates: its reads block. */
  redis: RedisClient;
  keys: AuditStreamKeys;
  sink: SinkConfig;
  driver: SinkDriver;
  /** This consumer's name in the sink's group (unique per process). */
  consumer: string;
  /** Entries another consumer has held unacknowledged this long are taken over. */
  claimIdleMs: number;
  logger: AuditLogger & { info(obj: object, msg?: string): void };
  /** Called after each counter change (Prometheus counters of this process). */
  onCount?: (sink: string, counter: SinkCounter, n: number) => void;
}

export interface SinkConsumerState {
  state: 'starting' | 'running' | 'stopped';
  stopped_reason?: string;
  last_error?: string;
  last_delivery_at?: string;
}

/** The outcome of one batch. */
type Delivery = 'delivered' | 'dead_lettered' | 'stopped' | 'closing';

class Closing extends Error {}

/**
 * Exports the audit stream to one sink through the sink's consumer group:
 * reads a batch (up to `batch.maxEvents` / `maxBytes`, waiting up to
 * `batch.timeoutMs` for it to fill), hands it to the driver, retries with
 * exponential backoff (honouring the receiver's `Retry-After`), sets it
 * aside in the dead-letter stream after `request.retry.maxTries`, and only
 * then acknowledges it. At least once: a crash before the acknowledgement
 * redelivers the batch (to this consumer's successor, or to another
 * worker after `claimIdleMs`), with the same `event_id`s.
 */
export class SinkConsumer {
  private readonly blocking: RedisClient;
  private readonly sink: SinkConfig;
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;
  private status: SinkConsumerState = { state: 'starting' };

  constructor(private readonly options: SinkConsumerOptions) {
    this.sink = options.sink;
    this.blocking = duplicateRedis(options.redis, {
      maxRetriesPerRequest: null,
      lazyConnect: true,
      enableOfflineQueue: true,
    });
    this.blocking.on('error', () => undefined);
  }

  get name(): string {
    return this.sink.name;
  }

  state(): SinkConsumerState {
    return { ...this.status };
  }

  start(): void {
    this.running ??= this.loop();
  }

  private async ensureGroup(): Promise<void> {
    try {
      // From the stream's start: events recorded before the sink existed are still exported.
      await this.blocking.xgroup(
        'CREATE',
        this.options.keys.events,
        this.options.keys.group(this.name),
        '0',
        'MKSTREAM',
      );
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  private async loop(): Promise<void> {
    let backlog = true;
    let lastClaim = 0;
    let failures = 0;
    let started = false;
    while (!this.stopped) {
      try {
        if (this.blocking.status === 'wait') await this.blocking.connect();
        if (!started) {
          await this.options.driver.start?.();
          started = true;
        }
        await this.ensureGroup();
        const stoppedBy = await this.blocking.hget(this.options.keys.sinkState(this.name), 'stopped_reason');
        if (stoppedBy) {
          this.status = { ...this.status, state: 'stopped', stopped_reason: stoppedBy };
          await this.pause(5000);
          continue;
        }
        this.status.state = 'running';
        delete this.status.stopped_reason;
        let entries: StreamEntry[] = [];
        if (Date.now() - lastClaim >= this.options.claimIdleMs / 2) {
          lastClaim = Date.now();
          entries = await this.claimStale();
        }
        if (entries.length === 0) entries = backlog ? await this.readOwnPending() : await this.readNew();
        if (backlog && entries.length === 0) {
          backlog = false;
          continue;
        }
        if (entries.length === 0) continue;
        const outcome = await this.process(entries);
        if (outcome === 'stopped') backlog = true;
        failures = 0;
      } catch (err) {
        if (this.stopped || err instanceof Closing) break;
        failures++;
        this.status.last_error = (err as Error).message;
        this.options.logger.warn(
          { sink: this.name, err: (err as Error).message },
          'audit export: read or acknowledge failed, retrying',
        );
        // What was read but not acknowledged is read again from this consumer's pending list.
        backlog = true;
        await this.pause(Math.min(2000, 100 * 2 ** Math.min(failures, 5)));
      }
    }
  }

  private async claimStale(): Promise<StreamEntry[]> {
    const { keys, claimIdleMs } = this.options;
    const reply = (await this.blocking.xautoclaim(
      keys.events,
      keys.group(this.name),
      this.options.consumer,
      claimIdleMs,
      '0-0',
      'COUNT',
      this.sink.batch.maxEvents,
    )) as [string, StreamEntry[], string[]?];
    const deleted = reply[2]?.length ?? 0;
    // Entries trimmed away before this sink delivered them: lost for this sink, counted.
    if (deleted > 0) await this.count('dropped', deleted);
    return reply[1];
  }

  private async readOwnPending(): Promise<StreamEntry[]> {
    const { keys } = this.options;
    const reply = (await this.blocking.xreadgroup(
      'GROUP',
      keys.group(this.name),
      this.options.consumer,
      'COUNT',
      this.sink.batch.maxEvents,
      'STREAMS',
      keys.events,
      '0',
    )) as [string, StreamEntry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  /** New entries: the first wait is long, then more are gathered until the batch is full or its time is up. */
  private async readNew(): Promise<StreamEntry[]> {
    const { keys } = this.options;
    const { maxEvents, maxBytes, timeoutMs } = this.sink.batch;
    const entries: StreamEntry[] = [];
    let bytes = 0;
    let deadline = Infinity;
    while (entries.length < maxEvents && bytes < maxBytes && !this.stopped) {
      const wait = deadline === Infinity ? timeoutMs : Math.floor(deadline - Date.now());
      if (wait < 1) break;
      const reply = (await this.blocking.xreadgroup(
        'GROUP',
        keys.group(this.name),
        this.options.consumer,
        'COUNT',
        maxEvents - entries.length,
        'BLOCK',
        wait,
        'STREAMS',
        keys.events,
        '>',
      )) as [string, StreamEntry[]][] | null;
      const got = reply?.[0]?.[1] ?? [];
      if (got.length === 0) break;
      if (deadline === Infinity) deadline = Date.now() + timeoutMs;
      for (const entry of got) {
        entries.push(entry);
        bytes += entry[1] ? entry[1][1].length : 0;
      }
    }
    return entries;
  }

  /** Delivers the entries (in chunks of at most `maxBytes`) and acknowledges what is done with. */
  private async process(entries: StreamEntry[]): Promise<Delivery> {
    const { keys } = this.options;
    const wanted = new Set<string>(this.sink.kinds);
    const skipped: string[] = [];
    let lost = 0;
    let chunk: { ids: string[]; batch: ExportBatch; bytes: number } = this.emptyChunk();
    const chunks: (typeof chunk)[] = [];
    for (const [id, fields] of entries) {
      const at = fields ? fields.indexOf(EVENT_FIELD) : -1;
      if (!fields || at < 0) {
        lost++;
        skipped.push(id);
        continue;
      }
      const line = fields[at + 1];
      let event: AuditEvent;
      try {
        event = JSON.parse(line) as AuditEvent;
      } catch {
        lost++;
        skipped.push(id);
        continue;
      }
      if (!wanted.has(event.kind)) {
        skipped.push(id);
        continue;
      }
      if (chunk.ids.length > 0 && chunk.bytes + line.length > this.sink.batch.maxBytes) {
        chunks.push(chunk);
        chunk = this.emptyChunk();
      }
      chunk.ids.push(id);
      chunk.batch.events.push(event);
      chunk.batch.lines.push(line);
      chunk.bytes += line.length;
    }
    if (chunk.ids.length > 0) chunks.push(chunk);
    if (lost > 0) await this.count('dropped', lost);
    if (skipped.length > 0) {
      await this.blocking.xack(keys.events, keys.group(this.name), ...skipped);
      await this.count('skipped', skipped.length - lost);
    }
    for (const c of chunks) {
      const outcome = await tracedDelivery(this.name, c.batch.events, () => this.deliver(c.batch, c.ids));
      if (outcome === 'stopped' || outcome === 'closing') return outcome;
      await this.blocking.xack(keys.events, keys.group(this.name), ...c.ids);
      await this.count(outcome === 'delivered' ? 'delivered' : 'dead_lettered', c.ids.length);
      if (outcome === 'delivered') this.status.last_delivery_at = new Date().toISOString();
    }
    return 'delivered';
  }

  private emptyChunk(): { ids: string[]; batch: ExportBatch; bytes: number } {
    return { ids: [], batch: { events: [], lines: [] }, bytes: 0 };
  }

  private async deliver(batch: ExportBatch, ids: string[]): Promise<Delivery> {
    const { retry } = this.sink.request;
    const timeoutMs = Math.max(this.sink.request.timeoutMs, this.options.driver.timeoutMs ?? 0);
    for (let tries = 1; ; tries++) {
      if (this.stopped) return 'closing';
      const failure = await this.attempt(batch, timeoutMs);
      if (!failure) return 'delivered';
      this.status.last_error = failure.message;
      if (failure.action === 'stop') {
        await this.stopSink(failure.message);
        return 'stopped';
      }
      if (failure.action === 'dead_letter' || tries >= retry.maxTries) {
        await this.deadLetter(batch, failure.message, tries);
        return 'dead_lettered';
      }
      await this.count('retried', batch.events.length);
      const backoff = retry.initialBackoffMs * 2 ** (tries - 1);
      const wait = Math.min(retry.maxBackoffMs, Math.max(backoff, failure.retryAfterMs ?? 0));
      this.options.logger.warn(
        { sink: this.name, err: failure.message, tries, retry_in_ms: wait, events: batch.events.length },
        'audit sink delivery failed, retrying',
      );
      await this.waitHolding(wait, ids);
    }
  }

  /** Waits before a retry while keeping the entries this consumer's (a wait can outlast `claimIdleMs`). */
  private async waitHolding(ms: number, ids: string[]): Promise<void> {
    const step = Math.max(1, Math.floor(this.options.claimIdleMs / 3));
    for (let left = ms; left > 0; left -= step) {
      await this.touch(ids);
      await this.pause(Math.min(left, step));
    }
    await this.touch(ids);
  }

  /** Resets the idle time of entries this consumer still works on, so other workers do not take them over. */
  private async touch(ids: string[]): Promise<void> {
    const { keys } = this.options;
    // Through `call`: the typed xclaim's overloads do not resolve on a Redis | Cluster union.
    await this.blocking.call(
      'XCLAIM',
      keys.events,
      keys.group(this.name),
      this.options.consumer,
      0,
      ...ids,
      'JUSTID',
    );
  }

  /** One try, bounded by the request timeout even if the driver ignores its signal. */
  private async attempt(batch: ExportBatch, timeoutMs: number): Promise<SinkFailure | undefined> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.options.driver.deliver(batch, controller.signal),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const err = new SinkFailure('retry', `no answer within ${timeoutMs} ms`);
            controller.abort(err);
            reject(err);
          }, timeoutMs);
        }),
      ]);
      return undefined;
    } catch (err) {
      if (err instanceof SinkFailure) return err;
      return new SinkFailure('retry', (err as Error)?.message ?? String(err), undefined, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  private async deadLetter(batch: ExportBatch, reason: string, tries: number): Promise<void> {
    const { keys } = this.options;
    const pipeline = this.blocking.pipeline();
    for (const line of batch.lines) {
      pipeline.xadd(
        keys.deadLetter(this.name),
        'MAXLEN',
        '~',
        this.sink.deadLetter.maxEvents,
        '*',
        EVENT_FIELD,
        line,
        'error',
        reason,
        'tries',
        String(tries),
      );
    }
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('dead-letter write failed');
    this.options.logger.error(
      { sink: this.name, events: batch.events.length, tries, err: reason },
      'audit events dead-lettered',
    );
  }

  private async stopSink(reason: string): Promise<void> {
    await this.blocking.hset(this.options.keys.sinkState(this.name), {
      stopped_reason: reason,
      stopped_at: new Date().toISOString(),
    });
    this.status = { ...this.status, state: 'stopped', stopped_reason: reason };
    this.options.logger.error(
      { sink: this.name, err: reason },
      'audit sink stopped: it refuses our requests for good (fix its configuration and restart the workers)',
    );
  }

  private async count(counter: SinkCounter, n: number): Promise<void> {
    if (n <= 0) return;
    await this.blocking.hincrby(this.options.keys.sinkStats(this.name), counter, n);
    this.options.onCount?.(this.name, counter, n);
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.reject(new Closing());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        reject(new Closing());
      };
    });
  }

  /** Stops reading; a batch being delivered is abandoned unacknowledged (it will come again). */
  async close(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.blocking.disconnect();
    await this.running?.catch(() => undefined);
    await this.options.driver.close();
  }
}
