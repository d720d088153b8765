import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Express } from 'express';
import { auditConfigSchema, type AuditConfig, type AuditConfigInput } from '../audit/config.js';
import { defaultInstance } from '../audit/event.js';
import { SINK_COUNTERS } from '../audit/export/consumer.js';
import { AuditExporter, type ExportHealth } from '../audit/export/exporter.js';
import { AuditProducer } from '../audit/producer.js';
import { applyFileRetention, applyStoreRetention, type StoreRetentionReport } from '../audit/retention.js';
import { createSinkDriver, FileSink, PostgresSink } from '../audit/sinks/index.js';
import type { AuditStore } from '../audit/store/store.js';
import { transitionAuditEvent, type ApprovalTransition } from '../audit/transitions.js';
import type { Logger } from '../common/logger.js';
import { createRedis, queuePrefix } from '../common/redis.js';
import { proxyConfigSchema, type ProxyConfigInput } from '../proxy/config.js';
import { mountAuditRoutes } from './api/audit-routes.js';
import { createCallerAuth } from './api/caller-auth.js';

/** What registerMetrics needs of a metrics registry (services/common/metrics.ts has one). */
export interface GaugeRegistry {
  gaugeFrom(
    def: { name: string; help: string; labelNames?: readonly string[] },
    read: () => { labels?: Record<string, string>; value: number }[],
  ): () => void;
}

/** The BullMQ queue of the retention job (a repeatable job, one run at a time across workers). */
export const RETENTION_QUEUE = 'audit-retention';

export interface AuditWorkersOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** `audit:` of portcullis.yaml. @defaultValue every default (one embedded postgres sink) */
  config?: AuditConfigInput | AuditConfig;
  /** Who may read the trail: the proxy's identity providers (`proxy.identity`). */
  identity: ProxyConfigInput['identity'];
  /** Approval and grant transitions to record (the approvals workers' feed). */
  transitions?: { onTransition(listener: (t: ApprovalTransition) => Promise<void>): () => void };
  /** The retention clock (tests move it). @defaultValue Date.now */
  now?: () => number;
}

export interface RetentionRun {
  stores: Record<string, StoreRetentionReport>;
  files: Record<string, number>;
}

export interface AuditWorkers {
  exporter: AuditExporter;
  /** The workers' own producer (approval transitions). */
  producer: AuditProducer;
  /** The store the API reads, once open. */
  store(): Promise<AuditStore | undefined>;
  /** Runs retention now on this process's stores and file sinks (the repeatable job does it on schedule). */
  runRetention(): Promise<RetentionRun>;
  retentionQueue: Queue;
  mount(app: Express): void;
  /** Adds the per-sink figures to the process's `/metrics` (read at scrape time). Returns the remover. */
  registerMetrics(registry: GaugeRegistry): () => void;
  health(): ExportHealth & { producer: ReturnType<AuditProducer['stats']> };
  metrics(): string;
  close(): Promise<void>;
}

/**
 * The audit half of the workers process: the export consumers (one per
 * sink, services/audit/export), the retention job, the recording of
 * approval transitions, and the read API. The rules live in services/audit/.
 */
