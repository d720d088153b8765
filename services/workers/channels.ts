import type { Queue } from 'bullmq';
import express, { type Express, type Response } from 'express';
import type { Logger } from 'pino';
import type { Approvals } from '../approvals/approvals.js';
import { EmailChannel, EMAIL_REVIEW_PATH } from '../approvals/channels/email/email.js';
import { errorPage } from '../approvals/channels/email/pages.js';
import { ReviewerDirectory } from '../approvals/channels/directory.js';
import { SlackChannel } from '../approvals/channels/slack/slack.js';
import type { ApprovalsConfig } from '../approvals/config.js';
import { ApprovalError } from '../approvals/errors.js';
import type { NotificationChannel } from '../approvals/queues.js';
import { PortcullisError } from '../common/errors.js';

export interface OpenedChannels {
  list: NotificationChannel[];
  /** The channels' own endpoints (Slack interactions, email review pages): not behind caller auth. */
  mount(app: Express): void;
  close(): Promise<void>;
}

/** Where Slack posts button clicks and modal submissions (the app's Interactivity Request URL). */
export const SLACK_INTERACTIONS_PATH = '/v1/channels/slack/interactions';

function sendPage(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'x-frame-options': 'DENY',
    })
    .send(html);
}

/** The notification channels `approvals:` configures, and their HTTP endpoints. */
export function openChannels(options: {
  config: ApprovalsConfig;
  approvals: Approvals;
  logger: Logger;
  notify: Queue;
}): OpenedChannels {
  const { config, approvals, logger, notify } = options;
  const directory = new ReviewerDirectory(config.directory);
  const slack = config.slack
    ? new SlackChannel(
        config.slack,
        approvals,
        directory,
        notify,
        logger.child({ channel: 'slack' }),
        config.maxReasonLength,
      )
    : undefined;
  if (config.email && !config.publicUrl) {
    throw new PortcullisError(
      'config_invalid',
      'approvals.email needs approvals.publicUrl: review links point there',
    );
  }
  const email = config.email
    ? new EmailChannel(config.email, approvals, directory, config.publicUrl!)
    : undefined;
  const list = [slack, email].filter((c): c is SlackChannel | EmailChannel => c !== undefined);

  return {
    list,
    mount(app) {
      // Slack signs the exact bytes: the body is read raw, bounded.
      app.post(
        SLACK_INTERACTIONS_PATH,
        express.raw({ type: () => true, limit: '64kb' }),
        async (req, res) => {
          if (!slack) throw new ApprovalError('channel_not_configured');
          const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const answer = await slack.receive(body, req.headers);
          // A refused modal submission: Slack shows the errors in the modal, which stays open.
          if (answer) res.status(200).json(answer);
          else res.status(200).end();
        },
      );
      const pageErrors = (res: Response, err: unknown) => {
        if (!(err instanceof PortcullisError)) throw err;
        sendPage(res, err.status, errorPage(err.code, err.message));
      };
      app.get(EMAIL_REVIEW_PATH, async (req, res) => {
        try {
          if (!email) throw new ApprovalError('channel_not_configured');
          sendPage(res, 200, await email.confirmation(String(req.query.token ?? '')));
        } catch (err) {
          pageErrors(res, err);
        }
      });
      app.post(
        EMAIL_REVIEW_PATH,
        express.urlencoded({ extended: false, limit: '16kb' }),
        async (req, res) => {
          try {
            if (!email) throw new ApprovalError('channel_not_configured');
            const form = (req.body ?? {}) as Record<string, unknown>;
            const reason = typeof form.reason === 'string' ? form.reason : '';
            sendPage(res, 200, await email.decide(String(form.token ?? ''), reason));
          } catch (err) {
            pageErrors(res, err);
          }
        },
      );
    },
    async close() {
      email?.close();
    },
  };
}
