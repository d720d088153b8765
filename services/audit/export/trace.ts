import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFromIds, serviceTracer, tracingActive } from '../../common/trace-context.js';
import type { AuditEvent } from '../event.js';

/**
 * Spans of the audit export, in the traces of the events exported. A batch
 * mixes events of many requests, so each traced event gets a span of its
 * own (`audit.export`, a consumer span) under the span that recorded it
 * (the event's `trace_id` and `span_id`), covering the batch's delivery:
 * a trace viewer shows the request reaching the sink.
 */
export async function tracedDelivery<T extends string>(
  sink: string,
  events: readonly AuditEvent[],
  deliver: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return deliver();
  const startTime = Date.now();
  let outcome: T | undefined;
  let failure: unknown;
  try {
    outcome = await deliver();
    return outcome;
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    const endTime = Date.now();
    // Abandoned at shutdown: delivered later by another worker, whose spans will say so.
    const abandoned = outcome === 'closing';
    const tracer = serviceTracer('workers');
    for (const event of events) {
      const parent = abandoned ? undefined : contextFromIds(event.trace_id, event.span_id);
      if (!parent) continue;
      const span = tracer.startSpan(
        'audit.export',
        {
          kind: SpanKind.CONSUMER,
          startTime,
          attributes: {
            'messaging.system': 'redis_streams',
            'messaging.operation.type': 'process',
            'messaging.destination.name': 'audit',
            'messaging.batch.message_count': events.length,
            'portcullis.audit.sink': sink,
            'portcullis.audit.event_id': event.event_id,
            'portcullis.audit.kind': event.kind,
            'portcullis.audit.outcome': outcome ?? 'failed',
          },
        },
        parent,
      );
      if (failure !== undefined || (outcome !== undefined && outcome !== 'delivered'))
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome ?? String(failure) });
      span.end(endTime);
    }
  }
}
