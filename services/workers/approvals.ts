import { Queue, Worker } from 'bullmq';
import type { Express } from 'express';
import type { Approvals } from '../approvals/approvals.js';
import { openApprovals } from '../approvals/connect.js';
import {
  approvalsConfigSchema,
  type ApprovalsConfig,
  type ApprovalsConfigInput,
} from '../approvals/config.js';
import {
  EXPIRY_QUEUE,
  expiryProcessor,
  NOTIFY_QUEUE,
  notifyJobOptions,
  notifyProcessor,
  scheduleWork,
} from '../approvals/queues.js';
import { TransitionFeed } from '../approvals/store/feed.js';
import type { Logger } from '../common/logger.js';
import { createRedis, queuePrefix } from '../common/redis.js';
import { serviceTracer, tracedProcessor } from '../common/trace-context.js';
import { proxyConfigSchema, type ProxyConfigInput } from '../proxy/config.js';
import { mountApprovalRoutes } from './api/approvals-routes.js';
import { createCallerAuth } from './api/caller-auth.js';
import { openChannels } from './channels.js';

export interface ApprovalWorkersOptions {
  redisUrl: string;
  /** Key and queue prefix of the deployment. */
  prefix: string;
  logger: Logger;
  /** `approvals:` of portcullis.yaml. @defaultValue every default */
  config?: ApprovalsConfigInput | ApprovalsConfig;
  /** Who may call the API: the proxy's identity providers (`proxy.identity`). */
  identity: ProxyConfigInput['identity'];
  /** The domain's clock (tests move it by hand). @defaultValue Date.now */
  now?: () => number;
}

export interface ApprovalWorkers {
  approvals: Approvals;
  /**
   * Every approval and grant transition made by any process, at least once
   * (dedupe by `event_id`): `feed.onTransition(listener)`. The audit trail
   * records them from here.
   */
  feed: TransitionFeed;
  /** The expiry and notify queues (tests drive delayed jobs through them). */
  queues: { expiry: Queue; notify: Queue };
  /** Adds `/v1/approvals`, `/v1/grants` and the channels' endpoints. */
  mount(app: Express): void;
  close(): Promise<void>;
}

/**
 * The approval half of the workers process: the transitions feed (which
 * schedules expiry timers and notifications), the `approval-expiry` and
 * `approval-notify` queue processors, and the API routes. All the rules are
 * in services/approvals/; this only wires them.
 */
export async function startApprovalWorkers(options: ApprovalWorkersOptions): Promise<ApprovalWorkers> {
  const config = approvalsConfigSchema.parse(options.config ?? {});
  const { logger, prefix } = options;
  const log = logger.child({ component: 'approvals' });
  const opened = openApprovals({
    redisUrl: options.redisUrl,
    prefix,
    now: options.now,
    settings: config,
    onError: (err) => log.warn({ err: err.message }, 'approvals redis error'),
  });
  const { approvals } = opened;
  const now = options.now ?? Date.now;
  const connection = createRedis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queues = {
    expiry: new Queue(EXPIRY_QUEUE, {
      connection,
      prefix: queuePrefix(prefix, EXPIRY_QUEUE),
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      },
    }),
    notify: new Queue(NOTIFY_QUEUE, {
      connection,
      prefix: queuePrefix(prefix, NOTIFY_QUEUE),
      defaultJobOptions: notifyJobOptions(config.notify.attempts, config.notify.backoffMs),
    }),
  };
  const channels = openChannels({ config, approvals, logger: log, notify: queues.notify });
  // Each job runs in a consumer span under the trace of the transition that queued it.
  const tracer = serviceTracer('workers');
  const workers = [
    new Worker(EXPIRY_QUEUE, tracedProcessor(tracer, EXPIRY_QUEUE, expiryProcessor(approvals)), {
      connection,
      prefix: queuePrefix(prefix, EXPIRY_QUEUE),
      concurrency: 4,
    }),
    new Worker(
      NOTIFY_QUEUE,
      tracedProcessor(tracer, NOTIFY_QUEUE, notifyProcessor(approvals, channels.list, log)),
      {
        connection,
        prefix: queuePrefix(prefix, NOTIFY_QUEUE),
        concurrency: config.notify.concurrency,
      },
    ),
  ];
  for (const worker of workers) {
    worker.on('error', (err) => log.warn({ err: err.message, queue: worker.name }, 'queue worker error'));
    worker.on('failed', (job, err) =>
      log.warn(
        { err: err.message, queue: worker.name, job: job?.id, attempts: job?.attemptsMade },
        'job failed',
      ),
    );
  }
  const feed = new TransitionFeed({ redis: opened.redis, prefix, logger: log });
  feed.onTransition(scheduleWork(queues, now));
  feed.start();
  const callerAuth = createCallerAuth(proxyConfigSchema.parse({ identity: options.identity }).identity);
  return {
    approvals,
    feed,
    queues,
    mount(app) {
      channels.mount(app);
      app.use(['/v1/approvals', '/v1/grants'], callerAuth);
      mountApprovalRoutes(app, { approvals, adminGroups: config.adminGroups, publicUrl: config.publicUrl });
    },
    async close() {
      await feed.close();
      await Promise.allSettled(workers.map((w) => w.close()));
      await Promise.allSettled([queues.expiry.close(), queues.notify.close()]);
      await channels.close();
      connection.disconnect();
      await opened.close();
    },
  };
}
