import { WebClient } from '@slack/web-api';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { withJobTrace } from '../../../common/trace-context.js';
import type { Approvals } from '../../approvals.js';
import type { SlackConfig } from '../../config.js';
import { mayReview } from '../../eligibility.js';
import { ApprovalError } from '../../errors.js';
import type { NotificationChannel, NotifyJob } from '../../queues.js';
import type { ApprovalRecord, Reviewer } from '../../types.js';
import type { ReviewerDirectory } from '../directory.js';
import { readSecret } from '../secrets.js';
import { slackReviewer } from './identity.js';
import {
  parseSlackInteraction,
  reviewMetadata,
  type ReviewTarget,
  type SlackClick,
  type SlackSubmission,
} from './interactions.js';
import { approvalMessage } from './message.js';
import { REASON_BLOCK, reviewModal } from './modal.js';
import { verifySlackSignature } from './signature.js';

/** Where a message was posted, to update it later. */
interface Posted {
  channel: string;
  ts: string;
}

/** A review to record (`slack-action` job): from a submitted modal, or a direct click. */
interface ReviewJob extends ReviewTarget {
  user_id: string;
  /** The reviewer's reason; absent in jobs queued before reasons were taken. */
  reason?: string;
  /** Who the submitter was mapped to when they submitted; absent for a direct click (mapped by the job). */
  reviewer?: Reviewer;
}

/** A private answer to a clicker (`slack-tell` job). */
interface TellJob {
  approval_id: string;
  channel_id: string;
  user_id: string;
  text: string;
}

/** What the interactivity endpoint answers Slack: nothing (200, the modal closes), or errors shown in the modal. */
export type SlackAnswer = { response_action: 'errors'; errors: Record<string, string> } | undefined;

const TARGET = 'slack:';

/**
 * Budget of a Slack call made while Slack waits for our answer (views.open,
 * users.info at submission): Slack gives up after 3 seconds, and a
 * trigger_id dies then too.
 */
const INTERACTIVE_TIMEOUT_MS = 2000;

/** What an ineligible or late reviewer is told, privately or in the modal. */
const REFUSALS: Partial<Record<ApprovalError['code'], string>> = {
  self_approval: 'You asked for this request: someone else must review it.',
  not_eligible: 'You are not one of the reviewers of this request.',
  already_reviewed: 'You have already reviewed this request.',
  approval_settled: 'This request is already settled.',
  approval_expired: 'This request has expired.',
  approval_not_found: 'This request no longer exists.',
};

function isOpen(record: ApprovalRecord): boolean {
  return record.break_glass ? record.break_glass.review === 'pending' : record.status === 'pending';
}

function settledText(record: ApprovalRecord): string {
  if (record.break_glass) return `This break-glass use was already reviewed (${record.break_glass.review}).`;
  return `This request is already ${record.status}.`;
}

function modalErrors(text: string): SlackAnswer {
  return { response_action: 'errors', errors: { [REASON_BLOCK]: text } };
}

/**
 * The Slack channel: posts a Block Kit message per approval to the
 * configured channels (and, when asked, to each eligible reviewer), takes
 * interactions through the interactivity endpoint (signature checked,
 * replays refused, answered within Slack's 3 seconds; the decision itself
 * is a notify job), maps the reviewer to a Portcullis identity, and updates
 * every posted message as the approval moves.
 *
 * With `buttons: modal` (the default) a click opens a modal asking for an
 * optional reason; its submission is checked at once (reason length, the
 * approval still open, the submitter mapped and eligible), answered with
 * the modal's errors when refused, else queued as the review. With
 * `buttons: direct` a click is the review, without a reason. Refusals found
 * only when the review is recorded are told in an ephemeral message.
 */
export class SlackChannel implements NotificationChannel {
  readonly name = 'slack';
  readonly jobs: Record<string, (data: NotifyJob) => Promise<void>>;

  constructor(
    private readonly config: SlackConfig,
    private readonly approvals: Approvals,
    private readonly directory: ReviewerDirectory,
    private readonly notify: Queue,
    private readonly logger: Logger,
    /** `approvals.maxReasonLength`: the API's limit, applied to reasons typed in Slack. */
    private readonly maxReasonLength: number,
  ) {
    this.jobs = {
      'slack-action': (data) => this.act(data as unknown as ReviewJob),
      'slack-tell': (data) => this.tellJob(data as unknown as TellJob),
    };
  }

  private client(timeoutMs?: number): WebClient {
    // Retries are the notify queue's (with backoff); the client fails fast.
    return new WebClient(readSecret(this.config.token, 'approvals.slack.token'), {
      slackApiUrl: this.config.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
    });
  }

  async requested(record: ApprovalRecord): Promise<void> {
    if (record.status !== 'pending' && record.break_glass?.review !== 'pending') return;
    const targets = new Set([...this.config.channels, ...record.requirement.notify.slack_channels]);
    if (this.config.directMessages) {
      for (const entry of this.directory.eligible(record))
        if (entry.slackUserId) targets.add(entry.slackUserId);
    }
    const store = this.approvals.store;
    const done = await store.notifications(record.id);
    const message = approvalMessage(record);
    const client = this.client();
    for (const target of targets) {
      if (done.has(TARGET + target)) continue;
      const answer = await client.chat.postMessage({
        channel: target,
        text: message.text,
        blocks: message.blocks as never,
      });
      const posted: Posted = { channel: String(answer.channel ?? target), ts: String(answer.ts) };
      await store.recordNotification(record.id, TARGET + target, posted, record.expires_at);
    }
  }

