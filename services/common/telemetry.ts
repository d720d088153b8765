import { hostname } from 'node:os';
import { context, propagation, trace, type Tracer, type TracerOptions } from '@opentelemetry/api';
import { core, node, resources, tracing } from '@opentelemetry/sdk-node';
import { SERVICE_VERSION } from '../decision/version.js';
import { serviceOfTracer, type TracedService } from './trace-context.js';

export { serviceTracer, TRACED_SERVICES, tracerName, type TracedService } from './trace-context.js';

export interface TelemetryOptions {
  /**
   * The deployment's name: each service reports `<serviceName>-<service>`
   * as `service.name` and this as `service.namespace`. @defaultValue portcullis
   */
  serviceName?: string;
  /** The service of this process, named on spans of tracers that are no service's (libraries). @defaultValue none: `serviceName` alone */
  service?: TracedService;
  /** OTLP/HTTP traces endpoint (e.g. http://127.0.0.1:4318/v1/traces); no export when absent. */
  otlpEndpoint?: string;
  /** Extra exporter (tests use tracing.InMemorySpanExporter). */
  exporter?: tracing.SpanExporter;
}

export interface Telemetry {
  /** Exports every ended span now (export is otherwise batched or deferred). */
  flush(): Promise<void>;
  /** Exports what is left and unregisters the SDK (a later startTelemetry may register again). */
  shutdown(): Promise<void>;
}

/**
 * The registered tracer provider: tracers of a Portcullis service come from
 * a provider of that service's resource, every other tracer from this one's.
 * All share the same span processors, so one exporter sends every span.
 */
class ServiceTracerProvider extends node.NodeTracerProvider {
  private readonly perService = new Map<TracedService, tracing.BasicTracerProvider>();

  constructor(
    private readonly providerFor: (service: TracedService) => tracing.BasicTracerProvider,
    config: ConstructorParameters<typeof node.NodeTracerProvider>[0],
  ) {
    super(config);
  }

  override getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    const service = serviceOfTracer(name);
    if (!service) return super.getTracer(name, version, options);
    let provider = this.perService.get(service);
    if (!provider) {
      provider = this.providerFor(service);
      this.perService.set(service, provider);
    }
    return provider.getTracer(name, version, options);
  }

  override async shutdown(): Promise<void> {
    await Promise.all([super.shutdown(), ...[...this.perService.values()].map((p) => p.shutdown())]);
  }
}

function serviceResource(namespace: string, service: TracedService | undefined): resources.Resource {
  return resources.resourceFromAttributes({
    'service.name': service ? `${namespace}-${service}` : namespace,
    'service.namespace': namespace,
    'service.version': SERVICE_VERSION,
    'service.instance.id': `${hostname()}-${process.pid}`,
    'telemetry.sdk.language': 'nodejs',
  });
}

/**
 * Starts tracing once per process: W3C trace context propagation always,
 * span export only where configured, one resource per service.
 */
export async function startTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  const processors: tracing.SpanProcessor[] = [];
  if (options.exporter) processors.push(new tracing.SimpleSpanProcessor(options.exporter));
  if (options.otlpEndpoint) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpEndpoint })));
  }
  const namespace = options.serviceName ?? 'portcullis';
  const provider = new ServiceTracerProvider(
    (service) =>
      new tracing.BasicTracerProvider({
        resource: serviceResource(namespace, service),
        spanProcessors: processors,
      }),
    { resource: serviceResource(namespace, options.service), spanProcessors: processors },
  );
  provider.register({ propagator: new core.W3CTraceContextPropagator() });
  let stopped: Promise<void> | undefined;
  return {
    flush: async () => {
      await Promise.all(processors.map((p) => p.forceFlush()));
    },
    shutdown: () =>
      (stopped ??= provider.shutdown().finally(() => {
        trace.disable();
        propagation.disable();
        context.disable();
      })),
  };
}

/** A tracer by scope name (tests, libraries); services use `serviceTracer`. */
export function tracer(name: string): Tracer {
  return trace.getTracer(name);
}
