import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceContext } from './api/context.js';
import { decide, type DecisionOutcome, type DecisionRequest } from './api/decide.js';
import { DecisionMetrics } from './api/metrics.js';
import { SERVICE_VERSION } from './version.js';
import { FileBundleSource } from './bundles/file-source.js';
import { HttpBundleSource } from './bundles/http-source.js';
import { BundleRegistry } from './bundles/registry.js';
import type { BundleSource } from './bundles/source.js';
import { builtinsModuleUrl } from './eval/worker-script.js';
import { AuditProducer } from '../audit/producer.js';
import { registerProducerMetrics } from '../audit/producer-metrics.js';
import {
  bundleEvent,
  decisionLogEvent,
  decisionLogLine,
  defaultInstance,
  type AuditSource,
} from '../audit/event.js';
import { DecisionLogger, type EventSink } from './logs/logger.js';
import { CandidateSet } from './candidates/registry.js';
import { ShadowDecisions } from './shadow/shadow.js';
import type { DecisionEngineOptions } from './options.js';

/**
 * Everything of the decision service but HTTP: bundles, the evaluation
 * pool, decision logs, metrics. The service puts OPA's REST API in front
 * of it; the proxy can hold one in-process instead of asking over HTTP.
 */
export interface DecisionEngine {
  decide(request: DecisionRequest): Promise<DecisionOutcome>;
  context: ServiceContext;
  close(): Promise<void>;
}

function sourceFor(spec: string, options: DecisionEngineOptions): BundleSource {
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
 * Loads every bundle source (waiting for each first attempt) and starts
 * the evaluation pool and decision logs. Failing sources do not stop the
 * start; they show in the registry's status.
 */
export async function startDecisionEngine(options: DecisionEngineOptions): Promise<DecisionEngine> {
  const metrics = new DecisionMetrics();
  // Decision logs and bundle activations go on the audit stream: the process's producer when
  // given (the proxy's, embedded), else one of the engine's own when Redis is configured.
  const ownsProducer = !options.audit && options.redisUrl !== undefined;
  const audit =
    options.audit ??
    (options.redisUrl
      ? new AuditProducer({
          redisUrl: options.redisUrl,
          prefix: options.redisPrefix,
          source: { service: 'decision', instance: options.auditInstance ?? defaultInstance() },
          bufferSize: options.decisionLogBufferSize,
          spool: options.auditSpool,
          logger: options.logger,
        })
      : undefined);
  const source: AuditSource = audit?.source ?? { service: 'decision', instance: defaultInstance() };
  const registry = new BundleRegistry(
    options.bundles.map((spec) => sourceFor(spec, options)),
    {
      poolSize: options.workers ?? availableParallelism(),
      evalTimeoutMs: options.evalTimeoutMs,
      regoVersion: options.v0Compatible ? 'v0' : 'v1',
      builtinsModule: builtinsModuleUrl((url) => existsSync(fileURLToPath(url))),
    },
    {
      onActivated: (name, revision) => {
        metrics.bundleActivations.inc({ bundle: name, outcome: 'activated' });
        audit?.record(bundleEvent({ name, revision, outcome: 'activated' }, source));
        options.logger?.info({ bundle: name, revision }, 'bundle activated');
      },
      onFailed: (name, error) => {
        metrics.bundleActivations.inc({ bundle: name, outcome: 'failed' });
        const message = error instanceof Error ? error.message : String(error);
        audit?.record(bundleEvent({ name, outcome: 'failed', error: message }, source));
        options.logger?.warn(
          { bundle: name, err: error instanceof Error ? error.message : String(error) },
          'bundle failed',
        );
      },
    },
  );
  const queue = audit;
  const sinks: EventSink[] = [];
  if (audit)
    sinks.push({
      enqueue: (event, inputJson) => {
        const logged = decisionLogEvent(event, source);
        audit.record(logged, decisionLogLine(logged, inputJson));
      },
    });
  const onDecisionEvent = options.onDecisionEvent;
  if (onDecisionEvent) sinks.push({ enqueue: (event) => onDecisionEvent(event) });
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
    candidates: options.candidates
      ? new CandidateSet({
          ...options.candidates,
          verification: options.verification,
          bundleLimits: options.bundleLimits,
        })
      : undefined,
    shadow: options.shadow
      ? new ShadowDecisions(
          options.shadow,
          sourceFor(options.shadow.bundle, options),
          { audit, source },
          metrics.registry,
        )
      : undefined,
  };
  metrics.addGauge(
    'portcullis_bundle_active',
    'Whether a bundle has an active revision (1) or not (0).',
    () =>
      Object.values(registry.status()).map((s) => ({
        labels: { bundle: s.name },
        value: s.active_revision === undefined ? 0 : 1,
      })),
    ['bundle'],
  );
  metrics.addGauge('portcullis_decision_logs_buffered', 'Decision events waiting for Redis.', () => [
    { value: queue?.stats().buffered ?? 0 },
  ]);
  metrics.addGauge(
    'portcullis_decision_logs_dropped',
    'Decision events lost because the buffer was full.',
    () => [{ value: queue?.stats().dropped ?? 0 }],
  );
  // The same producer figures as the proxy's /metrics (sent, spooled, buffered, dropped, spool bytes).
  if (audit) registerProducerMetrics(metrics.registry, audit);
  metrics.addGauge('portcullis_eval_workers', 'Evaluation worker threads of the active generation.', () => [
    { value: registry.current.poolStats()?.workers ?? 0 },
  ]);
  metrics.addGauge(
    'portcullis_redis_connected',
    'Whether a Redis client is connected (1) or not (0).',
    () =>
      queue ? [{ labels: { client: 'decision-logs' }, value: queue.stats().redis_connected ? 1 : 0 }] : [],
    ['client'],
  );

  await registry.start();
  await context.shadow?.start();
  return {
    context,
    decide: (request) => decide(context, request),
    close: async () => {
      await context.shadow?.close();
      await context.candidates?.close();
      await context.decisionLogger.settle();
      await registry.close();
      if (ownsProducer) await audit?.close();
    },
  };
}
