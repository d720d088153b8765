import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type SpanOptions,
} from '@opentelemetry/api';
import { logPath } from './request-id.js';
import { serviceTracer, tracingActive } from './trace-context.js';

/**
 * HTTP server spans as OpenTelemetry's HTTP semantic conventions describe
 * them, for every Portcullis server: stable attribute names
 * (`http.request.method`, `http.response.status_code`, `url.path`,
 * `http.route`, `server.address`, `client.address`, ...), span names
 * `{method} {route}`, an error status only for 5xx answers. Query strings
 * never reach a span: they can carry secrets.
 */

export const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/** The method as the conventions record it: a known one, else `_OTHER` (with the original beside). */
export function methodAttributes(method: string | undefined): Attributes {
  const given = method ?? 'GET';
  return KNOWN_METHODS.has(given)
    ? { 'http.request.method': given }
    : { 'http.request.method': '_OTHER', 'http.request.method_original': given };
}

function hostAttributes(host: string | undefined, defaultPort: number): Attributes {
  if (!host) return {};
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (!match) return {};
  return { 'server.address': match[1], 'server.port': match[2] ? Number(match[2]) : defaultPort };
}

/** Options of the server span of a request the proxy received. */
export function serverSpanOptions(req: IncomingMessage): SpanOptions {
  const userAgent = req.headers['user-agent'];
  return {
    kind: SpanKind.SERVER,
    attributes: {
      ...methodAttributes(req.method),
      'url.path': logPath(req.url),
      'url.scheme': 'http',
      'network.protocol.version': req.httpVersion,
      ...hostAttributes(req.headers.host, 80),
      ...(req.socket.remoteAddress ? { 'client.address': req.socket.remoteAddress } : {}),
      ...(typeof userAgent === 'string' ? { 'user_agent.original': userAgent } : {}),
    },
  };
}

/** The name of a server span: `{method}`, or `{method} {route}` once the connection is known. */
export function serverSpanName(method: string | undefined, route?: string): string {
  const known = method && KNOWN_METHODS.has(method) ? method : 'HTTP';
  return route ? `${known} ${route}` : known;
}

/** Probes and scrapes: answered often and by machines, never traced. */
function untraced(path: string): boolean {
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
}

/** A server span under way, for a framework that routes after the span starts. */
export interface ServerSpan {
  /** The context the request's handlers run in (the span active). */
  context: Context;
  traceId: string;
}

/**
 * Starts the server span of a request to `service` (continuing the caller's
 * `traceparent`) and ends it when the answer is finished or the connection
 * closes, with the status and the route `routeOf` names then. Undefined
 * when tracing is off or for probes. The request and response emitters are
 * bound to the span's context, so handlers behind a body parser (whose
 * callbacks run from stream events) still see it.
 */
export function startServerSpan(
  service: string,
  req: IncomingMessage,
  res: ServerResponse,
  routeOf: () => string | undefined,
): ServerSpan | undefined {
  if (!tracingActive() || untraced(logPath(req.url))) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = serviceTracer(service).startSpan(serverSpanName(req.method), serverSpanOptions(req), parent);
  const ctx = trace.setSpan(parent, span);
  context.bind(ctx, req);
  context.bind(ctx, res);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    const route = routeOf();
    if (route) {
      span.setAttribute('http.route', route);
      span.updateName(serverSpanName(req.method, route));
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) {
      span.setAttribute('error.type', String(res.statusCode));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    if (!res.writableFinished) span.setAttribute('portcullis.aborted', true);
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  return { context: ctx, traceId: span.spanContext().traceId };
}
