import { createRedis } from '../common/redis.js';
import { createServiceApp, listen, type RunningServer } from '../common/http.js';
import type { Logger } from '../common/logger.js';
import { startApprovalWorkers, type ApprovalWorkers, type ApprovalWorkersOptions } from './approvals.js';
import { startAuditWorkers, type AuditWorkers, type AuditWorkersOptions } from './audit.js';
import { MetricsRegistry, redisConnectedGauge } from '../common/metrics.js';
import { EXPIRY_QUEUE, NOTIFY_QUEUE } from '../approvals/queues.js';
import { watchQueueDepths } from './queue-metrics.js';
import { startConsole, type ConsoleOptions } from '../console/index.js';
import { replayApi, type ReplayWorkersOptions } from './replay.js';

export interface WorkersOptions {
  /** Redis that holds the queues. */
  redisUrl: string;
  /** Prefix of this deployment's keys and queues. */
  prefix: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  /** Runs the approval queues and API (services/workers/approvals.ts); absent: not run. */
  approvals?: Pick<ApprovalWorkersOptions, 'config' | 'identity' | 'now'>;
  /** Runs the audit export, retention and API (services/workers/audit.ts); absent: not run. */
  audit?: Pick<AuditWorkersOptions, 'config' | 'identity' | 'now'>;
  /** Serves `POST /v1/replay` (services/workers/replay.ts), reading the audit store; absent: not served. */
  replay?: ReplayWorkersOptions;
  /** Serves the web console at /console (services/console/); absent: not served. */
  console?: Omit<ConsoleOptions, 'redisUrl' | 'prefix' | 'logger' | 'approvalsVersion'>;
}

/**
 * The queue workers' process: today its health endpoint reports whether
 * Redis answers; approval and audit-export workers register here.
 */
export async function startWorkers(
  options: WorkersOptions,
): Promise<RunningServer & { approvals?: ApprovalWorkers; audit?: AuditWorkers }> {
  const redis = createRedis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', (err) => options.logger.warn({ err: err.message }, 'redis connection error'));
  await redis.connect().catch((err) => {
    options.logger.warn({ err: (err as Error).message }, 'redis not reachable yet; will retry');
  });
  const approvals = options.approvals
    ? await startApprovalWorkers({
        ...options.approvals,
        redisUrl: options.redisUrl,
        prefix: options.prefix,
        logger: options.logger,
      })
    : undefined;
  const audit = options.audit
    ? await startAuditWorkers({
        ...options.audit,
        redisUrl: options.redisUrl,
        prefix: options.prefix,
        logger: options.logger,
        transitions: approvals?.feed,
      })
    : undefined;
  const webConsole =
    options.console?.config?.enabled === false
      ? undefined
      : options.console &&
        startConsole({
          ...options.console,
          redisUrl: options.redisUrl,
          prefix: options.prefix,
          logger: options.logger,
          approvalsVersion: approvals && (() => approvals.approvals.store.lastTransition()),
        });
  const replay = options.replay && replayApi(options.replay, audit?.store ?? (async () => undefined));
  const metrics = new MetricsRegistry();
  redisConnectedGauge(metrics, 'workers', () => redis.status);
  audit?.registerMetrics(metrics);
  const approvalQueues = approvals ? [EXPIRY_QUEUE, NOTIFY_QUEUE] : [];
  const queues = watchQueueDepths(metrics, redis, options.prefix, approvalQueues);
  const app = createServiceApp({
    service: 'workers',
    logger: options.logger,
    metrics,
    mount: (app) => {
      approvals?.mount(app);
      audit?.mount(app);
      replay?.mount(app);
      webConsole?.mount(app);
    },
    // Liveness: the process answers whatever Redis does; readiness waits for Redis.
    health: () => ({
      status: 200,
      body: { redis: redis.status, prefix: options.prefix, ...(audit ? { audit: audit.health() } : {}) },
    }),
    ready: { redis: () => redis.status === 'ready' || `redis is ${redis.status}` },
  });
  const running = await listen(app, options.port, options.host, 'workers').catch(async (err: unknown) => {
    // Nothing may keep the process alive after a failed start (the port is taken).
    await queues.close();
    await approvals?.close();
    await audit?.close();
    await webConsole?.close();
    redis.disconnect();
    throw err;
  });
  return {
    ...running,
    approvals,
    audit,
    close: async () => {
      await running.close();
      await webConsole?.close();
      await audit?.close();
      await queues.close();
      await approvals?.close();
      // Wait for the socket to close (so nothing keeps the process alive), but not
      // forever: a client between reconnect attempts may never emit 'end'.
      const ended = redis.status === 'end' ? Promise.resolve() : new Promise((r) => redis.once('end', r));
      redis.disconnect();
      await Promise.race([ended, new Promise((r) => setTimeout(r, 500).unref())]);
    },
  };
}
