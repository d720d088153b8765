import type { AuditStore } from '../audit/store/store.js';

/** One recorded decision as a replay needs it (from a `decision_log` audit event). */
export interface RecordedDecision {
  eventId: string;
  connection: string | null;
  /** Data path queried, slash separated (`gateway/decision`). */
  path: string;
  /** False when the recording holds no input (the policy's log mask erased it, or none was given). */
  hasInput: boolean;
  input?: unknown;
  defined: boolean;
  result?: unknown;
  /** The original decision failed: there is nothing to compare with. */
  failed: boolean;
  /** `system.log.mask` erased or masked fields of the input before it was recorded. */
  masked: boolean;
}

export interface RecordedFilter {
  since?: Date;
  until?: Date;
  connection?: string;
  /** Most decisions read, newest first. */
  limit: number;
}

/**
 * The recorded decisions of the audit store matching the filter, newest
 * first, a page at a time (`pageSize`, up to the store's 1000). Stops after
 * `limit` decisions; `more()` then says whether the window held others.
 */
export async function* recordedDecisions(
  store: AuditStore,
  filter: RecordedFilter,
  pageSize = 1000,
): AsyncGenerator<RecordedDecision[], { more: boolean }> {
  let cursor: number | undefined;
  let left = filter.limit;
  while (left > 0) {
    const page = await store.query({
      kind: 'decision_log',
      connection: filter.connection,
      since: filter.since,
      until: filter.until,
      cursor,
      order: 'desc',
      limit: Math.min(pageSize, left),
    });
    const decisions: RecordedDecision[] = [];
    for (const stored of page.events) {
      const event = stored.event;
      if (event?.kind !== 'decision_log') continue;
      const log = event.decision_log;
      const input = log.input as { connection?: { name?: unknown } } | undefined;
      decisions.push({
        eventId: event.event_id,
        connection: typeof input?.connection?.name === 'string' ? input.connection.name : null,
        path: log.path,
        hasInput: log.input !== undefined,
        input: log.input,
        defined: log.result !== undefined,
        result: log.result,
        failed: log.error !== undefined,
        masked: (log.erased?.length ?? 0) + (log.masked?.length ?? 0) > 0,
      });
    }
    left -= page.events.length;
    if (decisions.length > 0) yield decisions;
    if (page.next === null) return { more: false };
    cursor = page.next;
  }
  return { more: true };
}
