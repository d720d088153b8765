import { Redis } from 'ioredis';
import { createServiceApp, listen, type RunningServer } from '../common/http.js';
import type { Logger } from '../common/logger.js';

export interface WorkersOptions {
  /** Redis that holds the queues. */
  redisUrl: string;
  /** Prefix of this deployment's keys and queues. */
  prefix: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
}

/**
 * The queue workers' process: today its health endpoint reports whether
 * Redis answers; approval and audit-export workers register here.
 */
export async function startWorkers(options: WorkersOptions): Promise<RunningServer> {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', (err) => options.logger.warn({ err: err.message }, 'redis connection error'));
  await redis.connect().catch((err) => {
    options.logger.warn({ err: (err as Error).message }, 'redis not reachable yet; will retry');
  });
  const app = createServiceApp({
    service: 'workers',
    logger: options.logger,
    health: () =>
      redis.status === 'ready'
        ? { status: 200, body: { redis: 'ready', prefix: options.prefix } }
        : { status: 500, body: { error: `redis is ${redis.status}` } },
  });
  const running = await listen(app, options.port, options.host);
  return {
    ...running,
    close: async () => {
      await running.close();
      // Wait for the socket to close (so nothing keeps the process alive), but not
      // forever: a client between reconnect attempts may never emit 'end'.
      const ended = redis.status === 'end' ? Promise.resolve() : new Promise((r) => redis.once('end', r));
      redis.disconnect();
      await Promise.race([ended, new Promise((r) => setTimeout(r, 500).unref())]);
    },
  };
}
