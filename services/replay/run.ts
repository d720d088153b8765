import type { AuditStore } from '../audit/store/store.js';
import { compareDecisions, type Outcome } from './compare.js';
import type { CandidateClient } from './decision-client.js';
import { ReportBuilder, type ReplayReport } from './report.js';
import { recordedDecisions, type RecordedDecision, type RecordedFilter } from './source.js';

export interface ReplayRun {
  /** Where the recorded decisions are read (the workers' audit store). */
  store: AuditStore;
  /** The decision service that evaluates the candidate in its live pool. */
  client: CandidateClient;
  /** The candidate bundle (.tar.gz bytes). */
  bundle: Uint8Array;
  filter: RecordedFilter;
  /** Decisions per evaluate request. @defaultValue 500 */
  chunkSize?: number;
  /** Evaluate requests in flight at once (one per evaluation worker keeps them all busy). @defaultValue 2 */
  concurrency?: number;
  /** Compare with the live bundles' answers now, or with the recorded decisions (ReplayReport). @defaultValue live */
  baseline?: 'live' | 'recorded';
}

function recordedOutcome(d: RecordedDecision): Outcome {
  return d.defined ? { defined: true, result: d.result } : { defined: false };
}

/**
 * Re-evaluates the recorded decisions matching `filter` against the
 * candidate bundle and reports what would change: the candidate is loaded
 * on the decision service, the decisions are read from the store a page at
 * a time and sent in chunks (a few in flight), each answer compared with
 * what was recorded; the candidate is dropped at the end, whatever happened.
 */
export async function runReplay(run: ReplayRun): Promise<ReplayReport> {
  const chunkSize = run.chunkSize ?? 500;
  const concurrency = Math.max(1, run.concurrency ?? 2);
  const baseline = run.baseline ?? 'live';
  const candidate = await run.client.load(run.bundle);
  const report = new ReportBuilder(
    { revision: candidate.revision, entrypoints: candidate.entrypoints },
    {
      since: run.filter.since?.toISOString() ?? null,
      until: run.filter.until?.toISOString() ?? null,
      connection: run.filter.connection ?? null,
      limit: run.filter.limit,
    },
    baseline,
  );
  const inFlight = new Set<Promise<void>>();
  const evaluate = async (chunk: RecordedDecision[]): Promise<void> => {
    const { results, live } = await run.client.evaluate(
      candidate.id,
      chunk.map((d) => ({ path: d.path, input: d.input })),
      baseline === 'live',
    );
    results.forEach((outcome, i) => {
      const d = chunk[i];
      const recorded = recordedOutcome(d);
      let before: Outcome = recorded;
      if (live) {
        before = live[i];
        if ('error' in before) return report.error(d.eventId, `baseline_${before.error.code}`);
        if (compareDecisions(recorded, before).changes.length > 0) report.recordedDiffers();
      }
      if ('error' in outcome) report.error(d.eventId, outcome.error.code);
      else report.add(d.eventId, d.connection, compareDecisions(before, outcome), d.masked);
    });
  };
  const send = async (chunk: RecordedDecision[]): Promise<void> => {
    const work = evaluate(chunk).finally(() => inFlight.delete(work));
    // Observed by the race or Promise.all below; this keeps a failure between awaits from going unhandled.
    work.catch(() => undefined);
    inFlight.add(work);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };
  try {
    const source = recordedDecisions(run.store, run.filter);
    let queued: RecordedDecision[] = [];
    let next = await source.next();
    while (!next.done) {
      report.read(next.value.length);
      for (const d of next.value) {
        if (!d.hasInput) report.skip('no_input');
        else if (d.failed) report.skip('recorded_error');
        else queued.push(d);
      }
      while (queued.length >= chunkSize) {
        await send(queued.slice(0, chunkSize));
        queued = queued.slice(chunkSize);
      }
      next = await source.next();
    }
    if (next.value.more) report.truncated();
    if (queued.length > 0) await send(queued);
    await Promise.all(inFlight);
    return report.finish();
  } finally {
    await Promise.allSettled(inFlight);
    await run.client.drop(candidate.id).catch(() => undefined);
  }
}
