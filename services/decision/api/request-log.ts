import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  durationMs,
  logPath,
  REQUEST_ID_HEADER,
  requestIdFrom,
  traceIdFrom,
} from '../../common/request-id.js';
import type { ServiceLogger } from '../options.js';

/**
 * Names the request (the caller's sane `X-Request-Id`, else a new UUID, set
 * on the answer) and returns what logs its one line when it is answered:
 * every request, refused ones (400, 404, 413) included.
 */
export function requestLine(
  logger: ServiceLogger | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
): () => void {
  const reqId = requestIdFrom(req.headers['x-request-id']);
  res.setHeader(REQUEST_ID_HEADER, reqId);
  if (!logger) return () => undefined;
  return () => {
    const traceId = traceIdFrom(req.headers.traceparent);
    logger.info(
      {
        req_id: reqId,
        ...(traceId ? { trace_id: traceId } : {}),
        method: req.method,
        path: logPath(req.url),
        status: res.statusCode,
        duration_ms: durationMs(started, performance.now()),
      },
      'request',
    );
  };
}
