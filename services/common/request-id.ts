import { randomUUID } from 'node:crypto';

/**
 * Request ids and trace ids for log lines, shared by every service: the
 * Express frame (http.ts), the proxy and the decision service's plain
 * node:http handlers.
 */

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Ids a caller may choose: short, and nothing that could break a log line or a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, else a new UUID. */
export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const INVALID_TRACE_ID = '0'.repeat(32);

/** The trace id of a W3C `traceparent` header, when it holds a valid one. */
export function traceIdFrom(traceparent: string | string[] | undefined): string | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const match = TRACEPARENT.exec(traceparent.trim());
  return match && match[1] !== INVALID_TRACE_ID ? match[1] : undefined;
}

/** Paths in log lines: no query string (it may carry secrets), and bounded. */
export function logPath(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.indexOf('?');
  const path = end < 0 ? raw : raw.slice(0, end);
  return path.length > 1024 ? `${path.slice(0, 1024)}…` : path;
}

/** Milliseconds since `started` (a `performance.now()` reading), to the microsecond. */
export function durationMs(started: number, now: number): number {
  return Math.round((now - started) * 1000) / 1000;
}
