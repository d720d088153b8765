import nodemailer, { type Transporter } from 'nodemailer';
import type { Approvals } from '../../approvals.js';
import type { EmailConfig } from '../../config.js';
import { ApprovalError } from '../../errors.js';
import type { NotificationChannel } from '../../queues.js';
import type { ApprovalRecord, ReviewDecision } from '../../types.js';
import { reviewerOf, type ReviewerDirectory } from '../directory.js';
import { readSecret } from '../secrets.js';
import { signLink, verifyLink } from './links.js';
import { confirmPage, donePage } from './pages.js';

/** Where review links point, under the workers' public URL. */
export const EMAIL_REVIEW_PATH = '/v1/channels/email/review';
const TARGET = 'email:';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The email channel: one message per eligible reviewer with signed,
 * single-use links (bound to the approval, the reviewer and the action,
 * expiring with the approval at the latest, dead once it is settled). A
 * link's GET shows a confirmation page and changes nothing; the page's
 * POST decides, with the reviewer's groups as the directory gives them
 * when they act.
 */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email';
  private readonly transport: Transporter;

  constructor(
    private readonly config: EmailConfig,
    private readonly approvals: Approvals,
    private readonly directory: ReviewerDirectory,
    private readonly publicUrl: string,
  ) {
    const { smtp } = config;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth:
        smtp.user && smtp.password
          ? { user: smtp.user, pass: readSecret(smtp.password, 'approvals.email.smtp.password') }
          : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  private secret(): string {
    return readSecret(this.config.linkSecret, 'approvals.email.linkSecret');
  }

  private link(record: ApprovalRecord, reviewer: string, decision: ReviewDecision): string {
    const expires = Math.floor(
      Math.min(Date.now() + this.config.linkTtlSeconds * 1000, record.expires_at) / 1000,
    );
    const token = signLink(this.secret(), { approval_id: record.id, reviewer, decision, expires });
    return `${this.publicUrl.replace(/\/+$/, '')}${EMAIL_REVIEW_PATH}?token=${token}`;
  }

  async requested(record: ApprovalRecord): Promise<void> {
    if (record.status !== 'pending' && record.break_glass?.review !== 'pending') return;
    const store = this.approvals.store;
    const done = await store.notifications(record.id);
    for (const entry of this.directory.eligible(record)) {
      if (!entry.email || done.has(TARGET + entry.sub)) continue;
      const approve = this.link(record, entry.sub, 'approve');
      const deny = this.link(record, entry.sub, 'deny');
      const r = record.request;
      const what = `${r.method} /${record.connection}${r.path}`;
      const title = record.break_glass ? 'Break-glass used, review needed' : 'Approval requested';
      const why = record.policy_reasons.join('; ') || '-';
      const given = record.break_glass?.reason || record.caller_reason || '-';
      await this.transport.sendMail({
        from: this.config.from,
        to: entry.email,
        subject: `[Portcullis] ${title}: ${record.requester.sub} wants ${what}`,
        text:
          `${record.requester.sub} wants ${what}.\n\nWhy the policy asks: ${why}\nReason given: ${given}\n` +
          `Expires: ${new Date(record.expires_at).toISOString()}\n\nApprove: ${approve}\nDeny: ${deny}\n\n` +
          `Each link opens a page where you confirm; it works once.\n`,
        html:
          `<p><strong>${esc(record.requester.sub)}</strong> wants <code>${esc(what)}</code>.</p>` +
          `<p>Why the policy asks: ${esc(why)}<br>Reason given: ${esc(given)}<br>Expires: ${esc(new Date(record.expires_at).toISOString())}</p>` +
          `<p><a href="${esc(approve)}">Approve</a> · <a href="${esc(deny)}">Deny</a></p>` +
          `<p><small>Each link opens a page where you confirm; it works once.</small></p>`,
      });
      await store.recordNotification(record.id, TARGET + entry.sub, { to: entry.email }, record.expires_at);
    }
  }

  async refresh(): Promise<void> {
    // A sent email cannot change; its links die once the approval is settled.
  }

  /** GET: the confirmation page for a valid, unused link of an open approval. Changes nothing. */
  async confirmation(token: string): Promise<string> {
    const claims = verifyLink(this.secret(), token, Date.now());
    const record = await this.openRecord(claims.approval_id);
    return confirmPage(record, claims.decision, token, EMAIL_REVIEW_PATH);
  }

  /** POST: the reviewer confirms. The link is spent first, so it decides at most once. */
  async decide(token: string, reason: string): Promise<string> {
    const claims = verifyLink(this.secret(), token, Date.now());
    await this.openRecord(claims.approval_id);
    const ttl = claims.expires * 1000 - Date.now();
    if (!(await this.approvals.store.claimOnce('email', claims.nonce, ttl)))
      throw new ApprovalError('link_used');
    const entry = this.directory.bySub(claims.reviewer);
    const reviewer = entry ? reviewerOf(entry) : { sub: claims.reviewer, email: null, groups: [] };
    const { record } = await this.approvals.review(
      claims.approval_id,
      reviewer,
      claims.decision,
      reason,
      'email',
    );
    return donePage(record, claims.decision);
  }

  private async openRecord(id: string): Promise<ApprovalRecord> {
    const record = await this.approvals.require(id);
    const open = record.status === 'pending' || record.break_glass?.review === 'pending';
    if (!open) throw new ApprovalError('approval_settled', `this request is already ${record.status}`);
    return record;
  }

  close(): void {
    this.transport.close();
  }
}
