import { slackSignature } from '../../services/approvals/channels/slack/signature.js';
import { startFakeSlack, type SlackCall } from './support/fake-slack.js';
import { startApprovalStack, type ApprovalStack } from './support/stack.js';

const SLACK_TOKEN = 'xoxb-test-' + 'm'.repeat(20);
const SIGNING_SECRET = 'slack-signing-secret-for-modal-tests';
const MAX_REASON = 1000;

/**
 * A reviewer's reason from Slack (`slack.buttons: modal`, the default): a
 * click opens a modal through the real @slack/web-api client (views.open
 * against a fake Slack API server that records calls), its signed
 * view_submission decides with the reason, refusals come back as the
 * modal's errors or an ephemeral message; approvals opened by the real
 * proxy and policy on real Redis.
 */
describe('Slack review modal: a reviewer gives a reason', () => {
  let s: ApprovalStack;
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  let proxy: Awaited<ReturnType<ApprovalStack['proxy']>>;
  let triggers = 0;

  beforeAll(async () => {
    process.env.PC_TEST_MODAL_SLACK_TOKEN = SLACK_TOKEN;
    process.env.PC_TEST_MODAL_SLACK_SECRET = SIGNING_SECRET;
    slack = await startFakeSlack();
    slack.users.set('UCAROL', { email: 'carol@example.com', confirmed: true });
    s = await startApprovalStack({
      approvals: {
        maxReasonLength: MAX_REASON,
        notify: { attempts: 5, backoffMs: 20 },
        directory: [
          { sub: 'bob', email: 'bob@example.com', groups: ['crm-owners'], slackUserId: 'UBOB' },
          { sub: 'carol', email: 'carol@example.com', groups: ['crm-owners'] },
          { sub: 'alice', groups: ['engineers', 'crm-owners'], slackUserId: 'UALICE' },
          { sub: 'dora', groups: ['data-owners'], slackUserId: 'UDORA' },
          { sub: 'eve', groups: ['data-owners'], slackUserId: 'UEVE' },
        ],
        slack: {
          token: { env: 'PC_TEST_MODAL_SLACK_TOKEN' },
          signingSecret: { env: 'PC_TEST_MODAL_SLACK_SECRET' },
          slackApiUrl: slack.url,
          channels: ['CAPPROVALS'],
          directMessages: true,
        },
      },
    });
    proxy = await s.proxy({ crm: { mode: 'async' }, warehouse: { mode: 'async' } });
  }, 120000);

  afterAll(async () => {
    await s?.close();
    await slack?.close();
    delete process.env.PC_TEST_MODAL_SLACK_TOKEN;
    delete process.env.PC_TEST_MODAL_SLACK_SECRET;
  });

  /** Opens an approval for `sub` creating a customer, waits for its channel message; resolves with its id. */
  async function open(sub: string, name: string): Promise<string> {
    const res = await s.call(`${proxy.url}/crm/customers`, sub, ['engineers'], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email: `${name.toLowerCase()}@example.com` }),
    });
    expect(res.status).toBe(202);
    const id = res.json.approval_id as string;
    await posted(id, 'CAPPROVALS');
    return id;
  }

  const posted = (id: string, channel: string) =>
    slack.until(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === channel &&
        JSON.stringify(c.args.blocks).includes(id),
    );

  /** The approval as the API shows it to an admin. */
  const record = async (id: string) =>
    (await s.api('GET', `/v1/approvals/${id}`, 'audrey', ['approval-admins'])).body;

  /** A signed interaction request as Slack sends it; `send` posts it (again, for a replay). */
  function signed(payload: unknown, options: { secret?: string } = {}) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
    };
    return async () => {
      const res = await fetch(`${s.workers.url}/v1/channels/slack/interactions`, {
        method: 'POST',
        headers,
        body,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
  }

  /** Clicks Approve or Deny as `user`; resolves with the answer and the trigger id it carried. */
  async function click(id: string, user: string, action: 'approve' | 'deny') {
    const trigger = `T${++triggers}.trigger-${Math.random().toString(36).slice(2)}`;
    const answer = await signed({
      type: 'block_actions',
      user: { id: user },
      trigger_id: trigger,
      container: { type: 'message', channel_id: 'CAPPROVALS', message_ts: '1700000001.000100' },
      actions: [{ action_id: `portcullis_${action}`, value: id, type: 'button' }],
    })();
    return { answer, trigger };
  }

  /** The modal views.open was called with for this trigger. */
  async function modalFor(trigger: string) {
    const call = await slack.until((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
    return call.args.view as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** The view_submission of a modal as `user` typed `reason` into it. */
  function submission(view: Record<string, unknown>, user: string, reason: string | null) {
    return {
      type: 'view_submission',
      user: { id: user },
      // Each submission Slack sends is its own request, with its own trigger.
      trigger_id: `T${++triggers}.submission`,
      view: {
        id: 'V-submitted',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { portcullis_reason: { reason: { type: 'plain_text_input', value: reason } } } },
      },
    };
  }

  /** Opens the modal as `user` and returns it (as Slack would show it). */
  async function modal(id: string, user: string, action: 'approve' | 'deny') {
    const { answer, trigger } = await click(id, user, action);
    expect(answer).toEqual({ status: 200, body: undefined });
    return modalFor(trigger);
  }

  const ephemeral = (user: string, text: RegExp): Promise<SlackCall> =>
    slack.until(
      (c) => c.method === 'chat.postEphemeral' && c.args.user === user && text.test(String(c.args.text)),
    );

  it('a click opens the review modal with views.open: trigger id, the approval in private metadata, an optional reason', async () => {
    const id = await open('alice', 'Ada');
    const { answer, trigger } = await click(id, 'UBOB', 'approve');
    expect(answer).toEqual({ status: 200, body: undefined });
    const call = await slack.until((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
    expect(call.token).toBe(SLACK_TOKEN);
    const view = call.args.view as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'portcullis_review',
      title: { text: 'Approve request' },
      submit: { text: 'Approve' },
    });
    expect(JSON.parse(view.private_metadata)).toEqual({
      approval_id: id,
      decision: 'approve',
      channel_id: 'CAPPROVALS',
      message_ts: '1700000001.000100',
    });
    const input = view.blocks.find((b: { type: string }) => b.type === 'input');
    expect(input).toMatchObject({
      block_id: 'portcullis_reason',
      optional: true,
      element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: MAX_REASON },
    });
    expect(JSON.stringify(view.blocks)).toContain('POST /crm/customers');
    // Opening the modal decides nothing.
    expect(await record(id)).toMatchObject({ status: 'pending', approvals: 0, reviews: [] });
    const deny = await modal(id, 'UBOB', 'deny');
    expect(deny).toMatchObject({ title: { text: 'Deny request' }, submit: { text: 'Deny' } });
    expect(JSON.parse(deny.private_metadata).decision).toBe('deny');
  });

  it('a submitted modal decides with the reason: stored, in the transition events, on every posted message', async () => {
    const id = await open('zoe', 'Babbage');
    await posted(id, 'UBOB');
    const view = await modal(id, 'UCAROL', 'approve');
    const reason = 'Called the customer:\nthey asked for it <today> & tomorrow.';
    const approved = s.log.until((e) => e.type === 'approval.approved' && e.approval_id === id);
    const answer = await signed(submission(view, 'UCAROL', `  ${reason}  `))();
    expect(answer).toEqual({ status: 200, body: undefined });
    expect(await approved).toMatchObject({ actor: 'carol', via: 'slack', reason });
    const reviewed = await s.log.until((e) => e.type === 'approval.reviewed' && e.approval_id === id);
    expect(reviewed).toMatchObject({
      actor: 'carol',
      via: 'slack',
      reason,
      details: { decision: 'approve' },
    });
    const shown = await record(id);
    expect(shown.status).toBe('approved');
    expect(shown.reviews).toEqual([
      expect.objectContaining({ sub: 'carol', decision: 'approve', via: 'slack', reason }),
    ]);
    const escaped = 'they asked for it &lt;today&gt; &amp; tomorrow.';
    for (const channel of ['CAPPROVALS', 'DBOB']) {
      const update = await slack.until(
        (c) =>
          c.method === 'chat.update' &&
          c.args.channel === channel &&
          JSON.stringify(c.args.blocks).includes('*Approved* by carol: Called the customer'),
      );
      expect(JSON.stringify(update.args.blocks)).toContain(escaped);
      expect(JSON.stringify(update.args.blocks)).not.toContain('portcullis_approve');
    }
  });

  it('a deny without a reason settles it with an empty reason', async () => {
    const id = await open('yan', 'Curie');
    const view = await modal(id, 'UBOB', 'deny');
    const denied = s.log.until((e) => e.type === 'approval.denied' && e.approval_id === id);
    expect(await signed(submission(view, 'UBOB', null))()).toEqual({ status: 200, body: undefined });
    expect(await denied).toMatchObject({ actor: 'bob', via: 'slack', reason: '' });
    expect((await record(id)).reviews[0]).toMatchObject({ sub: 'bob', decision: 'deny', reason: '' });
    await slack.until(
      (c) =>
        c.method === 'chat.update' &&
        c.args.channel === 'CAPPROVALS' &&
        JSON.stringify(c.args.blocks).includes(id) &&
        JSON.stringify(c.args.blocks).includes('*Denied* by bob"'),
    );
  });

  it('refuses a forged and a replayed submission with a code, changing nothing', async () => {
    const id = await open('wes', 'Dijkstra');
    const view = await modal(id, 'UBOB', 'approve');
    const forged = await signed(submission(view, 'UBOB', 'looks fine'), { secret: 'not-the-secret' })();
    expect(forged).toMatchObject({ status: 401, body: { code: 'slack_signature_invalid' } });
    // A submission naming another approval than the modal was opened for cannot be made without the secret.
    const tampered = submission(view, 'UBOB', 'looks fine');
    const meta = JSON.parse(String(view.private_metadata));
    tampered.view.private_metadata = JSON.stringify({ ...meta, decision: 'deny' });
    const forgedTamper = await signed(tampered, { secret: 'not-the-secret' })();
    expect(forgedTamper).toMatchObject({ status: 401, body: { code: 'slack_signature_invalid' } });
    expect(await record(id)).toMatchObject({ status: 'pending', reviews: [] });

    // The same signed submission twice: the first is the review, the second is refused before anything.
    const send = signed(submission(view, 'UBOB', 'looks fine'));
    const approved = s.log.until((e) => e.type === 'approval.approved' && e.approval_id === id);
    expect(await send()).toEqual({ status: 200, body: undefined });
    const replay = await send();
    expect(replay).toMatchObject({ status: 401, body: { code: 'slack_replay' } });
    await approved;
    const shown = await record(id);
    expect(shown.reviews).toHaveLength(1);
    expect(shown.reviews[0]).toMatchObject({ sub: 'bob', reason: 'looks fine' });
  });

  it('refuses a replayed click: one modal, the second request refused', async () => {
    const id = await open('xia', 'Noether');
    const trigger = 'T-replayed.click';
    const send = signed({
      type: 'block_actions',
      user: { id: 'UBOB' },
      trigger_id: trigger,
      container: { type: 'message', channel_id: 'CAPPROVALS', message_ts: '1700000001.000100' },
      actions: [{ action_id: 'portcullis_approve', value: id, type: 'button' }],
    });
    expect(await send()).toEqual({ status: 200, body: undefined });
    await modalFor(trigger);
    expect(await send()).toMatchObject({ status: 401, body: { code: 'slack_replay' } });
    const opened = slack.calls.filter((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
    expect(opened).toHaveLength(1);
  });

  it('answers an ineligible submitter in the modal (errors on the reason), changing nothing', async () => {
    const id = await open('alice', 'Euler');
    const cases: [string, RegExp][] = [
      ['UALICE', /You asked for this request/],
      ['UNOBODY', /not a known Portcullis reviewer/],
      ['UDORA', /not one of the reviewers/],
    ];
    for (const [user, text] of cases) {
      const view = await modal(id, user, 'approve');
      const answer = await signed(submission(view, user, 'please'))();
      expect(answer.status).toBe(200);
      expect(answer.body.response_action).toBe('errors');
      expect(answer.body.errors.portcullis_reason).toMatch(text);
    }
    expect(await record(id)).toMatchObject({ status: 'pending', approvals: 0, reviews: [] });
  });

  it('refuses an oversized reason in the modal with the API limit, changing nothing', async () => {
    const id = await open('vic', 'Fermat');
    const view = await modal(id, 'UBOB', 'approve');
    const long = 'x'.repeat(MAX_REASON + 1);
    const answer = await signed(submission(view, 'UBOB', long))();
    expect(answer).toEqual({
      status: 200,
      body: {
        response_action: 'errors',
        errors: {
          portcullis_reason: `Your reason is ${MAX_REASON + 1} characters; at most ${MAX_REASON} are accepted.`,
        },
      },
    });
    // The API refuses the same reason: one limit.
    const api = await s.api('POST', `/v1/approvals/${id}/approve`, 'rita', ['crm-owners'], { reason: long });
    expect(api).toMatchObject({ status: 400, body: { code: 'reason_too_long' } });
    expect(await record(id)).toMatchObject({ status: 'pending', reviews: [] });
    // At the limit it is accepted.
    const approved = s.log.until((e) => e.type === 'approval.approved' && e.approval_id === id);
    const fits = await signed(submission(view, 'UBOB', 'y'.repeat(MAX_REASON)))();
    expect(fits).toEqual({ status: 200, body: undefined });
    expect((await approved).reason).toHaveLength(MAX_REASON);
  });

  it('a settled approval: a click gets an ephemeral note and no modal; a submission gets the modal error', async () => {
    const id = await open('uma', 'Gauss');
    const view = await modal(id, 'UCAROL', 'approve');
    const decided = await s.api('POST', `/v1/approvals/${id}/deny`, 'rita', ['crm-owners'], {
      reason: 'not during the freeze',
    });
    expect(decided.status).toBe(200);
    const late = await signed(submission(view, 'UCAROL', 'fine by me'))();
    expect(late).toEqual({
      status: 200,
      body: { response_action: 'errors', errors: { portcullis_reason: 'This request is already denied.' } },
    });
    const { answer, trigger } = await click(id, 'UBOB', 'approve');
    expect(answer).toEqual({ status: 200, body: undefined });
    const note = await ephemeral('UBOB', /already denied/);
    expect(note.args.channel).toBe('CAPPROVALS');
    expect(slack.calls.some((c) => c.method === 'views.open' && c.args.trigger_id === trigger)).toBe(false);
    const shown = await record(id);
    expect(shown).toMatchObject({ status: 'denied', settled_by: 'rita' });
    expect(shown.reviews).toHaveLength(1);
  });

  it('with two approvals needed, each reason shows on the message as it comes, and the outcome with the last', async () => {
    const res = await s.call(`${proxy.url}/warehouse/tables/cold`, 'liz', ['sre'], { method: 'DELETE' });
    expect(res.status).toBe(202);
    const id = res.json.approval_id as string;
    await posted(id, 'CAPPROVALS');
    const first = await modal(id, 'UDORA', 'approve');
    expect(await signed(submission(first, 'UDORA', 'backup verified'))()).toEqual({
      status: 200,
      body: undefined,
    });
    const halfway = await slack.until(
      (c) =>
        c.method === 'chat.update' &&
        c.args.channel === 'CAPPROVALS' &&
        JSON.stringify(c.args.blocks).includes(id) &&
        JSON.stringify(c.args.blocks).includes('• dora approved: backup verified'),
    );
    expect(JSON.stringify(halfway.args.blocks)).toContain('portcullis_approve');
    expect(await record(id)).toMatchObject({ status: 'pending', approvals: 1 });
    // dora counts once: a second submission of hers is refused in the modal.
    const again = await signed(submission(await modal(id, 'UDORA', 'approve'), 'UDORA', 'still fine'))();
    expect(again.body.errors.portcullis_reason).toBe('You have already reviewed this request.');
    const second = await modal(id, 'UEVE', 'approve');
    expect(await signed(submission(second, 'UEVE', 'agreed, table unused'))()).toEqual({
      status: 200,
      body: undefined,
    });
    const done = await slack.until(
      (c) =>
        c.method === 'chat.update' &&
        c.args.channel === 'CAPPROVALS' &&
        JSON.stringify(c.args.blocks).includes('*Approved* by eve: agreed, table unused'),
    );
    const blocks = JSON.stringify(done.args.blocks);
    expect(blocks).toContain(id);
    expect(blocks).toContain('• dora approved: backup verified');
    expect(blocks).not.toContain('portcullis_approve');
    const shown = await record(id);
    expect(shown.reviews.map((r: { sub: string; reason: string }) => [r.sub, r.reason])).toEqual([
      ['dora', 'backup verified'],
      ['eve', 'agreed, table unused'],
    ]);
  });

  it('when Slack fails: a click that cannot open the modal fails visibly, a submission that cannot map its user asks again', async () => {
    const id = await open('sam', 'Lovelace');
    slack.state.failMethods['views.open'] = 1;
    const failed = await click(id, 'UBOB', 'approve');
    expect(failed.answer).toMatchObject({ status: 500, body: { code: 'internal_error' } });
    expect(slack.state.failMethods['views.open']).toBe(0);
    const view = await modal(id, 'UCAROL', 'approve');
    // users.info (carol is known by her Slack email only) answers 500 once.
    slack.state.failMethods['users.info'] = 1;
    const answer = await signed(submission(view, 'UCAROL', 'fine'))();
    expect(answer.body.errors.portcullis_reason).toMatch(/could not ask Slack who you are/);
    expect(await record(id)).toMatchObject({ status: 'pending', reviews: [] });
    // Submitting again (a new signed request) goes through.
    const approved = s.log.until((e) => e.type === 'approval.approved' && e.approval_id === id);
    expect(await signed(submission(view, 'UCAROL', 'fine'))()).toEqual({ status: 200, body: undefined });
    expect(await approved).toMatchObject({ actor: 'carol', reason: 'fine' });
  });

  it('two reviewers submit while the review queue waits: one settles it, the other is told privately', async () => {
    const id = await open('tia', 'Hopper');
    const bobView = await modal(id, 'UBOB', 'approve');
    const carolView = await modal(id, 'UCAROL', 'deny');
    const notify = s.workers.approvals!.queues.notify;
    await notify.pause();
    try {
      // Both pass the checks made at submission: the approval is still pending for each.
      expect(await signed(submission(bobView, 'UBOB', 'ok by bob'))()).toEqual({
        status: 200,
        body: undefined,
      });
      expect(await signed(submission(carolView, 'UCAROL', 'no by carol'))()).toEqual({
        status: 200,
        body: undefined,
      });
    } finally {
      await notify.resume();
    }
    const settled = await s.log.until(
      (e) => (e.type === 'approval.approved' || e.type === 'approval.denied') && e.approval_id === id,
    );
    const loser = settled.actor === 'bob' ? 'UCAROL' : 'UBOB';
    await ephemeral(loser, /already settled/);
    const shown = await record(id);
    expect(shown.reviews).toHaveLength(1);
    expect(shown.reviews[0].sub).toBe(settled.actor);
  });
});
