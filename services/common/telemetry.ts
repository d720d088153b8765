import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { trace, type Tracer } from '@opentelemetry/api';

export interface TelemetryOptions {
  /** service.name of every span. @defaultValue portcullis */
  serviceName?: string;
  /** OTLP/HTTP traces endpoint (e.g. http://127.0.0.1:4318/v1/traces); no export when absent. */
  otlpEndpoint?: string;
  /** Extra exporter (tests use tracing.InMemorySpanExporter). */
  exporter?: tracing.SpanExporter;
}

export interface Telemetry {
  /** Exports every ended span now (export is otherwise batched or deferred). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK once per process: W3C trace context
 * propagation always, span export only where configured.
 */
export async function startTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  const processors: tracing.SpanProcessor[] = [];
  if (options.exporter) processors.push(new tracing.SimpleSpanProcessor(options.exporter));
  if (options.otlpEndpoint) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpEndpoint })));
  }
  const sdk = new NodeSDK({
    serviceName: options.serviceName ?? 'portcullis',
    spanProcessors: processors,
    instrumentations: [],
  });
  sdk.start();
  return {
    flush: async () => {
      await Promise.all(processors.map((p) => p.forceFlush()));
    },
    shutdown: () => sdk.shutdown(),
  };
}

export function tracer(name: string): Tracer {
  return trace.getTracer(name);
}
