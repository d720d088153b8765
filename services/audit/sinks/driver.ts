import type { AuditEvent } from '../event.js';

/** One batch handed to a sink: the events and their JSON texts as they travelled. */
export interface ExportBatch {
  events: AuditEvent[];
  /** `JSON.stringify` of each event, in the same order (sinks that write JSON reuse it). */
  lines: string[];
}

/**
 * What a failed delivery means for the batch: `retry` (network, 5xx, 429,
 * timeout: try again after a backoff, honouring `retryAfterMs`),
 * `dead_letter` (this batch will never be accepted: set it aside now),
 * `stop` (the sink itself is misconfigured, e.g. a bad token: stop it and
 * alert, keeping its cursor where it is).
 */
export type SinkFailureAction = 'retry' | 'dead_letter' | 'stop';

export class SinkFailure extends Error {
  readonly code: 'audit_sink_failed' | 'audit_sink_rejected';

  constructor(
    readonly action: SinkFailureAction,
    message: string,
    readonly retryAfterMs?: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'SinkFailure';
    this.code = action === 'retry' ? 'audit_sink_failed' : 'audit_sink_rejected';
  }
}

/**
 * A sink's delivery: everything but batching, retries, dead letters and
 * cursors, which the export consumer does the same way for every sink.
 * `deliver` resolves only once the receiver has the batch (written and
 * synced, acknowledged, committed); it throws a `SinkFailure` (anything
 * else counts as `retry`).
 */
export interface SinkDriver {
  /**
   * Longest one delivery may take, when it is more than `request.timeoutMs`
   * (a delivery waiting for an indexer's acknowledgement).
   */
  readonly timeoutMs?: number;
  /** Opens files, creates tables; a failure here is retried by the exporter. */
  start?(): Promise<void>;
  deliver(batch: ExportBatch, signal: AbortSignal): Promise<void>;
  /** Sink-specific figures for `/health` (files, acks pending). */
  health?(): Record<string, unknown>;
  close(): Promise<void>;
}
