import { queuePrefix } from '../../services/common/redis.js';
import { QueueEvents } from 'bullmq';
import request from 'supertest';
import { EXPIRY_QUEUE } from '../../services/approvals/queues.js';
import type { TransitionEvent } from '../../services/approvals/types.js';
import { createLogger } from '../../services/common/logger.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startWorkers } from '../../services/workers/index.js';
import { startIssuer } from '../proxy/support/servers.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { newApproval, openTestApprovals, requirement } from '../approvals/support/fixtures.js';

const logger = createLogger({ level: 'silent' });

/** Collects feed events; `until` resolves once one matches. */
function eventLog() {
  const events: TransitionEvent[] = [];
  const waiters: { match: (e: TransitionEvent) => boolean; resolve: (e: TransitionEvent) => void }[] = [];
  return {
    events,
    listener: (event: TransitionEvent) => {
      events.push(event);
      for (const w of [...waiters])
        if (w.match(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
    },
    until(match: (e: TransitionEvent) => boolean): Promise<TransitionEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

describe('workers: /v1/approvals API, expiry queue, transitions feed', () => {
  const prefix = uniquePrefix('approvals-api');
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let domain: ReturnType<typeof openTestApprovals>;
  const log = eventLog();
  const ADMIN_KEY = 'admin-key-' + 'a'.repeat(24);

  beforeAll(async () => {
    issuer = await startIssuer();
    domain = openTestApprovals(prefix);
    workers = await startWorkers({
      redisUrl: testRedisUrl(),
      prefix,
      host: '127.0.0.1',
      port: 0,
      logger,
      approvals: {
        identity: {
          issuers: [{ issuer: issuer.url, audience: 'portcullis', algorithms: ['RS256'] }],
          apiKeys: [
            { id: 'admin', sha256: hashApiKey(ADMIN_KEY), subject: 'root', groups: ['approval-admins'] },
          ],
          apiKeyHeader: 'x-api-key',
        },
        config: {
          adminGroups: ['approval-admins'],
          maxReasonLength: 200,
          publicUrl: 'https://approvals.example.com',
        },
        now: domain.clock.now,
      },
    });
    workers.approvals!.feed.onTransition(log.listener);
  }, 30000);

  afterAll(async () => {
    await workers?.close();
    await domain?.close();
    await issuer?.close();
    await deleteKeys(prefix);
  });

  const as = async (sub: string, groups: string[]) =>
    `Bearer ${await issuer.sign({ sub, email: `${sub}@example.com`, groups })}`;

  it('refuses callers without credentials or with a bad token (401 with WWW-Authenticate)', async () => {
    const none = await request(workers.url).get('/v1/approvals');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthenticated');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const bad = await request(workers.url).get('/v1/approvals').set('authorization', 'Bearer nope.nope.nope');
    expect(bad.status).toBe(401);
    const grants = await request(workers.url).get('/v1/grants');
    expect(grants.status).toBe(401);
  });

  it('lists and shows an approval to its requester, its reviewers and admins only', async () => {
    const record = await domain.approvals.request(newApproval());
    for (const [who, groups] of [
      ['alice', ['engineers']],
      ['bob', ['data-owners']],
    ] as const) {
      const list = await request(workers.url)
        .get('/v1/approvals?status=pending')
        .set('authorization', await as(who, [...groups]));
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(record.id);
    }
    const admin = await request(workers.url).get(`/v1/approvals/${record.id}`).set('x-api-key', ADMIN_KEY);
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({
      id: record.id,
      status: 'pending',
      url: `https://approvals.example.com/v1/approvals/${record.id}`,
      reviewers: { groups: ['data-owners'], users: [] },
      request: { method: 'DELETE', path: '/tables/events' },
      caller_reason: 'cleaning up the staging table',
    });
    const stranger = await request(workers.url)
      .get(`/v1/approvals/${record.id}`)
      .set('authorization', await as('eve', ['x']));
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('approval_not_found');
    const strangerList = await request(workers.url)
      .get('/v1/approvals')
      .set('authorization', await as('eve', ['x']));
    expect(strangerList.body.items.map((i: { id: string }) => i.id)).not.toContain(record.id);
    const reviewable = await request(workers.url)
      .get('/v1/approvals?reviewable=true')
      .set('authorization', await as('bob', ['data-owners']));
    expect(reviewable.body.items.find((i: { id: string }) => i.id === record.id)).toMatchObject({
      can_review: true,
    });
  });

  it('approves through the API with a reason, and refuses self-approval, ineligible and settled reviews', async () => {
    const record = await domain.approvals.request(
      newApproval({ requester: { sub: 'alice', email: null, groups: ['data-owners'], type: 'user' } }),
    );
    const self = await request(workers.url)
      .post(`/v1/approvals/${record.id}/approve`)
      .set('authorization', await as('alice', ['data-owners']))
      .send({});
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('self_approval');
    const ok = await request(workers.url)
      .post(`/v1/approvals/${record.id}/approve`)
      .set('authorization', await as('bob', ['data-owners']))
      .send({ reason: 'checked the backup' });
    expect(ok.status).toBe(200);
    expect(ok.body.outcome).toBe('approved');
    expect(ok.body.approval.reviews[0]).toMatchObject({
      sub: 'bob',
      decision: 'approve',
      reason: 'checked the backup',
      via: 'api',
    });
    const late = await request(workers.url)
      .post(`/v1/approvals/${record.id}/deny`)
      .set('authorization', await as('carol', ['data-owners']))
      .send({ reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('approval_settled');
    const event = await log.until((e) => e.approval_id === record.id && e.type === 'approval.approved');
    expect(event).toMatchObject({ actor: 'bob', via: 'api', reason: 'checked the backup' });
  });

  it('answers bad input with a code and changes nothing', async () => {
    const record = await domain.approvals.request(newApproval());
    const bob = await as('bob', ['data-owners']);
    const cases: [request.Test, number, string][] = [
      [
        request(workers.url)
          .post(`/v1/approvals/${record.id}/deny`)
          .set('authorization', bob)
          .send({ reason: 'x'.repeat(201) }),
        400,
        'reason_too_long',
      ],
      [
        request(workers.url)
          .post(`/v1/approvals/${record.id}/deny`)
          .set('authorization', bob)
          .send({ reason: 7 }),
        400,
        'invalid_request',
      ],
      [
        request(workers.url)
          .post(`/v1/approvals/${record.id}/deny`)
          .set('authorization', bob)
          .set('content-type', 'application/json')
          .send('{"reason":'),
        400,
        'invalid_request',
      ],
      [
        request(workers.url).post(`/v1/approvals/${record.id}/deny`).set('authorization', bob).send(['x']),
        400,
        'invalid_request',
      ],
      [
        request(workers.url)
          .post('/v1/approvals/0190d8f0-0000-7000-8000-000000000000/approve')
          .set('authorization', bob)
          .send({}),
        404,
        'approval_not_found',
      ],
      [
        request(workers.url).post('/v1/approvals/..%2F..%2Fx/approve').set('authorization', bob).send({}),
        404,
        'approval_not_found',
      ],
      [
        request(workers.url).get('/v1/approvals?status=maybe').set('authorization', bob),
        400,
        'invalid_request',
      ],
      [request(workers.url).get('/v1/approvals?limit=0').set('authorization', bob), 400, 'invalid_request'],
      [
        request(workers.url)
          .post(`/v1/approvals/${record.id}/approve`)
          .set('authorization', await as('eve', ['x']))
          .send({}),
        404,
        'approval_not_found',
      ],
    ];
    for (const [call, status, code] of cases) {
      const res = await call;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
    const unchanged = (await domain.approvals.get(record.id))!;
    expect(unchanged.status).toBe('pending');
    expect(unchanged.reviews).toEqual([]);
  });

  it('lets the requester cancel, and reviewers revoke a grant, which then disappears from /v1/grants', async () => {
    const pending = await domain.approvals.request(newApproval());
    const cancel = await request(workers.url)
      .post(`/v1/approvals/${pending.id}/cancel`)
      .set('authorization', await as('alice', ['engineers']))
      .send({ reason: 'not needed' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.approval.status).toBe('cancelled');

    const record = await domain.approvals.request(
      newApproval({
        connection: 'crm',
        requirement: requirement({
          grant: { duration_seconds: 900, methods: ['POST'], paths: ['/customers'], max_uses: null },
        }),
      }),
    );
    await request(workers.url)
      .post(`/v1/approvals/${record.id}/approve`)
      .set('authorization', await as('bob', ['data-owners']))
      .send({});
    const alice = await as('alice', ['engineers']);
    const grants = await request(workers.url).get('/v1/grants?connection=crm').set('authorization', alice);
    expect(grants.status).toBe(200);
    expect(grants.body.items).toHaveLength(1);
    expect(grants.body.items[0]).toMatchObject({
      subject: 'alice',
      connection: 'crm',
      methods: ['POST'],
      status: 'active',
    });
    // Someone who may not see the approval does not see its grant either.
    const others = await request(workers.url)
      .get('/v1/grants?subject=alice')
      .set('authorization', await as('eve', []));
    expect(others.status).toBe(200);
    expect(others.body.items).toEqual([]);
    const reviewerSees = await request(workers.url)
      .get('/v1/grants')
      .set('authorization', await as('bob', ['data-owners']));
    expect(reviewerSees.body.items.map((g: { id: string }) => g.id)).toContain(grants.body.items[0].id);
    const revoke = await request(workers.url)
      .post(`/v1/grants/${grants.body.items[0].id}/revoke`)
      .set('authorization', await as('bob', ['data-owners']))
      .send({ reason: 'done' });
    expect(revoke.status).toBe(200);
    expect(revoke.body.approval.status).toBe('revoked');
    const after = await request(workers.url).get('/v1/grants?connection=crm').set('authorization', alice);
    expect(after.body.items).toEqual([]);
    await log.until((e) => e.grant_id === grants.body.items[0].id && e.type === 'grant.revoked');
  });

  it('expires a pending approval through its BullMQ delayed job (job id = approval id), driven by a fake clock', async () => {
    const record = await domain.approvals.request(
      newApproval({ requirement: requirement({ ttl_seconds: 120 }) }),
    );
    // The feed's scheduler runs before this test's listener: once the event is here, the job is queued.
    await log.until((e) => e.approval_id === record.id && e.type === 'approval.requested');
    const job = await workers.approvals!.queues.expiry.getJob(record.id);
    expect(job).toBeDefined();
    expect(await job!.getState()).toBe('delayed');
    // Read the queue's events from the last one written now, so the re-delay below cannot be missed.
    const [[lastEventId] = ['0']] = (await domain.redis.xrevrange(
      `${queuePrefix(prefix, EXPIRY_QUEUE)}:${EXPIRY_QUEUE}:events`,
      '+',
      '-',
      'COUNT',
      1,
    )) as [string, string[]][];
    const events = new QueueEvents(EXPIRY_QUEUE, {
      connection: { url: testRedisUrl() },
      prefix: queuePrefix(prefix, EXPIRY_QUEUE),
      lastEventId,
    });
    await events.waitUntilReady();
    try {
      // Promoted before the deadline: the job finds it not due and goes back to wait for it.
      const redelayed = new Promise<void>((resolve) =>
        events.on('delayed', ({ jobId }) => jobId === record.id && resolve()),
      );
      await job!.promote();
      await redelayed;
      expect(await job!.getState()).toBe('delayed');
      expect((await domain.approvals.get(record.id))!.status).toBe('pending');
      // Past the deadline: it expires the approval, as its own state.
      domain.clock.advance(120_000);
      await job!.promote();
      const expired = await log.until((e) => e.approval_id === record.id && e.type === 'approval.expired');
      expect(expired).toMatchObject({ from: 'pending', to: 'expired', actor: 'system' });
      expect((await domain.approvals.get(record.id))!.status).toBe('expired');
    } finally {
      await events.close();
    }
  });
});
