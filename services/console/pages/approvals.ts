import type { ApprovalView } from '../../approvals/view.js';
import { requestLine, timeLeft, when } from '../format.js';
import { html, jsonText, type Html } from '../html.js';
import { csrfField } from '../layout.js';

/** What a card needs besides the approval: the form token and the clock. */
export interface CardContext {
  csrf: string;
  now: number;
  /** Where the forms come back to. */
  returnTo: string;
}

function statusTag(status: string): Html {
  return html`<span class="tag ${status}">${status}</span>`;
}

function reviewsOf(view: ApprovalView): Html {
  if (view.reviews.length === 0) return html`<span class="muted">nobody yet</span>`;
  return html`<ul>
    ${view.reviews.map(
      (r) =>
        html`<li>
          <b>${r.sub}</b> ${r.decision === 'approve' ? 'approved' : 'denied'}
          ${when(r.at)}${r.reason ? html` — “${r.reason}”` : ''}
        </li>`,
    )}
  </ul>`;
}

/** The request as the proxy recorded it for reviewers: headers and the (masked) body excerpt. */
export function recordedRequest(view: ApprovalView): Html {
  const request = view.request;
  const body = request.body;
  return html`<details>
    <summary>Request as recorded (masked)</summary>
    <h4>Headers</h4>
    <pre>${jsonText(request.headers)}</pre>
    <h4>Body</h4>
    ${
      body.size === 0
        ? html`<p class="muted">no body</p>`
        : html`<p class="muted">
              ${body.size}
              bytes${body.content_type ? `, ${body.content_type}` : ''}${
                body.truncated ? ', cut to an excerpt' : ''
              }
            </p>
            <pre>${body.excerpt}</pre>`
    }
  </details>`;
}

function decisionForm(view: ApprovalView, ctx: CardContext): Html {
  const id = encodeURIComponent(view.id);
  return html`<form method="post" action="/console/approvals/${id}/approve" class="inline">
    ${csrfField(ctx.csrf)}<input type="hidden" name="return" value="${ctx.returnTo}" />
    <div class="field grow">
      <label for="reason-${view.id}">Reason (optional)</label>
      <textarea id="reason-${view.id}" name="reason" maxlength="1000" rows="2"></textarea>
    </div>
    <button type="submit" class="ok">Approve</button>
    <button type="submit" class="danger" formaction="/console/approvals/${id}/deny">Deny</button>
  </form>`;
}

/** One approval with everything a reviewer needs to decide, and the form when they may. */
export function approvalCard(view: ApprovalView, ctx: CardContext, options: { full?: boolean } = {}): Html {
  const open = view.status === 'pending';
  const line = requestLine(view.request.method, view.connection, view.request.path, view.request.query);
  return html`<article class="card" aria-labelledby="a-${view.id}">
    <div class="row">
      <h3 id="a-${view.id}">
        <a href="/console/approvals/${encodeURIComponent(view.id)}" class="mono">${line}</a>
      </h3>
      ${statusTag(view.status)} ${view.break_glass ? html`<span class="tag">break-glass</span>` : ''}
    </div>
    <dl class="facts">
      <dt>Who asks</dt>
      <dd>
        <b>${view.requester.sub}</b>${view.requester.email ? ` <${view.requester.email}>` : ''}
        ${view.requester.groups.length ? html`<span class="muted">(${view.requester.groups.join(', ')})</span>` : ''}
      </dd>
      <dt>Why</dt>
      <dd>${view.caller_reason || html`<span class="muted">no reason given</span>`}</dd>
      <dt>Connection</dt>
      <dd>${view.connection}</dd>
      <dt>Policy's reasons</dt>
      <dd>
        ${
          view.reasons.length
            ? html`<ul>
                ${view.reasons.map((r) => html`<li>${r}</li>`)}
              </ul>`
            : html`<span class="muted">none</span>`
        }
      </dd>
      <dt>${open ? 'Time left' : 'Settled'}</dt>
      <dd>
        ${
          open
            ? timeLeft(view.expires_at, ctx.now)
            : html`${when(view.settled_at)}${view.settled_by ? ` by ${view.settled_by}` : ''}${
                view.outcome_reason ? ` — “${view.outcome_reason}”` : ''
              }`
        }
      </dd>
      <dt>Approvals</dt>
      <dd>${view.approvals} of ${view.min_approvals} needed ${reviewsOf(view)}</dd>
      ${
        options.full
          ? html`<dt>Reviewers</dt>
              <dd>
                ${
                  [
                    ...view.reviewers.groups.map((g) => `group ${g}`),
                    ...view.reviewers.users.map((u) => `user ${u}`),
                  ].join(', ') || '—'
                }
              </dd>
              <dt>Requested</dt>
              <dd>${when(view.created_at)}</dd>
              <dt>Grant</dt>
              <dd>
                ${
                  view.grant
                    ? `${view.grant.methods.join(', ')} ${view.grant.paths.join(', ')} for ${view.grant.duration_seconds}s` +
                      (view.grant.max_uses === null ? '' : `, ${view.grant.max_uses} uses`)
                    : 'none (one request)'
                }
              </dd>
              <dt>Decision</dt>
              <dd class="mono">${view.decision_id}</dd>`
          : ''
      }
    </dl>
    ${recordedRequest(view)} ${view.can_review ? decisionForm(view, ctx) : ''}
  </article>`;
}

/** A settled approval in one line. */
export function settledLine(view: ApprovalView): Html {
  const line = requestLine(view.request.method, view.connection, view.request.path, view.request.query);
  return html`<li>
    ${statusTag(view.status)}
    <a href="/console/approvals/${encodeURIComponent(view.id)}" class="mono">${line}</a>
    <span class="muted"
      >by ${view.requester.sub}, ${view.settled_by ? `settled by ${view.settled_by}` : ''}</span
    >
    ${when(view.settled_at)}
  </li>`;
}
