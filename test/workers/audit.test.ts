import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestEvent, TransitionAuditEvent } from '../../services/audit/event.js';
import { requestEventBase } from '../../services/audit/event.js';
import { AuditProducer } from '../../services/audit/producer.js';
import { createLogger } from '../../services/common/logger.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startWorkers } from '../../services/workers/index.js';
import { newApproval, reviewer } from '../approvals/support/fixtures.js';
import { waitForHealth } from '../audit/support/export.js';
import { onTestDatabase, testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

const logger = createLogger({ level: 'silent' });
const AUDITOR_KEY = 'auditor-key-' + 'a'.repeat(24);
const ENGINEER_KEY = 'engineer-key-' + 'e'.repeat(24);
const source = { service: 'proxy', instance: 'test' };

function requestEvent(i: number): RequestEvent {
  return {
    ...requestEventBase(source, Date.UTC(2026, 0, 1, 0, 0, i)),
    level: 'basic',
    outcome: i % 2 ? 'denied' : 'forwarded',
    error: i % 2 ? 'forbidden' : null,
    identity: { sub: i % 2 ? 'mallory' : 'alice', type: 'user', method: 'jwt', issuer: 'iss', groups: [] },
    connection: 'crm',
    source_ip: '127.0.0.1',
    request: { method: 'GET', path: `/customers/${i}`, query: {}, headers: {} },
    response: { status: i % 2 ? 403 : 200, headers: {} },
    decision: { allow: !(i % 2), reasons: [], masks: null, approval_required: false, fail_open: false },
    durations: { total_ms: 1 },
    trace_id: `trace-${i}`,
  };
}

describe('workers: audit export, API and approval transitions', () => {
  const prefix = uniquePrefix('workers-audit');
  const schema = uniqueSchema('workers_audit');
  let dir: string;
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let producer: AuditProducer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-workers-audit-'));
    workers = await startWorkers({
      redisUrl: testRedisUrl(),
      prefix,
      host: '127.0.0.1',
      port: 0,
      logger,
      approvals: {
        identity: {},
        config: {},
      },
      audit: {
        identity: {
          apiKeys: [
            { id: 'auditor', sha256: hashApiKey(AUDITOR_KEY), subject: 'ann', groups: ['auditors'] },
            { id: 'engineer', sha256: hashApiKey(ENGINEER_KEY), subject: 'eve', groups: ['engineers'] },
          ],
        },
        config: {
          transport: { trimIntervalMs: 50 },
          spool: { dir: join(dir, 'spool') },
          sinks: [
            { type: 'postgres', name: 'store', url: testPostgresUrl(), schema, batch: { timeoutMs: 50 } },
            { type: 'file', name: 'trail', dir: join(dir, 'files'), batch: { timeoutMs: 50 } },
          ],
        },
      },
    });
    producer = new AuditProducer({ redisUrl: testRedisUrl(), prefix, source });
  }, 60_000);
  afterAll(async () => {
    await producer.close();
    await workers.close();
    await onTestDatabase((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await deleteKeys(prefix);
    await rm(dir, { recursive: true, force: true });
  });

  const api = async (path: string, key = AUDITOR_KEY, init: RequestInit = {}) => {
    const res = await fetch(`${workers.url}${path}`, { ...init, headers: { 'x-api-key': key } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('exports events to every sink and serves them to auditors, filtered and paged', async () => {
    const events = Array.from({ length: 25 }, (_, i) => requestEvent(i));
    for (const e of events) producer.record(e);
    expect(await producer.flush(10_000)).toBe(true);
    const exporter = workers.audit!.exporter;
    await waitForHealth(exporter, (h) => h.sinks.store.delivered >= 25 && h.sinks.trail.delivered >= 25);

    const denied = await api('/v1/audit/events?subject=mallory&decision=deny&status=403&order=asc');
    expect(denied.status).toBe(200);
    expect((denied.body.events as RequestEvent[]).map((e) => e.request.path)).toEqual(
      events.filter((_, i) => i % 2).map((e) => e.request.path),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(`/v1/audit/events?kind=request&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(page.body.events as RequestEvent[]).map((e) => e.event_id));
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    expect(seen).toEqual(events.map((e) => e.event_id).reverse());
    const one = await api(`/v1/audit/events/${events[3].event_id}`);
    expect(one.body).toMatchObject({ event_id: events[3].event_id, trace_id: 'trace-3' });
    const window = await api(
      '/v1/audit/events?since=2026-01-01T00:00:05Z&until=2026-01-01T00:00:08Z&order=asc&kind=request',
    );
    expect((window.body.events as RequestEvent[]).map((e) => e.trace_id)).toEqual([
      'trace-5',
      'trace-6',
      'trace-7',
    ]);
    const health = (await (await fetch(`${workers.url}/health`)).json()) as { audit: { sinks: object } };
    expect(health.audit.sinks).toMatchObject({
      store: { state: 'running', dead_lettered: 0 },
      trail: { dropped: 0 },
    });
  });

  it('refuses callers outside the auditor group, bad credentials and bad filters, with codes', async () => {
    expect(await api('/v1/audit/events', ENGINEER_KEY)).toMatchObject({
      status: 403,
      body: { code: 'audit_forbidden' },
    });
    expect((await api('/v1/audit/events', 'nope-' + 'x'.repeat(30))).status).toBe(401);
    for (const bad of [
      'decision=maybe',
      'status=abc',
      'since=yesterday',
      'limit=0',
      'cursor=zzz',
      'colour=red',
    ]) {
      expect(await api(`/v1/audit/events?${bad}`)).toMatchObject({
        status: 400,
        body: { code: 'audit_query_invalid' },
      });
    }
    expect(await api('/v1/audit/events/01a250ff-5b2f-7224-9a70-e154a381b881')).toMatchObject({
      status: 404,
      body: { code: 'audit_event_not_found' },
    });
  });

  it('records approval transitions, once each, and verify finds the chain intact', async () => {
    const approvals = workers.approvals!.approvals;
    const record = await approvals.request(newApproval({ connection: 'crm' }));
    await approvals.review(record.id, reviewer('dora'), 'approve', 'looks fine', 'api');
    const exporter = workers.audit!.exporter;
    let found: TransitionAuditEvent[] = [];
    for (let i = 0; i < 200 && found.length < 3; i++) {
      const page = await api(`/v1/audit/events?approval_id=${record.id}&order=asc`);
      found = page.body.events as TransitionAuditEvent[];
      if (found.length < 3) await exporter.nextTick();
    }
    expect(found.map((e) => [e.kind, e.transition])).toEqual([
      ['approval', 'approval.requested'],
      ['approval', 'approval.reviewed'],
      ['approval', 'approval.approved'],
    ]);
    expect(found[1]).toMatchObject({ subject: 'alice', connection: 'crm', actor: 'dora' });
    const verify = await api('/v1/audit/verify', AUDITOR_KEY, { method: 'POST' });
    expect(verify.body).toMatchObject({ ok: true });
  });
});
