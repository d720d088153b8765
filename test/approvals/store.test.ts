import { ApprovalError } from '../../services/approvals/errors.js';
import type { TransitionEvent } from '../../services/approvals/types.js';
import { deleteKeys, uniquePrefix } from '../support/redis.js';
import { newApproval, openTestApprovals, requirement, reviewer } from './support/fixtures.js';

/** The events the store's scripts appended, in order. */
async function streamEvents(t: ReturnType<typeof openTestApprovals>): Promise<TransitionEvent[]> {
  const entries = (await t.redis.xrange(t.store.keys.events, '-', '+')) as [string, string[]][];
  return entries.map(([id, fields]) => ({ event_id: id, ...JSON.parse(fields[1]) }));
}

async function rejection(promise: Promise<unknown>): Promise<ApprovalError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApprovalError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('approval store and rules (real Redis)', () => {
  const prefix = uniquePrefix('approvals-store');
  let t: ReturnType<typeof openTestApprovals>;

  beforeAll(() => {
    t = openTestApprovals(prefix);
  });
  afterAll(async () => {
    await t.close();
    await deleteKeys(prefix);
  });

  it('opens a pending approval with its expiry, visible in the list, and records approval.requested', async () => {
    const record = await t.approvals.request(newApproval());
    expect(record.status).toBe('pending');
    expect(record.expires_at).toBe(t.clock.now() + 600_000);
    expect(record.requester.sub).toBe('alice');
    expect(record.requirement.reviewers.groups).toEqual(['data-owners']);
    const listed = await t.approvals.list({ status: 'pending' });
    expect(listed.items.map((r) => r.id)).toContain(record.id);
    const events = (await streamEvents(t)).filter((e) => e.approval_id === record.id);
    expect(events.map((e) => e.type)).toEqual(['approval.requested']);
    expect(events[0]).toMatchObject({
      to: 'pending',
      actor: 'alice',
      subject: 'alice',
      connection: 'warehouse',
    });
  });

  it('never lets the requester approve their own request', async () => {
    const record = await t.approvals.request(
      newApproval({ requester: { ...newApproval().requester, groups: ['data-owners'] } }),
    );
    const err = await rejection(t.approvals.review(record.id, reviewer('alice'), 'approve', '', 'api'));
    expect(err.code).toBe('self_approval');
    expect((await t.approvals.get(record.id))!.status).toBe('pending');
  });

  it('refuses a reviewer outside the reviewer groups and users, judged by their groups when they act', async () => {
    const record = await t.approvals.request(newApproval());
    const err = await rejection(
      t.approvals.review(record.id, reviewer('mallory', ['engineers']), 'approve', '', 'api'),
    );
    expect(err.code).toBe('not_eligible');
    expect(err.status).toBe(403);
    // The same person, once in the group, may.
    const { outcome } = await t.approvals.review(
      record.id,
      reviewer('mallory', ['data-owners']),
      'approve',
      '',
      'api',
    );
    expect(outcome.kind).toBe('approved');
  });

  it('accepts a reviewer named by user', async () => {
    const record = await t.approvals.request(
      newApproval({ requirement: requirement({ reviewers: { groups: [], users: ['dana'] } }) }),
    );
    const { outcome } = await t.approvals.review(record.id, reviewer('dana', []), 'approve', 'ok', 'api');
    expect(outcome.kind).toBe('approved');
  });

  it('counts a person in two reviewer groups once toward min_approvals', async () => {
    const record = await t.approvals.request(
      newApproval({
        requirement: requirement({ reviewers: { groups: ['dba', 'security'], users: [] }, min_approvals: 2 }),
      }),
    );
    const carol = reviewer('carol', ['dba', 'security']);
    const first = await t.approvals.review(record.id, carol, 'approve', 'looks fine', 'api');
    expect(first.outcome).toEqual({ kind: 'recorded', approvals: 1 });
    const again = await rejection(t.approvals.review(record.id, carol, 'approve', '', 'slack'));
    expect(again.code).toBe('already_reviewed');
    expect((await t.approvals.get(record.id))!.status).toBe('pending');
    const second = await t.approvals.review(record.id, reviewer('dave', ['dba']), 'approve', '', 'email');
    expect(second.outcome.kind).toBe('approved');
    expect(second.record.reviews.map((r) => [r.sub, r.via, r.reason])).toEqual([
      ['carol', 'api', 'looks fine'],
      ['dave', 'email', ''],
    ]);
    expect(second.record.approvals).toBe(2);
  });

  it('settles on one deny, keeping the reviewer and the reason, and refuses later reviews', async () => {
    const record = await t.approvals.request(newApproval({ requirement: requirement({ min_approvals: 3 }) }));
    await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    const { record: denied } = await t.approvals.review(
      record.id,
      reviewer('erin'),
      'deny',
      'not during the freeze',
      'api',
    );
    expect(denied.status).toBe('denied');
    expect(denied.settled_by).toBe('erin');
    expect(denied.outcome_reason).toBe('not during the freeze');
    const late = await rejection(t.approvals.review(record.id, reviewer('frank'), 'approve', '', 'api'));
    expect(late.code).toBe('approval_settled');
    expect(late.status).toBe(409);
    const types = (await streamEvents(t)).filter((e) => e.approval_id === record.id).map((e) => e.type);
    expect(types).toEqual([
      'approval.requested',
      'approval.reviewed',
      'approval.reviewed',
      'approval.denied',
    ]);
  });

  it('settles a race of concurrent approves and denies exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const record = await t.approvals.request(newApproval());
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          t.approvals.review(record.id, reviewer(`r${i}`), i % 2 === 0 ? 'approve' : 'deny', `r${i}`, 'api'),
        ),
      );
      const settled = results.filter(
        (r) => r.status === 'fulfilled' && ['approved', 'denied'].includes(r.value.outcome.kind),
      );
      expect(settled).toHaveLength(1);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(11);
      for (const r of refused)
        expect(((r as PromiseRejectedResult).reason as ApprovalError).code).toBe('approval_settled');
      const final = (await t.approvals.get(record.id))!;
      expect(final.reviews).toHaveLength(1);
      const settleEvents = (await streamEvents(t)).filter(
        (e) =>
          e.approval_id === record.id && (e.type === 'approval.approved' || e.type === 'approval.denied'),
      );
      expect(settleEvents).toHaveLength(1);
      expect(settleEvents[0].to).toBe(final.status);
    }
  });

  it('executes an approved one-shot approval once, only for the request it was given for', async () => {
    const record = await t.approvals.request(newApproval({ digest: 'a'.repeat(64) }));
    const early = await rejection(t.approvals.execute(record.id, 'alice', 'a'.repeat(64)));
    expect(early.code).toBe('approval_not_approved');
    await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    expect((await rejection(t.approvals.execute(record.id, 'alice', 'b'.repeat(64)))).code).toBe(
      'approval_mismatch',
    );
    expect((await rejection(t.approvals.execute(record.id, 'mallory', 'a'.repeat(64)))).code).toBe(
      'approval_mismatch',
    );
    const both = await Promise.allSettled([
      t.approvals.execute(record.id, 'alice', 'a'.repeat(64)),
      t.approvals.execute(record.id, 'alice', 'a'.repeat(64)),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as ApprovalError).code).toBe('approval_used');
    const executed = (await t.approvals.get(record.id))!;
    expect(executed.status).toBe('executed');
    expect(executed.executed_at).toBe(t.clock.now());
  });

  it('expires a pending approval at its deadline, as its own state, and refuses reviews after', async () => {
    const record = await t.approvals.request(newApproval());
    t.clock.advance(599_999);
    expect(await t.approvals.expire(record.id)).toEqual({ due: record.expires_at });
    t.clock.advance(1);
    expect(await t.approvals.expire(record.id)).toBe(true);
    const expired = (await t.approvals.get(record.id))!;
    expect(expired.status).toBe('expired');
    expect(expired.settled_by).toBe('system');
    expect((await rejection(t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api'))).code).toBe(
      'approval_settled',
    );
    expect(await t.approvals.expire(record.id)).toBe(false);
    expect((await t.approvals.list({ status: 'pending' })).items.map((r) => r.id)).not.toContain(record.id);
  });

  it('treats a review after the deadline as expiry even before the timer fires', async () => {
    const record = await t.approvals.request(newApproval());
    t.clock.advance(600_000);
    expect((await rejection(t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api'))).code).toBe(
      'approval_expired',
    );
    expect((await t.approvals.get(record.id))!.status).toBe('expired');
  });

  it('expires an approved approval that was never executed within the window', async () => {
    const record = await t.approvals.request(newApproval());
    await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    t.clock.advance(300_000);
    expect(await t.approvals.expire(record.id)).toBe(true);
    expect((await rejection(t.approvals.execute(record.id, 'alice', record.digest))).code).toBe(
      'approval_not_approved',
    );
  });

  it('lets only the requester (or an admin) cancel a pending approval', async () => {
    const record = await t.approvals.request(newApproval());
    expect((await rejection(t.approvals.cancel(record.id, reviewer('bob'), '', 'api'))).code).toBe(
      'not_allowed',
    );
    const cancelled = await t.approvals.cancel(
      record.id,
      reviewer('alice', ['engineers']),
      'not needed',
      'api',
    );
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.outcome_reason).toBe('not needed');
    expect((await rejection(t.approvals.cancel(record.id, reviewer('alice'), '', 'api'))).code).toBe(
      'approval_settled',
    );
    const other = await t.approvals.request(newApproval());
    const byAdmin = await t.approvals.cancel(other.id, reviewer('root', ['approval-admins']), '', 'api');
    expect(byAdmin.status).toBe('cancelled');
  });

  it('opens a grant on approval; lists it; counts its uses; exhausts it', async () => {
    const record = await t.approvals.request(
      newApproval({
        connection: 'crm',
        requirement: requirement({
          grant: { duration_seconds: 900, methods: ['POST'], paths: ['/customers'], max_uses: 2 },
        }),
      }),
    );
    const { record: approved } = await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    expect(approved.grant_id).toMatch(/^[0-9a-f-]{36}$/);
    const [grant] = await t.approvals.activeGrants('crm', 'alice');
    expect(grant).toMatchObject({
      id: approved.grant_id,
      approval_id: record.id,
      subject: 'alice',
      connection: 'crm',
      methods: ['POST'],
      paths: ['/customers'],
      uses_left: 2,
      status: 'active',
      expires_at: t.clock.now() + 900_000,
    });
    expect(await t.approvals.activeGrants('crm', 'bob')).toEqual([]);
    expect(await t.approvals.activeGrants('warehouse', 'alice')).toEqual([]);
    expect(await t.approvals.useGrant(grant)).toBe(1);
    expect(await t.approvals.useGrant(grant)).toBe(0);
    expect((await rejection(t.approvals.useGrant(grant))).code).toBe('grant_inactive');
    expect(await t.approvals.activeGrants('crm', 'alice')).toEqual([]);
    const types = (await streamEvents(t)).filter((e) => e.grant_id === grant.id).map((e) => e.type);
    expect(types).toEqual([
      'approval.approved',
      'grant.created',
      'grant.used',
      'grant.used',
      'grant.exhausted',
    ]);
  });

  it('revokes an approval with its grant at once, by approval id or grant id', async () => {
    const spec = { duration_seconds: 900, methods: ['*'], paths: ['/**'], max_uses: null };
    for (const by of ['approval', 'grant'] as const) {
      const record = await t.approvals.request(
        newApproval({ connection: `rv-${by}`, requirement: requirement({ grant: spec }) }),
      );
      const { record: approved } = await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
      await t.approvals.execute(record.id, 'alice', record.digest);
      expect(await t.approvals.activeGrants(`rv-${by}`, 'alice')).toHaveLength(1);
      expect((await rejection(t.approvals.revoke(record.id, reviewer('eve', ['x']), '', 'api'))).code).toBe(
        'not_allowed',
      );
      const revoked = await t.approvals.revoke(
        by === 'approval' ? record.id : approved.grant_id!,
        reviewer('bob'),
        'incident over',
        'api',
      );
      expect(revoked.status).toBe('revoked');
      expect(await t.approvals.activeGrants(`rv-${by}`, 'alice')).toEqual([]);
      expect((await t.approvals.grant(approved.grant_id!))!.status).toBe('revoked');
      expect((await rejection(t.approvals.revoke(record.id, reviewer('bob'), '', 'api'))).code).toBe(
        'approval_settled',
      );
    }
  });

  it('drops expired grants from lookups and expires them on their timer', async () => {
    const record = await t.approvals.request(
      newApproval({
        connection: 'short',
        requirement: requirement({
          grant: { duration_seconds: 60, methods: ['GET'], paths: ['/x'], max_uses: null },
        }),
      }),
    );
    const { record: approved } = await t.approvals.review(record.id, reviewer('bob'), 'approve', '', 'api');
    expect(await t.approvals.activeGrants('short', 'alice')).toHaveLength(1);
    expect(await t.approvals.expireGrant(approved.grant_id!)).toEqual({ due: t.clock.now() + 60_000 });
    t.clock.advance(60_000);
    expect(await t.approvals.activeGrants('short', 'alice')).toEqual([]);
    expect(await t.approvals.expireGrant(approved.grant_id!)).toBe(true);
    expect((await t.approvals.grant(approved.grant_id!))!.status).toBe('expired');
  });

  it('records a break-glass pass as executed with its review to come, settled by a reviewer afterwards', async () => {
    const record = await t.approvals.breakGlass(newApproval(), 'prod is down, INC-42');
    expect(record.status).toBe('executed');
    expect(record.break_glass).toEqual({ reason: 'prod is down, INC-42', review: 'pending' });
    const { outcome, record: reviewed } = await t.approvals.review(
      record.id,
      reviewer('bob'),
      'deny',
      'should have waited',
      'api',
    );
    expect(outcome).toEqual({ kind: 'post_review', outcome: 'denied' });
    expect(reviewed.status).toBe('executed');
    expect(reviewed.break_glass!.review).toBe('denied');
    const types = (await streamEvents(t)).filter((e) => e.approval_id === record.id).map((e) => e.type);
    expect(types).toEqual(['approval.break_glass', 'approval.reviewed', 'approval.post_review']);
  });

  it('refuses bad input without changing anything: oversized reasons, unknown ids', async () => {
    const record = await t.approvals.request(newApproval());
    const long = 'x'.repeat(201);
    expect((await rejection(t.approvals.review(record.id, reviewer('bob'), 'deny', long, 'api'))).code).toBe(
      'reason_too_long',
    );
    expect((await rejection(t.approvals.request(newApproval({ caller_reason: long })))).code).toBe(
      'reason_too_long',
    );
    const unchanged = (await t.approvals.get(record.id))!;
    expect(unchanged.status).toBe('pending');
    expect(unchanged.reviews).toEqual([]);
    for (const id of ['nope', '0190d8f0-0000-7000-8000-000000000000', '../../etc']) {
      expect((await rejection(t.approvals.review(id, reviewer('bob'), 'approve', '', 'api'))).code).toBe(
        'approval_not_found',
      );
    }
  });

  it('pages the list newest first with a cursor and filters', async () => {
    const prefix2 = uniquePrefix('approvals-list');
    const t2 = openTestApprovals(prefix2);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        t2.clock.advance(10);
        ids.push((await t2.approvals.request(newApproval({ connection: i % 2 ? 'odd' : 'even' }))).id);
      }
      const first = await t2.approvals.list({ limit: 2 });
      expect(first.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
      const second = await t2.approvals.list({ limit: 2, before: first.next! });
      expect(second.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
      const odd = await t2.approvals.list({ connection: 'odd' });
      expect(odd.items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
      expect(odd.next).toBeNull();
    } finally {
      await t2.close();
      await deleteKeys(prefix2);
    }
  });
});
