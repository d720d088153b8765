import { Redis } from 'ioredis';
import { pino } from 'pino';
import { ApprovalChanges } from '../../services/approvals/changes.js';
import { GrantsCache } from '../../services/approvals/grants-cache.js';
import { TransitionFeed } from '../../services/approvals/store/feed.js';
import type { TransitionEvent } from '../../services/approvals/types.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { newApproval, openTestApprovals, requirement, reviewer } from './support/fixtures.js';

const logger = pino({ level: 'silent' });

/** Resolves when `predicate` holds for the events received so far. */
function collector() {
  const events: TransitionEvent[] = [];
  const waiters: { predicate: (e: TransitionEvent[]) => boolean; resolve: () => void }[] = [];
  return {
    events,
    push(event: TransitionEvent) {
      events.push(event);
      for (const w of [...waiters]) if (w.predicate(events)) w.resolve();
    },
    until(predicate: (e: TransitionEvent[]) => boolean): Promise<void> {
      if (predicate(events)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

describe('transition feed (Redis stream, consumer group)', () => {
  const prefix = uniquePrefix('approvals-feed');
  let t: ReturnType<typeof openTestApprovals>;
  beforeAll(() => {
    t = openTestApprovals(prefix);
  });
  afterAll(async () => {
    await t.close();
    await deleteKeys(prefix);
  });

  it('delivers every transition from any process, in order, including those made before it started', async () => {
    const record = await t.approvals.request(newApproval());
    const feed = new TransitionFeed({ redis: t.redis, prefix, logger, group: 'g1', consumer: 'c1' });
    const got = collector();
    feed.onTransition((e) => got.push(e));
    feed.start();
    try {
      await t.approvals.review(record.id, reviewer('bob'), 'approve', 'fine', 'api');
      await got.until((e) => e.some((x) => x.type === 'approval.approved'));
      const mine = got.events.filter((e) => e.approval_id === record.id);
      expect(mine.map((e) => e.type)).toEqual([
        'approval.requested',
        'approval.reviewed',
        'approval.approved',
      ]);
      expect(mine[1]).toMatchObject({
        actor: 'bob',
        via: 'api',
        reason: 'fine',
        details: { decision: 'approve', approvals: 1, min_approvals: 1 },
      });
      expect(mine[2]).toMatchObject({
        from: 'pending',
        to: 'approved',
        subject: 'alice',
        connection: 'warehouse',
      });
      expect(new Set(mine.map((e) => e.event_id)).size).toBe(3);
    } finally {
      await feed.close();
    }
  });

  it('delivers an event again, with the same id, when a listener fails', async () => {
    const feed = new TransitionFeed({
      redis: t.redis,
      prefix,
      logger,
      group: 'g2',
      consumer: 'c1',
      retryMs: 10,
    });
    const got = collector();
    let failures = 0;
    feed.onTransition((e) => {
      if (e.type === 'approval.cancelled' && failures === 0) {
        failures++;
        throw new Error('sink down');
      }
      got.push(e);
    });
    feed.start();
    try {
      const record = await t.approvals.request(newApproval());
      await t.approvals.cancel(record.id, reviewer('alice'), 'changed my mind', 'api');
      await got.until((e) => e.some((x) => x.type === 'approval.cancelled' && x.approval_id === record.id));
      expect(failures).toBe(1);
      const cancelled = got.events.filter(
        (e) => e.type === 'approval.cancelled' && e.approval_id === record.id,
      );
      expect(cancelled).toHaveLength(1);
    } finally {
      await feed.close();
    }
    // close() lets the batch in hand be acknowledged: nothing is pending for the group.
    const pending = (await t.redis.xpending(t.store.keys.events, 'g2')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });
});

describe('change notices (pub/sub) and the grants cache', () => {
  const prefix = uniquePrefix('approvals-changes');
  let t: ReturnType<typeof openTestApprovals>;
  let subscriber: Redis;
  let changes: ApprovalChanges;
  beforeAll(async () => {
    t = openTestApprovals(prefix);
    subscriber = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    changes = new ApprovalChanges(subscriber, prefix, async (id) => (await t.store.get(id))?.status);
    await changes.start();
  });
  afterAll(async () => {
    await changes.close();
    await t.close();
    await deleteKeys(prefix);
  });

  it('wakes a waiter when another connection settles the approval', async () => {
    const record = await t.approvals.request(newApproval());
    const waiting = changes.waitForSettlement(record.id, 60_000);
    // Another process's connection reviews.
    const other = openTestApprovals(prefix);
    try {
      await other.approvals.review(record.id, reviewer('bob'), 'deny', 'no', 'slack');
    } finally {
      await other.close();
    }
    expect(await waiting).toBe('denied');
    expect(changes.waiting).toBe(0);
  });

  it('answers at once for an approval already settled, and times out or aborts otherwise', async () => {
    const record = await t.approvals.request(newApproval());
    await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    expect(await changes.waitForSettlement(record.id, 60_000)).toBe('approved');
    const pending = await t.approvals.request(newApproval());
    expect(await changes.waitForSettlement(pending.id, 20)).toBe('timeout');
    const abort = new AbortController();
    const waiting = changes.waitForSettlement(pending.id, 60_000, abort.signal);
    abort.abort();
    expect(await waiting).toBe('aborted');
  });

  it('drops a cached grant lookup when the grant is revoked elsewhere', async () => {
    let fetches = 0;
    const cache = new GrantsCache(
      (c, s) => {
        fetches++;
        return t.approvals.activeGrants(c, s);
      },
      changes,
      { ttlMs: 1000, now: t.clock.now },
    );
    const record = await t.approvals.request(
      newApproval({
        connection: 'cache',
        requirement: requirement({
          grant: { duration_seconds: 600, methods: ['GET'], paths: ['/**'], max_uses: null },
        }),
      }),
    );
    const created = new Promise<void>((resolve) => changes.onGrantChange((c) => c === 'cache' && resolve()));
    await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    await created;
    expect(await cache.lookup('cache', 'alice')).toHaveLength(1);
    expect(await cache.lookup('cache', 'alice')).toHaveLength(1);
    expect(fetches).toBe(1);
    const revoked = new Promise<void>((resolve) => changes.onGrantChange((c) => c === 'cache' && resolve()));
    await t.approvals.revoke(record.id, reviewer('alice'), 'done', 'api');
    await revoked;
    expect(await cache.lookup('cache', 'alice')).toEqual([]);
    expect(fetches).toBe(2);
  });

  it('filters grants that end while cached', async () => {
    const cache = new GrantsCache(
      async () => [
        {
          id: 'g',
          approval_id: 'a',
          subject: 's',
          connection: 'c',
          methods: ['GET'],
          paths: ['/x'],
          created_at: t.clock.now(),
          expires_at: t.clock.now() + 500,
          uses_left: null,
          status: 'active' as const,
        },
      ],
      undefined,
      { ttlMs: 1000, now: t.clock.now },
    );
    expect(await cache.lookup('c', 's')).toHaveLength(1);
    t.clock.advance(500);
    expect(await cache.lookup('c', 's')).toEqual([]);
  });
});
