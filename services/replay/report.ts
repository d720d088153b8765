import { CHANGE_KINDS, type ChangeKind, type Comparison } from './compare.js';

/** Event ids kept as examples per bucket. */
export const EXAMPLES_PER_BUCKET = 5;

export type ChangeCounts = Record<ChangeKind, number>;

export interface Bucket {
  /** Decisions re-evaluated in this bucket (per connection: all of them; per reason: the changed ones). */
  decisions: number;
  changed: number;
  changes: ChangeCounts;
  /** Up to EXAMPLES_PER_BUCKET event ids of changed decisions, per change kind. */
  examples: Partial<Record<ChangeKind, string[]>>;
}

/**
 * What a replay found: how many recorded decisions it re-evaluated against
 * the candidate and what would change, in total, per connection and per
 * reason, with example event ids (docs/POLICY.md, Replay). Plain JSON: the
 * API answers it, the CLI prints it, the console renders it.
 */
export interface ReplayReport {
  candidate: { revision: string; entrypoints: string[] };
  /**
   * What the candidate's answers are compared with: `live`, the live
   * bundles' answers to the same recorded inputs, evaluated now (what
   * deploying the candidate would change; masked inputs and time affect
   * both sides alike), or `recorded`, the decisions as they were made.
   */
  baseline: 'live' | 'recorded';
  /**
   * With the live baseline: decisions the live bundles now answer
   * differently from what was recorded (inputs erased by `system.log.mask`,
   * a newer live revision, time-dependent rules).
   */
  recorded_differs: number;
  /** The recorded decisions asked for. */
  window: { since: string | null; until: string | null; connection: string | null; limit: number };
  /** Recorded decisions read from the audit store. */
  read: number;
  /** Re-evaluated (read minus skipped). */
  replayed: number;
  unchanged: number;
  changed: number;
  changes: ChangeCounts;
  /** Not re-evaluated, and why: the recording holds no input, or the original decision had failed. */
  skipped: { no_input: number; recorded_error: number };
  /** The candidate failed on the input (not an entrypoint, an evaluation error), per code. */
  errors: Record<string, { count: number; examples: string[] }>;
  /** Replayed decisions whose recorded input had fields erased by `system.log.mask`: they may differ for that reason alone. */
  masked_inputs: number;
  per_connection: Record<string, Bucket>;
  per_reason: Record<string, Bucket>;
  /** Event ids of changed decisions, per kind. */
  examples: Partial<Record<ChangeKind, string[]>>;
  /** Whether `limit` stopped the read before the window was exhausted. */
  truncated: boolean;
  duration_ms: number;
  /** Replayed decisions per second. */
  rate: number;
}

export function emptyCounts(): ChangeCounts {
  return Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as ChangeCounts;
}

function emptyBucket(): Bucket {
  return { decisions: 0, changed: 0, changes: emptyCounts(), examples: {} };
}

function example(into: Partial<Record<ChangeKind, string[]>>, kind: ChangeKind, eventId: string): void {
  const list = (into[kind] ??= []);
  if (list.length < EXAMPLES_PER_BUCKET) list.push(eventId);
}

/** The reason key a change with no stated reason is filed under. */
export const NO_REASON = '(no reason given)';

/** Builds a ReplayReport one decision at a time. */
export class ReportBuilder {
  private readonly report: ReplayReport;
  private readonly started = performance.now();

  constructor(
    candidate: ReplayReport['candidate'],
    window: ReplayReport['window'],
    baseline: ReplayReport['baseline'] = 'live',
  ) {
    this.report = {
      candidate,
      baseline,
      recorded_differs: 0,
      window,
      read: 0,
      replayed: 0,
      unchanged: 0,
      changed: 0,
      changes: emptyCounts(),
      skipped: { no_input: 0, recorded_error: 0 },
      errors: {},
      masked_inputs: 0,
      per_connection: {},
      per_reason: {},
      examples: {},
      truncated: false,
      duration_ms: 0,
      rate: 0,
    };
  }

  read(count: number): void {
    this.report.read += count;
  }

  skip(why: keyof ReplayReport['skipped']): void {
    this.report.skipped[why]++;
  }

  error(eventId: string, code: string): void {
    const entry = (this.report.errors[code] ??= { count: 0, examples: [] });
    entry.count++;
    if (entry.examples.length < EXAMPLES_PER_BUCKET) entry.examples.push(eventId);
  }

  add(eventId: string, connection: string | null, comparison: Comparison, masked: boolean): void {
    const r = this.report;
    r.replayed++;
    if (masked) r.masked_inputs++;
    const conn = (r.per_connection[connection ?? '(none)'] ??= emptyBucket());
    conn.decisions++;
    if (comparison.changes.length === 0) {
      r.unchanged++;
      return;
    }
    r.changed++;
    conn.changed++;
    const reasonsSeen = new Set<string>();
    for (const kind of comparison.changes) {
      r.changes[kind]++;
      conn.changes[kind]++;
      example(r.examples, kind, eventId);
      example(conn.examples, kind, eventId);
      const reasons = comparison.reasons[kind] ?? [];
      for (const reason of reasons.length ? reasons : [NO_REASON]) {
        const bucket = (r.per_reason[reason] ??= emptyBucket());
        if (!reasonsSeen.has(reason)) {
          reasonsSeen.add(reason);
          bucket.decisions++;
          bucket.changed++;
        }
        bucket.changes[kind]++;
        example(bucket.examples, kind, eventId);
      }
    }
  }

  /** The live bundles now answer a recorded input differently from the recording. */
  recordedDiffers(): void {
    this.report.recorded_differs++;
  }

  truncated(): void {
    this.report.truncated = true;
  }

  finish(): ReplayReport {
    const ms = performance.now() - this.started;
    this.report.duration_ms = Math.round(ms);
    this.report.rate = ms > 0 ? Math.round((this.report.replayed / ms) * 1000) : 0;
    return this.report;
  }
}
