import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for every service, on prom-client. Each service keeps
 * a `MetricsRegistry` of its own (what its `/metrics` shows); domains whose
 * metrics belong to the process rather than to one service (approvals,
 * audit sinks, queues) register on `processMetrics`, which every `/metrics`
 * endpoint of the process shows too. docs/OPERATIONS.md lists the metrics.
 *
 * Conventions, checked when a metric is declared (a mistake is a bug, so it
 * throws at start, not at scrape): names start with `portcullis_`, are
 * snake_case, counters end in `_total`, histograms measure `_seconds` or
 * `_bytes`; labels have few values (connection names, outcomes, queue
 * names): never a request, decision, trace or user id, a path or a subject.
 */

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const NAME = /^portcullis_[a-z][a-z0-9_]*[a-z0-9]$/;
const LABEL = /^[a-z][a-z0-9_]*$/;
/** Label names that would carry one value per request or per person. */
const UNBOUNDED_LABELS = new Set([
  'id',
  'req_id',
  'request_id',
  'trace_id',
  'span_id',
  'decision_id',
  'approval_id',
  'event_id',
  'user',
  'subject',
  'sub',
  'email',
  'path',
  'url',
  'query',
  'ip',
]);

/** Latency buckets (seconds) from 0.5 ms to 10 s: a proxied call spans both ends. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export interface MetricDefinition {
  /** `portcullis_<what>[_<unit>]`: counters end in `_total`, histograms in `_seconds` or `_bytes`. */
  name: string;
  help: string;
  /** Labels with few values each. @defaultValue none */
  labelNames?: readonly string[];
}

/** One value of a gauge read at scrape time. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

type Kind = 'counter' | 'gauge' | 'histogram';

function checkDefinition(kind: Kind, def: MetricDefinition): void {
  const fail = (why: string) => {
    throw new Error(`metric ${def.name}: ${why} (services/common/metrics.ts conventions)`);
  };
  if (!NAME.test(def.name)) fail('names are portcullis_ followed by snake_case');
  if (kind === 'counter' && !def.name.endsWith('_total')) fail('a counter name ends in _total');
  if (kind !== 'counter' && def.name.endsWith('_total')) fail('only counters end in _total');
  if (kind === 'histogram' && !/_(seconds|bytes)$/.test(def.name))
    fail('a histogram measures _seconds or _bytes');
  if (def.help.trim() === '') fail('help text is required');
  for (const label of def.labelNames ?? []) {
    if (!LABEL.test(label)) fail(`label ${label} is not snake_case`);
    if (UNBOUNDED_LABELS.has(label)) fail(`label ${label} would have a value per request or person`);
  }
}

interface Declared {
  kind: Kind;
  labelNames: string;
  metric: Counter | Gauge | Histogram;
}

/**
 * A set of metrics rendered together. Declaring a metric twice with the same
 * kind and labels returns the first (a component started twice in one
 * process shares it); with another kind or other labels it throws.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly declared = new Map<string, Declared>();
  private readonly gaugeSources = new Map<string, Set<() => GaugeSample[] | Promise<GaugeSample[]>>>();

  private declare<M extends Counter | Gauge | Histogram>(
    kind: Kind,
    def: MetricDefinition,
    create: () => M,
  ): M {
    checkDefinition(kind, def);
    const labelNames = [...(def.labelNames ?? [])].join(',');
    const existing = this.declared.get(def.name);
    if (existing) {
      if (existing.kind !== kind || existing.labelNames !== labelNames) {
        throw new Error(
          `metric ${def.name} is already declared as a ${existing.kind} with labels [${existing.labelNames}]`,
        );
      }
      return existing.metric as M;
    }
    const metric = create();
    this.declared.set(def.name, { kind, labelNames, metric });
    return metric;
  }

  counter<L extends string>(def: MetricDefinition & { labelNames?: readonly L[] }): Counter<L> {
    return this.declare(
      'counter',
      def,
      () => new Counter<L>({ ...def, labelNames: def.labelNames ?? [], registers: [this.registry] }),
    );
  }

  histogram<L extends string>(
    def: MetricDefinition & { labelNames?: readonly L[]; buckets?: number[] },
  ): Histogram<L> {
    return this.declare(
      'histogram',
      def,
      () =>
        new Histogram<L>({
          ...def,
          labelNames: def.labelNames ?? [],
          buckets: def.buckets ?? LATENCY_BUCKETS,
          registers: [this.registry],
        }),
    );
  }

  /** A gauge the owner sets (`set`, `inc`, `dec`). */
  gauge<L extends string>(def: MetricDefinition & { labelNames?: readonly L[] }): Gauge<L> {
    return this.declare(
      'gauge',
      def,
      () => new Gauge<L>({ ...def, labelNames: def.labelNames ?? [], registers: [this.registry] }),
    );
  }

  /**
   * A gauge read when scraped, from every source added for it (several
   * engines or queues in one process each add theirs). Returns the function
   * that removes this source (call it when its owner closes).
   */
  gaugeFrom(def: MetricDefinition, read: () => GaugeSample[] | Promise<GaugeSample[]>): () => void {
    let sources = this.gaugeSources.get(def.name);
    if (!sources) {
      const all = new Set<() => GaugeSample[] | Promise<GaugeSample[]>>();
      sources = all;
      this.declare(
        'gauge',
        def,
        () =>
          new Gauge({
            ...def,
            labelNames: def.labelNames ?? [],
            registers: [this.registry],
            async collect() {
              this.reset();
              const samples = await Promise.all([...all].map(async (source) => source()));
              for (const sample of samples.flat()) {
                if (sample.labels) this.set(sample.labels, sample.value);
                else this.set(sample.value);
              }
            },
          }),
      );
      this.gaugeSources.set(def.name, all);
    }
    sources.add(read);
    return () => sources.delete(read);
  }

  /** The Prometheus text of this registry alone. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The process's own metrics: shown on every `/metrics` endpoint of the process. */
