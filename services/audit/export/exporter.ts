import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createRedis, type RedisClient } from '../../common/redis.js';
import type { AuditConfig, SinkConfig } from '../config.js';
import type { SinkDriver } from '../sinks/driver.js';
import { auditStreamKeys, type AuditStreamKeys } from '../stream.js';
import { SINK_COUNTERS, SinkConsumer, type SinkConsumerState, type SinkCounter } from './consumer.js';
import { StreamTrimmer, type StreamInfo } from './trimmer.js';

export interface ExportLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AuditExporterOptions {
  redisUrl: string;
  prefix: string;
  config: AuditConfig;
  logger: ExportLogger;
  /** Builds each sink's driver (the workers pass the stores they opened to the postgres sinks). */
  driverFor: (sink: SinkConfig) => SinkDriver;
  /** This process's consumer name in every sink group. @defaultValue `<host>-<pid>-<random>` */
  consumer?: string;
}

/** What `/health` shows per sink. */
export interface SinkHealth extends SinkConsumerState, Record<SinkCounter, number> {
  type: SinkConfig['type'];
  /** Events not yet delivered: unread plus read but unacknowledged. */
  lag: number | null;
  pending: number;
  driver?: Record<string, unknown>;
}

export interface ExportHealth {
  stream: { length: number; max_length: number; trimmed: number; overflowed: number };
  sinks: Record<string, SinkHealth>;
}

/**
 * The workers' side of the audit trail: one consumer per configured sink,
 * and a tick (every `transport.trimIntervalMs`) that trims the stream and
 * refreshes the figures `/health` and `/metrics` show.
 */
export class AuditExporter {
  readonly keys: AuditStreamKeys;
  private readonly redis: RedisClient;
  private readonly consumers: SinkConsumer[] = [];
  private readonly drivers = new Map<string, SinkDriver>();
  private readonly trimmer: StreamTrimmer;
  private readonly consumerName: string;
  private counters = new Map<string, Record<SinkCounter, number>>();
  private stream: StreamInfo = { length: 0, groups: new Map(), trimmed: 0, overflowed: 0 };
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private closed = false;
  private tickWaiters: (() => void)[] = [];

