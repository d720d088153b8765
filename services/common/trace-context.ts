import {
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  propagation,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';

/**
 * Trace context that travels inside data rather than HTTP headers: BullMQ
 * jobs, approval transitions on their Redis stream, audit events. Whoever
 * queues work carries the active span's context in the data; whoever runs
 * it starts its span under that context, so the worker's span joins the
 * request's trace even in another process, hours later.
 *
 * The format is W3C Trace Context's `traceparent` (and `tracestate`), the
 * same text the HTTP hops carry.
 */
export interface CarriedTrace {
  traceparent: string;
  tracestate?: string;
}

/**
 * The services that report spans, each under its own `service.name`
 * (`<telemetry.serviceName>-<service>`, e.g. `portcullis-proxy`), even when
 * `npm start` runs them all in one process: a trace viewer must be able to
 * tell the proxy's spans from the decision service's. Any tracer named
 * `portcullis-<service>` gets its service's name; these are Portcullis's own.
 */
export const TRACED_SERVICES = ['proxy', 'decision', 'workers', 'demo-upstream'] as const;
export type TracedService = (typeof TRACED_SERVICES)[number] | (string & {});

const TRACER_PREFIX = 'portcullis-';
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The instrumentation scope name of a service's tracer. */
export function tracerName(service: TracedService): string {
  return `${TRACER_PREFIX}${service}`;
}

/**
 * A service's tracer. Looked up through the global API, so it follows
 * whatever SDK the host registered (an Express app embedding the middleware
 * has its own); under `startTelemetry` it reports the service's own name.
 */
export function serviceTracer(service: TracedService): Tracer {
  return trace.getTracer(tracerName(service));
}

/** The service whose tracer this is, by scope name. */
export function serviceOfTracer(name: string): TracedService | undefined {
  if (!name.startsWith(TRACER_PREFIX)) return undefined;
  const service = name.slice(TRACER_PREFIX.length);
  return SERVICE_NAME.test(service) ? service : undefined;
}

/** The job data field that holds a `CarriedTrace`. */
export const JOB_TRACE_FIELD = 'trace';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** What the API delegates to while no SDK has registered a tracer provider. */
const NO_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();

/** A span that records nothing, handed to steps when tracing is off. */
export const NO_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Whether an OpenTelemetry SDK is registered (a tracer provider or a
 * propagator). Without one, spans and context switches record nothing yet
 * cost time on every request, so the hot paths skip them. Checked per call:
 * an SDK may be registered (or disabled) while a service runs.
 */
export function tracingActive(): boolean {
  const provider = trace.getTracerProvider();
  if (!(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_TRACER_PROVIDER)
    return true;
  return propagation.fields().length > 0;
}

function formatTraceparent(span: SpanContext): string {
  const flags = (span.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${span.traceId}-${span.spanId}-${flags}`;
}

/** The trace context of `ctx` (the active one by default) as data, or undefined when it has no valid span. */
export function carryTrace(ctx: Context = context.active()): CarriedTrace | undefined {
  const span = trace.getSpanContext(ctx);
  if (!span || !isSpanContextValid(span)) return undefined;
  const state = span.traceState?.serialize();
  return state
    ? { traceparent: formatTraceparent(span), tracestate: state }
    : { traceparent: formatTraceparent(span) };
}

/** The span context a `traceparent` names (remote), or undefined when it is not a valid one. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!match) return undefined;
  const span: SpanContext = {
    traceId: match[1],
    spanId: match[2],
    traceFlags: parseInt(match[3], 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(span) ? span : undefined;
}

/**
 * The context to start a span under for work that carried `carried`: the
 * carrier's span as a remote parent, or `base` (a new trace) without one.
 */
export function contextFromCarried(
  carried: CarriedTrace | string | undefined | null,
  base: Context = ROOT_CONTEXT,
): Context {
  if (!carried) return base;
  const headers = typeof carried === 'string' ? { traceparent: carried } : carried;
  const extracted = propagation.extract(base, headers);
  if (trace.getSpanContext(extracted) !== trace.getSpanContext(base)) return extracted;
  // No propagator registered: read the traceparent ourselves, so ids still flow.
  const span = spanContextOf(headers.traceparent);
  return span ? trace.setSpanContext(base, span) : base;
}

/** A remote parent built from ids recorded in data (an audit event's `trace_id` and `span_id`). */
export function contextFromIds(traceId: string | undefined, spanId: string | undefined): Context | undefined {
  if (!traceId || !spanId) return undefined;
  const span = { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true };
  return isSpanContextValid(span) ? trace.setSpanContext(ROOT_CONTEXT, span) : undefined;
}

/** `trace_id` and `span_id` (as audit events and logs name them) of a `traceparent`. */
export function traceIdsOf(
  traceparent: string | undefined | null,
): { trace_id: string; span_id: string } | undefined {
  const span = spanContextOf(traceparent ?? undefined);
  return span ? { trace_id: span.traceId, span_id: span.spanId } : undefined;
}

/** `trace_id` and `span_id` of the active span, for a log line or a record; empty without one. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/** Job data with the active trace context added (unchanged when there is none). */
export function withJobTrace<T extends object>(data: T): T & { [JOB_TRACE_FIELD]?: CarriedTrace } {
  const carried = carryTrace();
  return carried ? { ...data, [JOB_TRACE_FIELD]: carried } : data;
}

/** Messaging attributes (OpenTelemetry semantic conventions) of a queue operation. */
function messagingAttributes(queue: string, operation: 'send' | 'process', jobId?: string) {
  return {
    'messaging.system': 'bullmq',
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
    'messaging.destination.name': queue,
    ...(jobId ? { 'messaging.message.id': jobId } : {}),
  };
}

function endWith(span: Span, err: unknown): void {
  span.recordException(err as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message ?? String(err) });
}

/**
 * Runs `send` (which queues a job: build its data with `withJobTrace`
 * inside) in a producer span `send <queue>` under `parent`.
 */
export async function inProducerSpan<T>(
  tracer: Tracer,
  queue: string,
  parent: Context,
  send: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return context.with(parent, send);
  const span = tracer.startSpan(
    `send ${queue}`,
    { kind: SpanKind.PRODUCER, attributes: messagingAttributes(queue, 'send') },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), send);
  } catch (err) {
    endWith(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** What a queued job looks like to `tracedProcessor` (BullMQ's Job fits). */
export interface TracedJob {
  id?: string;
  name: string;
  data: unknown;
}

/**
 * Wraps a BullMQ processor: each job runs in a consumer span
 * `process <queue>` whose parent is the context the job carries, so its
 * work (and every log line and record it makes) belongs to the trace that
 * queued it. Errors named in `controlFlow` (BullMQ's DelayedError) are how
 * a processor reschedules, not failures.
 */
export function tracedProcessor<J extends TracedJob, A extends unknown[], R>(
  tracer: Tracer,
  queue: string,
  processor: (job: J, ...rest: A) => Promise<R>,
  controlFlow: readonly string[] = ['DelayedError'],
): (job: J, ...rest: A) => Promise<R> {
  return async (job, ...rest) => {
    if (!tracingActive()) return processor(job, ...rest);
    const data = job.data as { [JOB_TRACE_FIELD]?: CarriedTrace } | undefined;
    const parent = contextFromCarried(data?.[JOB_TRACE_FIELD]);
    const span = tracer.startSpan(
      `process ${queue}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { ...messagingAttributes(queue, 'process', job.id), 'portcullis.job.name': job.name },
      },
      parent,
    );
    try {
      return await context.with(trace.setSpan(parent, span), () => processor(job, ...rest));
    } catch (err) {
      if (!controlFlow.includes((err as Error)?.name)) endWith(span, err);
      throw err;
    } finally {
      span.end();
    }
  };
}
