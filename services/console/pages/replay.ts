import { CHANGE_KINDS, type ChangeKind } from '../../replay/compare.js';
import type { Bucket, ReplayReport } from '../../replay/report.js';
import { CHANGE_LABELS } from '../../replay/text.js';
import { when } from '../format.js';
import { html, type Html } from '../html.js';

function examples(ids: string[] | undefined): Html {
  if (!ids?.length) return html``;
  return html`<span class="muted">e.g.</span> ${ids
      .slice(0, 3)
      .map(
        (id, i) =>
          html`${i > 0 ? ', ' : ''}<a class="mono" href="/console/audit/events/${encodeURIComponent(id)}"
              >${id.slice(0, 8)}…</a
            >`,
      )}`;
}

function kindsOf(b: Bucket): Html {
  const kinds = CHANGE_KINDS.filter((k) => b.changes[k] > 0);
  if (kinds.length === 0) return html`<span class="muted">no change</span>`;
  return html`${kinds.map((k, i) => html`${i > 0 ? '; ' : ''}${CHANGE_LABELS[k]} <b>${b.changes[k]}</b>`)}`;
}

function bucketTable(title: string, label: string, buckets: [string, Bucket][]): Html {
  if (buckets.length === 0) return html``;
  return html`<h3>${title}</h3>
    <table class="data">
      <thead>
        <tr>
          <th scope="col">${label}</th>
          <th scope="col">Changed</th>
          <th scope="col">Changes</th>
          <th scope="col">Examples</th>
        </tr>
      </thead>
      <tbody>
        ${buckets.map(([name, b]) => {
          const first = CHANGE_KINDS.find((k) => b.examples[k]?.length);
          return html`<tr>
            <td data-label="${label}">${name}</td>
            <td data-label="Changed">${b.changed} of ${b.decisions}</td>
            <td data-label="Changes">${kindsOf(b)}</td>
            <td data-label="Examples">${first ? examples(b.examples[first]) : ''}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

/** A replay report as the Bundles page shows it (the fragment the replay form puts on the page). */
export function replayReportView(r: ReplayReport): Html {
  const attention: ChangeKind[] = ['allow_to_deny', 'deny_to_allow'];
  return html`<section class="card" aria-labelledby="report-h">
    <h2 id="report-h">Replay of revision <span class="mono">${r.candidate.revision || '(none)'}</span></h2>
    <p>
      ${r.replayed} recorded decisions
      re-evaluated${r.window.connection ? ` on connection ${r.window.connection}` : ''}, from
      ${when(r.window.since)} to ${r.window.until ? when(r.window.until) : 'now'}, in ${r.duration_ms} ms
      (${r.rate} per second)${r.truncated ? html`; <b>stopped at the limit of ${r.window.limit}</b>` : ''}.
      ${
        r.baseline === 'live'
          ? html`Compared with the live bundles' answers to the same inputs
            now${
              r.recorded_differs > 0
                ? html` (${r.recorded_differs} of them now answer differently from what was recorded)`
                : ''
            }.`
          : 'Compared with the decisions as recorded.'
      }
    </p>
    <div class="counts" role="list" aria-label="Counts">
      <div class="count" role="listitem"><b>${r.unchanged}</b>unchanged</div>
      ${CHANGE_KINDS.map(
        (k) =>
          html`<div class="count" role="listitem">
            <b class="${attention.includes(k) && r.changes[k] > 0 ? 'tag deny' : ''}">${r.changes[k]}</b
            >${CHANGE_LABELS[k]}
            <div>${examples(r.examples[k])}</div>
          </div>`,
      )}
    </div>
    ${
      Object.keys(r.errors).length
        ? html`<p class="error">
            The candidate could not answer:
            ${Object.entries(r.errors).map(([code, e]) => html`${code} ${e.count} ${examples(e.examples)} `)}
          </p>`
        : ''
    }
    ${
      r.skipped.no_input + r.skipped.recorded_error > 0
        ? html`<p class="muted">
            Not replayed: ${r.skipped.no_input} recorded without input, ${r.skipped.recorded_error} that had
            failed.
          </p>`
        : ''
    }
    ${
      r.masked_inputs > 0
        ? html`<p class="muted">
            ${r.masked_inputs} recorded inputs had fields erased by the policy's <code>system.log.mask</code>;
            they may differ for that alone.
          </p>`
        : ''
    }
    ${bucketTable('Per connection', 'Connection', Object.entries(r.per_connection))}
    ${bucketTable('Per reason', 'Reason', Object.entries(r.per_reason))}
  </section>`;
}
