import { DelayedError, type Job, type JobsOptions, type Queue } from 'bullmq';
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import {
  contextFromCarried,
  inProducerSpan,
  serviceTracer,
  withJobTrace,
  type CarriedTrace,
} from '../common/trace-context.js';
import type { Approvals } from './approvals.js';
import type { ApprovalRecord, TransitionEvent } from './types.js';

/** BullMQ queue of expiry timers: one delayed job per approval (job id = approval id) and per grant. */
export const EXPIRY_QUEUE = 'approval-expiry';
/** BullMQ queue of notifications to reviewers and of channel work (Slack clicks). */
export const NOTIFY_QUEUE = 'approval-notify';

export interface ExpiryJob {
  kind: 'approval' | 'grant';
  id: string;
  /** Trace context of the transition that scheduled it (services/common/trace-context.ts). */
  trace?: CarriedTrace;
}

/** What a notify job carries: the approval, and for channel jobs their own data. */
export interface NotifyJob {
  approval_id: string;
  [key: string]: unknown;
}

/**
 * A place reviewers are told about approvals (Slack, email). Each method
 * must be safe to run again: notify jobs are retried.
 */
export interface NotificationChannel {
  readonly name: string;
  /** Tells the reviewers about a new approval or a break-glass pass. */
  requested(record: ApprovalRecord): Promise<void>;
  /** Shows the approval's current state wherever it was posted. */
  refresh(record: ApprovalRecord): Promise<void>;
  /** The channel's own jobs by name (e.g. a Slack click), run on the notify queue. */
  jobs?: Record<string, (data: NotifyJob) => Promise<void>>;
}

/** Events after which the channels show the approval's new state. */
const REFRESHING = new Set<TransitionEvent['type']>([
  'approval.reviewed',
  'approval.approved',
  'approval.denied',
  'approval.expired',
  'approval.cancelled',
  'approval.executed',
  'approval.revoked',
  'approval.post_review',
]);

/**
 * The transitions feed's listener that starts the work each transition
 * needs: the expiry timer of a new approval or grant (a delayed job, so
 * nothing stays active while it waits), a sooner timer once an approval's
 * execution window is known, and the notify jobs. Job ids make a
 * redelivered event add nothing while its job is still queued.
 */
export function scheduleWork(
  queues: { expiry: Queue; notify: Queue },
  now: () => number,
  tracer: Tracer = serviceTracer('workers'),
) {
  // Each job is queued in a producer span under the transition's trace, and carries that span's context.
  const send = <T>(queue: Queue, event: TransitionEvent, add: () => Promise<T>) =>
    inProducerSpan(tracer, queue.name, contextFromCarried(event.traceparent), add);
  return async (event: TransitionEvent): Promise<void> => {
    const id = event.approval_id;
    if (event.type === 'approval.requested') {
      const expiresAt = Number(event.details.expires_at ?? now());
      await send(queues.expiry, event, () =>
        queues.expiry.add('approval', withJobTrace({ kind: 'approval', id } satisfies ExpiryJob), {
          jobId: id,
          delay: Math.max(0, expiresAt - now()),
        }),
      );
    }
    if (event.type === 'approval.approved' && typeof event.details.executable_until === 'number') {
      const job = await queues.expiry.getJob(id);
      const delay = Math.max(0, event.details.executable_until - now());
      // Sooner than the pending deadline it was set for; a job already due or running reschedules itself.
      if (job && (await job.isDelayed())) await job.changeDelay(delay).catch(() => undefined);
    }
    if (event.type === 'grant.created' && event.grant_id) {
      const expiresAt = Number(event.details.expires_at ?? now());
      const grant: ExpiryJob = { kind: 'grant', id: event.grant_id };
      await send(queues.expiry, event, () =>
        queues.expiry.add('grant', withJobTrace(grant), {
          jobId: grant.id,
          delay: Math.max(0, expiresAt - now()),
        }),
      );
    }
    if (event.type === 'approval.requested' || event.type === 'approval.break_glass') {
      await send(queues.notify, event, () =>
        queues.notify.add('requested', withJobTrace({ approval_id: id } satisfies NotifyJob), {
          jobId: `requested-${id}`,
        }),
      );
    } else if (REFRESHING.has(event.type)) {
      await send(queues.notify, event, () =>
        queues.notify.add('refresh', withJobTrace({ approval_id: id } satisfies NotifyJob), {
          jobId: `refresh-${event.event_id}`,
        }),
      );
    }
  };
}

/**
 * Runs an expiry job: expires the approval or grant when its deadline has
 * come; when the deadline moved later, puts the job back to wait for it.
 */
export function expiryProcessor(approvals: Approvals) {
  return async (job: Job<ExpiryJob>, token?: string): Promise<string> => {
    const { kind, id } = job.data;
    const result = kind === 'grant' ? await approvals.expireGrant(id) : await approvals.expire(id);
    if (result === true) return 'expired';
    if (result === false) return 'nothing to expire';
    await job.moveToDelayed(result.due, token);
    throw new DelayedError();
  };
}

/** Runs a notify job on every configured channel; a failing channel fails the job (retried with backoff). */
export function notifyProcessor(
  approvals: Approvals,
  channels: readonly NotificationChannel[],
  logger: Logger,
) {
  return async (job: Job<NotifyJob>): Promise<string> => {
    for (const channel of channels) {
      const own = channel.jobs?.[job.name];
      if (own) {
        await own(job.data);
        return channel.name;
      }
    }
    const record = await approvals.get(job.data.approval_id);
    if (!record) return 'gone';
    const failures: string[] = [];
    for (const channel of channels) {
      try {
        if (job.name === 'requested') await channel.requested(record);
        else if (job.name === 'refresh') await channel.refresh(record);
      } catch (err) {
        failures.push(`${channel.name}: ${(err as Error).message}`);
        logger.warn(
          { err: (err as Error).message, channel: channel.name, approval_id: record.id },
          'notification failed',
        );
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
    return 'done';
  };
}

/** Defaults of every notify job: retries with exponential backoff, no completed jobs kept. */
export function notifyJobOptions(attempts: number, backoffMs: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: true,
    removeOnFail: { count: 1000 },
  };
}
