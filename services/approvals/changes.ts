import type { RedisClient } from '../common/redis.js';
import { ApprovalKeys } from './store/keys.js';
import type { ApprovalStatus } from './types.js';

/** The short notice the store's scripts publish with each transition. */
type Notice =
  { k: 'a'; id: string; s: string | null } | { k: 'g'; id: string; c: string; u: string; s: string | null };

export type WaitResult = ApprovalStatus | 'timeout' | 'aborted';

interface Waiter {
  resolve(result: WaitResult): void;
}

/**
 * Change notices over Redis pub/sub, for one process: held requests wait
 * here for their approval to settle (whichever process settled it), and
 * grant caches drop entries when a grant changes. Notices can be missed
 * while the subscriber reconnects, so on every (re)connection the waiters
 * look at the store again and `onResubscribe` listeners run.
 */
export class ApprovalChanges {
  private readonly keys: ApprovalKeys;
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly grantListeners: ((connection: string, subject: string) => void)[] = [];
  private readonly resubscribeListeners: (() => void)[] = [];
  private subscribed: Promise<void> | undefined;

  /**
   * @param subscriber a connection used for nothing else (pub/sub mode)
   * @param readStatus the store's current status of an approval
   */
  constructor(
    private readonly subscriber: RedisClient,
    prefix: string,
    private readonly readStatus: (id: string) => Promise<ApprovalStatus | undefined>,
  ) {
    this.keys = new ApprovalKeys(prefix);
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.keys.changes) this.onNotice(text);
    });
    subscriber.on('ready', () => {
      // ioredis re-subscribes by itself; what was published meanwhile is lost.
      for (const listener of this.resubscribeListeners) listener();
      for (const id of this.waiters.keys()) void this.recheck(id);
    });
  }

  /** Subscribes; resolves once the subscription is in place (or rejects when Redis is away). */
  start(): Promise<void> {
    this.subscribed ??= this.subscriber.subscribe(this.keys.changes).then(() => undefined);
    return this.subscribed;
  }

  /** Whether notices are arriving now (else caches must not be trusted beyond their TTL). */
  get live(): boolean {
    return this.subscriber.status === 'ready';
  }

  onGrantChange(listener: (connection: string, subject: string) => void): void {
    this.grantListeners.push(listener);
  }

  onResubscribe(listener: () => void): void {
    this.resubscribeListeners.push(listener);
  }

  /**
   * Resolves with the approval's status once it is no longer pending, or
   * `timeout` after `timeoutMs`, or `aborted` when `signal` fires.
   */
  waitForSettlement(id: string, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    return new Promise<WaitResult>((resolve) => {
      if (signal?.aborted) return resolve('aborted');
      let done = false;
      const waiter: Waiter = {
        resolve: (result) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const set = this.waiters.get(id);
          set?.delete(waiter);
          if (set?.size === 0) this.waiters.delete(id);
          resolve(result);
        },
      };
      const onAbort = () => waiter.resolve('aborted');
      const timer = setTimeout(() => waiter.resolve('timeout'), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      set.add(waiter);
      // Registered first, then read: a settlement published before this line is seen by the read.
      void this.recheck(id);
    });
  }

  private async recheck(id: string): Promise<void> {
    let status: ApprovalStatus | undefined;
    try {
      status = await this.readStatus(id);
    } catch {
      return; // the store is away: the timeout still answers the caller
    }
    if (status !== undefined && status !== 'pending') this.settle(id, status);
  }

  private settle(id: string, status: ApprovalStatus): void {
    const set = this.waiters.get(id);
    if (!set) return;
    for (const waiter of [...set]) waiter.resolve(status);
  }

  private onNotice(text: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(text) as Notice;
    } catch {
      return;
    }
    if (notice.k === 'a') {
      if (notice.s && notice.s !== 'pending') this.settle(notice.id, notice.s as ApprovalStatus);
    } else if (notice.k === 'g') {
      for (const listener of this.grantListeners) listener(notice.c, notice.u);
    }
  }

  /** How many requests are waiting (for tests and health). */
  get waiting(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    for (const id of [...this.waiters.keys()]) {
      for (const waiter of [...(this.waiters.get(id) ?? [])]) waiter.resolve('aborted');
    }
    this.subscriber.disconnect();
  }
}
