import { Redis } from 'ioredis';
import { Approvals } from '../../../services/approvals/approvals.js';
import { ApprovalStore } from '../../../services/approvals/store/store.js';
import type { ApprovalRequirement, NewApproval, Reviewer } from '../../../services/approvals/types.js';
import { testRedisUrl } from '../../support/redis.js';

/** A clock tests move by hand (starting now, so Redis TTLs stay in the future). */
export function fakeClock() {
  let now = Date.now();
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export function requirement(overrides: Partial<ApprovalRequirement> = {}): ApprovalRequirement {
  return {
    reason: 'dropping a table needs a data owner',
    reviewers: { groups: ['data-owners'], users: [] },
    min_approvals: 1,
    ttl_seconds: 600,
    reason_required: false,
    grant: null,
    break_glass: false,
    notify: { slack_channels: [] },
    ...overrides,
  };
}

export function newApproval(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    requester: { sub: 'alice', email: 'alice@example.com', groups: ['engineers'], type: 'user' },
    connection: 'warehouse',
    digest: 'd'.repeat(64),
    requirement: requirement(),
    policy_reasons: ['dropping a table needs a data owner'],
    caller_reason: 'cleaning up the staging table',
    request: {
      method: 'DELETE',
      path: '/tables/events',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: { size: 0, content_type: null, excerpt: '', truncated: false },
    },
    decision_id: 'dec-1',
    mode: 'async',
    ...overrides,
  };
}

export const reviewer = (sub: string, groups: string[] = ['data-owners']): Reviewer => ({
  sub,
  email: `${sub}@example.com`,
  groups,
});

/** The domain on the test Redis under `prefix`, with a hand-moved clock. */
export function openTestApprovals(prefix: string, options: { adminGroups?: string[] } = {}) {
  const clock = fakeClock();
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const store = new ApprovalStore(redis, { prefix, now: clock.now, keepMs: 3600_000 });
  const approvals = new Approvals(store, {
    executeWindowSeconds: 300,
    retentionDays: 1,
    maxReasonLength: 200,
    adminGroups: options.adminGroups ?? ['approval-admins'],
  });
  return { approvals, store, clock, redis, close: () => redis.quit().then(() => undefined) };
}
