import request from 'supertest';
import { requestEventBase, type RequestEvent } from '../../services/audit/event.js';
import { newApproval, openTestApprovals, requirement } from '../approvals/support/fixtures.js';
import { ConsoleBrowser, startConsoleStack } from './support/stack.js';

const crmApproval = (overrides: Parameters<typeof newApproval>[0] = {}) =>
  newApproval({
    connection: 'crm',
    requester: { sub: 'alice', email: 'alice@example.com', groups: ['engineers'], type: 'user' },
    caller_reason: 'onboarding Grace <script>alert(1)</script>',
    policy_reasons: ['creating a customer needs a CRM owner'],
    request: {
      method: 'POST',
      path: '/customers',
      query: { notify: ['yes'] },
      headers: { 'content-type': 'application/json' },
      body: {
        size: 52,
        content_type: 'application/json',
        excerpt: '{"name":"Grace","ssn":"[MASKED]"}',
        truncated: false,
      },
    },
    requirement: requirement({
      reviewers: { groups: ['crm-owners'], users: [] },
      min_approvals: 2,
      ttl_seconds: 3600,
      grant: { duration_seconds: 900, methods: ['POST'], paths: ['/customers'], max_uses: 5 },
    }),
    ...overrides,
  });

function requestEvent(sub: string, path: string, allow: boolean, at: number): RequestEvent {
  return {
    ...requestEventBase({ service: 'proxy', instance: 'test' }, at),
    level: 'full',
    outcome: allow ? 'forwarded' : 'denied',
    error: allow ? null : 'forbidden',
    identity: { sub, type: 'user', method: 'jwt', issuer: 'iss', groups: ['engineers'] },
    connection: 'crm',
    source_ip: '127.0.0.1',
    request: {
      method: 'GET',
      path,
      query: {},
      headers: { accept: 'application/json' },
    },
    response: {
      status: allow ? 200 : 403,
      headers: { 'content-type': 'application/json' },
      body: { size: 30, encoding: 'utf8', content: '{"ssn":"[MASKED]","id":7}', truncated: false },
    },
    decision: {
      allow,
      reasons: allow ? ['engineers may read customers'] : ['DELETE is blocked on this connection'],
      masks: { fields: ['**.ssn'], detectors: [] },
      approval_required: false,
      fail_open: false,
    },
    durations: { total_ms: 3 },
    trace_id: `4bf92f3577b34da6a3ce929d0e0e${Math.floor(at % 10000)
      .toString(16)
      .padStart(4, '0')}`,
    decision_id: `dec-${path}`,
  };
}

