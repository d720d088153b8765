import { request as httpRequest } from 'node:http';
import { testRedisUrl } from '../support/redis.js';
import { startApprovalStack, type ApprovalStack } from './support/stack.js';

/**
 * The whole approval path with real parts: the proxy asks the decision
 * service (the compiled gateway policy), opens approvals in Redis, holds or
 * answers 202; reviewers act through the workers' API; the upstream records
 * what reaches it. The gateway policy asks a crm-owner to approve
 * `POST /crm/customers` (with a 5-use grant), two data owners for
 * `DELETE /warehouse/tables/*` (break-glass for sre-oncall), and a
 * security reviewer with a reason for branch protection on github.
 */
describe('approvals through the proxy (hold and async), end to end', () => {
  let s: ApprovalStack;
  let hold: Awaited<ReturnType<ApprovalStack['proxy']>>;
  let async: Awaited<ReturnType<ApprovalStack['proxy']>>;
  const customer = JSON.stringify({ name: 'Grace Hopper', email: 'grace@example.com' });
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    s = await startApprovalStack();
    hold = await s.proxy({
      crm: { mode: 'hold', holdSeconds: 60 },
      warehouse: { mode: 'hold', holdSeconds: 60 },
      github: { mode: 'async' },
    });
    // No grant cache on this one: a revocation must show on the very next request.
    async = await s.proxy(
      { crm: { mode: 'async' }, warehouse: { mode: 'async' } },
      {
        approvals: { redisUrl: testRedisUrl(), prefix: s.prefix, publicUrl: s.workers.url, grantCacheMs: 0 },
      },
    );
  }, 120000);
  afterAll(async () => {
    await s?.close();
  });

  const upstreamCalls = (method: string, url: string) =>
    s.upstream.requests.filter((r) => r.method === method && r.url === url).length;

  it('async: 202 with the approval, then the approved request runs once, and only that request', async () => {
    const before = upstreamCalls('POST', '/customers');
    const first = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-reason': 'onboarding Grace' },
      body: customer,
    });
    expect(first.status).toBe(202);
    const id = first.json.approval_id as string;
    expect(first.json).toMatchObject({
      code: 'approval_pending',
      status: 'pending',
      url: `${s.workers.url}/v1/approvals/${id}`,
    });
    expect(first.headers.get('location')).toBe(`${s.workers.url}/v1/approvals/${id}`);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(upstreamCalls('POST', '/customers')).toBe(before);

    // The reviewer sees the request masked as the audit trail shows it, with both reasons.
    const shown = await s.api('GET', `/v1/approvals/${id}`, 'bob', ['crm-owners']);
    expect(shown.status).toBe(200);
    expect(shown.body.request.body.excerpt).toContain('Grace Hopper');
    expect(shown.body.request.body.excerpt).not.toContain('grace@example.com');
    expect(shown.body.request.headers.authorization).toBeUndefined();
    expect(shown.body.caller_reason).toBe('onboarding Grace');
    expect(shown.body.reasons).toContain("creating a customer needs a CRM owner's approval");

    // Re-sent too early: still pending, same approval.
    const early = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body: customer,
    });
    expect(early.status).toBe(202);
    expect(early.json.approval_id).toBe(id);

    expect(
      (
        await s.api('POST', `/v1/approvals/${id}/approve`, 'bob', ['crm-owners'], {
          reason: 'known customer',
        })
      ).status,
    ).toBe(200);

    // Another body, another subject: refused before anything runs.
    const changed = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body: JSON.stringify({ name: 'Mallory' }),
    });
    expect(changed.status).toBe(403);
    expect(changed.json).toMatchObject({ error: 'approval_mismatch', approval_id: id });
    const stranger = await s.call(`${async.url}/crm/customers`, 'eve', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body: customer,
    });
    expect(stranger.json.error).toBe('approval_mismatch');

    const resumed = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body: customer,
    });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('x-portcullis-approval-id')).toBe(id);
    expect(upstreamCalls('POST', '/customers')).toBe(before + 1);
    const seen = s.upstream.requests.filter((r) => r.method === 'POST' && r.url === '/customers').at(-1)!;
    expect(seen.body).toBe(customer);
    expect(Object.keys(seen.headers).filter((h) => h.startsWith('portcullis-'))).toEqual([]);

    const replay = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body: customer,
    });
    expect(replay.status).toBe(409);
    expect(replay.json.error).toBe('approval_used');
    expect(upstreamCalls('POST', '/customers')).toBe(before + 1);
    expect((await s.api('GET', `/v1/approvals/${id}`, 'alice', ['engineers'])).body.status).toBe('executed');
  });

  it('grants: the approved grant lets the next requests through without asking, counts its uses, and dies on revocation', async () => {
    // alice's approval above opened a 5-use grant on crm.
    const grants = await s.api('GET', '/v1/grants?connection=crm', 'alice', ['engineers']);
    expect(grants.body.items).toHaveLength(1);
    const grant = grants.body.items[0];
    expect(grant).toMatchObject({ subject: 'alice', methods: ['POST'], paths: ['/customers'], uses_left: 5 });
    const other = JSON.stringify({ name: 'Katherine Johnson' });
    const viaGrant = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: json,
      body: other,
    });
    expect(viaGrant.status).toBe(200);
    expect(
      (await s.api('GET', '/v1/grants?connection=crm', 'alice', ['engineers'])).body.items[0].uses_left,
    ).toBe(4);
    // Not for someone else, nor for what it does not name.
    expect(
      (
        await s.call(`${async.url}/crm/customers`, 'bob', ['engineers'], {
          method: 'POST',
          headers: json,
          body: other,
        })
      ).status,
    ).toBe(202);
    expect(
      (
        await s.call(`${async.url}/crm/customers/c1`, 'alice', ['engineers'], {
          method: 'PATCH',
          headers: json,
          body: other,
        })
      ).status,
    ).toBe(403);

    const revoked = s.log.until((e) => e.type === 'grant.revoked' && e.grant_id === grant.id);
    expect(
      (await s.api('POST', `/v1/grants/${grant.id}/revoke`, 'rita', ['crm-owners'], { reason: 'done' }))
        .status,
    ).toBe(200);
    await revoked;
    // This proxy keeps no grant cache (grantCacheMs: 0), so the very next request must see it.
    const after = await s.call(`${async.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: json,
      body: other,
    });
    expect(after.status).toBe(202);
  });

  it('hold: the request waits, is forwarded once when approved on the API, and its approval is executed', async () => {
    const body = JSON.stringify({ name: 'Held Customer' });
    const before = upstreamCalls('POST', '/customers');
    const created = s.log.until((e) => e.type === 'approval.requested' && e.subject === 'hank');
    const held = s.call(`${hold.url}/crm/customers`, 'hank', ['engineers'], {
      method: 'POST',
      headers: json,
      body,
    });
    const { approval_id: id } = await created;
    expect(upstreamCalls('POST', '/customers')).toBe(before);
    expect((await s.api('POST', `/v1/approvals/${id}/approve`, 'bob', ['crm-owners'])).body.outcome).toBe(
      'approved',
    );
    const answer = await held;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-portcullis-approval-id')).toBe(id);
    expect(upstreamCalls('POST', '/customers')).toBe(before + 1);
    await s.log.until((e) => e.type === 'approval.executed' && e.approval_id === id);
  });

  it("hold: a deny answers 403 with the reviewer's reason and the request never reaches the upstream", async () => {
    const before = upstreamCalls('POST', '/customers');
    const created = s.log.until((e) => e.type === 'approval.requested' && e.subject === 'gus');
    const held = s.call(`${hold.url}/crm/customers`, 'gus', ['engineers'], {
      method: 'POST',
      headers: json,
      body: customer,
    });
    const { approval_id: id } = await created;
    await s.api('POST', `/v1/approvals/${id}/deny`, 'bob', ['crm-owners'], { reason: 'duplicate of c1' });
    const answer = await held;
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({
      error: 'approval_denied',
      reasons: ['duplicate of c1'],
      approval_id: id,
      settled_by: 'bob',
    });
    expect(upstreamCalls('POST', '/customers')).toBe(before);
  });

  it("hold: a deny answers 403 with the reviewer's reason; one deny settles even with approvals racing it", async () => {
    const created = s.log.until((e) => e.type === 'approval.requested' && e.subject === 'ivan');
    const held = s.call(`${hold.url}/warehouse/tables/events`, 'ivan', ['sre'], { method: 'DELETE' });
    const { approval_id: id } = await created;
    const votes = await Promise.all(
      ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((who, i) =>
        s.api('POST', `/v1/approvals/${id}/${i === 2 ? 'deny' : 'approve'}`, who, ['data-owners'], {
          reason: `${who} says`,
        }),
      ),
    );
    const answer = await held;
    const record = (await s.api('GET', `/v1/approvals/${id}`, 'ivan', ['sre'])).body;
    const settling = votes.filter((v) => v.status === 200 && ['approved', 'denied'].includes(v.body.outcome));
    expect(settling).toHaveLength(1);
    expect(['approved', 'denied']).toContain(record.status === 'executed' ? 'approved' : record.status);
    if (record.status === 'denied') {
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({
        error: 'approval_denied',
        reasons: ['d3 says'],
        approval_id: id,
        settled_by: 'd3',
      });
      expect(upstreamCalls('DELETE', '/tables/events')).toBe(0);
    } else {
      expect(answer.status).toBe(200);
      expect(record.status).toBe('executed');
    }
  });

  it('needs min_approvals distinct reviewers: a person counts once', async () => {
    const created = s.log.until((e) => e.type === 'approval.requested' && e.subject === 'judy');
    const held = s.call(`${hold.url}/warehouse/tables/old_logs`, 'judy', ['sre'], { method: 'DELETE' });
    const { approval_id: id } = await created;
    const carol = ['data-owners', 'sre'];
    expect((await s.api('POST', `/v1/approvals/${id}/approve`, 'carol', carol)).body.outcome).toBe(
      'recorded',
    );
    const twice = await s.api('POST', `/v1/approvals/${id}/approve`, 'carol', carol);
    expect(twice).toMatchObject({ status: 409, body: { code: 'already_reviewed' } });
    const self = await s.api('POST', `/v1/approvals/${id}/approve`, 'judy', ['data-owners']);
    expect(self).toMatchObject({ status: 403, body: { code: 'self_approval' } });
    expect((await s.api('POST', `/v1/approvals/${id}/approve`, 'dave', ['data-owners'])).body.outcome).toBe(
      'approved',
    );
    expect((await held).status).toBe(200);
  });

  it('asks for the reason the policy requires (400 reason_required) and refuses oversized ones', async () => {
    const path = `${hold.url}/github/repos/acme/api/branches/main/protection`;
    const none = await s.call(path, 'kim', ['admins'], { method: 'PUT', headers: json, body: '{}' });
    expect(none.status).toBe(400);
    expect(none.json.error).toBe('reason_required');
    const long = await s.call(path, 'kim', ['admins'], {
      method: 'PUT',
      headers: { ...json, 'portcullis-reason': 'x'.repeat(1001) },
      body: '{}',
    });
    expect(long.json.error).toBe('reason_too_long');
    const given = await s.call(path, 'kim', ['admins'], {
      method: 'PUT',
      headers: { ...json, 'portcullis-reason': 'enforce reviews on main' },
      body: '{}',
    });
    expect(given.status).toBe(202);
    const malformed = await s.call(path, 'kim', ['admins'], {
      method: 'PUT',
      headers: { ...json, 'portcullis-approval': 'not-an-id' },
      body: '{}',
    });
    expect(malformed.json.error).toBe('approval_header_invalid');
    const unknown = await s.call(path, 'kim', ['admins'], {
      method: 'PUT',
      headers: { ...json, 'portcullis-approval': '0190d8f0-0000-7000-8000-000000000000' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('approval_not_found');
  });

  it('break-glass: lets an allowed caller through at once, records it for review afterwards; refuses others', async () => {
    const before = upstreamCalls('DELETE', '/tables/incident');
    const refused = await s.call(`${async.url}/warehouse/tables/incident`, 'liz', ['sre'], {
      method: 'DELETE',
      headers: { 'portcullis-break-glass': 'prod is down' },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe('break_glass_refused');
    const passed = await s.call(`${async.url}/warehouse/tables/incident`, 'liz', ['sre', 'sre-oncall'], {
      method: 'DELETE',
      headers: { 'portcullis-break-glass': 'INC-42: prod is down' },
    });
    expect(passed.status).toBe(200);
    expect(passed.headers.get('x-portcullis-break-glass')).toBe('recorded');
    expect(upstreamCalls('DELETE', '/tables/incident')).toBe(before + 1);
    const id = passed.headers.get('x-portcullis-approval-id')!;
    const record = (await s.api('GET', `/v1/approvals/${id}`, 'mo', ['data-owners'])).body;
    expect(record).toMatchObject({
      status: 'executed',
      break_glass: { reason: 'INC-42: prod is down', review: 'pending' },
      can_review: true,
    });
    const event = await s.log.until((e) => e.type === 'approval.break_glass' && e.approval_id === id);
    expect(event).toMatchObject({ actor: 'liz', reason: 'INC-42: prod is down' });
    expect((await s.api('POST', `/v1/approvals/${id}/approve`, 'mo', ['data-owners'])).body.outcome).toBe(
      'post_review',
    );
  });

  it('a caller that goes away while held cancels its approval', async () => {
    const created = s.log.until((e) => e.type === 'approval.requested' && e.subject === 'nina');
    const token = await s.token('nina', ['engineers']);
    const req = httpRequest(`${hold.url}/crm/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...json },
    });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ name: 'Gone' }));
    const { approval_id: id } = await created;
    const cancelled = s.log.until((e) => e.type === 'approval.cancelled' && e.approval_id === id);
    req.destroy();
    expect(await cancelled).toMatchObject({ actor: 'nina', via: 'proxy' });
  });

  it('expiry: an approval nobody reviews expires (its own state) and its request is refused after', async () => {
    const first = await s.call(`${async.url}/crm/customers`, 'omar', ['engineers'], {
      method: 'POST',
      headers: json,
      body: customer,
    });
    const id = first.json.approval_id as string;
    await s.log.until((e) => e.type === 'approval.requested' && e.approval_id === id);
    const job = await s.workers.approvals!.queues.expiry.getJob(id);
    expect(await job!.getState()).toBe('delayed');
    s.clock.advance(Date.parse(first.json.expires_at) - s.clock.now());
    await job!.promote();
    await s.log.until((e) => e.type === 'approval.expired' && e.approval_id === id);
    const late = await s.call(`${async.url}/crm/customers`, 'omar', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body: customer,
    });
    expect(late.status).toBe(403);
    expect(late.json).toMatchObject({ error: 'approval_expired', approval_id: id });
  });
});

describe('approvals when Redis is unavailable', () => {
  let s: ApprovalStack;
  beforeAll(async () => {
    s = await startApprovalStack();
  }, 120000);
  afterAll(async () => {
    await s?.close();
  });

  it('fails approval-requiring requests closed (503) and lets the others through', async () => {
    const proxy = await s.proxy(
      { crm: { mode: 'hold', holdSeconds: 5 } },
      { approvals: { redisUrl: 'redis://127.0.0.1:1', prefix: s.prefix, commandTimeoutMs: 200 } },
    );
    const needs = await s.call(`${proxy.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
    expect(needs.status).toBe(503);
    expect(needs.json.error).toBe('approval_unavailable');
    const carried = await s.call(`${proxy.url}/crm/customers`, 'alice', ['engineers'], {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'portcullis-approval': '0190d8f0-0000-7000-8000-000000000000',
      },
      body: '{"name":"x"}',
    });
    expect(carried.status).toBe(503);
    const before = s.upstream.requests.length;
    const read = await s.call(`${proxy.url}/crm/customers`, 'alice', ['engineers']);
    expect(read.status).toBe(200);
    expect(s.upstream.requests.length).toBe(before + 1);
  });
});
