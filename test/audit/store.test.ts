import { requestEventBase, type AuditEvent, type RequestEvent } from '../../services/audit/event.js';
import { pgliteSql, postgresSql, type Sql } from '../../services/audit/store/sql.js';
import { AuditStore } from '../../services/audit/store/store.js';
import { verifyChain } from '../../services/audit/store/verify.js';
import { testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import { sampleEvents, source } from './support/export.js';

function requestEvent(i: number, extra: Partial<RequestEvent> = {}): RequestEvent {
  return {
    ...requestEventBase(source, Date.UTC(2026, 0, 1) + i * 1000),
    level: 'full',
    outcome: i % 3 === 0 ? 'denied' : 'forwarded',
    error: i % 3 === 0 ? 'forbidden' : null,
    identity: { sub: `user-${i % 4}`, type: 'user', method: 'jwt', issuer: 'iss', groups: [] },
    connection: i % 2 === 0 ? 'github' : 'crm',
    source_ip: '127.0.0.1',
    request: {
      method: 'GET',
      path: `/items/${i}`,
      query: {},
      headers: {},
      body: { size: 2, encoding: 'utf8', content: '{}', truncated: false },
    },
    response: { status: i % 3 === 0 ? 403 : 200, headers: {} },
    decision: {
      allow: i % 3 !== 0,
      reasons: [],
      masks: null,
      approval_required: false,
      fail_open: false,
      ...(i === 7 ? { approval_id: 'appr-7' } : {}),
    },
    durations: { total_ms: 1 },
    trace_id: `trace-${i}`,
    decision_id: `dec-${i}`,
    ...extra,
  };
}

const engines: [string, () => Promise<Sql>][] = [
  ['PostgreSQL', async () => postgresSql(testPostgresUrl())],
  // One PGlite per file: starting one (initdb) takes seconds on a loaded machine.
  ['PGlite', () => pgliteSql()],
];

describe.each(engines)('audit store on %s', (_name, connect) => {
  let schema: string;
  let store: AuditStore;
  let sql: Sql;
  beforeAll(async () => {
    sql = await connect();
  }, 120_000);
  afterAll(async () => {
    await sql.close();
  });
  beforeEach(async () => {
    schema = uniqueSchema('store');
    store = await AuditStore.open(sql, schema);
  });
  afterEach(async () => {
    await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it('appends in order, once per event_id, and reopening migrates nothing twice', async () => {
    const events: AuditEvent[] = Array.from({ length: 12 }, (_, i) => requestEvent(i));
    expect(await store.append(events.slice(0, 8))).toEqual({ inserted: 8, duplicates: 0 });
    expect(await store.append(events.slice(4))).toEqual({ inserted: 4, duplicates: 4 });
    const again = await AuditStore.open(sql, schema);
    expect((await again.stats()).head).toBe(12);
    const all = await store.query({ order: 'asc', limit: 1000 });
    expect(all.events.map((e) => e.event!.event_id)).toEqual(events.map((e) => e.event_id));
    // Bodies are stored apart and put back.
    expect(all.events[0].event).toEqual(events[0]);
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('stores the text each event travelled as, and facets a text column cannot hold', async () => {
    const plain = { ...requestEvent(1), request: { ...requestEvent(1).request, body: undefined } };
    // As it travelled: another key order than JSON.stringify of the parsed event gives.
    const { event_id, ...rest } = plain;
    const line = JSON.stringify({ ...rest, event_id });
    const hostile = requestEvent(2, {
      identity: {
        sub: 'nul\u0000 lone\ud800 pair\ud83d\ude00',
        type: 'user',
        method: 'jwt',
        issuer: 'iss',
        groups: [],
      },
      trace_id: 'trace-\udc00',
    });
    expect(await store.append([plain, hostile], [line, JSON.stringify(hostile)])).toEqual({
      inserted: 2,
      duplicates: 0,
    });
    const rows = (
      await sql.query<{ event: string; subject: string; trace_id: string }>(
        `SELECT event, subject, trace_id FROM "${schema}".events ORDER BY seq`,
      )
    ).rows;
    expect(rows[0].event).toBe(line);
    expect(rows[1].subject).toBe('nul\ufffd lone\ufffd pair\ud83d\ude00');
    expect(rows[1].trace_id).toBe('trace-\ufffd');
    // The event itself keeps what was recorded.
    expect((await store.get(hostile.event_id))!.event).toEqual(hostile);
    expect(await store.query({ subject: 'nul\ufffd lone\ufffd pair\ud83d\ude00' })).toMatchObject({
      events: [{ event: { event_id: hostile.event_id } }],
    });
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('filters on subject, connection, decision, status, approval id, trace id and time, with cursor pages', async () => {
    await store.append(Array.from({ length: 30 }, (_, i) => requestEvent(i)));
    const ids = async (q: Parameters<AuditStore['query']>[0]) =>
      (await store.query(q)).events.map((e) => (e.event as RequestEvent).request.path);
    expect(await ids({ subject: 'user-1', connection: 'crm', order: 'asc' })).toEqual(
      [1, 5, 9, 13, 17, 21, 25, 29].map((i) => `/items/${i}`),
    );
    expect((await ids({ decision: 'deny' })).length).toBe(10);
    expect((await ids({ status: 403 })).length).toBe(10);
    expect(await ids({ approvalId: 'appr-7' })).toEqual(['/items/7']);
    expect(await ids({ traceId: 'trace-3' })).toEqual(['/items/3']);
    expect(
      await ids({
        since: new Date(Date.UTC(2026, 0, 1, 0, 0, 10)),
        until: new Date(Date.UTC(2026, 0, 1, 0, 0, 13)),
        order: 'asc',
      }),
    ).toEqual(['/items/10', '/items/11', '/items/12']);
    // Newest first, ten at a time, every event exactly once.
    const seen: string[] = [];
    let cursor: number | undefined;
    do {
      const page = await store.query({ limit: 10, cursor });
      seen.push(...page.events.map((e) => (e.event as RequestEvent).request.path));
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `/items/${29 - i}`));
    const one = await store.get((await store.query({ traceId: 'trace-4' })).events[0].event!.event_id);
    expect((one!.event as RequestEvent).request.path).toBe('/items/4');
    expect(await store.get('01a250ff-5b2f-7224-9a70-e154a381b881')).toBeUndefined();
    expect(await store.get('not-an-id')).toBeUndefined();
  });

  describe('verify names the first tampered event', () => {
    let events: AuditEvent[];
    beforeEach(async () => {
      events = [...sampleEvents(5), ...Array.from({ length: 5 }, (_, i) => requestEvent(i))];
      await store.append(events);
      expect(await verifyChain(store, 3)).toMatchObject({ ok: true, checked: 10 });
    });
    const s = () => `"${schema}"`;

    it('a changed event', async () => {
      await sql.query(
        `UPDATE ${s()}.events SET event = replace(event, 'bundle-3', 'bundle-X') WHERE seq = 4`,
      );
      expect((await verifyChain(store, 3)).problem).toMatchObject({
        kind: 'changed',
        seq: 4,
        event_id: events[3].event_id,
      });
    });

    it('changed bodies', async () => {
      await sql.query(`UPDATE ${s()}.events SET bodies = replace(bodies, '{}', '[]') WHERE seq = 8`);
      expect((await verifyChain(store)).problem).toMatchObject({
        kind: 'changed',
        seq: 8,
        message: expect.stringMatching(/bodies/),
      });
    });

    it('a changed event whose hashes were recomputed for it alone', async () => {
      await sql.query(
        `UPDATE ${s()}.events SET event = replace(event, 'bundle-1', 'bundle-Y') WHERE seq = 2`,
      );
      const row = (await sql.query<{ event: string }>(`SELECT event FROM ${s()}.events WHERE seq = 2`))
        .rows[0];
      const { sha256 } = await import('../../services/audit/store/chain.js');
      await sql.query(`UPDATE ${s()}.events SET content_hash = $1 WHERE seq = 2`, [sha256(row.event)]);
      expect((await verifyChain(store)).problem).toMatchObject({
        kind: 'changed',
        seq: 2,
        message: expect.stringMatching(/hashes/),
      });
    });

    it('a removed event', async () => {
      await sql.query(`DELETE FROM ${s()}.events WHERE seq = 6`);
      expect((await verifyChain(store, 3)).problem).toMatchObject({ kind: 'removed', seq: 6 });
    });

    it('removed events at the end', async () => {
      await sql.query(`DELETE FROM ${s()}.events WHERE seq >= 9`);
      expect((await verifyChain(store)).problem).toMatchObject({ kind: 'removed', seq: 9 });
    });

    it('reordered events', async () => {
      await sql.query(`UPDATE ${s()}.events SET seq = -seq WHERE seq IN (3, 7)`);
      await sql.query(
        `UPDATE ${s()}.events SET seq = CASE seq WHEN -3 THEN 7 ELSE 3 END WHERE seq IN (-3, -7)`,
      );
      expect((await verifyChain(store)).problem).toMatchObject({
        kind: 'reordered',
        seq: 3,
        event_id: events[6].event_id,
      });
    });
  });
});