export async function startAuditWorkers(options: AuditWorkersOptions): Promise<AuditWorkers> {
  const config = auditConfigSchema.parse(options.config ?? {});
  const { logger, prefix } = options;
  const log = logger.child({ component: 'audit' });
  const now = options.now ?? Date.now;
  const drivers = new Map<string, ReturnType<typeof createSinkDriver>>();
  const exporter = new AuditExporter({
    redisUrl: options.redisUrl,
    prefix,
    config,
    logger: log,
    driverFor: (sink) => {
      const driver = createSinkDriver(sink);
      drivers.set(sink.name, driver);
      return driver;
    },
  });
  const producer = new AuditProducer({
    redisUrl: options.redisUrl,
    prefix,
    source: { service: 'workers', instance: config.instance ?? defaultInstance() },
    spool: config.spool.enabled
      ? { dir: join(config.spool.dir, 'workers'), maxBytes: config.spool.maxBytes }
      : undefined,
    maxStreamLength: config.transport.maxLength,
    logger: log,
  });
  await producer.ready();
  await exporter.start();
  const unsubscribe = options.transitions?.onTransition(async (transition) => {
    // Durable before the feed acknowledges the transition: at least once, same event_id on redelivery.
    await producer.recordDurable(transitionAuditEvent(transition, producer.source, prefix));
  });

  const apiStoreName = config.api.store ?? config.sinks.find((s) => s.type === 'postgres')?.name;
  const store = async (): Promise<AuditStore | undefined> => {
    if (apiStoreName === undefined) return undefined;
    const driver = drivers.get(apiStoreName);
    return driver instanceof PostgresSink ? driver.opened() : undefined;
  };

  // The read API answers once its store is open (PGlite's first start creates its files: seconds);
  // a store still unreachable after this keeps opening in the background.
  const opening = store().catch((err: Error) => {
    log.warn({ err: err.message }, 'audit store not open yet; the export retries');
  });
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([opening, new Promise((resolve) => (waited = setTimeout(resolve, 60_000)))]);
  clearTimeout(waited);

  const runRetention = async (): Promise<RetentionRun> => {
    const run: RetentionRun = { stores: {}, files: {} };
    for (const [name, driver] of drivers) {
      if (driver instanceof PostgresSink) {
        run.stores[name] = await applyStoreRetention(await driver.opened(), config.retention, now());
      } else if (driver instanceof FileSink) {
        run.files[name] = await applyFileRetention(driver, config.retention, now());
      }
    }
    log.info({ retention: run }, 'audit retention applied');
    return run;
  };
  const connection = createRedis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const retentionQueue = new Queue(RETENTION_QUEUE, {
    connection,
    prefix: queuePrefix(prefix, RETENTION_QUEUE),
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 100 } },
  });
  retentionQueue.on('error', (err) => log.warn({ err: err.message }, 'audit retention queue error'));
  await retentionQueue
    .upsertJobScheduler(
      'audit-retention',
      { every: config.retention.intervalSeconds * 1000 },
      { name: 'retention' },
    )
    .catch((err: Error) => log.warn({ err: err.message }, 'audit retention: cannot schedule the job yet'));
  const retentionWorker = new Worker(RETENTION_QUEUE, async () => runRetention(), {
    connection,
    prefix: queuePrefix(prefix, RETENTION_QUEUE),
    concurrency: 1,
  });
  retentionWorker.on('error', (err) => log.warn({ err: err.message }, 'audit retention worker error'));
  retentionWorker.on('failed', (_job, err) => log.warn({ err: err.message }, 'audit retention failed'));

  const callerAuth = createCallerAuth(proxyConfigSchema.parse({ identity: options.identity }).identity);
  return {
    exporter,
    producer,
    store,
    runRetention,
    retentionQueue,
    mount(app) {
      mountAuditRoutes(app, { callerAuth, auditorGroup: config.api.auditorGroup, store });
    },
    registerMetrics(registry) {
      const sinks = () => Object.entries(exporter.health().sinks);
      const removers = [
        registry.gaugeFrom(
          {
            name: 'portcullis_audit_sink_events',
            help: 'Audit events per sink and outcome, counted by every worker since the sink was created.',
            labelNames: ['sink', 'outcome'],
          },
          () =>
            sinks().flatMap(([sink, h]) =>
              SINK_COUNTERS.map((outcome) => ({ labels: { sink, outcome }, value: h[outcome] })),
            ),
        ),
        registry.gaugeFrom(
          {
            name: 'portcullis_audit_sink_lag',
            help: 'Audit events a sink has not delivered yet.',
            labelNames: ['sink'],
          },
          () => sinks().map(([sink, h]) => ({ labels: { sink }, value: h.lag ?? -1 })),
        ),
        registry.gaugeFrom(
          {
            name: 'portcullis_audit_sink_stopped',
            help: 'Whether a sink is stopped after a permanent refusal (1).',
            labelNames: ['sink'],
          },
          () => sinks().map(([sink, h]) => ({ labels: { sink }, value: h.state === 'stopped' ? 1 : 0 })),
        ),
        registry.gaugeFrom(
          { name: 'portcullis_audit_stream_length', help: 'Audit events in the stream.' },
          () => [{ value: exporter.health().stream.length }],
        ),
        registry.gaugeFrom(
          {
            name: 'portcullis_audit_producer_dropped',
            help: 'Audit events this process dropped (spool full or absent), since start.',
          },
          () => [{ value: producer.stats().dropped }],
        ),
      ];
      return () => removers.forEach((remove) => remove());
    },
    health: () => ({ ...exporter.health(), producer: producer.stats() }),
    metrics: () => exporter.metrics(),
    async close() {
      unsubscribe?.();
      await retentionWorker.close();
      await retentionQueue.close();
      connection.disconnect();
      await exporter.close();
      await producer.close();
    },
  };
}
