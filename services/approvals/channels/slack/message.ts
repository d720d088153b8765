import type { ApprovalRecord } from '../../types.js';

/** Slack's mrkdwn needs only these three escaped. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const EXCERPT = 1500;

export const APPROVE_ACTION = 'portcullis_approve';
export const DENY_ACTION = 'portcullis_deny';

export function requestLine(record: ApprovalRecord): string {
  const query = Object.entries(record.request.query ?? {})
    .flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`))
    .join('&');
  return `${record.request.method} /${record.connection}${record.request.path}${query ? `?${query}` : ''}`;
}

/** The reason of whoever settled it: the stored outcome reason, else their review's (an approval keeps it there). */
function settlingReason(record: ApprovalRecord): string {
  if (record.outcome_reason) return record.outcome_reason;
  return record.reviews.find((r) => r.sub === record.settled_by)?.reason ?? '';
}

const OUTCOME_REASON_SHOWN = 2000;

function outcome(record: ApprovalRecord): string | undefined {
  const reason = settlingReason(record);
  const why = reason
    ? `: ${esc(reason.length > OUTCOME_REASON_SHOWN ? `${reason.slice(0, OUTCOME_REASON_SHOWN)}…` : reason)}`
    : '';
  if (record.break_glass) {
    if (record.break_glass.review === 'pending') return undefined;
    return `*Break-glass review: ${record.break_glass.review}* by ${esc(record.settled_by ?? '')}${why}`;
  }
  if (record.status === 'pending') return undefined;
  const by = record.settled_by && record.settled_by !== 'system' ? ` by ${esc(record.settled_by)}` : '';
  return `*${record.status[0].toUpperCase()}${record.status.slice(1)}*${by}${why}`;
}

const REVIEW_REASON_SHOWN = 300;
const SECTION_MAX = 3000;

/** Each review so far with its reason, when there is more to say than the outcome line. */
function reviewLines(record: ApprovalRecord): string | undefined {
  const open = record.status === 'pending' || record.break_glass?.review === 'pending';
  if (record.reviews.length === 0) return undefined;
  // A single review that settled it is already the outcome line.
  if (!open && record.reviews.length === 1 && record.reviews[0].sub === record.settled_by) return undefined;
  const lines = record.reviews.map((r) => {
    const reason =
      r.reason.length > REVIEW_REASON_SHOWN ? `${r.reason.slice(0, REVIEW_REASON_SHOWN)}…` : r.reason;
    return `• ${esc(r.sub)} ${r.decision === 'approve' ? 'approved' : 'denied'}${reason ? `: ${esc(reason)}` : ''}`;
  });
  const text = `*Reviews*\n${lines.join('\n')}`;
  return text.length > SECTION_MAX ? `${text.slice(0, SECTION_MAX - 1)}…` : text;
}

/**
 * The Block Kit message for an approval: who asks, where, what (the
 * request as recorded, masked), why (the policy's reasons and the
 * caller's), until when, and Approve/Deny buttons while it is open; once
 * settled, the outcome instead of the buttons.
 */
export function approvalMessage(record: ApprovalRecord): { text: string; blocks: unknown[] } {
  const requester = record.requester;
  const title = record.break_glass ? 'Break-glass used: review needed' : 'Approval requested';
  const expires = Math.floor(record.expires_at / 1000);
  const excerpt = record.request.body?.excerpt ?? '';
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: title } },
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*Who*\n${esc(requester.sub)}${requester.email ? ` (${esc(requester.email)})` : ''}`,
        },
        { type: 'mrkdwn', text: `*Connection*\n${esc(record.connection)}` },
        { type: 'mrkdwn', text: `*Request*\n\`${esc(requestLine(record))}\`` },
        {
          type: 'mrkdwn',
          text: `*Expires*\n<!date^${expires}^{date_short_pretty} {time}|${new Date(record.expires_at).toISOString()}>`,
        },
      ],
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          `*Policy*: ${esc(record.policy_reasons.join('; ') || '-')}\n` +
          `*Reason given*: ${esc(record.break_glass?.reason || record.caller_reason || '-')}`,
      },
    },
  ];
  if (excerpt) {
    const shown = excerpt.length > EXCERPT ? `${excerpt.slice(0, EXCERPT)}…` : excerpt;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `\`\`\`${esc(shown).replace(/```/g, "'''")}\`\`\`` },
    });
  }
  const reviewers = record.requirement.reviewers;
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: esc(
          `${record.approvals}/${record.requirement.min_approvals} approvals · reviewers: ${[
            ...reviewers.groups.map((g) => `group ${g}`),
            ...reviewers.users,
          ].join(', ')} · ${record.id}`,
        ),
      },
    ],
  });
  const reviews = reviewLines(record);
  if (reviews) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: reviews } });
  const done = outcome(record);
  if (done) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: done } });
  else
    blocks.push({
      type: 'actions',
      block_id: 'portcullis_review',
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          value: record.id,
        },
        {
          type: 'button',
          action_id: DENY_ACTION,
          style: 'danger',
          text: { type: 'plain_text', text: 'Deny' },
          value: record.id,
        },
      ],
    });
  const text = `${title}: ${requester.sub} wants ${requestLine(record)}${done ? ` (${record.status})` : ''}`;
  return { text, blocks };
}
