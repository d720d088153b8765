import type { ApprovalRecord, Reviewer, Reviewers } from './types.js';

export type Eligibility = 'eligible' | 'self' | 'not_reviewer';

/**
 * Whether `reviewer` may review an approval asked by `requesterSub` that
 * names `reviewers`. Checked when the reviewer acts, with the groups they
 * hold then (not when they were notified). A person counts once however
 * many of the groups they are in: the store keeps one review per subject.
 */
export function eligibility(reviewers: Reviewers, requesterSub: string, reviewer: Reviewer): Eligibility {
  if (reviewer.sub === requesterSub) return 'self';
  if (reviewers.users.includes(reviewer.sub)) return 'eligible';
  for (const group of reviewer.groups) if (reviewers.groups.includes(group)) return 'eligible';
  return 'not_reviewer';
}

export function mayReview(record: ApprovalRecord, reviewer: Reviewer): Eligibility {
  return eligibility(record.requirement.reviewers, record.requester.sub, reviewer);
}

/**
 * Who may see an approval: its requester, anyone who may review it, and
 * members of the configured admin groups.
 */
export function maySee(record: ApprovalRecord, viewer: Reviewer, adminGroups: readonly string[]): boolean {
  if (viewer.sub === record.requester.sub) return true;
  if (isAdmin(viewer, adminGroups)) return true;
  return eligibility(record.requirement.reviewers, record.requester.sub, viewer) === 'eligible';
}

export function isAdmin(viewer: Reviewer, adminGroups: readonly string[]): boolean {
  return viewer.groups.some((g) => adminGroups.includes(g));
}
