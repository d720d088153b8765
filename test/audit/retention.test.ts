import { queuePrefix } from '../../services/common/redis.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { auditConfigSchema, sinkConfigSchema, type FileSinkConfig } from '../../services/audit/config.js';
import {
  decisionLogEvent,
  requestEventBase,
  transitionEvent,
  type AuditEvent,
  type RequestEvent,
} from '../../services/audit/event.js';
import { applyFileRetention, applyStoreRetention } from '../../services/audit/retention.js';
import { FileSink } from '../../services/audit/sinks/file.js';
import { postgresSql, type Sql } from '../../services/audit/store/sql.js';
import { AuditStore } from '../../services/audit/store/store.js';
import { verifyChain } from '../../services/audit/store/verify.js';
import { createLogger } from '../../services/common/logger.js';
import { startWorkers } from '../../services/workers/index.js';
import { testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { source } from './support/export.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function request(day: number, who: string, connection: string, bodyBytes = 100): RequestEvent {
  return {
    ...requestEventBase(source, T0 + day * DAY),
    level: 'full',
    outcome: 'forwarded',
    error: null,
    identity: { sub: who, type: 'user', method: 'jwt', issuer: 'i', groups: [] },
    connection,
    source_ip: '127.0.0.1',
    request: { method: 'GET', path: `/d${day}`, query: {}, headers: {} },
    response: {
      status: 200,
      headers: {},
      body: { size: bodyBytes, encoding: 'utf8', content: 'x'.repeat(bodyBytes), truncated: false },
    },
    decision: { allow: true, reasons: [], masks: null, approval_required: false, fail_open: false },
    durations: { total_ms: 1 },
  };
}

function decisionLog(day: number): AuditEvent {
  return decisionLogEvent(
    {
      labels: {},
      decision_id: `d${day}`,
      path: 'gateway/decision',
      requested_by: 'x',
      timestamp: new Date(T0 + day * DAY).toISOString(),
      req_id: day,
    },
    source,
    T0 + day * DAY,
  );
}

function approval(day: number): AuditEvent {
  return transitionEvent(
    'approval',
    {
      approval_id: `a${day}`,
      transition: 'approval.approved',
      subject: 'alice',
      connection: 'crm',
      details: {},
    },
    source,
    T0 + day * DAY,
  );
}

describe('retention on the store', () => {
  let sql: Sql;
  let store: AuditStore;
  let schema: string;
  beforeEach(async () => {
    schema = uniqueSchema('retention');
    sql = postgresSql(testPostgresUrl());
    store = await AuditStore.open(sql, schema);
  });
  afterEach(async () => {
    await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.close();
  });

  const paths = async () =>
    (await store.query({ order: 'asc', limit: 1000, kind: 'request' })).events.map(
      (e) => (e.event as RequestEvent).request.path,
    );

  it('purges each class past its days, bodies sooner, keeps legal holds, and the chain still verifies', async () => {
    await store.append([
      request(0, 'alice', 'crm'),
      decisionLog(0),
      approval(0),
      request(1, 'mallory', 'crm'),
      request(2, 'bob', 'github'),
      request(20, 'alice', 'crm'),
      decisionLog(20),
      request(45, 'alice', 'crm'),
    ]);
    const retention = auditConfigSchema.parse({
      retention: {
        request: { days: 30 },
        body: { days: 10 },
        decision_log: { days: 5 },
        approval: { days: 365 },
        legalHolds: [{ subject: 'mallory', reason: 'investigation 7' }],
      },
    }).retention;
    const report = await applyStoreRetention(store, retention, T0 + 50 * DAY);
    // Requests of days 0 and 2 (day 20 is exactly 30 days old: kept), both decision logs, day 20's body.
    expect(report.purged).toEqual({
      request: { events: 2, bytes: expect.any(Number) },
      decision_log: { events: 2, bytes: expect.any(Number) },
      body: { events: 1, bytes: expect.any(Number) },
    });
    expect(await paths()).toEqual(['/d1', '/d20', '/d45']);
    const [older, newer] = (
      await store.query({ kind: 'request', subject: 'alice', order: 'asc' })
    ).events.map((e) => e.event as RequestEvent);
    expect(older.response.body?.omitted).toBe('purged');
    expect(newer.response.body?.content).toBe('x'.repeat(100));
    const held = (await store.query({ subject: 'mallory' })).events[0].event as RequestEvent;
    expect(held.response.body?.content).toBe('x'.repeat(100));
    expect((await store.query({ kind: 'approval' })).events).toHaveLength(1);
    // The first purged events were compacted away: the chain now starts after them.
    expect(report.compacted).toBe(2);
    const verify = await verifyChain(store);
    expect(verify).toMatchObject({ ok: true, anchor: { seq: 2 } });
    expect(verify.purged).toBeGreaterThan(0);
    // Running again changes nothing.
    expect((await applyStoreRetention(store, retention, T0 + 50 * DAY)).purged).toEqual({});
  });

  it('enforces a class size cap, oldest first', async () => {
    await store.append(Array.from({ length: 10 }, (_, i) => request(i, 'alice', 'crm', 1000)));
    const { classes } = await store.stats();
    const each = classes.request.bytes / 10;
    const retention = auditConfigSchema.parse({
      retention: { request: { maxBytes: Math.ceil(each * 4.5) } },
    }).retention;
    const report = await applyStoreRetention(store, retention, T0 + 11 * DAY);
    expect(report.purged.request?.events).toBe(6);
    expect(await paths()).toEqual(['/d6', '/d7', '/d8', '/d9']);
    expect((await verifyChain(store)).ok).toBe(true);
  });
});

