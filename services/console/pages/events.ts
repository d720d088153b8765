import type { AuditEvent, RecordedBody, RequestEvent, ShadowAuditEvent } from '../../audit/event.js';
import { requestLine, when } from '../format.js';
import { html, jsonText, type Html } from '../html.js';

/** What the event is about, in one line (the results table's "What" column). */
export function eventSummary(e: AuditEvent): string {
  switch (e.kind) {
    case 'request':
      return requestLine(e.request.method, e.connection, e.request.path, e.request.query);
    case 'decision_log':
      return `${e.decision_log.error ? 'error ' : ''}data/${e.decision_log.path}`;
    case 'approval':
    case 'grant':
      return `${e.transition} by ${e.actor ?? '?'}`;
    case 'bundle':
      return `${e.bundle.name} ${e.bundle.outcome} ${e.bundle.revision ?? e.bundle.error ?? ''}`;
    case 'shadow':
      return `shadow differs on data/${e.shadow.path}: ${e.shadow.changes.join(', ')}`;
  }
}

export function eventWho(e: AuditEvent): string {
  if (e.kind === 'request') return e.identity?.sub ?? '';
  if (e.kind === 'shadow') return e.shadow.subject ?? '';
  if (e.kind === 'approval' || e.kind === 'grant') return e.subject ?? '';
  if (e.kind === 'decision_log') {
    const sub = (e.decision_log.input as { identity?: { sub?: unknown } } | undefined)?.identity?.sub;
    return typeof sub === 'string' ? sub : '';
  }
  return '';
}

export function eventConnection(e: AuditEvent): string {
  if (e.kind === 'request') return e.connection ?? '';
  if (e.kind === 'shadow') return e.shadow.connection ?? '';
  if (e.kind === 'approval' || e.kind === 'grant') return e.connection ?? '';
  if (e.kind === 'decision_log') {
    const name = (e.decision_log.input as { connection?: { name?: unknown } } | undefined)?.connection?.name;
    return typeof name === 'string' ? name : '';
  }
  return '';
}

export function eventDecision(e: AuditEvent): string {
  if (e.kind === 'request') return e.decision ? (e.decision.allow ? 'allow' : 'deny') : '';
  if (e.kind === 'decision_log') {
    const allow = (e.decision_log.result as { allow?: unknown } | undefined)?.allow;
    return typeof allow === 'boolean' ? (allow ? 'allow' : 'deny') : '';
  }
  return '';
}

function body(recorded: RecordedBody | undefined, level: RequestEvent['level']): Html {
  if (!recorded)
    return html`<p class="muted">not recorded${level === 'basic' ? ' (the audit level was basic)' : ''}</p>`;
  if (recorded.omitted)
    return html`<p class="muted">${recorded.size} bytes, not recorded: ${recorded.omitted}</p>`;
  return html`<p class="muted">
      ${recorded.size}
      bytes${recorded.truncated ? ', cut' : ''}${recorded.encoding === 'base64' ? ', base64' : ''}
    </p>
    <pre>${recorded.content ?? ''}</pre>`;
}

/**
 * The proxy keeps the bodies of upstream answers only; an answer it made
 * itself (a refusal, an error) is not kept as bytes. What it said is in the
 * event: the error code, the decision's reasons and id.
 */
function ownAnswered(e: RequestEvent): boolean {
  return e.response.body === undefined && e.error !== null && e.outcome !== 'interrupted';
}

function ownAnswer(e: RequestEvent): Html {
  const held: Record<string, unknown> = { error: e.error };
  if (e.decision) {
    held.decision = e.decision.allow ? 'allow' : 'deny';
    held.reasons = e.decision.reasons;
  }
  if (e.decision_id) held.decision_id = e.decision_id;
  return html`<p class="muted">
      The proxy answered this itself and keeps no copy of its own answers; the event holds:
    </p>
    <pre>${jsonText(held)}</pre>`;
}

