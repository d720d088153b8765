import type { Response } from 'express';
import type { Session } from './session.js';
import { html, type Html, type Interpolated } from './html.js';

export type Section = 'inbox' | 'grants' | 'audit' | 'bundles' | 'signin';

const SECTIONS: { id: Section; label: string; href: string }[] = [
  { id: 'inbox', label: 'Inbox', href: '/console/inbox' },
  { id: 'grants', label: 'Grants', href: '/console/grants' },
  { id: 'audit', label: 'Audit', href: '/console/audit' },
  { id: 'bundles', label: 'Bundles', href: '/console/bundles' },
];

export interface PageOptions {
  title: string;
  section: Section;
  session?: Session;
  /** Shown above the page: the development sign-in notice. */
  banner?: Html;
  notice?: string;
  error?: string;
  body: Interpolated;
}

/** A hidden field with the session's form token: every form that changes anything carries one. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

function who(session: Session): Html {
  const groups = session.identity.groups.length > 0 ? ` (${session.identity.groups.join(', ')})` : '';
  return html`<div class="who">
    <span><span class="label">Signed in as</span> <b>${session.identity.sub}</b>${groups}</span>
    <form method="post" action="/console/signout">
      ${csrfField(session.csrf)}<button type="submit">Sign out</button>
    </form>
  </div>`;
}

/** The whole page: skip link, header with navigation, banner, messages, main. */
export function page(options: PageOptions): Html {
  const nav = options.session
    ? html`<nav aria-label="Console sections">
        <ul>
          ${SECTIONS.map(
            (s) =>
              html`<li>
                <a href="${s.href}" ${s.id === options.section ? html`aria-current="page"` : ''}
                  >${s.label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Portcullis console</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/console/inbox">Portcullis</a>
          ${nav} ${options.session ? who(options.session) : ''}
        </header>
        ${options.banner ? html`<div class="banner" role="note">${options.banner}</div>` : ''}
        <main id="main" tabindex="-1">
          <h1>${options.title}</h1>
          ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
          ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''} ${options.body}
        </main>
      </body>
    </html>`;
}

/** Sends a page (or a fragment) as HTML with a status. */
export function sendHtml(res: Response, markup: Html, status = 200): void {
  res.status(status).type('text/html; charset=utf-8').send(markup.text);
}
