import type { RequestHandler, Router } from 'express';
import type { ConsoleContext } from '../context.js';
import { when } from '../format.js';
import { html, type Html } from '../html.js';
import { page, sendHtml } from '../layout.js';
import { devBanner } from './signin.js';

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
  shadow?: unknown;
}

async function statusOf(url: string): Promise<ServiceStatus> {
  try {
    const response = await fetch(`${url.replace(/\/+$/, '')}/v1/status`, {
      signal: AbortSignal.timeout(3000),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return { url, error: `answered ${response.status}` };
    const { result } = (await response.json()) as {
      result?: { bundles?: Record<string, BundleStatus>; shadow?: unknown };
    };
    return { url, bundles: result?.bundles ?? {}, shadow: result?.shadow };
  } catch (err) {
    return { url, error: `cannot be reached: ${(err as Error).message}` };
  }
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
  </article>`;
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
  router.get('/bundles', guard(), (req, res, next) => {
    void (async () => {
      const signedIn = req.signedIn!;
      const statuses = await Promise.all(options.decisionServices.map(statusOf));
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
          </section>`,
        }),
      );
    })().catch(next);
  });
}