function requestDetails(e: RequestEvent): Html {
  const d = e.decision;
  return html`<section class="card" aria-labelledby="req-h">
      <h2 id="req-h">Request (as recorded, masked)</h2>
      <p class="mono">${requestLine(e.request.method, e.connection, e.request.path, e.request.query)}</p>
      <h3>Headers</h3>
      <pre>${jsonText(e.request.headers)}</pre>
      <h3>Body</h3>
      ${body(e.request.body, e.level)}
    </section>
    <section class="card" aria-labelledby="res-h">
      <h2 id="res-h">Response (as the caller saw it)</h2>
      <p>Status <b>${e.response.status}</b>${e.error ? html`, error <code>${e.error}</code>` : ''}</p>
      <h3>Headers</h3>
      <pre>${jsonText(e.response.headers)}</pre>
      <h3>Body</h3>
      ${ownAnswered(e) ? ownAnswer(e) : body(e.response.body, e.level)}
    </section>
    <section class="card" aria-labelledby="dec-h">
      <h2 id="dec-h">Decision</h2>
      ${
        d
          ? html`<dl class="facts">
              <dt>Outcome</dt>
              <dd>
                <span class="tag ${d.allow ? 'allow' : 'deny'}">${d.allow ? 'allow' : 'deny'}</span
                >${d.fail_open ? ' (fail open)' : ''}
              </dd>
              <dt>Reasons</dt>
              <dd>
                ${
                  d.reasons.length
                    ? html`<ul>
                        ${d.reasons.map((r) => html`<li>${r}</li>`)}
                      </ul>`
                    : html`<span class="muted">none</span>`
                }
              </dd>
              <dt>Masked</dt>
              <dd>
                ${d.masks ? [...d.masks.fields, ...d.masks.detectors].join(', ') || 'nothing' : 'nothing'}
              </dd>
              <dt>Approval</dt>
              <dd>
                ${
                  d.approval_id
                    ? html`<a href="/console/approvals/${encodeURIComponent(d.approval_id)}"
                        >${d.approval_id}</a
                      >`
                    : d.approval_required
                      ? 'required'
                      : 'not required'
                }
              </dd>
              <dt>Decision id</dt>
              <dd class="mono">${e.decision_id ?? '—'}</dd>
            </dl>`
          : html`<p class="muted">No decision was made (${e.outcome}).</p>`
      }
    </section>`;
}

/** The event's own part: request and response, a decision log's input and result, a transition. */
export function eventDetails(e: AuditEvent): Html {
  if (e.kind === 'request') return requestDetails(e);
  if (e.kind === 'decision_log') {
    const log = e.decision_log;
    return html`<section class="card" aria-labelledby="log-h">
      <h2 id="log-h">Decision log</h2>
      <dl class="facts">
        <dt>Path</dt>
        <dd class="mono">data/${log.path}</dd>
        <dt>Bundles</dt>
        <dd>
          ${
            Object.entries(log.bundles ?? {})
              .map(([name, b]) => `${name}@${b.revision}`)
              .join(', ') || '—'
          }
        </dd>
        <dt>Erased from the log</dt>
        <dd>${(log.erased ?? []).join(', ') || 'nothing'}</dd>
      </dl>
      <h3>Input (masked by the policy's system.log.mask)</h3>
      <pre>${jsonText(log.input)}</pre>
      <h3>${log.error ? 'Error' : 'Result'}</h3>
      <pre>${jsonText(log.error ?? log.result)}</pre>
    </section>`;
  }
  if (e.kind === 'shadow') return shadowDetails(e);
  return html`<section class="card">
    <h2>Details</h2>
    <pre>${jsonText(e)}</pre>
  </section>`;
}

function shadowDetails(e: ShadowAuditEvent): Html {
  const s = e.shadow;
  const allow = (v: boolean | null) => (v === null ? '—' : v ? 'allow' : 'deny');
  const live = Object.entries(s.live_revisions)
    .map(([name, b]) => `${name}@${b.revision}`)
    .join(', ');
  return html`<section class="card" aria-labelledby="shadow-h">
    <h2 id="shadow-h">Shadow difference</h2>
    <dl class="facts">
      <dt>Path</dt>
      <dd class="mono">data/${s.path}</dd>
      <dt>Live answer</dt>
      <dd>${allow(s.live_allow)} <span class="muted">(${live})</span></dd>
      <dt>Shadow answer</dt>
      <dd>${allow(s.shadow_allow)} <span class="muted">(revision ${s.shadow_revision})</span></dd>
      <dt>Changes</dt>
      <dd>${s.changes.join(', ')}</dd>
      <dt>Reasons</dt>
      <dd>
        <ul>
          ${Object.entries(s.reasons).map(([kind, rs]) => html`<li>${kind}: ${rs.join('; ') || '—'}</li>`)}
        </ul>
      </dd>
    </dl>
  </section>`;
}

/** Facts every kind has. */
export function eventHeader(e: AuditEvent, traceLink: string | undefined): Html {
  return html`<dl class="facts">
    <dt>Kind</dt>
    <dd>${e.kind}</dd>
    <dt>Time</dt>
    <dd>${when(e.time)}</dd>
    <dt>Event id</dt>
    <dd class="mono">${e.event_id}</dd>
    <dt>Source</dt>
    <dd>${e.source.service} (${e.source.instance})</dd>
    <dt>Trace</dt>
    <dd>
      ${
        e.trace_id
          ? traceLink
            ? html`<a href="${traceLink}" rel="noreferrer" target="_blank" class="mono">${e.trace_id}</a>`
            : html`<span class="mono">${e.trace_id}</span>`
          : html`<span class="muted">not traced</span>`
      }
    </dd>
  </dl>`;
}