  constructor(private readonly options: AuditExporterOptions) {
    this.keys = auditStreamKeys(options.prefix);
    this.consumerName = options.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.redis = createRedis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined);
    const sinks = options.config.sinks;
    this.trimmer = new StreamTrimmer({
      redis: this.redis,
      keys: this.keys,
      sinks: sinks.map((s) => s.name),
      maxLength: options.config.transport.maxLength,
      logger: options.logger,
      onDropped: (sink, n) => this.count(sink, 'dropped', n),
    });
  }

  /**
   * Starts every sink. A sink stopped earlier (bad token, bad index) is
   * started again: restarting the workers is how a fixed configuration is
   * applied.
   */
  async start(): Promise<void> {
    await this.redis.connect().catch((err: Error) => {
      this.options.logger.warn({ err: err.message }, 'audit export: redis not reachable yet; will retry');
    });
    for (const sink of this.options.config.sinks) {
      await this.redis.del(this.keys.sinkState(sink.name)).catch(() => undefined);
      const driver = this.options.driverFor(sink);
      this.drivers.set(sink.name, driver);
      const consumer = new SinkConsumer({
        redis: this.redis,
        keys: this.keys,
        sink,
        driver,
        consumer: this.consumerName,
        claimIdleMs: this.options.config.transport.claimIdleMs,
        logger: this.options.logger,
      });
      this.consumers.push(consumer);
      consumer.start();
    }
    this.tick();
  }

  private tick(): void {
    const intervalMs = this.options.config.transport.trimIntervalMs;
    this.ticking = this.refresh(intervalMs)
      .catch((err: unknown) => {
        this.options.logger.warn({ err: (err as Error).message }, 'audit export: trim or refresh failed');
      })
      .finally(() => {
        for (const resolve of this.tickWaiters.splice(0)) resolve();
        if (!this.closed) this.timer = setTimeout(() => this.tick(), intervalMs);
      });
  }

  private async refresh(intervalMs: number): Promise<void> {
    if (this.redis.status !== 'ready') return;
    this.stream = await this.trimmer.trim(intervalMs, this.consumerName);
    const pipeline = this.redis.pipeline();
    for (const sink of this.options.config.sinks) pipeline.hgetall(this.keys.sinkStats(sink.name));
    const results = (await pipeline.exec()) ?? [];
    this.options.config.sinks.forEach((sink, i) => {
      const raw = (results[i]?.[1] ?? {}) as Record<string, string>;
      const counts = Object.fromEntries(SINK_COUNTERS.map((c) => [c, Number(raw[c] ?? 0)])) as Record<
        SinkCounter,
        number
      >;
      this.counters.set(sink.name, counts);
    });
  }

  /** Resolves after the next complete tick (tests wait on it instead of sleeping). */
  nextTick(): Promise<void> {
    return new Promise((resolve) => this.tickWaiters.push(resolve));
  }

  private async count(sink: string, counter: SinkCounter, n: number): Promise<void> {
    await this.redis.hincrby(this.keys.sinkStats(sink), counter, n);
  }

  /** The driver of a sink (the API reads the postgres sink's store through it). */
  driver(name: string): SinkDriver | undefined {
    return this.drivers.get(name);
  }

  health(): ExportHealth {
    const sinks: Record<string, SinkHealth> = {};
    for (const [i, sink] of this.options.config.sinks.entries()) {
      const group = this.stream.groups.get(sink.name);
      const counts =
        this.counters.get(sink.name) ??
        (Object.fromEntries(SINK_COUNTERS.map((c) => [c, 0])) as Record<SinkCounter, number>);
      const driver = this.drivers.get(sink.name)?.health?.();
      sinks[sink.name] = {
        type: sink.type,
        ...(this.consumers[i]?.state() ?? { state: 'starting' }),
        lag: group ? (group.lag === null ? null : group.lag + group.pending) : null,
        pending: group?.pending ?? 0,
        ...counts,
        ...(driver ? { driver } : {}),
      };
    }
    return {
      stream: {
        length: this.stream.length,
        max_length: this.options.config.transport.maxLength,
        trimmed: this.stream.trimmed,
        overflowed: this.stream.overflowed,
      },
      sinks,
    };
  }

  /** Prometheus text: per-sink counters (deployment-wide, from Redis), lag and state. */
  metrics(): string {
    const health = this.health();
    const lines: string[] = [];
    const family = (name: string, type: string, help: string, rows: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of rows) lines.push(`${name}{${labels}} ${value}`);
    };
    const sinks = Object.entries(health.sinks);
    const label = (name: string) => `sink="${name.replace(/["\\\n]/g, '_')}"`;
    for (const counter of SINK_COUNTERS) {
      family(
        `portcullis_audit_sink_${counter}_total`,
        'counter',
        `Audit events ${counter.replace('_', '-')} by the sink (every worker).`,
        sinks.map(([name, h]) => [label(name), h[counter]]),
      );
    }
    family(
      'portcullis_audit_sink_lag',
      'gauge',
      'Audit events not yet delivered by the sink.',
      sinks.map(([name, h]) => [label(name), h.lag ?? -1]),
    );
    family(
      'portcullis_audit_sink_stopped',
      'gauge',
      'Whether the sink is stopped (1) after a permanent refusal.',
      sinks.map(([name, h]) => [label(name), h.state === 'stopped' ? 1 : 0]),
    );
    lines.push(
      '# HELP portcullis_audit_stream_length Audit events in the stream.',
      '# TYPE portcullis_audit_stream_length gauge',
      `portcullis_audit_stream_length ${health.stream.length}`,
    );
    return lines.join('\n') + '\n';
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.consumers.map((c) => c.close()));
    this.redis.disconnect();
  }
}