describe('retention on file sinks', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-file-retention-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('removes rotated files once every class they hold is past its days, unless a legal hold covers them', async () => {
    let now = T0;
    const config = sinkConfigSchema.parse({
      type: 'file',
      name: 'trail',
      dir,
      rotate: { intervalSeconds: 86_400, compress: false },
      keep: { count: 100 },
    }) as FileSinkConfig;
    const sink = new FileSink(config, { now: () => now });
    await sink.start();
    const write = async (events: AuditEvent[]) => {
      await sink.deliver({ events, lines: events.map((e) => JSON.stringify(e)) });
      now += DAY;
      await sink.rotateIfDue();
    };
    await write([request(0, 'bob', 'github')]);
    await write([request(1, 'mallory', 'crm')]);
    await write([request(2, 'bob', 'github'), approval(2)]);
    await write([request(3, 'bob', 'github')]);
    await sink.settled();
    expect(await sink.rotatedFiles()).toHaveLength(4);
    const retention = auditConfigSchema.parse({
      retention: { request: { days: 30 }, legalHolds: [{ connection: 'crm', reason: 'audit 2026' }] },
    }).retention;
    expect(await applyFileRetention(sink, retention, T0 + 34 * DAY)).toBe(2);
    const left = (await sink.rotatedFiles()).map((f) => f.meta!.connections);
    // crm is held; the file with an approval is kept (for the approval class's 365 days, and its crm).
    expect(left).toEqual([['crm'], ['github', 'crm']]);
    await sink.close();
  });
});

describe('the retention job', () => {
  it('runs on schedule as a BullMQ repeatable job in the workers', async () => {
    const prefix = uniquePrefix('retention-job');
    const schema = uniqueSchema('retention_job');
    const sql = postgresSql(testPostgresUrl());
    const store = await AuditStore.open(sql, schema);
    await store.append([request(0, 'alice', 'crm')]);
    const workers = await startWorkers({
      redisUrl: testRedisUrl(),
      prefix,
      host: '127.0.0.1',
      port: 0,
      logger: createLogger({ level: 'silent' }),
      audit: {
        identity: {},
        now: () => T0 + 400 * DAY,
        config: {
          spool: { enabled: false },
          retention: { intervalSeconds: 1 },
          sinks: [{ type: 'postgres', name: 'store', url: testPostgresUrl(), schema }],
        },
      },
    });
    const events = new QueueEvents('audit-retention', {
      connection: { url: testRedisUrl() },
      prefix: queuePrefix(prefix, 'audit-retention'),
    });
    try {
      await events.waitUntilReady();
      const schedulers = await workers.audit!.retentionQueue.getJobSchedulers();
      expect(schedulers.map((s) => s.key ?? s.id)).toContain('audit-retention');
      await new Promise<void>((resolve) => events.once('completed', () => resolve()));
      expect((await store.query({})).events).toEqual([]);
    } finally {
      await events.close();
      await workers.close();
      await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await store.close();
      await deleteKeys(prefix);
    }
  });
});
