import { createRedis, type RedisClient } from '../common/redis.js';
import { Approvals, type ApprovalSettings } from './approvals.js';
import { ApprovalChanges } from './changes.js';
import { ApprovalStore } from './store/store.js';

export interface OpenApprovalsOptions {
  redisUrl: string;
  prefix: string;
  settings: ApprovalSettings;
  /** The domain's clock (unix ms). @defaultValue Date.now */
  now?: () => number;
  /**
   * Fail each command at once while Redis is away, and after
   * `commandTimeoutMs` when it hangs, instead of queueing: the proxy's
   * choice, so a request fails closed quickly. @defaultValue false
   */
  failFast?: boolean;
  /** @defaultValue 1000 (with failFast) */
  commandTimeoutMs?: number;
  /** Subscribe to change notices (held requests, grant caches). @defaultValue false */
  subscribe?: boolean;
  /** Called with connection errors (they are retried; this is for logging). */
  onError?: (err: Error) => void;
}

export interface OpenedApprovals {
  approvals: Approvals;
  changes: ApprovalChanges | undefined;
  redis: RedisClient;
  /** Resolves once Redis answers, or after `timeoutMs` either way (requests then fail closed). */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Connects the approval domain to its Redis. */
export function openApprovals(options: OpenApprovalsOptions): OpenedApprovals {
  const onError = options.onError ?? (() => undefined);
  const redis = createRedis(options.redisUrl, {
    lazyConnect: true,
    ...(options.failFast
      ? {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          commandTimeout: options.commandTimeoutMs ?? 1000,
        }
      : { maxRetriesPerRequest: 2 }),
  });
  redis.on('error', onError);
  const store = new ApprovalStore(redis, {
    prefix: options.prefix,
    now: options.now,
    keepMs: options.settings.retentionDays * 24 * 3600 * 1000,
  });
  const approvals = new Approvals(store, options.settings);
  let changes: ApprovalChanges | undefined;
  if (options.subscribe) {
    const subscriber = createRedis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    subscriber.on('error', onError);
    changes = new ApprovalChanges(subscriber, options.prefix, async (id) => (await store.get(id))?.status);
    subscriber.connect().then(
      () => changes!.start().catch(onError),
      (err: Error) => onError(err),
    );
  }
  const connected = redis.connect().then(
    () => true,
    (err: Error) => {
      onError(err);
      return false;
    },
  );
  return {
    approvals,
    changes,
    redis,
    async ready(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const result = await Promise.race([connected, late]);
      clearTimeout(timer);
      return result && redis.status === 'ready';
    },
    async close() {
      await changes?.close();
      const ended = redis.status === 'end' ? Promise.resolve() : new Promise((r) => redis.once('end', r));
      redis.disconnect();
      await Promise.race([ended, new Promise((r) => setTimeout(r, 500).unref())]);
    },
  };
}
