import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import { context } from '@opentelemetry/api';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from './logger.js';
import { PortcullisError } from './errors.js';
import { METRICS_CONTENT_TYPE, renderMetrics, type MetricsRegistry } from './metrics.js';
import { readiness, type ReadinessCheck } from './readiness.js';
import { trackServer } from './shutdown.js';
import { withTraceIdBinding } from './log-trace.js';
import { startServerSpan } from './server-span.js';
import { durationMs, logPath, REQUEST_ID_HEADER, requestIdFrom, traceIdFrom } from './request-id.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Request id: the caller's X-Request-Id if sane, else a new UUID. */
    id: string;
    log: Logger;
  }
}

/**
 * Gives each request an id (echoed in X-Request-Id) and a logger carrying it
 * (and the caller's trace id), and logs one line per request when it ends.
 */
export function requestContext(logger: Logger, service?: string): RequestHandler {
  return (req, res, next) => {
    req.id = requestIdFrom(req.get('x-request-id'));
    // With tracing on, the request's own server span (its trace id on every line, by the log mixin).
    const span = service
      ? startServerSpan(service, req, res, () => (req.route ? `${req.baseUrl}${req.route.path}` : undefined))
      : undefined;
    const traceId = span?.traceId ?? traceIdFrom(req.get('traceparent'));
    req.log = traceId
      ? withTraceIdBinding(logger.child({ req_id: req.id }), traceId)
      : logger.child({ req_id: req.id });
    res.setHeader(REQUEST_ID_HEADER, req.id);
    const started = performance.now();
    res.on('finish', () => {
      req.log.info(
        {
          method: req.method,
          path: logPath(req.originalUrl),
          status: res.statusCode,
          duration_ms: durationMs(started, performance.now()),
        },
        'request',
      );
    });
    if (span) context.with(span.context, next);
    else next();
  };
}

/** Last handler: PortcullisError → its status and `{code, message}`; anything else → 500. */
export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof PortcullisError) {
      res.status(err.status).json(err.toJSON());
      return;
    }
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500) req.log?.error({ err }, 'unhandled error');
    const code = status === 413 ? 'request_too_large' : status === 400 ? 'invalid_request' : 'internal_error';
    res.status(status).json({ code, message: status >= 500 ? 'internal error' : String(err.message ?? err) });
  };
}

/**
 * A service's Express app with request ids, logs and `GET /health`.
 * Routes are added by `mount`, before the 404 and error handlers.
 */
export function createServiceApp(options: {
  service: string;
  logger: Logger;
  health?: () => { status: number; body: unknown };
  /** Conditions `GET /health/ready` checks (besides not shutting down). */
  ready?: Record<string, ReadinessCheck>;
  /** Served at `GET /metrics`, with the process's metrics; no route when absent. */
  metrics?: MetricsRegistry;
  mount?: (app: Express) => void;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestContext(options.logger, options.service));
  app.get('/health', (_req, res) => {
    const health = options.health?.() ?? { status: 200, body: {} };
    res.status(health.status).json(health.body);
  });
  app.get('/health/ready', (_req, res, next) => {
    readiness(options.ready).then((answer) => res.status(answer.status).json(answer.body), next);
  });
  const metrics = options.metrics;
  if (metrics) {
    app.get('/metrics', (_req, res, next) => {
      renderMetrics(metrics).then((text) => res.type(METRICS_CONTENT_TYPE).send(text), next);
    });
  }
  options.mount?.(app);
  app.use((req, res) => {
    res.status(404).json({ code: 'resource_not_found', message: `${req.method} ${req.path}: no such route` });
  });
  app.use(errorHandler());
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens on host:port (0 = a free port) and resolves once listening. */
export function listen(
  app: Express | ((req: unknown, res: unknown) => void),
  port: number,
  host = '127.0.0.1',
  /** Names the server in shutdown reports. */
  name = 'http',
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer(app as RequestListener);
    trackServer(server, name);
    server.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
