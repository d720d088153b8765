import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { bundleEvent, type AuditEvent } from '../../services/audit/event.js';
import { AuditProducer } from '../../services/audit/producer.js';
import { auditStreamKeys } from '../../services/audit/stream.js';
import { onTestDatabase, testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import { OwnRedis } from '../support/redis-server.js';
import { startHttpReceiver, startSplunkReceiver, type Receiver } from './support/siems.js';
import { startWorkersChild, type WorkersChild } from './support/workers-child.js';

/**
 * No loss under faults: a worker SIGKILLed mid-batch (a child process),
 * Redis killed and restarted mid-stream (a redis-server of the test's own,
 * its append-only file synced on every write), sinks answering 500, 429
 * with Retry-After, HEC busy, and hanging. Afterwards every event produced
 * is in every sink, duplicates only as the same event_id, counted exactly.
 * `npm test` runs it over 4,000 events; PORTCULLIS_AUDIT_FAULTS_LONG=1 over
 * 100,000 (README: long campaigns). Needs `npm run build` (the child runs dist/).
 */
const LONG = process.env.PORTCULLIS_AUDIT_FAULTS_LONG === '1';
const TOTAL = LONG ? 100_000 : 4_000;
const QUARTER = TOTAL / 4;
const SPLUNK_TOKEN = 'fault-token';

describe(`audit export under faults (${TOTAL} events)`, () => {
  let dir: string;
  let redis: OwnRedis;
  let http: Receiver;
  let splunk: Receiver;
  const schema = uniqueSchema('faults');
  const prefix = 'faults';
  const children: WorkersChild[] = [];
  let producer: AuditProducer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-faults-'));
    redis = await OwnRedis.start();
    http = await startHttpReceiver('siem');
    splunk = await startSplunkReceiver(SPLUNK_TOKEN, 'splunk');
  });
  afterAll(async () => {
    await producer?.close(0);
    for (const child of children) await child.close();
    await http?.close();
    await splunk?.close();
    await redis?.stop();
    await onTestDatabase((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await rm(dir, { recursive: true, force: true });
  });

  function workersOptions() {
    const batch = { maxEvents: 500, timeoutMs: 100 };
    const request = { timeoutMs: 3000, retry: { initialBackoffMs: 50, maxBackoffMs: 2000, maxTries: 1000 } };
    return {
      redisUrl: redis.url,
      prefix,
      audit: {
        identity: {},
        config: {
          transport: { trimIntervalMs: 100, claimIdleMs: 1500 },
          spool: { dir: join(dir, 'workers-spool') },
          retention: { intervalSeconds: 3600 },
          sinks: [
            { type: 'http' as const, name: 'siem', url: `${http.url}/in`, batch, request },
            {
              type: 'splunk' as const,
              name: 'splunk',
              url: splunk.url,
              token: { value: SPLUNK_TOKEN },
              batch,
              request,
            },
            { type: 'file' as const, name: 'trail', dir: join(dir, 'files'), batch, request },
            { type: 'postgres' as const, name: 'store', url: testPostgresUrl(), schema, batch, request },
          ],
        },
      },
    };
  }

  async function startChild(): Promise<WorkersChild> {
    const child = await startWorkersChild(workersOptions());
    children.push(child);
    return child;
  }

  /**
   * Produces `n` events numbered from `from`; resolves once all are in
   * Redis or synced to the spool (events keep their order, so the last
   * one's durable record vouches for those before it).
   */
  async function produce(from: number, n: number, produced: AuditEvent[]): Promise<void> {
    for (let i = from; i < from + n; i++) {
      const event = bundleEvent(
        { name: `b${i}`, revision: String(i), outcome: 'activated' },
        producer.source,
      );
      produced.push(event);
      if (i % 1000 === 999 || i === from + n - 1) await producer.recordDurable(event, 60_000);
      else producer.record(event);
    }
  }

  async function fileIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdir(join(dir, 'files'))) {
      if (!/\.jsonl(\.gz)?$/.test(name)) continue;
      const raw = await readFile(join(dir, 'files', name));
      const text = name.endsWith('.gz') ? gunzipSync(raw).toString() : raw.toString();
      for (const line of text.split('\n')) if (line) ids.push((JSON.parse(line) as AuditEvent).event_id);
    }
    return ids;
  }

  async function storeCount(): Promise<number> {
    return onTestDatabase(async (c) => {
      const exists = await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1`, [
        schema,
      ]);
      if (exists.rows.length === 0) return 0;
      return Number((await c.query(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0].n);
    });
  }

  /** Polls a count (file and store have no push notice) until it reaches `n`, within `limitMs`. */
  async function until(what: string, read: () => Promise<number>, n: number, limitMs: number): Promise<void> {
    const deadline = Date.now() + limitMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      const got = await read();
      if (got >= n) return;
      if (Date.now() > deadline) throw new Error(`${what}: ${got} of ${n}`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  it('delivers every event to every sink after a SIGKILL mid-batch, a Redis restart and failing sinks', async () => {
    producer = new AuditProducer({
      redisUrl: redis.url,
      prefix,
      source: { service: 'faults', instance: 'test' },
      spool: { dir: join(dir, 'producer-spool') },
      retryMaxMs: 500,
    });
    await producer.ready();
    const produced: AuditEvent[] = [];
    let first = await startChild();
    // 1. Sinks failing: 500 three times, HEC busy twice.
    http.behave({ kind: 'status', status: 500, times: 3 });
    splunk.behave({ kind: 'status', status: 503, body: '{"text":"Server is busy","code":9}', times: 2 });
    await produce(0, QUARTER, produced);
    // 2. The http sink hangs on a batch; the worker holding it is killed (SIGKILL) mid-batch.
    await http.waitForEvents(QUARTER);
    const before = http.requests.length;
    http.behave({ kind: 'hang', times: 1 });
    await produce(QUARTER, QUARTER, produced);
    await http.waitForRequests(before + 1);
    await first.kill();
    http.behave({ kind: 'ok' });
    first = await startChild();
    // 3. Redis dies mid-stream (the producer spools) and comes back.
    await produce(2 * QUARTER, QUARTER / 2, produced);
    await redis.kill();
    await produce(2 * QUARTER + QUARTER / 2, QUARTER / 2, produced);
    expect(producer.stats().spooled).toBeGreaterThan(0);
    await redis.restart();
    // 4. A 429 with Retry-After.
    http.behave({ kind: 'status', status: 429, retryAfter: '1', times: 1 });
    await produce(3 * QUARTER, QUARTER, produced);
    expect(await producer.flush(120_000)).toBe(true);
    expect(produced).toHaveLength(TOTAL);
    const limit = LONG ? 900_000 : 120_000;
    const unique = (list: string[]) => new Set(list).size;
    await until('http sink', async () => unique(http.events.map((e) => e.event_id as string)), TOTAL, limit);
    await until(
      'splunk sink',
      async () => unique(splunk.events.map((e) => (e.event as AuditEvent).event_id)),
      TOTAL,
      limit,
    );
    await until('file sink', async () => unique(await fileIds()), TOTAL, limit);
    await until('store', storeCount, TOTAL, limit);
    const expected = new Set(produced.map((e) => e.event_id));
    const check = (name: string, ids: string[]) => {
      // Exactly the events produced (duplicates only as the same event_id).
      expect({ name, unique: unique(ids), foreign: ids.filter((id) => !expected.has(id)).length }).toEqual({
        name,
        unique: TOTAL,
        foreign: 0,
      });
    };
    check(
      'http',
      http.events.map((e) => e.event_id as string),
    );
    check(
      'splunk',
      splunk.events.map((e) => (e.event as AuditEvent).event_id),
    );
    check('file', await fileIds());
    const stored = await onTestDatabase(async (c) =>
      (await c.query(`SELECT event_id::text AS id FROM "${schema}".events`)).rows.map((r) => r.id as string),
    );
    check('store', stored);
    expect(stored).toHaveLength(TOTAL);

    // Nothing was dead-lettered or dropped; the stream is trimmed once all acknowledged.
    const health = await first.health();
    for (const name of ['siem', 'splunk', 'trail', 'store']) {
      expect({ name, dead: health.sinks[name].dead_lettered, dropped: health.sinks[name].dropped }).toEqual({
        name,
        dead: 0,
        dropped: 0,
      });
    }
    expect(health.sinks.siem.retried).toBeGreaterThan(0);
    expect(health.sinks.splunk.retried).toBeGreaterThan(0);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      for (const name of ['siem', 'splunk', 'trail', 'store'])
        expect(await client.xlen(auditStreamKeys(prefix).deadLetter(name))).toBe(0);
    } finally {
      client.disconnect();
    }
    expect(producer.stats().dropped).toBe(0);
  }, 1_200_000);
});
