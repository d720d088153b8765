import { APPROVAL_ID } from '../../approvals.js';
import { ApprovalError } from '../../errors.js';
import type { ReviewDecision } from '../../types.js';
import { APPROVE_ACTION, DENY_ACTION } from './message.js';
import { REASON_ACTION, REASON_BLOCK, REVIEW_CALLBACK } from './modal.js';

/** Where a review was asked for: the approval, the decision, and the message clicked. */
export interface ReviewTarget {
  approval_id: string;
  decision: ReviewDecision;
  /** The channel of the message whose button was clicked: ephemeral answers go there. */
  channel_id: string;
  message_ts: string | null;
}

/** A click on Approve or Deny of one of our messages. */
export interface SlackClick extends ReviewTarget {
  kind: 'click';
  user_id: string;
  /** Opens a modal; Slack lets it be used once, within 3 seconds. */
  trigger_id: string | null;
}

/** The review modal submitted: the reviewer's reason (possibly empty). */
export interface SlackSubmission extends ReviewTarget {
  kind: 'submission';
  user_id: string;
  /** As typed, trimmed; its length is checked by the caller against `maxReasonLength`. */
  reason: string;
}

export type SlackInteraction = SlackClick | SlackSubmission;

const bad = (why: string) => new ApprovalError('slack_payload_invalid', why);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}

function object(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Reads Slack's interaction request (`application/x-www-form-urlencoded`
 * with a `payload` field holding JSON). Accepted: a `block_actions` click on
 * Approve or Deny of one of our messages, and a `view_submission` of our
 * review modal; anything else is slack_payload_invalid.
 */
export function parseSlackInteraction(rawBody: Buffer): SlackInteraction {
  const payloadText = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (!payloadText) throw bad('no payload field');
  let parsed: unknown;
  try {
    parsed = JSON.parse(payloadText);
  } catch {
    throw bad('the payload is not JSON');
  }
  const payload = object(parsed);
  if (payload.type === 'block_actions') return parseClick(payload);
  if (payload.type === 'view_submission') return parseSubmission(payload);
  throw bad('not a block_actions or view_submission interaction');
}

function parseClick(payload: Record<string, unknown>): SlackClick {
  const actions = payload.actions;
  const action = object(Array.isArray(actions) ? actions[0] : undefined);
  const decision =
    action.action_id === APPROVE_ACTION ? 'approve' : action.action_id === DENY_ACTION ? 'deny' : undefined;
  if (!decision) throw bad('not an Approve or Deny button of Portcullis');
  const approvalId = text(action.value);
  if (!approvalId || !APPROVAL_ID.test(approvalId)) throw bad('the button carries no approval id');
  const container = object(payload.container);
  const userId = text(object(payload.user).id);
  const channelId = text(container.channel_id) ?? text(object(payload.channel).id);
  if (!userId || !channelId) throw bad('no user or channel');
  return {
    kind: 'click',
    approval_id: approvalId,
    decision,
    user_id: userId,
    channel_id: channelId,
    message_ts: text(container.message_ts) ?? text(object(payload.message).ts) ?? null,
    trigger_id: text(payload.trigger_id) ?? null,
  };
}

/** The modal's private metadata: what it was opened for (set by us in views.open, returned by Slack). */
export function reviewMetadata(target: ReviewTarget): string {
  const { approval_id, decision, channel_id, message_ts } = target;
  return JSON.stringify({ approval_id, decision, channel_id, message_ts });
}

function parseSubmission(payload: Record<string, unknown>): SlackSubmission {
  const view = object(payload.view);
  if (view.callback_id !== REVIEW_CALLBACK) throw bad('not the review modal of Portcullis');
  let meta: Record<string, unknown>;
  try {
    meta = object(JSON.parse(String(view.private_metadata ?? '')));
  } catch {
    throw bad('the modal carries no approval');
  }
  const approvalId = text(meta.approval_id);
  if (!approvalId || !APPROVAL_ID.test(approvalId)) throw bad('the modal carries no approval id');
  const decision = meta.decision === 'approve' || meta.decision === 'deny' ? meta.decision : undefined;
  if (!decision) throw bad('the modal carries no decision');
  const channelId = text(meta.channel_id);
  const userId = text(object(payload.user).id);
  if (!userId || !channelId) throw bad('no user or channel');
  const typed = object(object(object(object(view.state).values)[REASON_BLOCK])[REASON_ACTION]).value;
  if (typed !== undefined && typed !== null && typeof typed !== 'string') throw bad('the reason is not text');
  return {
    kind: 'submission',
    approval_id: approvalId,
    decision,
    user_id: userId,
    channel_id: channelId,
    message_ts: text(meta.message_ts) ?? null,
    reason: (typed ?? '').trim(),
  };
}
