import { hostname } from 'node:os';
import { duplicateRedis, type RedisClient } from '../../common/redis.js';
import type { Logger } from 'pino';
import type { TransitionEvent } from '../types.js';
import { ApprovalKeys } from './keys.js';

export type TransitionListener = (event: TransitionEvent) => void | Promise<void>;

export interface TransitionFeedOptions {
  /** A connection to duplicate: the feed blocks on a connection of its own. */
  redis: RedisClient;
  prefix: string;
  logger: Logger;
  /** Consumer group: each event goes to one consumer of the group. @defaultValue workers */
  group?: string;
  /** This consumer's name in the group. @defaultValue `<hostname>-<pid>` */
  consumer?: string;
  /** Longest block on the stream before looking again. @defaultValue 2000 */
  blockMs?: number;
  /** Events read at once. @defaultValue 100 */
  batch?: number;
  /** Events another consumer has held unacknowledged this long are taken over. @defaultValue 30000 */
  claimIdleMs?: number;
  /** Wait before retrying events a listener failed. @defaultValue 1000 */
  retryMs?: number;
}

type StreamEntry = [id: string, fields: string[]];

function parseEntry([id, fields]: StreamEntry): TransitionEvent | undefined {
  const index = fields.indexOf('e');
  if (index < 0 || index + 1 >= fields.length) return undefined;
  const body = JSON.parse(fields[index + 1]) as Omit<TransitionEvent, 'event_id'>;
  return { event_id: id, ...body, details: body.details ?? {} };
}

/**
 * Every approval and grant transition made by any process (proxies, workers,
 * the API), read from the stream the store's scripts append to in the same
 * atomic step as the transition. Delivery is at least once: an event is
 * acknowledged after every listener resolved, so a crash or a failing
 * listener means it comes again (same `event_id`). Consumers of one group
 * share the work; the workers process hosts one.
 */
export class TransitionFeed {
  private readonly keys: ApprovalKeys;
  private readonly listeners: TransitionListener[] = [];
  private readonly group: string;
  private readonly consumer: string;
  private readonly blocking: RedisClient;
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  /** The batch being delivered: close() lets it finish and be acknowledged. */
  private delivering: Promise<boolean> | undefined;

  constructor(private readonly options: TransitionFeedOptions) {
    this.keys = new ApprovalKeys(options.prefix);
    this.group = options.group ?? 'workers';
    this.consumer = options.consumer ?? `${hostname()}-${process.pid}`;
    this.blocking = duplicateRedis(options.redis, { maxRetriesPerRequest: null, lazyConnect: true });
    this.blocking.on('error', () => undefined);
  }

  /**
   * Calls `listener` with each transition, in stream order, after the
   * listeners registered before it. Returns a function that removes it.
   */
  onTransition(listener: TransitionListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  start(): void {
    this.running ??= this.loop();
  }

  private async ensureGroup(): Promise<void> {
    try {
      // From the stream's start: transitions made before any worker ran are still delivered.
      await this.blocking.xgroup('CREATE', this.keys.events, this.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  private async loop(): Promise<void> {
    const { logger } = this.options;
    let backlog = true;
    let lastClaim = 0;
    while (!this.stopped) {
      try {
        if (this.blocking.status === 'wait') await this.blocking.connect();
        await this.ensureGroup();
        const claimIdle = this.options.claimIdleMs ?? 30_000;
        if (Date.now() - lastClaim > claimIdle) {
          lastClaim = Date.now();
          const claimed = (await this.blocking.xautoclaim(
            this.keys.events,
            this.group,
            this.consumer,
            claimIdle,
            '0',
            'COUNT',
            this.options.batch ?? 100,
          )) as [string, StreamEntry[]];
          if (claimed[1].length > 0) backlog = true;
        }
        const reply = (await this.blocking.xreadgroup(
          'GROUP',
          this.group,
          this.consumer,
          'COUNT',
          this.options.batch ?? 100,
          'BLOCK',
          backlog ? 1 : (this.options.blockMs ?? 2000),
          'STREAMS',
          this.keys.events,
          backlog ? '0' : '>',
        )) as [string, StreamEntry[]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        if (backlog && entries.length === 0) {
          backlog = false;
          continue;
        }
        this.delivering = this.deliver(entries);
        const failed = await this.delivering;
        this.delivering = undefined;
        if (failed) {
          backlog = true;
          await this.pause(this.options.retryMs ?? 1000);
        }
      } catch (err) {
        if (this.stopped) break;
        logger.warn({ err: (err as Error).message }, 'approval transitions feed: read failed, retrying');
        backlog = true;
        await this.pause(this.options.retryMs ?? 1000);
      }
    }
  }

  /** Runs the listeners over the entries; true when some event must come again. */
  private async deliver(entries: StreamEntry[]): Promise<boolean> {
    const done: string[] = [];
    let failed = false;
    for (const entry of entries) {
      if (this.stopped) break;
      // An entry whose data was trimmed away comes back with no fields: nothing to deliver.
      const event = entry[1] ? parseEntry(entry) : undefined;
      try {
        if (event) for (const listener of [...this.listeners]) await listener(event);
        done.push(entry[0]);
      } catch (err) {
        failed = true;
        this.options.logger.warn(
          { err: (err as Error).message, event_id: entry[0], type: event?.type },
          'approval transition listener failed; the event will be delivered again',
        );
        break;
      }
    }
    if (done.length > 0) await this.blocking.xack(this.keys.events, this.group, ...done);
    return failed;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.delivering?.catch(() => undefined);
    this.blocking.disconnect();
    await this.running?.catch(() => undefined);
  }
}
