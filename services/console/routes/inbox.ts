import type { Request, Response, Router } from 'express';
import type { ApprovalView } from '../../approvals/view.js';
import { PortcullisError } from '../../common/errors.js';
import type { ConsoleContext, SignedIn } from '../context.js';
import { ConsoleError } from '../errors.js';
import { html, type Html } from '../html.js';
import { csrfField, page, sendHtml } from '../layout.js';
import { approvalCard, settledLine, type CardContext } from '../pages/approvals.js';
import { devBanner, safeReturn } from './signin.js';

interface ListAnswer {
  items: ApprovalView[];
  next_cursor: string | null;
}

/** Fixed texts for the outcomes an action redirects with (never text from the URL itself). */
export const NOTICES: Record<string, string> = {
  approved: 'Your approval is recorded.',
  denied: 'Your denial is recorded.',
  expired: 'The stale approvals are expired.',
  revoked: 'The grant is revoked.',
};

const APPROVAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function approvalId(req: Request): string {
  const id = String(req.params.id);
  if (!APPROVAL_ID.test(id)) throw new ConsoleError('console_input_invalid', 'not an approval or grant id');
  return id;
}

export function reasonOf(req: Request): string {
  const reason = (req.body as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason.trim() : '';
}

function isAdmin(ctx: ConsoleContext, signedIn: SignedIn): boolean {
  return signedIn.session.identity.groups.some((g) => ctx.adminGroups.includes(g));
}

/** The three lists: waiting for me, all pending, recently settled (each one API call, as the CLI would make). */
async function inboxLists(signedIn: SignedIn) {
  const [mine, pending, recent] = await Promise.all([
    signedIn.api.call<ListAnswer>('GET', '/v1/approvals?reviewable=true&limit=100'),
    signedIn.api.call<ListAnswer>('GET', '/v1/approvals?status=pending&limit=100'),
    signedIn.api.call<ListAnswer>('GET', '/v1/approvals?limit=60'),
  ]);
  const settled = recent.items.filter((a) => a.status !== 'pending').slice(0, 20);
  return { mine: mine.items, pending: pending.items, settled };
}

function liveSections(lists: Awaited<ReturnType<typeof inboxLists>>, card: CardContext): Html {
  const mineIds = new Set(lists.mine.map((a) => a.id));
  const others = lists.pending.filter((a) => !mineIds.has(a.id));
  return html`<section aria-labelledby="mine-h">
      <h2 id="mine-h">Waiting for me (${lists.mine.length})</h2>
      ${
        lists.mine.length
          ? html`<div class="cards">${lists.mine.map((a) => approvalCard(a, card))}</div>`
          : html`<p class="muted">Nothing is waiting for your review.</p>`
      }
    </section>
    <section aria-labelledby="pending-h">
      <h2 id="pending-h">All pending (${lists.pending.length})</h2>
      ${
        others.length
          ? html`<div class="cards">${others.map((a) => approvalCard(a, card))}</div>`
          : html`<p class="muted">
              ${lists.pending.length ? 'Every pending approval you may see is listed above.' : 'No approval is pending.'}
            </p>`
      }
    </section>
    <section aria-labelledby="settled-h">
      <h2 id="settled-h">Recently settled</h2>
      ${
        lists.settled.length
          ? html`<ul class="card">
              ${lists.settled.map(settledLine)}
            </ul>`
          : html`<p class="muted">Nothing settled recently.</p>`
      }
    </section>`;
}

function expireForm(csrf: string): Html {
  return html`<section class="card" aria-labelledby="expire-h">
    <h2 id="expire-h">Expire stale approvals (admins)</h2>
    <p class="muted">
      Every pending approval asked for longer ago than this becomes expired, with your name and reason.
    </p>
    <form method="post" action="/console/approvals/expire" class="inline">
      ${csrfField(csrf)}
      <div class="field">
        <label for="older">Pending for more than (minutes)</label>
        <input id="older" name="older_than_minutes" type="number" min="1" max="525600" value="60" required />
      </div>
      <div class="field grow">
        <label for="expire-reason">Reason</label>
        <input id="expire-reason" name="reason" type="text" maxlength="1000" />
      </div>
      <button type="submit" class="danger">Expire stale approvals</button>
    </form>
  </section>`;
}

export async function renderInbox(
  ctx: ConsoleContext,
  req: Request,
  res: Response,
  options: { error?: string; status?: number } = {},
): Promise<void> {
  const signedIn = req.signedIn!;
  const [lists, version] = await Promise.all([
    inboxLists(signedIn),
    ctx.approvalsVersion?.() ?? Promise.resolve(''),
  ]);
  const card: CardContext = { csrf: signedIn.session.csrf, now: ctx.now(), returnTo: '/console/inbox' };
  const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
  const body = html`<p id="live-status" class="live-status muted" aria-live="polite"></p>
    <div id="live-stale" class="notice" hidden>
      The inbox changed while you were writing.
      <button type="button" class="secondary">Show the changes</button>
    </div>
    <div
      id="live"
      data-version="${version}"
      data-version-url="/console/inbox/version"
      data-fragment-url="/console/inbox/fragment"
      data-poll-ms="${Math.round(ctx.config.pollSeconds * 1000)}"
    >
      ${liveSections(lists, card)}
    </div>
    ${isAdmin(ctx, signedIn) ? expireForm(signedIn.session.csrf) : ''}`;
  sendHtml(
    res,
    page({
      title: 'Inbox',
      section: 'inbox',
      session: signedIn.session,
      banner: devBanner(ctx),
      notice,
      error: options.error,
      body,
    }),
    options.status,
  );
}

/** An action's refusal by the API, said as the page shows it. */
export function refusal(err: unknown): { error: string; status: number } | undefined {
  if (!(err instanceof PortcullisError) || err.status >= 500 || err.code === 'console_csrf_invalid')
    return undefined;
  return { error: `Not done: ${err.message} (${err.code})`, status: err.status };
}

export function mountInbox(router: Router, ctx: ConsoleContext): void {
  router.get('/', (_req, res) => res.redirect(303, '/console/inbox'));
  router.get('/inbox', (req, res, next) => {
    renderInbox(ctx, req, res).catch(next);
  });
  router.get('/inbox/fragment', (req, res, next) => {
    const signedIn = req.signedIn!;
    inboxLists(signedIn).then(
      (lists) =>
        sendHtml(
          res,
          liveSections(lists, { csrf: signedIn.session.csrf, now: ctx.now(), returnTo: '/console/inbox' }),
        ),
      next,
    );
  });
  router.get('/inbox/version', (_req, res, next) => {
    (ctx.approvalsVersion?.() ?? Promise.resolve('')).then((version) => res.json({ version }), next);
  });

  router.get('/approvals/:id', (req, res, next) => {
    void (async () => {
      const signedIn = req.signedIn!;
      const id = approvalId(req);
      const view = await signedIn.api.call<ApprovalView>('GET', `/v1/approvals/${id}`);
      const card = { csrf: signedIn.session.csrf, now: ctx.now(), returnTo: `/console/approvals/${id}` };
      const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
      sendHtml(
        res,
        page({
          title: 'Approval',
          section: 'inbox',
          session: signedIn.session,
          banner: devBanner(ctx),
          notice,
          body: html`${approvalCard(view, card, { full: true })}
            <p>
              <a href="/console/audit?approval_id=${encodeURIComponent(id)}">Its events in the audit trail</a>
              ·
              <a href="/console/inbox">Back to the inbox</a>
            </p>`,
        }),
      );
    })().catch(next);
  });

  for (const action of ['approve', 'deny'] as const) {
    router.post(`/approvals/:id/${action}`, (req, res, next) => {
      void (async () => {
        const id = approvalId(req);
        await req.signedIn!.api.call('POST', `/v1/approvals/${id}/${action}`, {
          body: { reason: reasonOf(req) },
        });
        const back = safeReturn((req.body as { return?: unknown }).return);
        res.redirect(
          303,
          `${back}${back.includes('?') ? '&' : '?'}notice=${action === 'approve' ? 'approved' : 'denied'}`,
        );
      })().catch(async (err: unknown) => {
        const refused = refusal(err);
        if (!refused) return next(err);
        await renderInbox(ctx, req, res, refused).catch(next);
      });
    });
  }

  router.post('/approvals/expire', (req, res, next) => {
    void (async () => {
      const minutes = Number((req.body as { older_than_minutes?: unknown }).older_than_minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 525_600)
        throw new ConsoleError('console_input_invalid', 'give the age in whole minutes, 1 or more');
      await req.signedIn!.api.call('POST', '/v1/approvals/expire', {
        body: { older_than_seconds: minutes * 60, reason: reasonOf(req) },
      });
      res.redirect(303, '/console/inbox?notice=expired');
    })().catch(async (err: unknown) => {
      const refused =
        refusal(err) ??
        (err instanceof ConsoleError && err.code === 'console_input_invalid'
          ? { error: err.message, status: 400 }
          : undefined);
      if (!refused) return next(err);
      await renderInbox(ctx, req, res, refused).catch(next);
    });
  });
}
