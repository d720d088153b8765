/**
 * The approval domain's plain data: what a policy asks for, what is stored,
 * what the API shows and what every transition reports. Nothing here talks
 * to Redis or HTTP; the store, the proxy and the workers exchange these.
 */

/** Who may review: people by subject, and members of groups. */
export interface Reviewers {
  groups: string[];
  users: string[];
}

/** What an approval creates once approved: a bounded just-in-time grant. */
export interface GrantSpec {
  duration_seconds: number;
  /** Methods the grant covers (`*` for any). */
  methods: string[];
  /** Path globs the grant covers (as the policy's rules write them). */
  paths: string[];
  /** Requests the grant may be used for; null for no limit within its duration. */
  max_uses: number | null;
}

/** The policy's `require_approval`, with defaults filled in. */
export interface ApprovalRequirement {
  reason: string;
  reviewers: Reviewers;
  min_approvals: number;
  /** How long the approval may stay pending. */
  ttl_seconds: number;
  reason_required: boolean;
  grant: GrantSpec | null;
  /** Whether this caller may pass at once with `Portcullis-Break-Glass` (reviewed afterwards). */
  break_glass: boolean;
  /** Slack channels to post to, besides the configured ones. */
  notify: { slack_channels: string[] };
}

export const APPROVAL_STATUSES = [
  'pending',
  'approved',
  'denied',
  'expired',
  'cancelled',
  'executed',
  'revoked',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Statuses after which nobody can approve or deny any more. */
export const SETTLED: ReadonlySet<ApprovalStatus> = new Set([
  'denied',
  'expired',
  'cancelled',
  'executed',
  'revoked',
]);

export type GrantStatus = 'active' | 'revoked' | 'expired' | 'exhausted';

/** The identity the approval was asked for (the caller), as stored: never a token. */
export interface Requester {
  sub: string;
  email: string | null;
  groups: string[];
  type: 'user' | 'service';
}

/** A person acting on an approval, with the groups they hold at the time they act. */
export interface Reviewer {
  sub: string;
  email: string | null;
  groups: string[];
}

/** Where a review came from. */
export type ReviewChannel = 'api' | 'slack' | 'email';

export type ReviewDecision = 'approve' | 'deny';

/** One person's review: stored per approval, one per person. */
export interface Review {
  sub: string;
  decision: ReviewDecision;
  reason: string;
  /** Unix ms. */
  at: number;
  via: ReviewChannel;
  groups: string[];
}

/** The request as reviewers see it: already masked by the proxy, bodies cut to an excerpt. */
export interface RequestView {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: {
    size: number;
    content_type: string | null;
    /** Masked text (JSON re-serialised after masking), at most the excerpt limit. */
    excerpt: string;
    truncated: boolean;
  };
}

/** What the proxy hands the domain to open an approval. */
export interface NewApproval {
  requester: Requester;
  connection: string;
  /** Digest binding the approval to one exact request (see digest.ts). */
  digest: string;
  requirement: ApprovalRequirement;
  /** The policy's reasons for the decision, and its approval reason. */
  policy_reasons: string[];
  /** The caller's `Portcullis-Reason`, or empty. */
  caller_reason: string;
  request: RequestView;
  decision_id: string;
  /** How the caller waits: held on the connection or answered 202 at once. */
  mode: 'hold' | 'async';
}

/** A stored approval, as every reader sees it. Times are unix ms. */
export interface ApprovalRecord {
  id: string;
  status: ApprovalStatus;
  created_at: number;
  /** Pending: when it expires. Approved: until when it may still execute. */
  expires_at: number;
  requester: Requester;
  connection: string;
  digest: string;
  requirement: ApprovalRequirement;
  policy_reasons: string[];
  caller_reason: string;
  request: RequestView;
  decision_id: string;
  mode: 'hold' | 'async';
  approvals: number;
  reviews: Review[];
  /** Who or what settled it, when settled (`system` for expiry). */
  settled_by: string | null;
  settled_at: number | null;
  /** The settling reason: the deny or revoke reason, or the cancel reason. */
  outcome_reason: string;
  executed_at: number | null;
  grant_id: string | null;
  /** Set when the caller passed with `Portcullis-Break-Glass`. */
  break_glass: { reason: string; review: 'pending' | 'approved' | 'denied' } | null;
}

/** A just-in-time grant: the requester may make matching requests on the connection without asking again. */
export interface Grant {
  id: string;
  approval_id: string;
  subject: string;
  connection: string;
  methods: string[];
  paths: string[];
  created_at: number;
  expires_at: number;
  /** Null for no limit. */
  uses_left: number | null;
  status: GrantStatus;
}

export const TRANSITION_TYPES = [
  'approval.requested',
  'approval.break_glass',
  'approval.reviewed',
  'approval.approved',
  'approval.denied',
  'approval.expired',
  'approval.cancelled',
  'approval.executed',
  'approval.revoked',
  'approval.post_review',
  'grant.created',
  'grant.used',
  'grant.revoked',
  'grant.expired',
  'grant.exhausted',
] as const;
export type TransitionType = (typeof TRANSITION_TYPES)[number];

/**
 * One transition of an approval or a grant, as written atomically with the
 * transition itself (the store's Lua scripts append it to a Redis stream).
 * `event_id` is the stream entry id: unique, ordered, the dedupe key.
 */
export interface TransitionEvent {
  event_id: string;
  type: TransitionType;
  /** Unix ms. */
  at: number;
  approval_id: string;
  grant_id: string | null;
  connection: string;
  /** The requester's subject. */
  subject: string;
  /** Status before and after (approval statuses, or grant statuses for grant.*). */
  from: string | null;
  to: string | null;
  /** Who acted: a subject, or `system` (expiry), or `proxy` (execution). */
  actor: string;
  via: ReviewChannel | 'proxy' | 'system' | null;
  /** The actor's reason (review, cancel, revoke, break-glass), or empty. */
  reason: string;
  /** Type-specific facts: decision and count for reviews, uses_left for grants. */
  details: Record<string, unknown>;
  /**
   * W3C `traceparent` of whoever made the transition (the request, the
   * review, the expiry job), when traced: the work it starts joins that trace.
   */
  traceparent?: string;
}
