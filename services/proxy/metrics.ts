import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { MetricsRegistry, renderMetrics } from '../common/metrics.js';

/** What a decision came to, as the proxy enforced it. */
export type DecisionResult = 'allow' | 'deny' | 'approval' | 'fail_open' | 'error';

/** Requests that never reached a connection share this label value. */
const NO_CONNECTION = 'none';

function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/**
 * The proxy's Prometheus metrics. Labels stay few: the connection (names
 * from the configuration), the outcome (`forwarded` or the error code, a
 * fixed list) and the decision's result.
 */
export class ProxyMetrics {
  readonly registry = new MetricsRegistry();

  private readonly requestSeconds = this.registry.histogram({
    name: 'portcullis_proxy_request_duration_seconds',
    help: 'Time from request to answer, by connection and outcome (forwarded, or the error code).',
    labelNames: ['connection', 'outcome'],
  });
  private readonly decisionCount = this.registry.counter({
    name: 'portcullis_proxy_decisions_total',
    help: 'Decisions enforced by the proxy, by connection and result (allow, deny, approval, fail_open, error).',
    labelNames: ['connection', 'result'],
  });
  private readonly upstreamSeconds = this.registry.histogram({
    name: 'portcullis_proxy_upstream_duration_seconds',
    help: "Time to the upstream's response headers, by connection and status class (2xx..5xx, error).",
    labelNames: ['connection', 'status_class'],
  });

  /**
   * One answered request. `decided` says whether a decision was asked for;
   * `code` is the error the caller got, if any.
   */
  request(options: {
    connection: string | undefined;
    status: number;
    code: string | undefined;
    decided: boolean;
    res: ServerResponse;
    seconds: number;
  }): void {
    const connection = options.connection ?? NO_CONNECTION;
    this.requestSeconds.observe({ connection, outcome: options.code ?? 'forwarded' }, options.seconds);
    if (options.decided) {
      this.decisionCount.inc({ connection, result: decisionResult(options.code, options.res) });
    }
  }

  /** Times one upstream exchange to its response headers; a failed one counts as `error`. */
  async timeUpstream<T extends { status: number }>(connection: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const observe = (label: string) =>
      this.upstreamSeconds.observe({ connection, status_class: label }, (performance.now() - started) / 1000);
    try {
      const answer = await call();
      observe(statusClass(answer.status));
      return answer;
    } catch (err) {
      observe('error');
      throw err;
    }
  }

  /** Prometheus text: the proxy's metrics, then the process's. */
  render(): Promise<string> {
    return renderMetrics(this.registry);
  }
}

/**
 * The decision's result from how the request ended: the error code for
 * deny, approval and decision failures; the fail-open header when the
 * connection forwarded without a decision; allow otherwise (an upstream
 * failure after an allow is still an allow).
 */
export function decisionResult(code: string | undefined, res: ServerResponse): DecisionResult {
  if (code === 'forbidden') return 'deny';
  if (code?.startsWith('approval')) return 'approval';
  if (code === 'decision_unavailable' || code === 'decision_invalid' || code === 'decision_headers_refused')
    return 'error';
  if (res.getHeader('x-portcullis-fail-open') === 'true') return 'fail_open';
  return 'allow';
}
