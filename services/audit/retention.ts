import { retentionDays, type DataClass, type RetentionConfig } from './config.js';
import type { FileSink } from './sinks/file.js';
import { removeRotated } from './sinks/file.js';
import type { AuditStore } from './store/store.js';

/**
 * Retention per data class (`request`, `body`, `decision_log`, `approval`;
 * bundle activations count as `approval`): in the store, events older than
 * their class's `days`, and past its `maxBytes` the oldest, lose their
 * content (the row keeps its hashes so the chain still verifies; a run of
 * such rows at the chain's start is then deleted and the chain anchored
 * after it). The `body` class drops only the bodies of request events.
 * Events under a legal hold (by connection or subject) are kept. Rotated
 * files of file sinks go once every class they hold is past its days.
 */

export interface ClassPurge {
  events: number;
  bytes: number;
}

export interface StoreRetentionReport {
  purged: Partial<Record<DataClass, ClassPurge>>;
  /** Purged rows deleted at the chain's start (the anchor moved past them). */
  compacted: number;
}

const BATCH = 10_000;

function holds(retention: RetentionConfig): { connections: string[]; subjects: string[] } {
  return {
    connections: retention.legalHolds.flatMap((h) => (h.connection === undefined ? [] : [h.connection])),
    subjects: retention.legalHolds.flatMap((h) => (h.subject === undefined ? [] : [h.subject])),
  };
}

/** SQL true for rows under no legal hold ($3 connections, $4 subjects). */
const NOT_HELD = `NOT (coalesce(connection = ANY($3::text[]), false) OR coalesce(subject = ANY($4::text[]), false))`;

async function purgeRows(
  store: AuditStore,
  doomedSql: string,
  params: unknown[],
  bodiesOnly: boolean,
): Promise<ClassPurge> {
  const s = store.s;
  const set = bodiesOnly
    ? `bodies = NULL, size = e.size - e.bodies_size, bodies_size = 0, bodies_purged_at = now()`
    : `event = NULL, bodies = NULL, size = 0, bodies_size = 0, purged_at = now()`;
  const measure = bodiesOnly ? 'bodies_size' : 'size';
  const total: ClassPurge = { events: 0, bytes: 0 };
  for (;;) {
    const row = (
      await store.sql.query<{ events: number | string; bytes: number | string | null }>(
        `WITH doomed AS (${doomedSql} LIMIT ${BATCH}),
              gone AS (UPDATE ${s}.events e SET ${set} FROM doomed d WHERE e.seq = d.seq RETURNING 1)
         SELECT (SELECT count(*) FROM gone) AS events, (SELECT sum(d.${measure}) FROM doomed d) AS bytes`,
        params,
      )
    ).rows[0];
    const events = Number(row.events);
    total.events += events;
    total.bytes += Number(row.bytes ?? 0);
    if (events < BATCH) return total;
  }
}

