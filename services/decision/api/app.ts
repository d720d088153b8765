import express, { type Express } from 'express';
import type { ServiceContext } from './context.js';
import { dataRoutes } from './data-routes.js';
import { ApiError, errorHandler } from './errors.js';
import { systemRoutes } from './system-routes.js';

/** The decision service's Express app: OPA's REST API plus health, status and metrics. */
export function createApp(ctx: ServiceContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const handler = req.route?.path ? `${req.method} ${String(req.route.path)}` : `${req.method} other`;
      ctx.metrics.requests.inc({ handler, code: String(res.statusCode) });
      ctx.metrics.requestSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9, { handler });
    });
    next();
  });
  app.use(systemRoutes(ctx));
  app.use(dataRoutes(ctx));
  app.use((req, _res, next) =>
    next(new ApiError('resource_not_found', `no route for ${req.method} ${req.path}`, 404)),
  );
  app.use(errorHandler);
  return app;
}