describe('console pages: inbox, approval actions, stale expiry, grants, audit', () => {
  let stack: Awaited<ReturnType<typeof startConsoleStack>>;
  let domain: ReturnType<typeof openTestApprovals>;

  beforeAll(async () => {
    stack = await startConsoleStack({
      audit: true,
      console: { traceUrl: 'https://jaeger.example/trace/{trace_id}' },
    });
    domain = openTestApprovals(stack.prefix);
  }, 60_000);

  afterAll(async () => {
    await domain?.close();
    await stack?.close();
  });

  it('shows a reviewer everything the inbox promises, escaped', async () => {
    const record = await domain.approvals.request(crmApproval());
    await domain.approvals.review(
      record.id,
      { sub: 'carol', email: null, groups: ['crm-owners'] },
      'approve',
      'fine by me',
      'api',
    );
    const bob = new ConsoleBrowser(stack.url);
    await bob.signInAs('bob');
    const page = await bob.get('/console/inbox');
    expect(page.status).toBe(200);
    const mine = page.text.slice(page.text.indexOf('Waiting for me'), page.text.indexOf('All pending'));
    expect(mine).toContain('Waiting for me (1)');
    expect(mine).toContain('POST /crm/customers?notify=yes'); // method, connection, path
    expect(mine).toContain('<b>alice</b>'); // who asks
    expect(mine).toContain('onboarding Grace &lt;script&gt;alert(1)&lt;/script&gt;'); // why, as text
    expect(mine).not.toContain('<script>alert(1)');
    expect(mine).toContain('creating a customer needs a CRM owner'); // the policy's reasons
    expect(mine).toContain('{&quot;name&quot;:&quot;Grace&quot;,&quot;ssn&quot;:&quot;[MASKED]&quot;}'); // masked request
    expect(mine).toMatch(/data-countdown="[^"]+"[^>]*>\s*(59m \d\ds|1h 00m) left/); // time left
    expect(mine).toContain('1 of 2 needed');
    expect(mine).toMatch(/<b>carol<\/b> approved/); // who has already approved
    expect(mine).toContain('fine by me');
    expect(mine).toContain(`action="/console/approvals/${record.id}/approve"`);
    expect(mine).toContain(`formaction="/console/approvals/${record.id}/deny"`);
    // Not an admin: no bulk expiry form.
    expect(page.text).not.toContain('Expire stale approvals');
  });

  it('shows the requester their pending approval without a form, and the API refuses self-approval', async () => {
    const record = await domain.approvals.request(crmApproval());
    const alice = new ConsoleBrowser(stack.url);
    await alice.signInAs('alice');
    const page = await alice.get('/console/inbox');
    expect(page.text).toContain('Waiting for me (0)');
    expect(page.text).toContain(`/console/approvals/${record.id}`);
    expect(page.text).not.toContain(`action="/console/approvals/${record.id}/approve"`);
    const refused = await alice.post(`/console/approvals/${record.id}/approve`, {
      _csrf: ConsoleBrowser.csrfOf(page.text),
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('(self_approval)');
    expect((await domain.approvals.get(record.id))?.status).toBe('pending');
  });

  it('records a denial with its reason, and the version the page polls moves', async () => {
    const record = await domain.approvals.request(crmApproval());
    const bob = new ConsoleBrowser(stack.url);
    await bob.signInAs('bob');
    const page = await bob.get('/console/inbox');
    const before = (await bob.get('/console/inbox/version')).body.version;
    const res = await bob.post(`/console/approvals/${record.id}/deny`, {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      reason: 'not during the freeze',
      return: '/console/inbox',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/inbox?notice=denied');
    const denied = await domain.approvals.get(record.id);
    expect(denied?.status).toBe('denied');
    expect(denied?.reviews).toEqual([
      expect.objectContaining({ sub: 'bob', decision: 'deny', reason: 'not during the freeze' }),
    ]);
    const after = (await bob.get('/console/inbox/version')).body.version;
    expect(after).not.toBe(before);
    const fragment = await bob.get('/console/inbox/fragment');
    expect(fragment.text).toContain('Recently settled');
    expect(fragment.text).not.toContain('<html');
  });

  it('lets an admin expire stale pending approvals, and only those', async () => {
    domain.clock.advance(-2 * 3600_000);
    const stale = await domain.approvals.request(
      crmApproval({ requirement: requirement({ ttl_seconds: 86_400 }) }),
    );
    domain.clock.advance(2 * 3600_000);
    const fresh = await domain.approvals.request(crmApproval());
    const bob = new ConsoleBrowser(stack.url);
    await bob.signInAs('bob');
    const refused = await bob.post('/console/approvals/expire', {
      _csrf: ConsoleBrowser.csrfOf((await bob.get('/console/inbox')).text),
      older_than_minutes: '60',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('(not_allowed)');
    const root = new ConsoleBrowser(stack.url);
    await root.signInAs('root');
    const page = await root.get('/console/inbox');
    expect(page.text).toContain('Expire stale approvals (admins)');
    const done = await root.post('/console/approvals/expire', {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      older_than_minutes: '60',
      reason: 'stale after the migration',
    });
    expect(done.status).toBe(303);
    const expired = await domain.approvals.get(stale.id);
    expect(expired).toMatchObject({
      status: 'expired',
      settled_by: 'root',
      outcome_reason: 'stale after the migration',
    });
    expect((await domain.approvals.get(fresh.id))?.status).toBe('pending');
  });

  it('shows a grant with its time and uses left, and revokes it', async () => {
    const record = await domain.approvals.request(crmApproval());
    for (const sub of ['bob', 'carol'])
      await domain.approvals.review(
        record.id,
        { sub, email: null, groups: ['crm-owners'] },
        'approve',
        '',
        'api',
      );
    const grantId = (await domain.approvals.get(record.id))!.grant_id!;
    const alice = new ConsoleBrowser(stack.url);
    await alice.signInAs('alice');
    const page = await alice.get('/console/grants');
    expect(page.status).toBe(200);
    const card = page.text.slice(page.text.indexOf(`id="g-${grantId}"`));
    expect(card).toContain('alice on crm');
    expect(card).toContain('POST /customers');
    expect(card).toMatch(/(14|15)m \d\ds left/);
    expect(card).toMatch(/Uses left<\/dt>\s*<dd>5<\/dd>/);
    const res = await alice.post(`/console/grants/${grantId}/revoke`, {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      reason: 'done onboarding',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/grants?notice=revoked');
    expect((await domain.approvals.grant(grantId))?.status).toBe('revoked');
    expect((await alice.get('/console/grants')).text).not.toContain(`id="g-${grantId}"`);
  });

  it('finds events in the audit search and shows one with its trace link', async () => {
    const store = (await stack.workers.audit!.store())!;
    const at = Date.UTC(2026, 0, 2, 10, 0, 0);
    const events = [
      requestEvent('mallory', '/customers/1', false, at),
      requestEvent('dave', '/customers/2', true, at + 1000),
      requestEvent('mallory', '/customers/3', true, at + 2000),
    ];
    await store.append(events);
    const ann = new ConsoleBrowser(stack.url);
    await ann.signInAs('ann');
    const found = await ann.get(
      '/console/audit?subject=mallory&decision=deny&since=2026-01-02T09:59&until=2026-01-02T10:01',
    );
    expect(found.status).toBe(200);
    expect(found.text).toContain(`/console/audit/events/${events[0].event_id}`);
    expect(found.text).not.toContain(events[1].event_id);
    expect(found.text).not.toContain(events[2].event_id);
    const byTrace = await ann.get(`/console/audit?trace_id=${events[1].trace_id}`);
    expect(byTrace.text).toContain(events[1].event_id);
    expect(byTrace.text).not.toContain(events[0].event_id);
    const detail = await ann.get(`/console/audit/events/${events[0].event_id}`);
    expect(detail.text).toContain('DELETE is blocked on this connection');
    expect(detail.text).toContain('{&quot;ssn&quot;:&quot;[MASKED]&quot;,&quot;id&quot;:7}');
    expect(detail.text).toContain(`href="https://jaeger.example/trace/${events[0].trace_id}"`);
    const bad = await ann.get('/console/audit?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('since: not a time');
    // Not an auditor: the API's refusal, on the page.
    const bob = new ConsoleBrowser(stack.url);
    await bob.signInAs('bob');
    const refused = await bob.get('/console/audit');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('(audit_forbidden)');
  });

  it("shows a refusal's decision and reasons though the proxy keeps no copy of its own answer", async () => {
    const store = (await stack.workers.audit!.store())!;
    // As the proxy records a policy refusal at level full: the request's body, none for its own 403.
    const refused = requestEvent('mallory', '/customers/9', false, Date.UTC(2026, 0, 3, 10, 0, 0));
    delete refused.response.body;
    refused.request.body = { size: 2, encoding: 'utf8', content: '{}', truncated: false };
    const basic = requestEvent('mallory', '/customers/10', false, Date.UTC(2026, 0, 3, 10, 0, 1));
    basic.level = 'basic';
    delete basic.response.body;
    const allowed = requestEvent('dave', '/customers/11', true, Date.UTC(2026, 0, 3, 10, 0, 2));
    allowed.level = 'basic';
    delete allowed.request.body;
    delete allowed.response.body;
    await store.append([refused, basic, allowed]);
    const ann = new ConsoleBrowser(stack.url);
    await ann.signInAs('ann');
    const page = await ann.get(`/console/audit/events/${refused.event_id}`);
    expect(page.status).toBe(200);
    const response = page.text.slice(page.text.indexOf('id="res-h"'), page.text.indexOf('id="dec-h"'));
    expect(response).not.toContain('not recorded');
    expect(response).toContain('The proxy answered this itself');
    expect(response).toContain('&quot;error&quot;: &quot;forbidden&quot;');
    expect(response).toContain('&quot;decision&quot;: &quot;deny&quot;');
    expect(response).toContain('DELETE is blocked on this connection');
    expect(response).toContain('&quot;decision_id&quot;: &quot;dec-/customers/9&quot;');
    const decision = page.text.slice(page.text.indexOf('id="dec-h"'));
    expect(decision).toMatch(/<span class="tag deny">deny<\/span\s*>/);
    expect(decision).toContain('<li>DELETE is blocked on this connection</li>');
    // At level basic the same refusal says what the event holds too; an upstream's answer is not recorded.
    const basicPage = await ann.get(`/console/audit/events/${basic.event_id}`);
    expect(basicPage.text).toContain('The proxy answered this itself');
    const allowedPage = await ann.get(`/console/audit/events/${allowed.event_id}`);
    expect(allowedPage.text).not.toContain('The proxy answered this itself');
    expect(allowedPage.text.match(/not recorded \(the audit level was basic\)/g)).toHaveLength(2);
  });

  it('serves its script and stylesheet with validators', async () => {
    const js = await request(stack.url).get('/console/assets/console.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    const again = await request(stack.url)
      .get('/console/assets/console.js')
      .set('if-none-match', js.headers.etag);
    expect(again.status).toBe(304);
  });
});
