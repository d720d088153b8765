import type { Request, Response, Router } from 'express';
import type { grantView } from '../../approvals/view.js';
import type { ConsoleContext } from '../context.js';
import { timeLeft, when } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField, page, sendHtml } from '../layout.js';
import { approvalId, NOTICES, reasonOf, refusal } from './inbox.js';
import { devBanner } from './signin.js';

type GrantView = ReturnType<typeof grantView>;

function grantCard(grant: GrantView, csrf: string, now: number): Html {
  const id = encodeURIComponent(grant.id);
  return html`<article class="card" aria-labelledby="g-${grant.id}">
    <div class="row">
      <h3 id="g-${grant.id}">${grant.subject} on ${grant.connection}</h3>
      <span class="tag ${grant.status}">${grant.status}</span>
    </div>
    <dl class="facts">
      <dt>Covers</dt>
      <dd class="mono">${grant.methods.join(', ')} ${grant.paths.join(', ')}</dd>
      <dt>Time left</dt>
      <dd>${timeLeft(grant.expires_at, now)} <span class="muted">(until ${when(grant.expires_at)})</span></dd>
      <dt>Uses left</dt>
      <dd>${grant.uses_left === null ? 'no limit' : String(grant.uses_left)}</dd>
      <dt>Opened by</dt>
      <dd>
        <a href="/console/approvals/${encodeURIComponent(grant.approval_id)}">approval ${grant.approval_id}</a
        >, ${when(grant.created_at)}
      </dd>
    </dl>
    <form method="post" action="/console/grants/${id}/revoke" class="inline">
      ${csrfField(csrf)}
      <div class="field grow">
        <label for="revoke-${grant.id}">Reason (optional)</label>
        <input id="revoke-${grant.id}" name="reason" type="text" maxlength="1000" />
      </div>
      <button type="submit" class="danger">Revoke</button>
    </form>
  </article>`;
}

async function renderGrants(
  ctx: ConsoleContext,
  req: Request,
  res: Response,
  options: { error?: string; status?: number } = {},
): Promise<void> {
  const signedIn = req.signedIn!;
  const { items } = await signedIn.api.call<{ items: GrantView[] }>('GET', '/v1/grants');
  const now = ctx.now();
  const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
  sendHtml(
    res,
    page({
      title: 'Grants',
      section: 'grants',
      session: signedIn.session,
      banner: devBanner(ctx),
      notice,
      error: options.error,
      body: html`<p class="muted">
          Active just-in-time grants whose approval you may see. Revoking one also revokes its approval; the
          next request sees it.
        </p>
        ${
          items.length
            ? html`<div class="cards">${items.map((g) => grantCard(g, signedIn.session.csrf, now))}</div>`
            : html`<p>No active grant.</p>`
        }`,
    }),
    options.status,
  );
}

export function mountGrants(router: Router, ctx: ConsoleContext): void {
  router.get('/grants', (req, res, next) => {
    renderGrants(ctx, req, res).catch(next);
  });
  router.post('/grants/:id/revoke', (req, res, next) => {
    void (async () => {
      const id = approvalId(req);
      await req.signedIn!.api.call('POST', `/v1/grants/${id}/revoke`, { body: { reason: reasonOf(req) } });
      res.redirect(303, '/console/grants?notice=revoked');
    })().catch(async (err: unknown) => {
      const refused = refusal(err);
      if (!refused) return next(err);
      await renderGrants(ctx, req, res, refused).catch(next);
    });
  });
}
