import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSpanContextValid, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { withTraceIdBinding } from '../common/log-trace.js';
import { logPath, REQUEST_ID_HEADER, requestIdFrom } from '../common/request-id.js';

/**
 * Names the request for the caller and the logs: its id (the caller's sane
 * `X-Request-Id`, else a new UUID) is set on the answer before any step
 * runs, so every answer carries it, errors included; the returned logger
 * puts `req_id` and `path` on every line logged for this request.
 */
export function requestLogger(base: Logger, req: IncomingMessage, res: ServerResponse): Logger {
  const id = requestIdFrom(req.headers['x-request-id']);
  res.setHeader(REQUEST_ID_HEADER, id);
  return base.child({ req_id: id, path: logPath(req.url) });
}

/** The request's id, as `requestLogger` set it on the answer (the upstream gets the same). */
export function requestIdOf(res: ServerResponse): string {
  return String(res.getHeader(REQUEST_ID_HEADER) ?? '');
}

/** The request's logger with the trace id of its span added, when the span is a real one. */
export function withTraceId(log: Logger, span: Span): Logger {
  const context = span.spanContext();
  return isSpanContextValid(context) ? withTraceIdBinding(log, context.traceId) : log;
}
