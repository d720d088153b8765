import { Queue } from 'bullmq';
import { queuePrefix, type RedisClient } from '../common/redis.js';
import { queueDepthGauge, type MetricsRegistry } from '../common/metrics.js';

/** The states a depth is reported for. */
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/**
 * `portcullis_queue_jobs{queue,state}` for the named BullMQ queues, read at
 * scrape time over the workers' Redis connection. A queue Redis cannot
 * answer for shows no samples (and `portcullis_redis_connected` says why).
 */
export function watchQueueDepths(
  registry: MetricsRegistry,
  redis: RedisClient,
  prefix: string,
  names: readonly string[],
): { close(): Promise<void> } {
  const watched = names.map((name) => {
    const queue = new Queue(name, { connection: redis, prefix: queuePrefix(prefix, name) });
    // A shared connection's errors are the owner's to report.
    queue.on('error', () => undefined);
    const remove = queueDepthGauge(registry, name, () => queue.getJobCounts(...STATES));
    return { queue, remove };
  });
  return {
    close: async () => {
      for (const { queue, remove } of watched) {
        remove();
        await queue.close();
      }
    },
  };
}
