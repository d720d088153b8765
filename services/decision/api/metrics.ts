import { Counter, Gauge, Histogram, MetricRegistry } from './prometheus.js';

/** The decision service's Prometheus metrics. `stateReaders` supply gauges read at scrape time. */
export class DecisionMetrics {
  readonly registry = new MetricRegistry();
  readonly requests = this.registry.register(
    new Counter('portcullis_decision_requests_total', 'HTTP requests by handler and status code.'),
  );
  readonly requestSeconds = this.registry.register(
    new Histogram('portcullis_decision_request_duration_seconds', 'HTTP request latency by handler.'),
  );
  readonly evalSeconds = this.registry.register(
    new Histogram('portcullis_decision_eval_duration_seconds', 'Time spent evaluating policy in wasm.'),
  );
  readonly decisions = this.registry.register(
    new Counter('portcullis_decisions_total', 'Decisions by outcome (defined, undefined, error).'),
  );
  readonly bundleActivations = this.registry.register(
    new Counter('portcullis_bundle_activations_total', 'Bundle activations by bundle and outcome.'),
  );

  addGauge(
    name: string,
    help: string,
    read: () => { labels?: Record<string, string>; value: number }[],
  ): void {
    this.registry.register(new Gauge(name, help, read));
  }

  render(): string {
    return this.registry.render();
  }
}