  async refresh(record: ApprovalRecord): Promise<void> {
    const posted = [...(await this.approvals.store.notifications(record.id))]
      .filter(([target]) => target.startsWith(TARGET))
      .map(([, ref]) => ref as Posted);
    if (posted.length === 0) return;
    const message = approvalMessage(record);
    const client = this.client();
    for (const { channel, ts } of posted) {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks as never });
    }
  }

  /**
   * The interactivity endpoint's work before it answers Slack: verify,
   * refuse a replay, then for a click open the modal (or queue the review
   * with `buttons: direct`), for a submission check it and queue the
   * review. A few Redis round trips and at most one Slack call, bounded by
   * INTERACTIVE_TIMEOUT_MS, so the answer is inside Slack's three seconds.
   */
  async receive(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<SlackAnswer> {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const signature = header('x-slack-signature');
    verifySlackSignature(
      { timestamp: header('x-slack-request-timestamp'), signature, rawBody },
      readSecret(this.config.signingSecret, 'approvals.slack.signingSecret'),
      { nowMs: Date.now(), maxSkewSeconds: this.config.maxSkewSeconds },
    );
    const interaction = parseSlackInteraction(rawBody);
    const first = await this.approvals.store.claimOnce(
      'slack',
      signature!,
      this.config.maxSkewSeconds * 2000,
    );
    if (!first) throw new ApprovalError('slack_replay');
    if (interaction.kind === 'submission') return this.submitted(interaction);
    if (this.config.buttons === 'direct') {
      await this.queueReview({ ...target(interaction), user_id: interaction.user_id, reason: '' });
      return undefined;
    }
    await this.openModal(interaction);
    return undefined;
  }

  /** A click: the review modal, unless the approval is gone or settled (then a private note). */
  private async openModal(click: SlackClick): Promise<void> {
    if (!click.trigger_id)
      throw new ApprovalError('slack_payload_invalid', 'the click carries no trigger_id');
    const record = await this.approvals.get(click.approval_id);
    if (!record || !isOpen(record)) {
      const text = record ? settledText(record) : REFUSALS.approval_not_found!;
      await this.notify.add(
        'slack-tell',
        withJobTrace({
          approval_id: click.approval_id,
          channel_id: click.channel_id,
          user_id: click.user_id,
          text,
        } satisfies TellJob & NotifyJob),
      );
      return;
    }
    const view = reviewModal(record, click.decision, reviewMetadata(click), this.maxReasonLength);
    // The trigger_id is good once, for 3 seconds: a queued or retried job could not use it.
    // A failure fails the interaction, so Slack shows the clicker that it did not work.
    await this.client(INTERACTIVE_TIMEOUT_MS)
      .views.open({ trigger_id: click.trigger_id, view: view as never })
      .catch((err: unknown) => {
        this.logger.warn(
          { err: (err as Error).message, approval_id: click.approval_id, user: click.user_id },
          'slack views.open failed',
        );
        throw err;
      });
  }

  /** A submitted modal: refused in the modal when it cannot count, else queued as the review. */
  private async submitted(submission: SlackSubmission): Promise<SlackAnswer> {
    const { reason } = submission;
    if (reason.length > this.maxReasonLength) {
      return modalErrors(
        `Your reason is ${reason.length} characters; at most ${this.maxReasonLength} are accepted.`,
      );
    }
    const record = await this.approvals.get(submission.approval_id);
    if (!record) return modalErrors(REFUSALS.approval_not_found!);
    if (!isOpen(record)) return modalErrors(settledText(record));
    let reviewer: Reviewer | string;
    try {
      reviewer = await slackReviewer(submission.user_id, this.config, this.directory, () =>
        this.client(INTERACTIVE_TIMEOUT_MS),
      );
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, user: submission.user_id }, 'slack users.info failed');
      return modalErrors('Portcullis could not ask Slack who you are just now. Submit again in a moment.');
    }
    if (typeof reviewer === 'string') return modalErrors(reviewer);
    const eligible = mayReview(record, reviewer);
    if (eligible === 'self') return modalErrors(REFUSALS.self_approval!);
    if (eligible === 'not_reviewer') return modalErrors(REFUSALS.not_eligible!);
    if (record.reviews.some((r) => r.sub === reviewer.sub)) return modalErrors(REFUSALS.already_reviewed!);
    await this.queueReview({ ...target(submission), user_id: submission.user_id, reason, reviewer });
    return undefined;
  }

  private async queueReview(job: ReviewJob): Promise<void> {
    // The interaction's request trace follows the job (services/common/trace-context.ts).
    await this.notify.add('slack-action', withJobTrace({ ...job } satisfies ReviewJob & NotifyJob));
  }

  /** Records the review; a refusal found now (someone settled it meanwhile) is told privately. */
  private async act(job: ReviewJob): Promise<void> {
    const reviewer =
      job.reviewer ?? (await slackReviewer(job.user_id, this.config, this.directory, () => this.client()));
    if (typeof reviewer === 'string') return this.tell(job, reviewer);
    try {
      await this.approvals.review(job.approval_id, reviewer, job.decision, job.reason ?? '', 'slack');
    } catch (err) {
      const refusal = err instanceof ApprovalError ? REFUSALS[err.code] : undefined;
      if (!refusal) throw err;
      this.logger.info(
        { approval_id: job.approval_id, user: job.user_id, code: (err as ApprovalError).code },
        'slack review refused',
      );
      return this.tell(job, refusal);
    }
  }

  private tellJob(job: TellJob): Promise<void> {
    return this.tell(job, job.text);
  }

  private async tell(to: { channel_id: string; user_id: string }, text: string): Promise<void> {
    await this.client().chat.postEphemeral({ channel: to.channel_id, user: to.user_id, text });
  }
}

function target(from: ReviewTarget): ReviewTarget {
  return {
    approval_id: from.approval_id,
    decision: from.decision,
    channel_id: from.channel_id,
    message_ts: from.message_ts,
  };
}
