import express, { type RequestHandler, type Router } from 'express';
import type { AuditEvent } from '../../audit/event.js';
import type { ShadowStatus } from '../../decision/shadow/shadow.js';
import { CHANGE_KINDS } from '../../replay/compare.js';
import type { ReplayReport } from '../../replay/report.js';
import { CHANGE_LABELS } from '../../replay/text.js';
import type { ConsoleContext } from '../context.js';
import { when } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField, page, sendHtml } from '../layout.js';
import { eventConnection, eventSummary, eventWho } from '../pages/events.js';
import { replayReportView } from '../pages/replay.js';
import { refusal } from './inbox.js';
import { devBanner } from './signin.js';

/** Largest candidate the page uploads (the API applies its own limit too). */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface BundlesOptions {
  /** Decision services (base URLs) whose `/v1/status` the page shows. */
  decisionServices: string[];
}

interface BundleStatus {
  name: string;
  active_revision?: string;
  last_successful_activation?: string;
  code?: string;
  message?: string;
}

/** What the page reads of a decision service's `/v1/status`. */
export interface ServiceStatus {
  url: string;
  error?: string;
  bundles?: Record<string, BundleStatus>;
  shadow?: ShadowStatus;
}

async function statusOf(url: string): Promise<ServiceStatus> {
  try {
    const response = await fetch(`${url.replace(/\/+$/, '')}/v1/status`, {
      signal: AbortSignal.timeout(3000),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return { url, error: `answered ${response.status}` };
    const { result } = (await response.json()) as {
      result?: { bundles?: Record<string, BundleStatus>; shadow?: ShadowStatus };
    };
    return { url, bundles: result?.bundles ?? {}, shadow: result?.shadow };
  } catch (err) {
    return { url, error: `cannot be reached: ${(err as Error).message}` };
  }
}

function shadowView(shadow: ShadowStatus): Html {
  const d = shadow.decisions;
  const compared = d.same + d.different + d.error;
  const kinds = CHANGE_KINDS.filter((k) => shadow.changes[k] > 0);
  return html`<h4>Shadow bundle</h4>
    <dl class="facts">
      <dt>Source</dt>
      <dd class="mono">${shadow.bundle}</dd>
      <dt>Revision</dt>
      <dd class="mono">${shadow.revision ?? 'not loaded'}</dd>
      <dt>Sampling</dt>
      <dd>
        ${Math.round(shadow.sample_rate * 100)}% of decisions, at most ${shadow.queue_bound} waiting (now
        ${shadow.pending})
      </dd>
      <dt>Compared</dt>
      <dd>
        ${compared}: <span class="tag same">${d.same} same</span>
        <span class="tag different">${d.different} different</span>
        ${d.error ? html`<span class="tag">${d.error} errors</span>` : ''}
        ${d.dropped ? html`<span class="tag">${d.dropped} dropped (over the bound)</span>` : ''}
      </dd>
      <dt>Differences</dt>
      <dd>
        ${
          kinds.length
            ? kinds.map((k, i) => html`${i > 0 ? '; ' : ''}${CHANGE_LABELS[k]} <b>${shadow.changes[k]}</b>`)
            : html`<span class="muted">none</span>`
        }
      </dd>
      ${
        shadow.load_error
          ? html`<dt>Load error</dt>
              <dd class="error">${shadow.load_error}</dd>`
          : ''
      }
      ${
        shadow.last_error
          ? html`<dt>Last error</dt>
              <dd>${shadow.last_error.code}: ${shadow.last_error.message}</dd>`
          : ''
      }
    </dl>`;
}

function serviceCard(status: ServiceStatus): Html {
  const bundles = Object.values(status.bundles ?? {});
  return html`<article class="card" aria-label="Decision service ${status.url}">
    <h3 class="mono">${status.url}</h3>
    ${
      status.error
        ? html`<p class="error">This decision service ${status.error}.</p>`
        : html`<table class="data">
            <thead>
              <tr>
                <th scope="col">Bundle</th>
                <th scope="col">Live revision</th>
                <th scope="col">Activated</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              ${bundles.map(
                (b) =>
                  html`<tr>
                    <td data-label="Bundle" class="mono">${b.name}</td>
                    <td data-label="Live revision" class="mono">${b.active_revision ?? 'none yet'}</td>
                    <td data-label="Activated">${when(b.last_successful_activation)}</td>
                    <td data-label="State">
                      ${b.code ? html`<span class="tag deny">${b.code}</span> ${b.message ?? ''}` : html`<span class="tag allow">ok</span>`}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${status.shadow ? shadowView(status.shadow) : ''}
  </article>`;
}

function recentDifferences(events: AuditEvent[] | undefined, error: string | undefined): Html {
  if (error) return html`<p class="muted">${error}</p>`;
  if (!events?.length) return html`<p class="muted">No shadow difference recorded.</p>`;
  return html`<table class="data">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Subject</th>
          <th scope="col">Connection</th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        ${events.map(
          (e) =>
            html`<tr>
              <td data-label="Time">
                <a href="/console/audit/events/${encodeURIComponent(e.event_id)}">${when(e.time)}</a>
              </td>
              <td data-label="Subject">${eventWho(e)}</td>
              <td data-label="Connection">${eventConnection(e)}</td>
              <td data-label="Difference" class="mono">${eventSummary(e)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p><a href="/console/audit?kind=shadow">Every shadow difference in the audit trail</a></p>`;
}

function replayForm(csrf: string): Html {
  return html`<section class="card" aria-labelledby="replay-h">
    <h2 id="replay-h">Replay a candidate bundle</h2>
    <p class="muted">
      Recorded decisions are re-evaluated against the candidate in the live evaluation pool; nothing is
      enforced. The same as <code>npx portcullis replay --bundle candidate.tar.gz</code>.
    </p>
    <form id="replay-form" data-replay-url="/console/bundles/replay" class="search">
      ${csrfField(csrf)}
      <div class="field">
        <label for="r-bundle">Candidate bundle (.tar.gz)</label>
        <input id="r-bundle" name="bundle" type="file" accept=".tar.gz,.tgz,application/gzip" required />
      </div>
      <div class="field">
        <label for="r-since">Recorded in the last</label>
        <select id="r-since" name="since">
          <option value="1h">hour</option>
          <option value="24h" selected>24 hours</option>
          <option value="7d">7 days</option>
          <option value="30d">30 days</option>
        </select>
      </div>
      <div class="field">
        <label for="r-connection">Connection (optional)</label>
        <input id="r-connection" name="connection" type="text" />
      </div>
      <div class="field">
        <label for="r-limit">At most (newest first)</label>
        <input id="r-limit" name="limit" type="number" min="1" placeholder="all" />
      </div>
      <div class="field"><button type="submit">Replay</button></div>
    </form>
    <p id="replay-status" class="live-status muted" role="status" aria-live="polite"></p>
    <div id="replay-report"></div>
  </section>`;
}

/**
 * `/console/bundles`: the live bundle revisions of every decision service.
 * `guard` is the session check, given here because the replay upload needs
 * its body read (raw bytes) before the guard reads the form token.
 */
export function mountBundles(
  router: Router,
  ctx: ConsoleContext,
  options: BundlesOptions,
  guard: () => RequestHandler,
): void {
  router.post(
    '/bundles/replay',
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }),
    guard(),
    (req, res, next) => {
      void (async () => {
        const query = new URLSearchParams();
        for (const name of ['since', 'connection', 'limit'])
          if (typeof req.query[name] === 'string' && req.query[name] !== '')
            query.set(name, req.query[name] as string);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        try {
          const report = await req.signedIn!.api.call<ReplayReport>('POST', `/v1/replay?${query}`, {
            raw: { bytes, contentType: 'application/gzip' },
            timeoutMs: 300_000,
          });
          sendHtml(res, replayReportView(report));
        } catch (err) {
          const refused = refusal(err);
          if (!refused) throw err;
          sendHtml(res, html`<p class="error" role="alert">${refused.error}</p>`, refused.status);
        }
      })().catch(next);
    },
  );

  router.get('/bundles', guard(), (req, res, next) => {
    void (async () => {
      const signedIn = req.signedIn!;
      const [statuses, recent] = await Promise.all([
        Promise.all(options.decisionServices.map(statusOf)),
        signedIn.api.call<{ events: AuditEvent[] }>('GET', '/v1/audit/events?kind=shadow&limit=10').then(
          (found) => ({ events: found.events, error: undefined }),
          (err: unknown) => ({
            events: undefined,
            error: refusal(err)?.error ?? 'The audit trail cannot be read now.',
          }),
        ),
      ]);
      sendHtml(
        res,
        page({
          title: 'Bundles',
          section: 'bundles',
          session: signedIn.session,
          banner: devBanner(ctx),
          body: html`<section aria-labelledby="live-h">
              <h2 id="live-h">Live bundles</h2>
              ${
                statuses.length
                  ? html`<div class="cards">${statuses.map(serviceCard)}</div>`
                  : html`<p class="muted">
                      No decision service is configured (<code>console.decisionServices</code>).
                    </p>`
              }
            </section>
            <section aria-labelledby="diff-h">
              <h2 id="diff-h">Recent shadow differences</h2>
              ${recentDifferences(recent.events, recent.error)}
            </section>
            ${replayForm(signedIn.session.csrf)}`,
        }),
      );
    })().catch(next);
  });
}