export const processMetrics = new MetricsRegistry();

let defaultsStarted = false;

/** Node's standard process metrics (CPU, memory, event loop lag, GC), started once per process. */
function startDefaultMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: processMetrics.registry });
}

/**
 * The text a service's `/metrics` answers: its own registry, then the
 * process's (domain metrics and Node's standard ones).
 */
export async function renderMetrics(service?: MetricsRegistry): Promise<string> {
  startDefaultMetrics();
  const own = service ? await service.render() : '';
  const shared = await processMetrics.render();
  return own === '' ? shared : `${own.trimEnd()}\n\n${shared}`;
}

/** Starts the process's standard metrics now (a service calls it at start so the event-loop histogram covers its life). */
export function startProcessMetrics(): void {
  startDefaultMetrics();
}

/**
 * `portcullis_redis_connected{client}`: 1 while a Redis client is ready.
 * `status` reads the client's state (ioredis: `client.status`).
 */
export function redisConnectedGauge(
  registry: MetricsRegistry,
  client: string,
  status: () => string | boolean,
): () => void {
  return registry.gaugeFrom(
    {
      name: 'portcullis_redis_connected',
      help: 'Whether a Redis client is connected (1) or not (0).',
      labelNames: ['client'],
    },
    () => {
      const state = status();
      return [{ labels: { client }, value: state === true || state === 'ready' ? 1 : 0 }];
    },
  );
}

/**
 * `portcullis_queue_jobs{queue,state}`: jobs per state of a queue, read at
 * scrape time (BullMQ: `(states) => queue.getJobCounts(...states)`).
 */
export function queueDepthGauge(
  registry: MetricsRegistry,
  queue: string,
  counts: () => Promise<Record<string, number>>,
): () => void {
  return registry.gaugeFrom(
    {
      name: 'portcullis_queue_jobs',
      help: 'Jobs in a queue by state (waiting, active, delayed, failed), read at scrape time.',
      labelNames: ['queue', 'state'],
    },
    async () => {
      const byState = await counts().catch(() => undefined);
      if (!byState) return [];
      return Object.entries(byState).map(([state, value]) => ({ labels: { queue, state }, value }));
    },
  );
}
