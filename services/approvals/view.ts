import { mayReview } from './eligibility.js';
import type { ApprovalRecord, Grant, Reviewer } from './types.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Where an approval is read over the API: `{publicUrl}/v1/approvals/{id}`, or the path alone. */
export function approvalUrl(id: string, publicUrl?: string): string {
  const path = `/v1/approvals/${id}`;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}

/**
 * An approval as the API, the CLI and the channels show it: times in RFC
 * 3339, the request as the proxy recorded it (masked), and, when a viewer
 * is given, whether that viewer may review it now.
 */
export function approvalView(
  record: ApprovalRecord,
  options: { viewer?: Reviewer; publicUrl?: string } = {},
) {
  const { requirement } = record;
  return {
    id: record.id,
    status: record.status,
    url: approvalUrl(record.id, options.publicUrl),
    created_at: iso(record.created_at),
    expires_at: iso(record.expires_at),
    requester: record.requester,
    connection: record.connection,
    request: record.request,
    reasons: record.policy_reasons,
    caller_reason: record.caller_reason,
    reviewers: requirement.reviewers,
    min_approvals: requirement.min_approvals,
    approvals: record.approvals,
    reviews: record.reviews.map((r) => ({ ...r, at: iso(r.at) })),
    grant: requirement.grant,
    grant_id: record.grant_id,
    settled_by: record.settled_by,
    settled_at: iso(record.settled_at),
    outcome_reason: record.outcome_reason,
    executed_at: iso(record.executed_at),
    break_glass: record.break_glass,
    decision_id: record.decision_id,
    ...(options.viewer
      ? {
          can_review: canReview(record, options.viewer),
          reviewed_by_you: reviewedBy(record, options.viewer.sub),
        }
      : {}),
  };
}

export type ApprovalView = ReturnType<typeof approvalView>;

function reviewedBy(record: ApprovalRecord, sub: string): boolean {
  return record.reviews.some((r) => r.sub === sub);
}

/** Whether the viewer could approve or deny now (pending or a break-glass review to do, eligible, not yet reviewed). */
export function canReview(record: ApprovalRecord, viewer: Reviewer): boolean {
  const open = record.status === 'pending' || record.break_glass?.review === 'pending';
  return open && mayReview(record, viewer) === 'eligible' && !reviewedBy(record, viewer.sub);
}

export function grantView(grant: Grant) {
  return {
    ...grant,
    created_at: iso(grant.created_at),
    expires_at: iso(grant.expires_at),
  };
}
