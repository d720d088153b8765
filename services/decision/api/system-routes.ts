import { METRICS_CONTENT_TYPE } from '../../common/metrics.js';
import { readiness } from '../../common/readiness.js';
import type { ServiceContext } from './context.js';
import { sendJson, sendText, type Exchange } from './exchange.js';

/** `GET /health` (with `?bundles` and `?plugins`): OPA's health check. */
export function getHealth(ctx: ServiceContext, ex: Exchange): void {
  const checkBundles = ex.query.has('bundles') || ex.query.has('plugins');
  if (checkBundles) {
    const missing = ctx.registry.notActivated();
    if (missing.length > 0) {
      sendJson(ex.res, 500, { error: `not all bundles are activated: ${missing.join(', ')}` });
      return;
    }
  }
  if (ex.query.has('plugins') && ctx.queue && !ctx.queue.stats().redis_connected) {
    sendJson(ex.res, 500, { error: 'decision_logs: Redis is not connected; events are buffered in memory' });
    return;
  }
  // Serving the last good revision is healthy, but say which bundles are failing to update.
  const failing = Object.values(ctx.registry.status()).filter((s) => s.code !== undefined);
  if (checkBundles && failing.length > 0) {
    const bundles = failing.map((s) => [
      s.name,
      { active_revision: s.active_revision, last_error: { code: s.code, message: s.message } },
    ]);
    sendJson(ex.res, 200, { bundles: Object.fromEntries(bundles) });
    return;
  }
  // OPA answers {}; with decision logs on the audit stream, their producer's figures (losses are never silent).
  sendJson(ex.res, 200, ctx.queue ? { audit: ctx.queue.stats() } : {});
}

/**
 * `GET /health/ready`: every bundle activated and, when decision logs are
 * queued, Redis connected; 503 naming what is missing, or while shutting down.
 */
export async function getReady(ctx: ServiceContext, ex: Exchange): Promise<void> {
  const queue = ctx.queue;
  const answer = await readiness({
    bundles: () => {
      const missing = ctx.registry.notActivated();
      return missing.length === 0 || `not activated: ${missing.join(', ')}`;
    },
    ...(queue
      ? { redis: () => queue.stats().redis_connected || 'not connected (decision logs wait in memory)' }
      : {}),
  });
  sendJson(ex.res, answer.status, answer.body);
}

/** `GET /v1/status`: bundles, decision logs, plugins and workers. */
export function getStatus(ctx: ServiceContext, ex: Exchange): void {
  const bundles = ctx.registry.status();
  const bundlesOk = Object.values(bundles).every((b) => b.active_revision !== undefined && !b.code);
  const logsOk = !ctx.queue || ctx.queue.stats().redis_connected;
  sendJson(ex.res, 200, {
    result: {
      labels: ctx.labels,
      bundles,
      decision_logs: { ...ctx.decisionLogger.stats(), queue: ctx.queue?.stats() ?? null },
      plugins: {
        bundle: { state: bundlesOk ? 'OK' : 'ERROR' },
        decision_logs: { state: logsOk ? 'OK' : 'ERROR' },
      },
      workers: ctx.registry.current.poolStats() ?? null,
      ...(ctx.shadow ? { shadow: ctx.shadow.status() } : {}),
      started_at: ctx.startedAt.toISOString(),
    },
  });
}

/** `GET /metrics`: Prometheus text format. */
export async function getMetrics(ctx: ServiceContext, ex: Exchange): Promise<void> {
  sendText(ex.res, 200, METRICS_CONTENT_TYPE, await ctx.metrics.render());
}
