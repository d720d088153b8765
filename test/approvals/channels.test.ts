import { slackSignature } from '../../services/approvals/channels/slack/signature.js';
import { signLink } from '../../services/approvals/channels/email/links.js';
import { startFakeSlack } from './support/fake-slack.js';
import { recipient, startSmtp } from './support/fake-smtp.js';
import { startApprovalStack, type ApprovalStack } from './support/stack.js';

const SLACK_TOKEN = 'xoxb-test-' + 'b'.repeat(20);
const SIGNING_SECRET = 'slack-signing-secret-for-tests';
const LINK_SECRET = 'email-link-secret-for-tests-' + 'k'.repeat(16);

/**
 * The notification channels with real parts: @slack/web-api against a fake
 * Slack API server that records calls, interaction payloads signed with a
 * test secret, nodemailer to an in-process SMTP server, messages read back
 * with mailparser; approvals opened by the real proxy and policy.
 */
describe('approval channels: Slack and email', () => {
  let s: ApprovalStack;
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let proxy: Awaited<ReturnType<ApprovalStack['proxy']>>;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    process.env.PC_TEST_SLACK_TOKEN = SLACK_TOKEN;
    process.env.PC_TEST_SLACK_SECRET = SIGNING_SECRET;
    process.env.PC_TEST_LINK_SECRET = LINK_SECRET;
    [slack, smtp] = await Promise.all([startFakeSlack(), startSmtp()]);
    slack.users.set('UCAROL', { email: 'Carol@Example.com', confirmed: true });
    slack.users.set('UUNCONFIRMED', { email: 'dan@example.com', confirmed: false });
    s = await startApprovalStack({
      approvals: {
        publicUrl: 'http://reviews.example.test',
        notify: { attempts: 5, backoffMs: 20 },
        directory: [
          { sub: 'bob', email: 'bob@example.com', groups: ['crm-owners'], slackUserId: 'UBOB' },
          { sub: 'carol', email: 'carol@example.com', groups: ['crm-owners'] },
          { sub: 'dan', email: 'dan@example.com', groups: ['crm-owners'] },
          {
            sub: 'alice',
            email: 'alice@example.com',
            groups: ['engineers', 'crm-owners'],
            slackUserId: 'UALICE',
          },
          { sub: 'dora', email: 'dora@example.com', groups: ['data-owners'] },
        ],
        slack: {
          token: { env: 'PC_TEST_SLACK_TOKEN' },
          signingSecret: { env: 'PC_TEST_SLACK_SECRET' },
          slackApiUrl: slack.url,
          channels: ['CAPPROVALS'],
          directMessages: true,
          // A click decides at once here; the modal with a reason is slack-modal.test.ts.
          buttons: 'direct',
        },
        email: {
          smtp: { host: '127.0.0.1', port: smtp.port },
          from: 'Portcullis <approvals@example.test>',
          linkSecret: { env: 'PC_TEST_LINK_SECRET' },
        },
      },
    });
    proxy = await s.proxy({ crm: { mode: 'async' }, warehouse: { mode: 'async' } });
  }, 120000);

  afterAll(async () => {
    await s?.close();
    await Promise.all([slack?.close(), smtp?.close()]);
  });

  /** Opens an approval for `sub` creating a customer; resolves with its id. */
  async function open(sub: string, name: string): Promise<string> {
    const res = await s.call(`${proxy.url}/crm/customers`, sub, ['engineers'], {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name, email: `${name.toLowerCase()}@example.com` }),
    });
    expect(res.status).toBe(202);
    return res.json.approval_id as string;
  }

  /** Posts a Slack interaction to the workers, signed as Slack would (or as the options say). */
  async function click(
    id: string,
    user: string,
    action: 'approve' | 'deny',
    options: { secret?: string; timestamp?: number; body?: string } = {},
  ) {
    const payload = {
      type: 'block_actions',
      user: { id: user },
      container: { type: 'message', channel_id: 'CAPPROVALS', message_ts: '1700000001.000100' },
      actions: [{ action_id: `portcullis_${action}`, value: id, type: 'button' }],
    };
    const body = options.body ?? new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
    };
    const send = async () => {
      const res = await fetch(`${s.workers.url}/v1/channels/slack/interactions`, {
        method: 'POST',
        headers,
        body,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    };
    return { send, headers, body };
  }

  it('posts a Block Kit message to the channel and to each eligible reviewer, with the masked request', async () => {
    const id = await open('alice', 'Ada');
    const posted = await slack.until(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'CAPPROVALS' &&
        JSON.stringify(c.args.blocks).includes(id),
    );
    expect(posted.token).toBe(SLACK_TOKEN);
    const blocks = JSON.stringify(posted.args.blocks);
    expect(blocks).toContain('alice');
    expect(blocks).toContain('POST /crm/customers');
    expect(blocks).toContain("creating a customer needs a CRM owner's approval");
    expect(blocks).toContain('Ada');
    expect(blocks).not.toContain('ada@example.com');
    expect(blocks).toContain('portcullis_approve');
    expect(blocks).toContain('portcullis_deny');
    // Direct messages to eligible reviewers with a Slack id: bob, not alice (the requester).
    await slack.until(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'UBOB' &&
        JSON.stringify(c.args.blocks).includes(id),
    );
    expect(slack.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'UALICE')).toBe(
      false,
    );
  });

  it('takes a signed click, maps the clicker by verified email, decides, and updates every posted message', async () => {
    const id = await open('zoe', 'Babbage');
    await slack.until(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'UBOB' &&
        JSON.stringify(c.args.blocks).includes(id),
    );
    const approved = s.log.until((e) => e.type === 'approval.approved' && e.approval_id === id);
    const answer = await (await click(id, 'UCAROL', 'approve')).send();
    expect(answer.status).toBe(200);
    expect(await approved).toMatchObject({ actor: 'carol', via: 'slack' });
    for (const channel of ['CAPPROVALS', 'DBOB']) {
      const update = await slack.until(
        (c) =>
          c.method === 'chat.update' &&
          c.args.channel === channel &&
          JSON.stringify(c.args.blocks).includes('*Approved* by carol'),
      );
      expect(JSON.stringify(update.args.blocks)).not.toContain('portcullis_approve');
    }
  });

  it('tells an ineligible clicker so in an ephemeral message, and changes nothing', async () => {
    const id = await open('alice', 'Curie');
    const cases: [string, RegExp][] = [
      ['UALICE', /You asked for this request/],
      ['UNOBODY', /not a known Portcullis reviewer/],
      ['UUNCONFIRMED', /not confirmed/],
    ];
    for (const [user, text] of cases) {
      expect((await (await click(id, user, 'approve')).send()).status).toBe(200);
      const ephemeral = await slack.until(
        (c) => c.method === 'chat.postEphemeral' && c.args.user === user && text.test(String(c.args.text)),
      );
      expect(ephemeral.args.channel).toBe('CAPPROVALS');
    }
    const record = (await s.api('GET', `/v1/approvals/${id}`, 'alice', ['engineers'])).body;
    expect(record).toMatchObject({ status: 'pending', approvals: 0, reviews: [] });
  });

  it('refuses forged, stale, replayed and malformed interactions with a code, changing nothing', async () => {
    const id = await open('yan', 'Dijkstra');
    const forged = await (await click(id, 'UBOB', 'approve', { secret: 'not-the-secret' })).send();
    expect(forged).toMatchObject({ status: 401, body: { code: 'slack_signature_invalid' } });
    const stale = await (
      await click(id, 'UBOB', 'approve', { timestamp: Math.floor(Date.now() / 1000) - 301 })
    ).send();
    expect(stale).toMatchObject({ status: 401, body: { code: 'slack_signature_stale' } });
    const malformed = await (await click(id, 'UBOB', 'approve', { body: 'payload=%7Bnot-json' })).send();
    expect(malformed).toMatchObject({ status: 400, body: { code: 'slack_payload_invalid' } });
    const unsigned = await fetch(`${s.workers.url}/v1/channels/slack/interactions`, {
      method: 'POST',
      body: 'payload={}',
    });
    expect(unsigned.status).toBe(401);
    const deny = await click(id, 'UBOB', 'deny');
    expect((await deny.send()).status).toBe(200);
    const replay = await deny.send();
    expect(replay).toMatchObject({ status: 401, body: { code: 'slack_replay' } });
    await s.log.until((e) => e.type === 'approval.denied' && e.approval_id === id);
    const record = (await s.api('GET', `/v1/approvals/${id}`, 'yan', ['engineers'])).body;
    expect(record.reviews).toHaveLength(1);
    expect(record.reviews[0]).toMatchObject({ sub: 'bob', decision: 'deny', via: 'slack' });
  });

  it('emails each eligible reviewer signed links: GET confirms and changes nothing, POST decides once', async () => {
    const id = await open('alice', 'Euler');
    const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
    const claimsOf = (url: string) =>
      JSON.parse(Buffer.from(tokenOf(url).split('.')[0], 'base64url').toString());
    const linksOf = (m: (typeof smtp.mails)[number]) => ({
      approve: (m.text ?? '').match(/Approve: (\S+)/)?.[1] ?? '',
      deny: (m.text ?? '').match(/Deny: (\S+)/)?.[1] ?? '',
    });
    const about = (m: (typeof smtp.mails)[number]) =>
      linksOf(m).approve !== '' && claimsOf(linksOf(m).approve).a === id;
    const mail = await smtp.until((m) => recipient(m) === 'carol@example.com' && about(m));
    await smtp.until((m) => recipient(m) === 'bob@example.com' && about(m));
    expect(mail.from?.text).toContain('approvals@example.test');
    expect(mail.subject).toContain('alice wants POST /crm/customers');
    expect(mail.html).toContain('Approve</a>');
    expect(smtp.mails.some((m) => recipient(m) === 'alice@example.com' && about(m))).toBe(false);
    const mine = linksOf(mail);
    expect(mine.approve.startsWith('http://reviews.example.test/v1/channels/email/review?token=')).toBe(true);
    expect(claimsOf(mine.approve)).toMatchObject({ r: 'carol', d: 'approve' });
    const page = await fetch(`${s.workers.url}/v1/channels/email/review?token=${tokenOf(mine.approve)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Approve this request?');
    expect(html).toContain('<form method="post"');
    expect((await s.api('GET', `/v1/approvals/${id}`, 'alice', ['engineers'])).body.status).toBe('pending');

    const post = (token: string, reason = '') =>
      fetch(`${s.workers.url}/v1/channels/email/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, reason }).toString(),
      });
    const decided = await post(tokenOf(mine.approve), 'called the customer');
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain('approved');
    const record = (await s.api('GET', `/v1/approvals/${id}`, 'alice', ['engineers'])).body;
    expect(record.status).toBe('approved');
    expect(record.reviews[0]).toMatchObject({ sub: 'carol', via: 'email', reason: 'called the customer' });

    const replay = await post(tokenOf(mine.approve));
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('approval_settled');
    const dead = await fetch(`${s.workers.url}/v1/channels/email/review?token=${tokenOf(mine.deny)}`);
    expect(dead.status).toBe(409);
  });

  it('refuses tampered, expired and reused links', async () => {
    const id = await open('wes', 'Fermat');
    const post = (token: string) =>
      fetch(`${s.workers.url}/v1/channels/email/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      });
    const good = signLink(LINK_SECRET, {
      approval_id: id,
      reviewer: 'dan',
      decision: 'approve',
      expires: Math.floor(Date.now() / 1000) + 600,
    });
    const [body, mac] = good.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), r: 'bob' }),
    ).toString('base64url');
    const tampered = await post(`${forgedBody}.${mac}`);
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('link_invalid');
    const expired = signLink(LINK_SECRET, {
      approval_id: id,
      reviewer: 'dan',
      decision: 'approve',
      expires: Math.floor(Date.now() / 1000) - 1,
    });
    const late = await post(expired);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('link_expired');
    // A first use by dan is recorded (min 1 approves); a reused link is refused.
    const deny = signLink(LINK_SECRET, {
      approval_id: id,
      reviewer: 'dan',
      decision: 'deny',
      expires: Math.floor(Date.now() / 1000) + 600,
    });
    expect((await post(deny)).status).toBe(200);
    const again = await post(deny);
    expect(again.status).toBe(409);
    expect((await s.api('GET', `/v1/approvals/${id}`, 'wes', ['engineers'])).body).toMatchObject({
      status: 'denied',
      settled_by: 'dan',
    });
  });

  it('break-glass notifies the reviewers at once (Slack and email) for a review afterwards', async () => {
    const passed = await s.call(`${proxy.url}/warehouse/tables/hot`, 'liz', ['sre', 'sre-oncall'], {
      method: 'DELETE',
      headers: { 'portcullis-break-glass': 'INC-7: disk full' },
    });
    expect(passed.status).toBe(200);
    const id = passed.headers.get('x-portcullis-approval-id')!;
    const mail = await smtp.until(
      (m) => recipient(m) === 'dora@example.com' && (m.subject ?? '').includes('Break-glass'),
    );
    expect(mail.text).toContain('INC-7: disk full');
    const posted = await slack.until(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks).includes(id),
    );
    expect(JSON.stringify(posted.args.blocks)).toContain('Break-glass used');
  });

  it('retries a notification the Slack API fails, with backoff, until it is delivered', async () => {
    slack.state.failNext = 2;
    const id = await open('vic', 'Gauss');
    const posted = await slack.until(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'CAPPROVALS' &&
        JSON.stringify(c.args.blocks).includes(id),
    );
    expect(posted).toBeDefined();
    expect(slack.state.failNext).toBe(0);
    // Delivered once per target despite the retried job: one message per channel for this approval.
    await slack.until(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'UBOB' &&
        JSON.stringify(c.args.blocks).includes(id),
    );
    const forThis = slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks).includes(id),
    );
    expect(forThis.map((c) => c.args.channel).sort()).toEqual(['CAPPROVALS', 'UBOB']);
  });
});