/** Applies retention to one store; `now` is the clock (tests move it). */
export async function applyStoreRetention(
  store: AuditStore,
  retention: RetentionConfig,
  now: number = Date.now(),
): Promise<StoreRetentionReport> {
  const s = store.s;
  const { connections, subjects } = holds(retention);
  const report: StoreRetentionReport = { purged: {}, compacted: 0 };
  const note = async (dataClass: DataClass, reason: string, purge: ClassPurge) => {
    if (purge.events === 0) return;
    const sum = (report.purged[dataClass] ??= { events: 0, bytes: 0 });
    sum.events += purge.events;
    sum.bytes += purge.bytes;
    await store.sql.query(
      `INSERT INTO ${s}.purges (data_class, reason, events, bytes) VALUES ($1, $2, $3, $4)`,
      [dataClass, reason, purge.events, purge.bytes],
    );
  };
  for (const dataClass of ['request', 'decision_log', 'approval'] as const) {
    const cutoff = new Date(now - retentionDays(retention, dataClass) * 86_400_000).toISOString();
    const byAge = await purgeRows(
      store,
      `SELECT seq, size, bodies_size FROM ${s}.events WHERE data_class = $1 AND purged_at IS NULL AND time < $2 AND ${NOT_HELD} ORDER BY seq`,
      [dataClass, cutoff, connections, subjects],
      false,
    );
    await note(dataClass, 'days', byAge);
    const maxBytes = retention[dataClass].maxBytes;
    if (maxBytes !== undefined) {
      const bySize = await purgeRows(
        store,
        `SELECT seq, size, bodies_size FROM (
           SELECT seq, size, bodies_size, sum(size) OVER (ORDER BY seq DESC) AS newer
           FROM ${s}.events WHERE data_class = $1 AND purged_at IS NULL AND ${NOT_HELD}) t
         WHERE newer > $2 ORDER BY seq`,
        [dataClass, maxBytes, connections, subjects],
        false,
      );
      await note(dataClass, 'max_bytes', bySize);
    }
  }
  const bodyCutoff = new Date(now - retentionDays(retention, 'body') * 86_400_000).toISOString();
  await note(
    'body',
    'days',
    await purgeRows(
      store,
      `SELECT seq, size, bodies_size FROM ${s}.events WHERE bodies IS NOT NULL AND $1::text = 'body' AND time < $2 AND ${NOT_HELD} ORDER BY seq`,
      ['body', bodyCutoff, connections, subjects],
      true,
    ),
  );
  const bodyMax = retention.body.maxBytes;
  if (bodyMax !== undefined) {
    await note(
      'body',
      'max_bytes',
      await purgeRows(
        store,
        `SELECT seq, size, bodies_size FROM (
           SELECT seq, size, bodies_size, sum(bodies_size) OVER (ORDER BY seq DESC) AS newer
           FROM ${s}.events WHERE bodies IS NOT NULL AND $1::text = 'body' AND ${NOT_HELD}) t
         WHERE newer > $2 ORDER BY seq`,
        ['body', bodyMax, connections, subjects],
        true,
      ),
    );
  }
  report.compacted = await compact(store);
  return report;
}

/**
 * Deletes the purged rows at the chain's start and anchors the chain at
 * the last of them, under the chain lock (appends wait).
 */
async function compact(store: AuditStore): Promise<number> {
  const s = store.s;
  return store.sql.transaction(async (tx) => {
    const chain = (
      await tx.query<{ seq: number | string; hash: string; anchor_seq: number | string }>(
        `SELECT seq, hash, anchor_seq FROM ${s}.chain WHERE id = 1 FOR UPDATE`,
      )
    ).rows[0];
    const live = (
      await tx.query<{ first: number | string | null }>(
        `SELECT min(seq) AS first FROM ${s}.events WHERE purged_at IS NULL`,
      )
    ).rows[0].first;
    const until = live === null ? Number(chain.seq) : Number(live) - 1;
    if (until <= Number(chain.anchor_seq)) return 0;
    const last = (await tx.query<{ hash: string }>(`SELECT hash FROM ${s}.events WHERE seq = $1`, [until]))
      .rows[0];
    if (!last) return 0;
    const deleted = (
      await tx.query<{ n: number | string }>(
        `WITH gone AS (DELETE FROM ${s}.events WHERE seq <= $1 RETURNING 1) SELECT count(*) AS n FROM gone`,
        [until],
      )
    ).rows[0];
    await tx.query(`UPDATE ${s}.chain SET anchor_seq = $1, anchor_hash = $2 WHERE id = 1`, [
      until,
      last.hash,
    ]);
    return Number(deleted.n);
  });
}

const KIND_CLASS: Record<string, DataClass> = {
  request: 'request',
  decision_log: 'decision_log',
  approval: 'approval',
  grant: 'approval',
  bundle: 'approval',
};

/** Removes a file sink's rotated files once every class they hold is past its days (legal holds keep them). */
export async function applyFileRetention(
  sink: FileSink,
  retention: RetentionConfig,
  now: number = Date.now(),
): Promise<number> {
  const { connections, subjects } = holds(retention);
  let removed = 0;
  for (const file of await sink.rotatedFiles()) {
    const meta = file.meta;
    // Without its facets a file cannot be judged: kept (keep.count and keep.days still apply).
    if (!meta?.last_time) continue;
    const classes = meta.kinds.map((k) => KIND_CLASS[k] ?? 'request');
    const days = Math.max(...classes.map((c) => retentionDays(retention, c)));
    if (Date.parse(meta.last_time) >= now - days * 86_400_000) continue;
    const held =
      (retention.legalHolds.length > 0 && meta.many) ||
      meta.connections.some((c) => connections.includes(c)) ||
      meta.subjects.some((x) => subjects.includes(x));
    if (held) continue;
    await removeRotated(file.path);
    removed++;
  }
  return removed;
}
