import type { IncomingMessage, ServerResponse } from 'node:http';
import { METRICS_CONTENT_TYPE } from '../common/metrics.js';
import { readiness, type ReadinessCheck } from '../common/readiness.js';
import { REQUEST_ID_HEADER, requestIdFrom } from '../common/request-id.js';
import type { ProxyConfig } from './config.js';
import type { DecisionHealth } from './decision/source.js';

/**
 * The proxy's own endpoints, answered before routing (every other path
 * belongs to the connections): `/health` (liveness, and with embedded
 * decisions whether every bundle is active), `/health/ready` (readiness)
 * and `/metrics` (Prometheus). GET or HEAD, any query, optional trailing
 * slash, any case.
 */
export type AdminPath = 'health' | 'ready' | 'metrics';

const PATHS: Record<string, AdminPath> = {
  '/health': 'health',
  '/health/ready': 'ready',
  '/metrics': 'metrics',
};

/** Which admin endpoint a request asks for, if any. */
export function adminPath(req: IncomingMessage): AdminPath | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url ?? '';
  const end = url.indexOf('?');
  let path = (end < 0 ? url : url.slice(0, end)).toLowerCase();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return PATHS[path];
}

export interface AdminOptions {
  config: ProxyConfig;
  /** The decision source's health (embedded: bundles active). */
  health: () => DecisionHealth;
  /** Prometheus text of the proxy's metrics (and the process's). */
  metrics: () => Promise<string>;
}

/** How long readiness waits for the decision service's own health check. */
const DECISION_HEALTH_TIMEOUT_MS = 1500;

/**
 * What `/health/ready` checks: embedded decisions have every bundle active;
 * decisions over HTTP need the decision service to answer OPA's
 * `GET /health?bundles` (so an OPA works too).
 */
function readinessChecks(options: AdminOptions): Record<string, ReadinessCheck> {
  const { config } = options;
  if (config.decisionUrl === undefined) {
    return {
      decisions: () => {
        const health = options.health();
        return health.status === 200 || String(health.body.error ?? 'not ready');
      },
    };
  }
  const url = `${config.decisionUrl.replace(/\/$/, '')}/health?bundles`;
  return {
    decisions: async () => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(DECISION_HEALTH_TIMEOUT_MS) });
        await res.arrayBuffer();
        return res.ok || `the decision service answered ${res.status} at ${url}`;
      } catch (err) {
        return `the decision service does not answer at ${url}: ${(err as Error).message}`;
      }
    },
  };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  send(req, res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** Answers one admin request; errors become a 500 rather than a hung caller. */
export function answerAdmin(
  path: AdminPath,
  req: IncomingMessage,
  res: ServerResponse,
  options: AdminOptions,
): void {
  res.setHeader(REQUEST_ID_HEADER, requestIdFrom(req.headers['x-request-id']));
  if (path === 'health') {
    const health = options.health();
    sendJson(req, res, health.status, health.body);
    return;
  }
  const work =
    path === 'ready'
      ? readiness(readinessChecks(options)).then((answer) => sendJson(req, res, answer.status, answer.body))
      : options.metrics().then((text) => send(req, res, 200, METRICS_CONTENT_TYPE, text));
  work.catch((err: unknown) => {
    if (res.headersSent) res.destroy();
    else sendJson(req, res, 500, { error: 'internal_error', message: (err as Error).message });
  });
}
