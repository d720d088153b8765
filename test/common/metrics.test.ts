import { Queue } from 'bullmq';
import {
  MetricsRegistry,
  processMetrics,
  queueDepthGauge,
  redisConnectedGauge,
  renderMetrics,
} from '../../services/common/metrics.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('MetricsRegistry', () => {
  it('enforces the naming conventions when a metric is declared', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter({ name: 'requests_total', help: 'x' })).toThrow(/portcullis_/);
    expect(() => registry.counter({ name: 'portcullis_requests', help: 'x' })).toThrow(/ends in _total/);
    expect(() => registry.gauge({ name: 'portcullis_pending_total', help: 'x' })).toThrow(/only counters/);
    expect(() => registry.histogram({ name: 'portcullis_latency', help: 'x' })).toThrow(/_seconds or _bytes/);
    expect(() => registry.counter({ name: 'portcullis_Bad_total', help: 'x' })).toThrow(/snake_case/);
    expect(() => registry.counter({ name: 'portcullis_x_total', help: ' ' })).toThrow(/help/);
    expect(() =>
      registry.counter({ name: 'portcullis_calls_total', help: 'x', labelNames: ['decision_id'] }),
    ).toThrow(/value per request or person/);
    expect(() => registry.gauge({ name: 'portcullis_by_path', help: 'x', labelNames: ['path'] })).toThrow(
      /label path/,
    );
  });

  it('returns the same metric when declared twice alike, and refuses a clash', async () => {
    const registry = new MetricsRegistry();
    const a = registry.counter({ name: 'portcullis_things_total', help: 'Things.', labelNames: ['kind'] });
    const b = registry.counter({ name: 'portcullis_things_total', help: 'Things.', labelNames: ['kind'] });
    expect(b).toBe(a);
    a.inc({ kind: 'x' });
    b.inc({ kind: 'x' });
    expect(sample(await registry.render(), 'portcullis_things_total{kind="x"}')).toBe(2);
    registry.gauge({ name: 'portcullis_size_bytes', help: 'Size.' });
    expect(() => registry.histogram({ name: 'portcullis_size_bytes', help: 'Size.' })).toThrow(
      /already declared as a gauge/,
    );
    expect(() =>
      registry.counter({ name: 'portcullis_things_total', help: 'Things.', labelNames: ['other'] }),
    ).toThrow(/already declared/);
  });

  it('reads gauges from every source at scrape time, until a source is removed', async () => {
    const registry = new MetricsRegistry();
    const def = { name: 'portcullis_pending', help: 'Pending.', labelNames: ['queue'] };
    let a = 3;
    const removeA = registry.gaugeFrom(def, () => [{ labels: { queue: 'a' }, value: a }]);
    registry.gaugeFrom(def, async () => [{ labels: { queue: 'b' }, value: 7 }]);
    expect(sample(await registry.render(), 'portcullis_pending{queue="a"}')).toBe(3);
    a = 4;
    let text = await registry.render();
    expect([
      sample(text, 'portcullis_pending{queue="a"}'),
      sample(text, 'portcullis_pending{queue="b"}'),
    ]).toEqual([4, 7]);
    removeA();
    text = await registry.render();
    expect(sample(text, 'portcullis_pending{queue="a"}')).toBeUndefined();
    expect(sample(text, 'portcullis_pending{queue="b"}')).toBe(7);
  });

  it("renders a service's metrics followed by the process's (domain metrics and Node's own)", async () => {
    const service = new MetricsRegistry();
    service.counter({ name: 'portcullis_service_only_total', help: 'Service.' }).inc();
    const domain = processMetrics.counter({
      name: 'portcullis_test_domain_events_total',
      help: 'A domain registers on the process registry.',
      labelNames: ['sink', 'outcome'],
    });
    domain.inc({ sink: 'file', outcome: 'delivered' }, 5);
    const text = await renderMetrics(service);
    expect(text.indexOf('portcullis_service_only_total 1')).toBeLessThan(
      text.indexOf('portcullis_test_domain_events_total{sink="file",outcome="delivered"} 5'),
    );
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('reports Redis connectivity and queue depths', async () => {
    const registry = new MetricsRegistry();
    let status = 'ready';
    redisConnectedGauge(registry, 'workers', () => status);
    const prefix = uniquePrefix('metrics');
    const queue = new Queue('depth-test', { connection: { url: testRedisUrl() }, prefix });
    try {
      await queue.addBulk([1, 2, 3].map((n) => ({ name: 'job', data: { n } })));
      await queue.add('later', {}, { delay: 60_000 });
      queueDepthGauge(registry, 'depth-test', () => queue.getJobCounts('waiting', 'delayed', 'failed'));
      let text = await registry.render();
      expect(sample(text, 'portcullis_redis_connected{client="workers"}')).toBe(1);
      expect(sample(text, 'portcullis_queue_jobs{queue="depth-test",state="waiting"}')).toBe(3);
      expect(sample(text, 'portcullis_queue_jobs{queue="depth-test",state="delayed"}')).toBe(1);
      expect(sample(text, 'portcullis_queue_jobs{queue="depth-test",state="failed"}')).toBe(0);
      status = 'reconnecting';
      text = await registry.render();
      expect(sample(text, 'portcullis_redis_connected{client="workers"}')).toBe(0);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await deleteKeys(prefix);
    }
  });
});
