import type { Queue } from 'bullmq';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Approvals } from '../approvals/approvals.js';
import type { ApprovalsConfig } from '../approvals/config.js';
import type { NotificationChannel } from '../approvals/queues.js';

export interface OpenedChannels {
  list: NotificationChannel[];
  /** The channels' own endpoints (Slack interactions, email review pages): not behind caller auth. */
  mount(app: Express): void;
  close(): Promise<void>;
}

/** The notification channels `approvals:` configures. */
export function openChannels(_options: {
  config: ApprovalsConfig;
  approvals: Approvals;
  logger: Logger;
  notify: Queue;
}): OpenedChannels {
  return { list: [], mount: () => undefined, close: async () => undefined };
}
