import { Router, type Request } from 'express';
import type { ServiceContext } from './context.js';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus.js';
import { boolParam } from './query-params.js';

function decisionLogStatus(ctx: ServiceContext): Record<string, unknown> {
  return { ...ctx.decisionLogger.stats(), queue: ctx.queue?.stats() ?? null };
}

function wants(req: Request, name: string): boolean {
  return req.query[name] !== undefined || boolParam(req, name);
}

/** `/health` (with `?bundles` and `?plugins`), `/v1/status` and Prometheus `/metrics`. */
export function systemRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/health', (req, res) => {
    const checkBundles = wants(req, 'bundles') || wants(req, 'plugins');
    if (checkBundles) {
      const missing = ctx.registry.notActivated();
      if (missing.length > 0) {
        res.status(500).json({ error: `not all bundles are activated: ${missing.join(', ')}` });
        return;
      }
    }
    if (wants(req, 'plugins') && ctx.queue && !ctx.queue.stats().redis_connected) {
      res.status(500).json({ error: 'decision_logs: Redis is not connected; events are buffered in memory' });
      return;
    }
    // Serving the last good revision is healthy, but say which bundles are failing to update.
    const failing = Object.values(ctx.registry.status()).filter((s) => s.code !== undefined);
    if (checkBundles && failing.length > 0) {
      res.status(200).json({
        bundles: Object.fromEntries(
          failing.map((s) => [
            s.name,
            { active_revision: s.active_revision, last_error: { code: s.code, message: s.message } },
          ]),
        ),
      });
      return;
    }
    res.status(200).json({});
  });

  router.get('/v1/status', (_req, res) => {
    const bundles = ctx.registry.status();
    const bundlesOk = Object.values(bundles).every((b) => b.active_revision !== undefined && !b.code);
    const logs = decisionLogStatus(ctx);
    const logsOk = !ctx.queue || ctx.queue.stats().redis_connected;
    res.json({
      result: {
        labels: ctx.labels,
        bundles,
        decision_logs: logs,
        plugins: {
          bundle: { state: bundlesOk ? 'OK' : 'ERROR' },
          decision_logs: { state: logsOk ? 'OK' : 'ERROR' },
        },
        workers: ctx.registry.current.poolStats() ?? null,
        started_at: ctx.startedAt.toISOString(),
      },
    });
  });

  router.get('/metrics', (_req, res) => {
    res.type(PROMETHEUS_CONTENT_TYPE).send(ctx.metrics.render());
  });

  return router;
}
