import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { serviceTracer } from '../common/trace-context.js';

/** Looked up per use: an SDK registered (or replaced) after this module loaded is followed. */
const tracer = () => serviceTracer('decision');

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The caller's trace context: from the registered propagator when the SDK
 * is set up, otherwise read from `traceparent` directly so spans (even
 * non-recording ones) and decision logs still carry the caller's trace id.
 */
export function incomingContext(headers: Record<string, string | string[] | undefined>): Context {
  const extracted = propagation.extract(ROOT_CONTEXT, headers);
  if (trace.getSpanContext(extracted)) return extracted;
  const header = headers.traceparent;
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  if (!match) return ROOT_CONTEXT;
  const spanContext = {
    traceId: match[1],
    spanId: match[2],
    traceFlags: parseInt(match[3], 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}

/**
 * The span of one decision: a server span (HTTP semantic conventions in
 * `attributes`) when it answers an HTTP request, an internal one when the
 * engine runs inside the proxy.
 */
export function startRequestSpan(
  name: string,
  parent: Context,
  attributes?: Attributes,
): { span: Span; ctx: Context } {
  const kind = attributes ? SpanKind.SERVER : SpanKind.INTERNAL;
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

export async function inEvaluationSpan<T>(
  parent: Context,
  attributes: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan('policy.evaluate', { attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    span.end();
  }
}

/** Trace and span id for decision logs, when the context has a valid span. */
export function traceIds(span: Span): { traceId?: string; spanId?: string } {
  const sc = span.spanContext();
  return isSpanContextValid(sc) ? { traceId: sc.traceId, spanId: sc.spanId } : {};
}
