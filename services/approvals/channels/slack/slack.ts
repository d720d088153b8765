import { WebClient } from '@slack/web-api';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { withJobTrace } from '../../../common/trace-context.js';
import type { Approvals } from '../../approvals.js';
import type { SlackConfig } from '../../config.js';
import { ApprovalError } from '../../errors.js';
import type { NotificationChannel, NotifyJob } from '../../queues.js';
import type { ApprovalRecord, Reviewer } from '../../types.js';
import { reviewerOf, type ReviewerDirectory } from '../directory.js';
import { readSecret } from '../secrets.js';
import { parseSlackClick, type SlackClick } from './interactions.js';
import { approvalMessage } from './message.js';
import { verifySlackSignature } from './signature.js';

/** Where a message was posted, to update it later. */
interface Posted {
  channel: string;
  ts: string;
}

const TARGET = 'slack:';

/** What an ineligible or late clicker is told, privately. */
const REFUSALS: Partial<Record<ApprovalError['code'], string>> = {
  self_approval: 'You asked for this request: someone else must review it.',
  not_eligible: 'You are not one of the reviewers of this request.',
  already_reviewed: 'You have already reviewed this request.',
  approval_settled: 'This request is already settled.',
  approval_expired: 'This request has expired.',
  approval_not_found: 'This request no longer exists.',
};

/**
 * The Slack channel: posts a Block Kit message per approval to the
 * configured channels (and, when asked, to each eligible reviewer), takes
 * Approve/Deny clicks through the interactivity endpoint (signature
 * checked, replays refused, answered at once; the work is a notify job),
 * maps the clicker to a Portcullis identity, tells an ineligible clicker
 * so in an ephemeral message, and updates every posted message as the
 * approval moves.
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
  ) {
    this.jobs = { 'slack-action': (data) => this.act(data as unknown as SlackClick & NotifyJob) };
  }

  private client(): WebClient {
    // Retries are the notify queue's (with backoff); the client fails fast.
    return new WebClient(readSecret(this.config.token, 'approvals.slack.token'), {
      slackApiUrl: this.config.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
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
   * refuse a replay, queue the click. Kept to two Redis round trips, well
   * inside Slack's three seconds.
   */
  async receive(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<void> {
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
    const click = parseSlackClick(rawBody);
    const first = await this.approvals.store.claimOnce(
      'slack',
      signature!,
      this.config.maxSkewSeconds * 2000,
    );
    if (!first) throw new ApprovalError('slack_replay');
    // The click's request trace follows the job (services/common/trace-context.ts).
    await this.notify.add('slack-action', withJobTrace({ ...click } satisfies SlackClick & NotifyJob));
  }

  /** Who clicked, in Portcullis terms: the configured map, else the verified email Slack holds. */
  private async reviewerFor(userId: string): Promise<Reviewer | string> {
    const mapped = this.config.users[userId];
    if (mapped) {
      const entry = this.directory.bySub(mapped);
      return entry ? reviewerOf(entry) : { sub: mapped, email: null, groups: [] };
    }
    const known = this.directory.bySlackUser(userId);
    if (known) return reviewerOf(known);
    let info;
    try {
      info = await this.client().users.info({ user: userId });
    } catch (err) {
      // Slack's answer for someone it does not know (another workspace, a deleted user).
      if ((err as { data?: { error?: string } }).data?.error === 'user_not_found')
        return 'You are not a known Portcullis reviewer.';
      throw err;
    }
    const email = info.user?.profile?.email;
    if (!email) return 'Portcullis cannot see your Slack email address, so it cannot tell who you are.';
    if (info.user?.is_email_confirmed !== true)
      return 'Your Slack email address is not confirmed, so Portcullis cannot tell who you are.';
    const entry = this.directory.byEmail(email);
    return entry ? reviewerOf(entry) : 'You are not a known Portcullis reviewer.';
  }

  private async act(click: SlackClick): Promise<void> {
    const reviewer = await this.reviewerFor(click.user_id);
    if (typeof reviewer === 'string') return this.tell(click, reviewer);
    try {
      await this.approvals.review(click.approval_id, reviewer, click.decision, '', 'slack');
    } catch (err) {
      const refusal = err instanceof ApprovalError ? REFUSALS[err.code] : undefined;
      if (!refusal) throw err;
      this.logger.info(
        { approval_id: click.approval_id, user: click.user_id, code: (err as ApprovalError).code },
        'slack review refused',
      );
      return this.tell(click, refusal);
    }
  }

  private async tell(click: SlackClick, text: string): Promise<void> {
    await this.client().chat.postEphemeral({ channel: click.channel_id, user: click.user_id, text });
  }
}
