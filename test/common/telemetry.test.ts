import { context, propagation, trace } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { startTelemetry, tracer } from '../../services/common/telemetry.js';

describe('telemetry', () => {
  it('records spans and continues an incoming W3C traceparent', async () => {
    const exporter = new tracing.InMemorySpanExporter();
    const telemetry = await startTelemetry({ serviceName: 'pc-test', exporter });
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const incoming = propagation.extract(context.active(), {
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      });
      const span = tracer('test').startSpan(
        'decide',
        { attributes: { 'portcullis.decision_id': 'd1' } },
        incoming,
      );
      span.end();
      await telemetry.flush();
      const spans = exporter.getFinishedSpans();
      expect(spans).toHaveLength(1);
      expect(spans[0].name).toBe('decide');
      expect(spans[0].spanContext().traceId).toBe(traceId);
      expect(spans[0].attributes['portcullis.decision_id']).toBe('d1');

      const carrier: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), carrier);
      expect(carrier.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    } finally {
      await telemetry.shutdown();
    }
  });
});
