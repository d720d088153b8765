import { SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { NO_SPAN, serviceTracer, tracingActive } from '../common/trace-context.js';

/** The proxy's tracer, looked up per use so an SDK registered after start (or re-registered) is used. */
export function tracer(): Tracer {
  return serviceTracer('proxy');
}

export { NO_SPAN, tracingActive };

/** Runs `fn` inside a child span of the active context; errors are recorded and rethrown. */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return fn(NO_SPAN);
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
