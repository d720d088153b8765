import {
  INVALID_SPAN_CONTEXT,
  propagation,
  ProxyTracerProvider,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

/** The proxy's tracer, looked up per use so an SDK registered after start (or re-registered) is used. */
export function tracer(): Tracer {
  return trace.getTracer('portcullis-proxy');
}

/** What the API delegates to while no SDK has registered a tracer provider. */
const NO_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();

/** A span that records nothing, handed to steps when tracing is off. */
export const NO_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Whether an OpenTelemetry SDK is registered (a tracer provider or a
 * propagator). Without one, spans and context switches record nothing, yet
 * on the request path they cost as much as the routing and header work put
 * together, so the proxy skips them. Checked per call, because an SDK may be
 * registered (or disabled) while the proxy runs.
 */
export function tracingActive(): boolean {
  const provider = trace.getTracerProvider();
  if (!(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_TRACER_PROVIDER)
    return true;
  return propagation.fields().length > 0;
}

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
