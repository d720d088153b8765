import type { ApprovalRecord, ReviewDecision } from '../../types.js';
import { esc, requestLine } from './message.js';

/** The review modal's `callback_id`, and its reason input's block and action ids. */
export const REVIEW_CALLBACK = 'portcullis_review';
export const REASON_BLOCK = 'portcullis_reason';
export const REASON_ACTION = 'reason';

/** Slack refuses a plain_text_input whose max_length is above this. */
const SLACK_INPUT_MAX = 3000;
/** Slack's limit on a section's text. */
const SECTION_MAX = 3000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The modal a click on Approve or Deny opens (views.open): what is asked
 * (who, the request, the policy's and the caller's reasons), an optional
 * multi-line reason bounded by `maxReasonLength`, and a submit button named
 * after the decision. `metadata` comes back with the submission.
 */
export function reviewModal(
  record: ApprovalRecord,
  decision: ReviewDecision,
  metadata: string,
  maxReasonLength: number,
): Record<string, unknown> {
  const verb = decision === 'approve' ? 'Approve' : 'Deny';
  const summary =
    `*${esc(record.requester.sub)}* wants \`${esc(requestLine(record))}\`\n` +
    `*Policy*: ${esc(record.policy_reasons.join('; ') || '-')}\n` +
    `*Reason given*: ${esc(record.break_glass?.reason || record.caller_reason || '-')}`;
  return {
    type: 'modal',
    callback_id: REVIEW_CALLBACK,
    private_metadata: metadata,
    title: { type: 'plain_text', text: `${verb} request` },
    submit: { type: 'plain_text', text: verb },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(summary, SECTION_MAX) } },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Reason' },
        hint: {
          type: 'plain_text',
          text: `Optional; stored with your review and shown to the requester. At most ${maxReasonLength} characters.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION,
          multiline: true,
          max_length: Math.min(maxReasonLength, SLACK_INPUT_MAX),
          placeholder: {
            type: 'plain_text',
            text: decision === 'approve' ? 'e.g. checked with the customer' : 'e.g. not during the freeze',
          },
        },
      },
    ],
  };
}
