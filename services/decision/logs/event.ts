import { isoTime } from '../../audit/clock.js';

/** A decision log event, field for field as OPA's decision log plugin writes it. */
export interface DecisionEvent {
  labels: Record<string, string>;
  decision_id: string;
  trace_id?: string;
  span_id?: string;
  bundles?: Record<string, { revision: string }>;
  /** Data path queried, slash separated, no leading slash (`authz/allow`). */
  path: string;
  input?: unknown;
  result?: unknown;
  erased?: string[];
  masked?: string[];
  error?: { code: string; message: string };
  requested_by: string;
  /** RFC 3339 with nanoseconds where available. */
  timestamp: string;
  metrics?: Record<string, number>;
  req_id: number;
}

export interface DecisionFacts {
  decisionId: string;
  path: string;
  input?: unknown;
  /** `input` as JSON, when it was serialised already (for the evaluation): the log reuses it. */
  inputJson?: string;
  result?: unknown;
  error?: { code: string; message: string };
  bundles: Record<string, { revision: string }>;
  labels: Record<string, string>;
  requestedBy: string;
  traceId?: string;
  spanId?: string;
  metrics?: Record<string, number>;
  reqId: number;
  at?: Date;
}

/** Builds the event for one decision; fields that are absent stay absent, as in OPA. */
export function buildEvent(facts: DecisionFacts): DecisionEvent {
  const event: DecisionEvent = {
    labels: facts.labels,
    decision_id: facts.decisionId,
    bundles: facts.bundles,
    path: facts.path,
    requested_by: facts.requestedBy,
    timestamp: facts.at ? facts.at.toISOString() : isoTime(Date.now()),
    req_id: facts.reqId,
  };
  if (facts.traceId) event.trace_id = facts.traceId;
  if (facts.spanId) event.span_id = facts.spanId;
  if (facts.input !== undefined) event.input = facts.input;
  if (facts.result !== undefined) event.result = facts.result;
  if (facts.error) event.error = facts.error;
  if (facts.metrics) event.metrics = facts.metrics;
  return event;
}
