import type { ServerResponse } from 'node:http';

/**
 * Every error the proxy answers with. One table, so nothing else invents a
 * status; docs/POLICY.md lists each code (a test checks it).
 */
export const PROXY_ERRORS = {
  bad_request: { status: 400, message: 'the request is malformed or was cut off' },
  method_override_refused: { status: 400, message: 'the request asks for another method with _method' },
  json_too_deep: { status: 400, message: 'the JSON body nests too deep' },
  request_smuggling: { status: 400, message: 'conflicting or unsupported framing headers' },
  path_invalid: { status: 400, message: 'the path is ambiguous or malformed' },
  reason_required: { status: 400, message: 'this request needs a reason: send it in Portcullis-Reason' },
  reason_too_long: { status: 400, message: 'the reason is longer than allowed' },
  approval_header_invalid: { status: 400, message: 'Portcullis-Approval must be an approval id' },
  unauthenticated: { status: 401, message: 'missing or invalid credentials' },
  forbidden: { status: 403, message: 'the policy denied this request' },
  approval_required: { status: 403, message: 'this request needs approval' },
  approval_denied: { status: 403, message: 'a reviewer denied this request' },
  approval_expired: { status: 403, message: 'the approval expired before it was used' },
  approval_cancelled: { status: 403, message: 'the approval was cancelled' },
  approval_revoked: { status: 403, message: 'the approval was revoked' },
  approval_mismatch: { status: 403, message: 'the approval was given for a different request' },
  break_glass_refused: { status: 403, message: 'break-glass is not allowed for this request' },
  grant_unavailable: { status: 403, message: 'the grant was revoked, used up or expired meanwhile' },
  no_connection: { status: 404, message: 'no connection matches this host and path' },
  approval_not_found: { status: 404, message: 'no such approval' },
  approval_used: { status: 409, message: 'this approval has already been used' },
  body_too_large: { status: 413, message: 'the request body exceeds the connection limit' },
  credential_unavailable: { status: 500, message: 'the connection credential could not be read' },
  internal_error: { status: 500, message: 'internal proxy error' },
  decision_headers_refused: { status: 502, message: 'the decision asked for unsafe header changes' },
  upstream_unreachable: { status: 502, message: 'the upstream could not be reached' },
  response_too_large_to_mask: { status: 502, message: 'the response is too large to mask or inspect' },
  response_not_maskable: { status: 502, message: 'the response cannot be masked (encoding or content type)' },
  stream_event_too_large: { status: 502, message: 'an event of the upstream stream is larger than allowed' },
  identity_unavailable: { status: 503, message: 'the identity provider keys could not be fetched' },
  decision_unavailable: { status: 503, message: 'the decision service is unreachable, slow or failing' },
  decision_invalid: { status: 503, message: 'the decision service answered with no valid decision' },
  approval_unavailable: { status: 503, message: 'approvals cannot be checked now (store unavailable)' },
  audit_unavailable: { status: 503, message: 'the audit trail cannot record this request now' },
  upstream_timeout: { status: 504, message: 'the upstream did not answer in time' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  readonly status: number;
  readonly reasons: string[];
  /** Extra response headers, e.g. WWW-Authenticate. */
  readonly headers: Record<string, string>;
  /** Extra fields of the JSON answer, e.g. an approval id. */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ProxyErrorCode,
    detail?: string,
    options: {
      reasons?: string[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(detail ?? PROXY_ERRORS[code].message, { cause: options.cause });
    this.name = 'ProxyError';
    this.code = code;
    this.status = PROXY_ERRORS[code].status;
    this.reasons = options.reasons ?? [];
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

/** The JSON body of every error answer: `{error, message, reasons?, decision_id?}`. */
export function sendProxyError(res: ServerResponse, err: ProxyError, decisionId: string | undefined): void {
  if (res.headersSent) {
    res.destroy(err);
    return;
  }
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  if (decisionId) res.setHeader('X-Portcullis-Decision-Id', decisionId);
  const body: Record<string, unknown> = { error: err.code, message: err.message };
  if (err.reasons.length > 0 || err.code === 'forbidden' || err.code === 'approval_required') {
    body.reasons = err.reasons;
  }
  if (decisionId) body.decision_id = decisionId;
  Object.assign(body, err.extra);
  const text = JSON.stringify(body);
  res.statusCode = err.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
