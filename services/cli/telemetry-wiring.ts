import type { PortcullisConfig } from '../common/config.js';
import { onShutdown } from '../common/shutdown.js';
import type { TracedService } from '../common/trace-context.js';

/**
 * Tracing for a service run alone (`portcullis proxy`, `decision`,
 * `workers`, `demo-upstream`): when `telemetry.otlpEndpoint` (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, the SDK starts with the
 * service's own `service.name` and its spans are exported; the last ones are
 * flushed at shutdown, after the requests in flight have been answered.
 * Without an endpoint nothing is loaded and no span is made (the proxy then
 * skips its tracing work entirely).
 */
export async function startServiceTelemetry(config: PortcullisConfig, service: TracedService): Promise<void> {
  const { otlpEndpoint, serviceName } = config.telemetry;
  if (!otlpEndpoint) return;
  // Loaded only here: the SDK and its exporter cost every other command their start-up time.
  const { startTelemetry } = await import('../common/telemetry.js');
  const telemetry = await startTelemetry({ serviceName, service, otlpEndpoint });
  onShutdown('telemetry', () => telemetry.shutdown());
}
