import type { Logger } from 'pino';
import { activeTraceIds } from './trace-context.js';

/**
 * Trace ids on log lines (kept apart from logger.ts, which loads
 * pino-pretty: the proxy and the Express middleware need only this).
 */

/** Set on a logger (and inherited by its children) that binds `trace_id` itself. */
const BINDS_TRACE = Symbol('portcullis.bindsTrace');

/** A child of `log` that carries `trace_id` (the mixin then adds none of its own). */
export function withTraceIdBinding(log: Logger, traceId: string): Logger {
  const child = log.child({ trace_id: traceId });
  (child as unknown as Record<symbol, boolean>)[BINDS_TRACE] = true;
  return child;
}

/**
 * `trace_id` of the active span on every line that has none yet: a queue
 * job's lines, a workers' request, whatever runs inside a span. Pino's
 * children inherit from their parent object, so a logger that binds its own
 * trace id (above) marks its whole family.
 */
export function traceMixin(merge: object, _level: number, logger: Logger): object {
  if ((logger as unknown as Record<symbol, boolean>)[BINDS_TRACE] || 'trace_id' in merge) return {};
  const { trace_id } = activeTraceIds();
  return trace_id ? { trace_id } : {};
}
