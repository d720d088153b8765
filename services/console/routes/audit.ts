import type { Request, Router } from 'express';
import type { AuditEvent } from '../../audit/event.js';
import type { ConsoleContext } from '../context.js';
import { ConsoleError } from '../errors.js';
import { when } from '../format.js';
import { html, type Html } from '../html.js';
import { page, sendHtml } from '../layout.js';
import {
  eventConnection,
  eventDecision,
  eventDetails,
  eventHeader,
  eventSummary,
  eventWho,
} from '../pages/events.js';
import { refusal } from './inbox.js';
import { devBanner } from './signin.js';

/** The search form's fields, as the audit API names its filters. */
const TEXT_FILTERS = ['subject', 'connection', 'trace_id', 'approval_id', 'status'] as const;
const KINDS = ['request', 'decision_log', 'approval', 'grant', 'bundle', 'shadow'];

interface Search {
  values: Record<string, string>;
  /** The API query (filters given, times in RFC 3339). */
  query: URLSearchParams;
}

/** `2026-01-02T10:30` (a datetime-local field, read as UTC) or a full RFC 3339 time. */
function timeFilter(value: string, name: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return `${value}Z`;
  if (!Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new ConsoleError('console_input_invalid', `${name}: not a time`);
}

function readSearch(req: Request): Search {
  const values: Record<string, string> = {};
  const query = new URLSearchParams();
  const field = (name: string): string => {
    const v = req.query[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  for (const name of TEXT_FILTERS) {
    values[name] = field(name);
    if (values[name]) query.set(name, values[name]);
  }
  for (const name of ['decision', 'kind'] as const) {
    values[name] = field(name);
    if (values[name]) query.set(name, values[name]);
  }
  for (const name of ['since', 'until'] as const) {
    values[name] = field(name);
    if (values[name]) query.set(name, timeFilter(values[name], name));
  }
  values.cursor = field('cursor');
  if (values.cursor) query.set('cursor', values.cursor);
  query.set('limit', '50');
  return { values, query };
}

function option(value: string, label: string, current: string): Html {
  return html`<option value="${value}" ${value === current ? html`selected` : ''}>${label}</option>`;
}

function searchForm(v: Record<string, string>): Html {
  const text = (name: string, label: string, hint = '') =>
    html`<div class="field">
      <label for="f-${name}">${label}</label>
      <input
        id="f-${name}"
        name="${name}"
        type="text"
        value="${v[name] ?? ''}"
        ${hint ? html`placeholder="${hint}"` : ''}
      />
    </div>`;
  return html`<form
    method="get"
    action="/console/audit"
    class="card"
    role="search"
    aria-label="Search the audit trail"
  >
    <div class="search">
      ${text('subject', 'Subject')} ${text('connection', 'Connection')}
      <div class="field">
        <label for="f-decision">Decision</label>
        <select id="f-decision" name="decision">
          ${option('', 'any', v.decision ?? '')} ${option('allow', 'allow', v.decision ?? '')}
          ${option('deny', 'deny', v.decision ?? '')}
        </select>
      </div>
      ${text('status', 'Status', 'e.g. 403')}
      <div class="field">
        <label for="f-kind">Kind</label>
        <select id="f-kind" name="kind">
          ${option('', 'any', v.kind ?? '')} ${KINDS.map((k) => option(k, k, v.kind ?? ''))}
        </select>
      </div>
      <div class="field">
        <label for="f-since">From (UTC)</label>
        <input id="f-since" name="since" type="datetime-local" value="${v.since ?? ''}" />
      </div>
      <div class="field">
        <label for="f-until">Until (UTC)</label>
        <input id="f-until" name="until" type="datetime-local" value="${v.until ?? ''}" />
      </div>
      ${text('trace_id', 'Trace id')} ${text('approval_id', 'Approval id')}
      <div class="field"><button type="submit">Search</button></div>
    </div>
  </form>`;
}

function resultsTable(events: AuditEvent[]): Html {
  if (events.length === 0) return html`<p>No event matches.</p>`;
  return html`<table class="data">
    <caption class="muted">
      Newest first
    </caption>
    <thead>
      <tr>
        <th scope="col">Time</th>
        <th scope="col">Kind</th>
        <th scope="col">Subject</th>
        <th scope="col">Connection</th>
        <th scope="col">What</th>
        <th scope="col">Decision</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${events.map((e) => {
        const decision = eventDecision(e);
        return html`<tr>
          <td data-label="Time">
            <a href="/console/audit/events/${encodeURIComponent(e.event_id)}">${when(e.time)}</a>
          </td>
          <td data-label="Kind">${e.kind}</td>
          <td data-label="Subject">${eventWho(e)}</td>
          <td data-label="Connection">${eventConnection(e)}</td>
          <td data-label="What" class="mono">${eventSummary(e)}</td>
          <td data-label="Decision">
            ${decision ? html`<span class="tag ${decision}">${decision}</span>` : ''}
          </td>
          <td data-label="Status">${e.kind === 'request' ? String(e.response.status) : ''}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** A transition's reason (the reviewer's, the revoker's), if it has one. */
function transitionReason(e: AuditEvent): string {
  if (e.kind !== 'approval' && e.kind !== 'grant') return '';
  const reason = e.details.reason;
  return typeof reason === 'string' ? reason : '';
}

/** The trace link of `console.traceUrl`, when configured. */
export function traceLink(ctx: ConsoleContext, traceId: string | undefined): string | undefined {
  if (!traceId || !ctx.config.traceUrl) return undefined;
  return ctx.config.traceUrl.replaceAll('{trace_id}', encodeURIComponent(traceId));
}

export function mountAudit(router: Router, ctx: ConsoleContext): void {
  router.get('/audit', (req, res, next) => {
    void (async () => {
      const signedIn = req.signedIn!;
      let search: Search | undefined;
      let results: Html = html``;
      let error: string | undefined;
      let status = 200;
      try {
        search = readSearch(req);
        const page = await signedIn.api.call<{ events: AuditEvent[]; next_cursor: string | null }>(
          'GET',
          `/v1/audit/events?${search.query}`,
        );
        const more = new URLSearchParams(req.query as Record<string, string>);
        if (page.next_cursor) more.set('cursor', page.next_cursor);
        results = html`${resultsTable(page.events)}
        ${page.next_cursor ? html`<p><a href="/console/audit?${more.toString()}">Older events</a></p>` : ''}`;
      } catch (err) {
        const refused = refusal(err);
        if (!refused) throw err;
        ({ error, status } = refused);
      }
      sendHtml(
        res,
        page({
          title: 'Audit',
          section: 'audit',
          session: signedIn.session,
          banner: devBanner(ctx),
          error,
          body: html`${searchForm(search?.values ?? {})}
            <section aria-label="Results">${results}</section>`,
        }),
        status,
      );
    })().catch(next);
  });

  router.get('/audit/events/:id', (req, res, next) => {
    void (async () => {
      const signedIn = req.signedIn!;
      const id = String(req.params.id);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ConsoleError('console_input_invalid', 'not an event id');
      const event = await signedIn.api.call<AuditEvent>('GET', `/v1/audit/events/${id}`);
      const approvalId =
        event.kind === 'request'
          ? event.decision?.approval_id
          : event.kind === 'approval' || event.kind === 'grant'
            ? event.approval_id
            : undefined;
      let approvals: Html = html``;
      if (approvalId) {
        const trail = await signedIn.api.call<{ events: AuditEvent[] }>(
          'GET',
          `/v1/audit/events?approval_id=${encodeURIComponent(approvalId)}&order=asc&limit=100`,
        );
        approvals = html`<section class="card" aria-labelledby="appr-h">
          <h2 id="appr-h">Approval ${approvalId}</h2>
          <p><a href="/console/approvals/${encodeURIComponent(approvalId)}">The approval as it stands</a></p>
          <ol>
            ${trail.events
              .filter((e) => e.kind === 'approval' || e.kind === 'grant')
              .map(
                (e) =>
                  html`<li>
                    ${when(e.time)}
                    <a href="/console/audit/events/${encodeURIComponent(e.event_id)}">${eventSummary(e)}</a>
                    ${transitionReason(e) ? html`— “${transitionReason(e)}”` : ''}
                  </li>`,
              )}
          </ol>
        </section>`;
      }
      sendHtml(
        res,
        page({
          title: 'Audit event',
          section: 'audit',
          session: signedIn.session,
          banner: devBanner(ctx),
          body: html`<section class="card">${eventHeader(event, traceLink(ctx, event.trace_id))}</section>
            ${eventDetails(event)} ${approvals}
            <p><a href="/console/audit">Back to the search</a></p>`,
        }),
      );
    })().catch(next);
  });
}
