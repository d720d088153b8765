import { traceIdsOf } from '../common/trace-context.js';
import { transitionEvent, type AuditSource, type TransitionAuditEvent } from './event.js';
import { uuidv7From } from './ids.js';

/** An approval or grant transition as the approvals domain reports it (services/approvals/types.ts). */
export interface ApprovalTransition {
  event_id: string;
  type: string;
  /** Unix ms. */
  at: number;
  approval_id: string;
  grant_id: string | null;
  connection: string;
  subject: string;
  from: string | null;
  to: string | null;
  actor: string;
  via: string | null;
  reason: string;
  details: Record<string, unknown>;
  /** W3C traceparent of whoever made the transition, when traced. */
  traceparent?: string;
}

/**
 * The audit event of an approval transition. Its id derives from the
 * transition's own id, so the at-least-once feed redelivering it produces
 * the same event (deduplicated downstream).
 */
export function transitionAuditEvent(
  transition: ApprovalTransition,
  source: AuditSource,
  prefix: string,
): TransitionAuditEvent {
  const kind = transition.type.startsWith('grant.') ? 'grant' : 'approval';
  const event = transitionEvent(
    kind,
    {
      approval_id: transition.approval_id,
      ...(transition.grant_id ? { grant_id: transition.grant_id } : {}),
      subject: transition.subject,
      connection: transition.connection,
      transition: transition.type,
      actor: transition.actor,
      details: {
        from: transition.from,
        to: transition.to,
        via: transition.via,
        reason: transition.reason,
        ...transition.details,
      },
    },
    source,
    transition.at,
  );
  event.event_id = uuidv7From(transition.at, `${prefix}:approvals:${transition.event_id}`);
  // In the trace of the request, review or expiry job that made the transition.
  const traced = traceIdsOf(transition.traceparent);
  if (traced) {
    event.trace_id = traced.trace_id;
    event.span_id = traced.span_id;
  }
  return event;
}
