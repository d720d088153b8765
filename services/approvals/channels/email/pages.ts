import type { ApprovalRecord, ReviewDecision } from '../../types.js';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
pre{background:#f4f4f4;padding:.75rem;overflow:auto;white-space:pre-wrap}dt{font-weight:600}
button{font-size:1rem;padding:.5rem 1.25rem}textarea{width:100%}</style></head>
<body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function summary(record: ApprovalRecord): string {
  const r = record.request;
  const query = Object.entries(r.query ?? {})
    .flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`))
    .join('&');
  return `<dl>
<dt>Who</dt><dd>${esc(record.requester.sub)}${record.requester.email ? ` (${esc(record.requester.email)})` : ''}</dd>
<dt>Request</dt><dd><code>${esc(`${r.method} /${record.connection}${r.path}${query ? `?${query}` : ''}`)}</code></dd>
<dt>Why the policy asks</dt><dd>${esc(record.policy_reasons.join('; ') || '-')}</dd>
<dt>Reason given</dt><dd>${esc(record.break_glass?.reason || record.caller_reason || '-')}</dd>
<dt>Expires</dt><dd>${esc(new Date(record.expires_at).toISOString())}</dd>
</dl>${r.body?.excerpt ? `<p>Body (masked):</p><pre>${esc(r.body.excerpt)}${r.body.truncated ? ' …' : ''}</pre>` : ''}`;
}

/**
 * The page a review link opens: it shows the request and asks to confirm.
 * Opening it changes nothing (mail scanners follow links); only the form's
 * POST decides.
 */
export function confirmPage(
  record: ApprovalRecord,
  decision: ReviewDecision,
  token: string,
  action: string,
): string {
  const verb = decision === 'approve' ? 'Approve' : 'Deny';
  return page(
    `${verb} this request?`,
    `${summary(record)}
<form method="post" action="${esc(action)}">
<input type="hidden" name="token" value="${esc(token)}">
<p><label for="reason">Your reason (optional, recorded)</label><br><textarea id="reason" name="reason" rows="3" maxlength="1000"></textarea></p>
<p><button type="submit">${verb}</button></p>
</form>`,
  );
}

export function donePage(record: ApprovalRecord, decision: ReviewDecision): string {
  const status = record.break_glass ? `break-glass review ${record.break_glass.review}` : record.status;
  return page(
    decision === 'approve' ? 'Approved' : 'Denied',
    `<p>Your review is recorded. The request is now <strong>${esc(status)}</strong>.</p>${summary(record)}`,
  );
}

export function errorPage(code: string, message: string): string {
  return page('This link cannot be used', `<p>${esc(message)}</p><p><small>${esc(code)}</small></p>`);
}
