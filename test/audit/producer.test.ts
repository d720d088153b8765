import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { bundleEvent, type AuditEvent } from '../../services/audit/event.js';
import { AuditProducer } from '../../services/audit/producer.js';
import { auditStreamKeys, EVENT_FIELD } from '../../services/audit/stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { OwnRedis } from '../support/redis-server.js';

const source = { service: 'test', instance: 'test:1' };
const event = (i: number): AuditEvent => bundleEvent({ name: `b${i}`, outcome: 'activated' }, source);

async function streamIds(redisUrl: string, prefix: string): Promise<string[]> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const ids: string[] = [];
    let start = '-';
    for (;;) {
      const entries = await client.xrange(auditStreamKeys(prefix).events, start, '+', 'COUNT', 5000);
      for (const [, fields] of entries)
        ids.push((JSON.parse(fields[fields.indexOf(EVENT_FIELD) + 1]) as AuditEvent).event_id);
      if (entries.length < 5000) return ids;
      start = `(${entries[entries.length - 1][0]}`;
    }
  } finally {
    client.disconnect();
  }
}

let dir: string;
const prefixes: string[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-producer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await Promise.all(prefixes.splice(0).map((p) => deleteKeys(p)));
});

describe('audit producer', () => {
  it('puts every event on the stream, in order', async () => {
    const prefix = uniquePrefix('producer');
    prefixes.push(prefix);
    const producer = new AuditProducer({ redisUrl: testRedisUrl(), prefix, source, batchSize: 50 });
    await producer.ready();
    const events = Array.from({ length: 1000 }, (_, i) => event(i));
    for (const e of events) producer.record(e);
    expect(await producer.flush(10_000)).toBe(true);
    expect(await streamIds(testRedisUrl(), prefix)).toEqual(events.map((e) => e.event_id));
    expect(producer.stats()).toMatchObject({ sent: 1000, dropped: 0, spooled: 0 });
    await producer.close();
  });

  it('puts each line on the stream byte for byte: multi-byte text, newlines and commas included', async () => {
    const prefix = uniquePrefix('producer-bytes');
    prefixes.push(prefix);
    const producer = new AuditProducer({ redisUrl: testRedisUrl(), prefix, source, batchSize: 3 });
    await producer.ready();
    const events = Array.from({ length: 7 }, (_, i) => event(i));
    // A decision log's line may carry the caller's input text as sent (pretty-printed JSON).
    const lines = events.map((e, i) => {
      const text = JSON.stringify(e);
      return `${text.slice(0, -1)},"input":{\n  "name": "Zoë ☃ ${'😀'.repeat(i)}",\r\n  "n": [1,2]\n}}`;
    });
    events.forEach((e, i) => producer.record(e, lines[i]));
    expect(await producer.flush(10_000)).toBe(true);
    const client = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      const entries = await client.xrange(auditStreamKeys(prefix).events, '-', '+');
      expect(entries.map(([, fields]) => fields[fields.indexOf(EVENT_FIELD) + 1])).toEqual(lines);
    } finally {
      client.disconnect();
    }
    await producer.close();
  });

  it('spools while Redis is down and replays in order when it returns (restart of its own redis-server)', async () => {
    const redis = await OwnRedis.start();
    const prefix = 'spool-replay';
    const producer = new AuditProducer({
      redisUrl: redis.url,
      prefix,
      source,
      spool: { dir },
      batchSize: 64,
      retryMaxMs: 200,
    });
    try {
      await producer.ready();
      const events = Array.from({ length: 3000 }, (_, i) => event(i));
      for (const e of events.slice(0, 1000)) producer.record(e);
      expect(await producer.flush(10_000)).toBe(true);
      await redis.kill();
      for (const e of events.slice(1000, 2000)) producer.record(e);
      // Durable: in the spool, synced, while Redis is away.
      await producer.recordDurable(events[2000]);
      expect(producer.stats().spooled).toBeGreaterThan(0);
      expect(producer.stats().redis_connected).toBe(false);
      await redis.restart();
      for (const e of events.slice(2001)) producer.record(e);
      expect(await producer.flush(20_000)).toBe(true);
      const ids = await streamIds(redis.url, prefix);
      // At least once: a batch Redis took just before it died may come twice, with the same id.
      expect([...new Set(ids)]).toEqual(events.map((e) => e.event_id));
      expect(producer.stats()).toMatchObject({ dropped: 0 });
      expect(producer.stats().replayed).toBeGreaterThanOrEqual(1000);
    } finally {
      await producer.close();
      await redis.stop();
    }
  });

  it('past the spool bound, events are dropped, counted, and a durable record is refused', async () => {
    const errors: object[] = [];
    const producer = new AuditProducer({
      redisUrl: 'redis://127.0.0.1:1',
      source,
      spool: { dir, maxBytes: 4096 },
      logger: { warn: () => undefined, error: (obj) => errors.push(obj) },
    });
    await producer.ready();
    for (let i = 0; i < 100; i++) producer.record(event(i));
    await expect(producer.recordDurable(event(100))).rejects.toMatchObject({ code: 'audit_unavailable' });
    expect(producer.canRecord()).toBe(false);
    const stats = producer.stats();
    expect(stats.spooled + stats.dropped).toBe(101);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.spool!.bytes).toBeLessThanOrEqual(4096);
    expect(errors[0]).toMatchObject({ reason: expect.stringMatching(/spool is full/) });
    await producer.close();
  });

  it('without a spool, waits in memory for Redis and drops the oldest past the buffer, counted', async () => {
    const producer = new AuditProducer({ redisUrl: 'redis://127.0.0.1:1', source, bufferSize: 10 });
    for (let i = 0; i < 25; i++) producer.record(event(i));
    expect(producer.stats()).toMatchObject({ buffered: 10, dropped: 15 });
    await producer.close(0);
    expect(producer.stats().dropped).toBe(25);
  });

  it('a clean shutdown with Redis away leaves the buffered events in the spool for the next run', async () => {
    const redis = await OwnRedis.start();
    const prefix = 'shutdown';
    await redis.kill();
    const first = new AuditProducer({
      redisUrl: redis.url,
      prefix,
      source,
      spool: { dir },
      lingerMs: 60_000,
    });
    await first.ready();
    const events = Array.from({ length: 10 }, (_, i) => event(i));
    for (const e of events) first.record(e);
    await first.close();
    expect(first.stats().spooled).toBe(10);
    await redis.restart();
    const second = new AuditProducer({ redisUrl: redis.url, prefix, source, spool: { dir } });
    try {
      await second.ready();
      expect(await second.flush(10_000)).toBe(true);
      expect(await streamIds(redis.url, prefix)).toEqual(events.map((e) => e.event_id));
    } finally {
      await second.close();
      await redis.stop();
    }
  });
});
