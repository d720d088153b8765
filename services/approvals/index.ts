/**
 * The approval domain: policy-driven approvals, their reviews and
 * just-in-time grants. The proxy, the workers (queue processors, API) and
 * the channels (channels/) all use it; docs/APPROVALS.md explains it to
 * operators.
 */
export { Approvals, APPROVAL_ID, type ApprovalSettings } from './approvals.js';
export { ApprovalChanges, type WaitResult } from './changes.js';
export {
  approvalsConfigSchema,
  approvalStoreConfigSchema,
  type ApprovalsConfig,
  type ApprovalsConfigInput,
  type ApprovalStoreConfig,
  type DirectoryEntry,
} from './config.js';
export { openApprovals, type OpenApprovalsOptions, type OpenedApprovals } from './connect.js';
export { requestDigest, type RequestIdentity } from './digest.js';
export { eligibility, isAdmin, maySee, mayReview, type Eligibility } from './eligibility.js';
export { APPROVAL_ERRORS, ApprovalError, isApprovalError, type ApprovalErrorCode } from './errors.js';
export { GrantsCache } from './grants-cache.js';
export { requirementSchema } from './requirement.js';
export { ApprovalStore, type ListFilter, type ReviewOutcome } from './store/store.js';
export { TransitionFeed, type TransitionListener } from './store/feed.js';
export * from './types.js';
