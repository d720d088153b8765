import { PortcullisError } from '../common/errors.js';

/**
 * Every error the approval domain raises, with its HTTP status. The store's
 * Lua return codes are translated into these in one place (store/codes.ts);
 * docs/ERRORS.md lists each.
 */
export const APPROVAL_ERRORS = {
  invalid_request: { status: 400, message: 'the request is malformed' },
  reason_too_long: { status: 400, message: 'the reason is longer than allowed' },
  self_approval: { status: 403, message: 'a requester cannot review their own request' },
  not_eligible: { status: 403, message: 'you are not one of the reviewers of this approval' },
  not_allowed: { status: 403, message: 'you may not do this to this approval' },
  approval_not_found: { status: 404, message: 'no such approval' },
  grant_not_found: { status: 404, message: 'no such grant' },
  already_reviewed: { status: 409, message: 'you have already reviewed this approval' },
  approval_settled: { status: 409, message: 'this approval is already settled' },
  approval_expired: { status: 409, message: 'this approval has expired' },
  approval_mismatch: { status: 403, message: 'the approval was given for a different request' },
  approval_used: { status: 409, message: 'this approval has already been used' },
  approval_not_approved: { status: 409, message: 'this approval is not approved' },
  grant_inactive: { status: 409, message: 'this grant is no longer active' },
  link_invalid: { status: 400, message: 'this review link is not valid' },
  link_expired: { status: 410, message: 'this review link has expired' },
  link_used: { status: 409, message: 'this review link has already been used' },
  slack_signature_invalid: { status: 401, message: 'the Slack signature does not verify' },
  slack_signature_stale: { status: 401, message: 'the Slack request is older than five minutes' },
  slack_replay: { status: 401, message: 'this Slack request was already received' },
  slack_payload_invalid: { status: 400, message: 'the Slack interaction payload is malformed' },
  channel_not_configured: { status: 404, message: 'this notification channel is not configured' },
  approval_store_unavailable: { status: 503, message: 'the approval store (Redis) is unavailable' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApprovalErrorCode = keyof typeof APPROVAL_ERRORS;

export class ApprovalError extends PortcullisError {
  declare readonly code: ApprovalErrorCode;

  constructor(
    code: ApprovalErrorCode,
    message?: string,
    options: { details?: unknown; cause?: unknown } = {},
  ) {
    super(code, message ?? APPROVAL_ERRORS[code].message, {
      status: APPROVAL_ERRORS[code].status,
      details: options.details,
      cause: options.cause,
    });
    this.name = 'ApprovalError';
  }
}

export function isApprovalError(err: unknown, ...codes: ApprovalErrorCode[]): err is ApprovalError {
  return err instanceof ApprovalError && (codes.length === 0 || codes.includes(err.code));
}
