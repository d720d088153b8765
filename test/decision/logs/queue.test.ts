import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DecisionLogQueue, type DecisionEvent } from '../../../services/decision/index.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { TcpProxy } from '../tcp-proxy.js';
import { waitFor } from '../support.js';

let n = 0;
const event = (): DecisionEvent => ({
  labels: { id: 'test' },
  decision_id: `d-${++n}-${Math.random().toString(16).slice(2)}`,
  path: 'a/b',
  input: { n },
  result: true,
  requested_by: 'test',
  timestamp: new Date().toISOString(),
  req_id: n,
});

const prefixes: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
  await Promise.all(prefixes.splice(0).map((p) => deleteKeys(p)));
});

function redisTarget(): { host: string; port: number } {
  const url = new URL(testRedisUrl());
  return { host: url.hostname, port: Number(url.port || 6379) };
}

async function jobsIn(prefix: string): Promise<DecisionEvent[]> {
  const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const queue = new Queue('decision-logs', { connection, prefix });
  try {
    return (await queue.getJobs(['waiting', 'active', 'completed'])).map((j) => j.data as DecisionEvent);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

describe('DecisionLogQueue', () => {
  test('events reach the BullMQ queue as jobs keyed by decision id', async () => {
    const prefix = uniquePrefix('dlq');
    prefixes.push(prefix);
    const queue = new DecisionLogQueue({ redisUrl: testRedisUrl(), prefix });
    cleanups.push(() => queue.close());
    const sent = [event(), event(), event()];
    sent.forEach((e) => queue.enqueue(e));
    queue.enqueue(sent[0]);
    expect(await queue.flush(5000)).toBe(true);
    const jobs = await jobsIn(prefix);
    expect(jobs.map((j) => j.decision_id).sort()).toEqual(sent.map((e) => e.decision_id).sort());
    expect(queue.stats()).toMatchObject({ redis_connected: true, buffered: 0, dropped: 0, sent: 4 });
  });

  test('events enqueued one by one within the linger time share one round trip', async () => {
    const prefix = uniquePrefix('dlq');
    prefixes.push(prefix);
    const queue = new DecisionLogQueue({ redisUrl: testRedisUrl(), prefix, lingerMs: 50 });
    cleanups.push(() => queue.close());
    await waitFor('Redis connected', async () => queue.stats().redis_connected);
    for (let i = 0; i < 30; i++) queue.enqueue(event());
    await waitFor('30 events sent', async () => queue.stats().sent === 30);
    expect(queue.stats().round_trips).toBe(1);
    expect(await jobsIn(prefix)).toHaveLength(30);
  });

  test('with Redis down, events wait in the bounded buffer and overflow is counted', async () => {
    const proxy = new TcpProxy(redisTarget().host, redisTarget().port);
    await proxy.start();
    const port = proxy.port;
    await proxy.stop();
    const prefix = uniquePrefix('dlq-down');
    prefixes.push(prefix);
    const queue = new DecisionLogQueue({
      redisUrl: `redis://127.0.0.1:${port}`,
      prefix,
      bufferSize: 5,
      retryMinMs: 20,
    });
    cleanups.push(() => queue.close(100));
    const started = Date.now();
    const events = Array.from({ length: 8 }, event);
    events.forEach((e) => queue.enqueue(e));
    // Redis is down: enqueueing must not wait for connection attempts (each takes far longer).
    expect(Date.now() - started).toBeLessThan(300);
    await waitFor('a connection error', () => queue.stats().last_error !== undefined);
    expect(queue.stats()).toMatchObject({ redis_connected: false, buffered: 5, dropped: 3, sent: 0 });

    // Redis comes back on the same port: the buffered (newest five) events are delivered
    await proxy.start(port);
    cleanups.push(() => proxy.stop());
    await waitFor('delivery after reconnect', () => queue.stats().sent === 5, 10_000);
    const jobs = await jobsIn(prefix);
    expect(jobs.map((j) => j.decision_id).sort()).toEqual(
      events
        .slice(3)
        .map((e) => e.decision_id)
        .sort(),
    );
    expect(queue.stats()).toMatchObject({ buffered: 0, dropped: 3, redis_connected: true });
  });

  test('with Redis slow, enqueue never waits', async () => {
    const proxy = new TcpProxy(redisTarget().host, redisTarget().port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const prefix = uniquePrefix('dlq-slow');
    prefixes.push(prefix);
    const queue = new DecisionLogQueue({ redisUrl: proxy.url, prefix });
    cleanups.push(() => queue.close(3000));
    await waitFor('connected', () => queue.stats().redis_connected);
    proxy.delayMs = 400;
    const started = process.hrtime.bigint();
    for (let i = 0; i < 50; i++) queue.enqueue(event());
    const enqueueMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Each Redis round trip takes 400 ms here: anything that waited would take seconds.
    expect(enqueueMs).toBeLessThan(300);
    expect(queue.stats().buffered).toBeGreaterThan(0);
    expect(await queue.flush(8000)).toBe(true);
    expect(queue.stats().sent).toBe(50);
  });
});
