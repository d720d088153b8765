import { GENESIS, linkHash, sha256 } from './chain.js';
import type { AuditStore } from './store.js';

export interface ChainProblem {
  /** changed: an event's content or hashes differ; removed: one is missing; reordered: one was moved. */
  kind: 'changed' | 'removed' | 'reordered';
  /** Chain position of the first event found wrong (or where the missing one was). */
  seq: number;
  event_id: string | null;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Events checked (from the anchor on). */
  checked: number;
  /** Of those, events whose content retention removed: their links are checked, not their content. */
  purged: number;
  head: { seq: number; hash: string };
  /** Where checking starts: the last event retention removed whole, or the chain's start. */
  anchor: { seq: number; hash: string };
  problem?: ChainProblem;
}

interface ChainRow {
  seq: number | string;
  event_id: string;
  event: string | null;
  bodies: string | null;
  content_hash: string;
  bodies_hash: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Walks the chain in order from the anchor and names the first event that
 * was changed (its text, bodies or hashes no longer agree), removed (a gap
 * in positions, or a link to an event that is not there) or reordered (a
 * link to an event that is elsewhere in the chain). The head row must
 * match the last event, so removing events from the end shows too.
 */
export async function verifyChain(store: AuditStore, pageSize = 2000): Promise<VerifyReport> {
  const s = store.s;
  const chain = (
    await store.sql.query<{
      seq: number | string;
      hash: string;
      anchor_seq: number | string;
      anchor_hash: string;
    }>(`SELECT seq, hash, anchor_seq, anchor_hash FROM ${s}.chain WHERE id = 1`)
  ).rows[0];
  const head = { seq: Number(chain.seq), hash: chain.hash };
  const anchor = { seq: Number(chain.anchor_seq), hash: chain.anchor_hash };
  const report: VerifyReport = { ok: true, checked: 0, purged: 0, head, anchor };
  if (anchor.seq === 0 && anchor.hash !== GENESIS) {
    return fail(report, { kind: 'changed', seq: 0, event_id: null, message: 'the chain start was altered' });
  }
  let expectedSeq = anchor.seq + 1;
  let expectedPrev = anchor.hash;
  let last: ChainRow | undefined;
  for (;;) {
    const rows = (
      await store.sql.query<ChainRow>(
        `SELECT seq, event_id::text AS event_id, event, bodies, content_hash, bodies_hash, prev_hash, hash
         FROM ${s}.events WHERE seq >= $1 ORDER BY seq LIMIT $2`,
        [expectedSeq, pageSize],
      )
    ).rows;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return fail(report, {
          kind: 'removed',
          seq: expectedSeq,
          event_id: null,
          message: `the event at position ${expectedSeq} is missing (the next one stored is ${seq}, ${row.event_id})`,
        });
      }
      if (row.prev_hash !== expectedPrev) {
        const elsewhere = (
          await store.sql.query<{ seq: number | string }>(`SELECT seq FROM ${s}.events WHERE hash = $1`, [
            row.prev_hash,
          ])
        ).rows[0];
        return fail(report, {
          kind: elsewhere ? 'reordered' : 'removed',
          seq,
          event_id: row.event_id,
          message: elsewhere
            ? `event ${row.event_id} at position ${seq} follows the event at position ${Number(elsewhere.seq)}, not the one before it: events were reordered`
            : `event ${row.event_id} at position ${seq} follows an event that is no longer stored: an event before it was removed or changed`,
        });
      }
      if (row.event !== null) {
        report.checked++;
        const parsedId = eventIdOf(row.event);
        if (sha256(row.event) !== row.content_hash || parsedId !== row.event_id) {
          return fail(report, changed(row, seq, 'its content'));
        }
        if (row.bodies !== null && sha256(row.bodies) !== row.bodies_hash) {
          return fail(report, changed(row, seq, 'its bodies'));
        }
      } else {
        report.checked++;
        report.purged++;
      }
      if (linkHash(row.prev_hash, row.content_hash, row.bodies_hash) !== row.hash) {
        return fail(report, changed(row, seq, 'its hashes'));
      }
      expectedPrev = row.hash;
      expectedSeq = seq + 1;
      last = row;
    }
    if (rows.length < pageSize) break;
  }
  const lastSeq = last ? Number(last.seq) : anchor.seq;
  if (lastSeq !== head.seq || expectedPrev !== head.hash) {
    return fail(report, {
      kind: lastSeq < head.seq ? 'removed' : 'changed',
      seq: lastSeq + 1,
      event_id: null,
      message:
        lastSeq < head.seq
          ? `the last ${head.seq - lastSeq} event(s) of the chain (positions ${lastSeq + 1}–${head.seq}) are missing`
          : `the chain head (position ${head.seq}) does not match the last event stored (position ${lastSeq})`,
    });
  }
  return report;
}

function eventIdOf(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { event_id?: string }).event_id;
  } catch {
    return undefined;
  }
}

function changed(row: ChainRow, seq: number, what: string): ChainProblem {
  return {
    kind: 'changed',
    seq,
    event_id: row.event_id,
    message: `event ${row.event_id} at position ${seq} was changed (${what} no longer match the chain)`,
  };
}

function fail(report: VerifyReport, problem: ChainProblem): VerifyReport {
  return { ...report, ok: false, problem };
}
