import { APPROVAL_ID } from '../../approvals.js';
import { ApprovalError } from '../../errors.js';
import type { ReviewDecision } from '../../types.js';
import { APPROVE_ACTION, DENY_ACTION } from './message.js';

/** A click on one of our buttons, as the notify job carries it. */
export interface SlackClick {
  approval_id: string;
  decision: ReviewDecision;
  user_id: string;
  channel_id: string;
  message_ts: string | null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}

/**
 * Reads Slack's interaction request (`application/x-www-form-urlencoded`
 * with a `payload` field holding JSON): only a `block_actions` click on
 * Approve or Deny of one of our messages is accepted.
 */
export function parseSlackClick(rawBody: Buffer): SlackClick {
  const bad = (why: string) => new ApprovalError('slack_payload_invalid', why);
  const payloadText = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (!payloadText) throw bad('no payload field');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(payloadText) as Record<string, unknown>;
  } catch {
    throw bad('the payload is not JSON');
  }
  if (payload === null || typeof payload !== 'object' || payload.type !== 'block_actions')
    throw bad('not a block_actions interaction');
  const actions = payload.actions;
  const action = Array.isArray(actions) ? (actions[0] as Record<string, unknown> | undefined) : undefined;
  const decision =
    action?.action_id === APPROVE_ACTION ? 'approve' : action?.action_id === DENY_ACTION ? 'deny' : undefined;
  if (!decision) throw bad('not an Approve or Deny button of Portcullis');
  const approvalId = text(action!.value);
  if (!approvalId || !APPROVAL_ID.test(approvalId)) throw bad('the button carries no approval id');
  const user = payload.user as Record<string, unknown> | undefined;
  const container = (payload.container ?? {}) as Record<string, unknown>;
  const channel = (payload.channel ?? {}) as Record<string, unknown>;
  const message = (payload.message ?? {}) as Record<string, unknown>;
  const userId = text(user?.id);
  const channelId = text(container.channel_id) ?? text(channel.id);
  if (!userId || !channelId) throw bad('no user or channel');
  return {
    approval_id: approvalId,
    decision,
    user_id: userId,
    channel_id: channelId,
    message_ts: text(container.message_ts) ?? text(message.ts) ?? null,
  };
}
