import { MetricsRegistry, renderMetrics, type GaugeSample } from '../../common/metrics.js';

type Labels = Record<string, string>;

/**
 * The decision service's Prometheus metrics (names kept from the service's
 * first, hand-written exposition), on prom-client through the shared
 * registry helpers. One instance per engine; `render` adds the process's
 * metrics.
 */
export class DecisionMetrics {
  readonly registry = new MetricsRegistry();

  private readonly requestCounter = this.registry.counter({
    name: 'portcullis_decision_requests_total',
    help: 'HTTP requests by handler and status code.',
    labelNames: ['handler', 'code'],
  });
  private readonly requestHistogram = this.registry.histogram({
    name: 'portcullis_decision_request_duration_seconds',
    help: 'HTTP request latency by handler.',
    labelNames: ['handler'],
  });
  private readonly evalHistogram = this.registry.histogram({
    name: 'portcullis_decision_eval_duration_seconds',
    help: 'Time spent evaluating policy in wasm.',
  });
  private readonly decisionCounter = this.registry.counter({
    name: 'portcullis_decisions_total',
    help: 'Decisions by outcome (defined, undefined, error).',
    labelNames: ['outcome'],
  });
  private readonly activationCounter = this.registry.counter({
    name: 'portcullis_bundle_activations_total',
    help: 'Bundle activations by bundle and outcome.',
    labelNames: ['bundle', 'outcome'],
  });

  readonly requests = { inc: (labels: { handler: string; code: string }) => this.requestCounter.inc(labels) };
  readonly requestSeconds = {
    observe: (seconds: number, labels: { handler: string }) => this.requestHistogram.observe(labels, seconds),
  };
  readonly evalSeconds = { observe: (seconds: number) => this.evalHistogram.observe(seconds) };
  readonly decisions = { inc: (labels: { outcome: string }) => this.decisionCounter.inc(labels) };
  readonly bundleActivations = {
    inc: (labels: { bundle: string; outcome: string }) => this.activationCounter.inc(labels),
  };

  /** A gauge read when scraped; `labelNames` lists the labels its samples carry. */
  addGauge(
    name: string,
    help: string,
    read: () => { labels?: Labels; value: number }[],
    labelNames: string[] = [],
  ): void {
    this.registry.gaugeFrom({ name, help, labelNames }, () => read() as GaugeSample[]);
  }

  /** Prometheus text: this engine's metrics, then the process's. */
  render(): Promise<string> {
    return renderMetrics(this.registry);
  }
}
