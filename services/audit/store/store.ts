import type { DataClass } from '../config.js';
import { eventFacets, type AuditEvent } from '../event.js';
import { isUuidV7 } from '../ids.js';
import { GENESIS, joinBodies, linkHash, sha256, splitBodies } from './chain.js';
import { migrate } from './migrations.js';
import type { Sql } from './sql.js';

const COLUMNS =
  'seq, event_id, kind, data_class, time, subject, connection, decision, status, approval_id, trace_id, ' +
  'decision_id, event, bodies, size, bodies_size, content_hash, bodies_hash, prev_hash, hash';

/**
 * A facet as a PostgreSQL text column can hold it: NUL and unpaired
 * surrogates (which JSON parameters refuse) become U+FFFD. The event's own
 * text keeps them escaped, exactly as recorded.
 */
function columnText(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  return value.replace(
    /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** The data class an event's retention follows. Bundle activations are kept as long as approvals. */
export function dataClassOf(event: AuditEvent): Exclude<DataClass, 'body'> {
  if (event.kind === 'request') return 'request';
  if (event.kind === 'decision_log' || event.kind === 'shadow') return 'decision_log';
  return 'approval';
}

/** Filters of `query` (every one optional; they combine with AND). */
export interface EventQuery {
  subject?: string;
  connection?: string;
  decision?: 'allow' | 'deny';
  status?: number;
  approvalId?: string;
  traceId?: string;
  decisionId?: string;
  kind?: string;
  /** Events at or after this time. */
  since?: Date;
  /** Events before this time. */
  until?: Date;
  /** Keyset cursor: events after (ascending) or before (descending) this position. */
  cursor?: number;
  /** @defaultValue desc (newest first) */
  order?: 'asc' | 'desc';
  /** @defaultValue 100 */
  limit?: number;
}

export interface StoredEvent {
  /** The event's position in the chain (the cursor). */
  seq: number;
  event: AuditEvent | null;
  /** Set when retention removed the event's content (its hashes stay, so the chain still verifies). */
  purged?: boolean;
}

interface Row {
  seq: number | string;
  event: string | null;
  bodies: string | null;
  purged_at: Date | null;
  bodies_purged_at: Date | null;
}

/**
 * The searchable audit store in PostgreSQL (or PGlite): one row per event
 * with the columns the API filters on, the event text, its bodies apart,
 * and the hash chain. Inserts are idempotent by `event_id` (sinks deliver
 * at least once). One writer at a time extends the chain: appends take the
 * chain row's lock.
 */
export class AuditStore {
  readonly s: string;
  private rejected = 0;

  private constructor(
    readonly sql: Sql,
    readonly schema: string,
  ) {
    this.s = `"${schema}"`;
  }

  /** Creates or migrates the schema, then returns the store. */
  static async open(sql: Sql, schema: string): Promise<AuditStore> {
    await migrate(sql, schema, GENESIS);
    return new AuditStore(sql, schema);
  }

  /**
   * Appends the events not stored yet, in order, each chained to the one
   * before. Returns how many were new; events already stored (same
   * `event_id`) are skipped, as are malformed ones (counted in `stats`).
   */
  async append(
    events: AuditEvent[],
    /** The events' JSON texts as they travelled, when at hand (saves serialising again). */
    lines?: string[],
  ): Promise<{ inserted: number; duplicates: number }> {
    const valid: { event: AuditEvent; line?: string }[] = [];
    events.forEach((event, i) => {
      const ok =
        typeof event?.event_id === 'string' &&
        isUuidV7(event.event_id) &&
        !Number.isNaN(Date.parse(event.time));
      if (ok) valid.push({ event, line: lines?.[i] });
      else this.rejected++;
    });
    if (valid.length === 0) return { inserted: 0, duplicates: 0 };
    const s = this.s;
    return this.sql.transaction(async (tx) => {
      const head = (
        await tx.query<{ seq: number | string; hash: string }>(
          `SELECT seq, hash FROM ${s}.chain WHERE id = 1 FOR UPDATE`,
        )
      ).rows[0];
      const ids = valid.map(({ event }) => event.event_id);
      const existing = new Set(
        (
          await tx.query<{ id: string }>(
            `SELECT event_id::text AS id FROM ${s}.events WHERE event_id = ANY($1::uuid[])`,
            [ids],
          )
        ).rows.map((r) => r.id),
      );
      let seq = Number(head.seq);
      let prev = head.hash;
      const rows: Record<string, unknown>[] = [];
      let duplicates = 0;
      for (const { event, line } of valid) {
        if (existing.has(event.event_id)) {
          duplicates++;
          continue;
        }
        existing.add(event.event_id);
        const { head: text, bodies } = splitBodies(event, line);
        const contentHash = sha256(text);
        const bodiesHash = bodies === null ? null : sha256(bodies);
        const hash = linkHash(prev, contentHash, bodiesHash);
        const facets = eventFacets(event);
        const bodiesSize = bodies === null ? 0 : Buffer.byteLength(bodies);
        seq++;
        rows.push({
          seq,
          event_id: event.event_id,
          kind: event.kind,
          data_class: dataClassOf(event),
          time: event.time,
          subject: columnText(facets.subject),
          connection: columnText(facets.connection),
          decision: facets.decision,
          status: facets.status,
          approval_id: columnText(facets.approval_id),
          trace_id: columnText(event.trace_id),
          decision_id: columnText(event.decision_id),
          event: text,
          bodies,
          size: Buffer.byteLength(text) + bodiesSize,
          bodies_size: bodiesSize,
          content_hash: contentHash,
          bodies_hash: bodiesHash,
          prev_hash: prev,
          hash,
        });
        prev = hash;
      }
      if (rows.length > 0) {
        // One JSON parameter the server unpacks: sending twenty arrays made the client escape
        // every text as an array element, the largest cost of a batch.
        await tx.query(
          `INSERT INTO ${s}.events (${COLUMNS})
           SELECT ${COLUMNS} FROM json_to_recordset($1::json) AS r(seq bigint, event_id uuid, kind text,
             data_class text, time timestamptz, subject text, connection text, decision text, status integer,
             approval_id text, trace_id text, decision_id text, event text, bodies text, size integer,
             bodies_size integer, content_hash text, bodies_hash text, prev_hash text, hash text)`,
          [JSON.stringify(rows)],
        );
        await tx.query(`UPDATE ${s}.chain SET seq = $1, hash = $2 WHERE id = 1`, [seq, prev]);
      }
      return { inserted: rows.length, duplicates };
    });
  }

  /** Events matching the filters, newest first unless `order: asc`; `next` is the cursor of the next page. */
  async query(q: EventQuery): Promise<{ events: StoredEvent[]; next: number | null }> {
    // Purged events (retention) keep only their hashes: nothing to show.
    const where: string[] = ['purged_at IS NULL'];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (q.subject !== undefined) add('subject = ?', q.subject);
    if (q.connection !== undefined) add('connection = ?', q.connection);
    if (q.decision !== undefined) add('decision = ?', q.decision);
    if (q.status !== undefined) add('status = ?', q.status);
    if (q.approvalId !== undefined) add('approval_id = ?', q.approvalId);
    if (q.traceId !== undefined) add('trace_id = ?', q.traceId);
    if (q.decisionId !== undefined) add('decision_id = ?', q.decisionId);
    if (q.kind !== undefined) add('kind = ?', q.kind);
    if (q.since !== undefined) add('time >= ?', q.since.toISOString());
    if (q.until !== undefined) add('time < ?', q.until.toISOString());
    const order = q.order ?? 'desc';
    if (q.cursor !== undefined) add(order === 'desc' ? 'seq < ?' : 'seq > ?', q.cursor);
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
    params.push(limit + 1);
    const rows = (
      await this.sql.query<Row>(
        `SELECT seq, event, bodies, purged_at, bodies_purged_at FROM ${this.s}.events
         WHERE ${where.join(' AND ')}
         ORDER BY seq ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
        params,
      )
    ).rows;
    const page = rows.slice(0, limit).map((row) => this.toStored(row));
    return { events: page, next: rows.length > limit ? page[page.length - 1].seq : null };
  }

  private toStored(row: Row): StoredEvent {
    const seq = Number(row.seq);
    if (row.event === null) return { seq, event: null, purged: true };
    return { seq, event: joinBodies(row.event, row.bodies, row.bodies_purged_at !== null) };
  }

  async get(eventId: string): Promise<StoredEvent | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(eventId)) return undefined;
    const rows = (
      await this.sql.query<Row>(
        `SELECT seq, event, bodies, purged_at, bodies_purged_at FROM ${this.s}.events WHERE event_id = $1::uuid`,
        [eventId],
      )
    ).rows;
    return rows[0] ? this.toStored(rows[0]) : undefined;
  }

  /** Rows, live events and bytes per data class (for /health and retention). */
  async stats(): Promise<{
    head: number;
    rejected: number;
    classes: Record<string, { events: number; bytes: number }>;
  }> {
    const head = (
      await this.sql.query<{ seq: number | string }>(`SELECT seq FROM ${this.s}.chain WHERE id = 1`)
    ).rows[0];
    const rows = (
      await this.sql.query<{ data_class: string; events: number | string; bytes: number | string }>(
        `SELECT data_class, count(*) AS events, coalesce(sum(size), 0) AS bytes FROM ${this.s}.events
         WHERE purged_at IS NULL GROUP BY data_class`,
      )
    ).rows;
    const classes: Record<string, { events: number; bytes: number }> = {};
    for (const r of rows) classes[r.data_class] = { events: Number(r.events), bytes: Number(r.bytes) };
    return { head: Number(head?.seq ?? 0), rejected: this.rejected, classes };
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}
