import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiHandler } from './api/app.js';
import type { ServiceContext } from './api/context.js';
import { SERVICE_VERSION } from './api/data-routes.js';
import { DecisionMetrics } from './api/metrics.js';
import { FileBundleSource } from './bundles/file-source.js';
import { HttpBundleSource } from './bundles/http-source.js';
import { BundleRegistry } from './bundles/registry.js';
import type { BundleSource } from './bundles/source.js';
import { builtinsModuleUrl } from './eval/worker-script.js';
import { DecisionLogger, type EventSink } from './logs/logger.js';
import { DecisionLogQueue } from './logs/queue.js';
import type { DecisionServiceOptions } from './options.js';

export interface RunningDecisionService {
  url: string;
  close(): Promise<void>;
  /** The service internals, for status pages and tests. */
  context: ServiceContext;
}

function sourceFor(spec: string, options: DecisionServiceOptions): BundleSource {
  if (/^https?:\/\//.test(spec)) {
    return new HttpBundleSource(spec, spec, {
      verification: options.verification,
      ...options.bundleLimits,
      ...options.polling,
    });
  }
  return new FileBundleSource(spec, resolve(spec), {
    verification: options.verification,
    ...options.bundleLimits,
  });
}

/**
 * Starts the decision service: loads every bundle source (waiting for each
 * first attempt), then serves OPA's REST API. Failing sources do not stop
 * the start; they show in `/health?bundles` and `/v1/status`.
 */
export async function startDecisionService(options: DecisionServiceOptions): Promise<RunningDecisionService> {
  const metrics = new DecisionMetrics();
  const registry = new BundleRegistry(
    options.bundles.map((spec) => sourceFor(spec, options)),
    {
      poolSize: options.workers ?? availableParallelism(),
      evalTimeoutMs: options.evalTimeoutMs,
      builtinsModule: builtinsModuleUrl((url) => existsSync(fileURLToPath(url))),
    },
    {
      onActivated: (name, revision) => {
        metrics.bundleActivations.inc({ bundle: name, outcome: 'activated' });
        options.logger?.info({ bundle: name, revision }, 'bundle activated');
      },
      onFailed: (name, error) => {
        metrics.bundleActivations.inc({ bundle: name, outcome: 'failed' });
        options.logger?.warn(
          { bundle: name, err: error instanceof Error ? error.message : String(error) },
          'bundle failed',
        );
      },
    },
  );
  const queue = options.redisUrl
    ? new DecisionLogQueue({
        redisUrl: options.redisUrl,
        prefix: options.redisPrefix,
        queueName: options.decisionLogQueue,
        bufferSize: options.decisionLogBufferSize,
      })
    : undefined;
  const sinks: EventSink[] = [];
  if (queue) sinks.push(queue);
  if (options.onDecisionEvent) sinks.push({ enqueue: options.onDecisionEvent });
  const context: ServiceContext = {
    registry,
    decisionLogger: new DecisionLogger(sinks),
    queue,
    metrics,
    labels: { id: randomUUID(), version: SERVICE_VERSION, ...options.labels },
    maxInputBytes: options.maxInputBytes ?? 1024 * 1024,
    defaultDecision: options.defaultDecision ?? 'system/main',
    logger: options.logger,
    startedAt: new Date(),
  };
  metrics.addGauge(
    'portcullis_bundle_active',
    'Whether a bundle has an active revision (1) or not (0).',
    () =>
      Object.values(registry.status()).map((s) => ({
        labels: { bundle: s.name },
        value: s.active_revision === undefined ? 0 : 1,
      })),
  );
  metrics.addGauge('portcullis_decision_logs_buffered', 'Decision events waiting for Redis.', () => [
    { value: queue?.stats().buffered ?? 0 },
  ]);
  metrics.addGauge(
    'portcullis_decision_logs_dropped',
    'Decision events lost because the buffer was full.',
    () => [{ value: queue?.stats().dropped ?? 0 }],
  );
  metrics.addGauge('portcullis_eval_workers', 'Evaluation worker threads of the active generation.', () => [
    { value: registry.current.poolStats()?.workers ?? 0 },
  ]);

  await registry.start();
  const server: Server = createServer({ keepAliveTimeout: 30_000 }, createApiHandler(context));
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ready();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    context,
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      await context.decisionLogger.settle();
      await registry.close();
      await queue?.close();
    },
  };
}
